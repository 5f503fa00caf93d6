// An ordinary module: no GraphQL here, the builder only looks at its imports and exports.
export function button(label: string): string {
  return `<button>${label}</button>`;
}
