// Plain TypeScript modules — utilities, hooks, components — that never mention GraphQL.
// They are most of a real app's files: the builder must read, parse and resolve them
// cheaply. Bodies are small realistic pieces (types, loops, reducers, classes) stitched
// until the module reaches its drawn size.

import { ADJECTIVES, NOUNS, VERBS, pascal } from "./names.mjs";

const SIZE_MIN = 300;
const SIZE_MAX = 4000;

/** A module size in [300, 4000] bytes, skewed small the way real apps are. */
export function drawSize(rng) {
  return SIZE_MIN + Math.floor((SIZE_MAX - SIZE_MIN - 400) * rng.next() ** 1.7);
}

/** A fresh exported identifier `verbAdjectiveNoun` (unique through `pool`). */
export function valueName(rng, pool) {
  return pool.take(`${rng.pick(VERBS)}${pascal(rng.pick(ADJECTIVES))}${pascal(rng.pick(NOUNS))}`);
}

/** A fresh exported type name `AdjectiveNounKind`. */
export function typeName(rng, pool) {
  return pool.take(`${pascal(rng.pick(ADJECTIVES))}${pascal(rng.pick(NOUNS))}${rng.pick(["Options", "State", "Props", "Entry", "Config"])}`);
}

const PIECES = [
  (r, n) => ({
    kind: "value",
    text: `export function ${n}<T extends { id: string }>(items: ReadonlyArray<T>, limit = ${r.int(5, 50)}): T[] {
  const out: T[] = [];
  const seen = new Set<string>();
  for (const item of items) {
    if (out.length >= limit) break;
    if (seen.has(item.id)) continue;
    seen.add(item.id);
    out.push(item);
  }
  return out;
}
`,
  }),
  (r, n) => ({
    kind: "value",
    text: `export const ${n} = (value: number, factor = ${r.int(2, 9)}): number =>
  Math.round(value * factor * ${r.int(10, 1000)}) / ${r.int(10, 1000)};
`,
  }),
  (r, n) => ({
    kind: "value",
    text: `export function ${n}(rows: Array<{ key: string; value: number }>): Record<string, number> {
  return rows.reduce<Record<string, number>>((acc, row) => {
    acc[row.key] = (acc[row.key] ?? 0) + row.value * ${r.int(1, 4)};
    return acc;
  }, {});
}
`,
  }),
  (r, n) => ({
    kind: "value",
    text: `export function ${n}(state: "idle" | "loading" | "ready" | "error"): string {
  switch (state) {
    case "idle":
      return "${r.pick(NOUNS)} is idle";
    case "loading":
      return "loading ${r.pick(NOUNS)}…";
    case "ready":
      return "${r.pick(ADJECTIVES)}";
    default:
      return "failed after ${r.int(1, 5)} attempts";
  }
}
`,
  }),
  (r, n) => ({
    kind: "value",
    text: `export class ${pascal(n)} {
  private readonly entries = new Map<string, { value: number; at: number }>();

  constructor(private readonly ttlMs = ${r.int(1, 60) * 1000}) {}

  get(key: string, now = Date.now()): number | undefined {
    const entry = this.entries.get(key);
    if (!entry || now - entry.at > this.ttlMs) return undefined;
    return entry.value;
  }

  set(key: string, value: number, now = Date.now()): void {
    this.entries.set(key, { value, at: now });
  }
}
`,
    name: pascal(n),
  }),
  (r, n) => ({
    kind: "value",
    text: `export async function ${n}(url: string, signal?: AbortSignal): Promise<unknown> {
  const response = await fetch(url, { signal, headers: { accept: "application/json" } });
  if (!response.ok) {
    throw new Error(\`${n} failed with \${response.status} after ${r.int(1, 9)} tries\`);
  }
  return response.json();
}
`,
  }),
  (r, n) => ({
    kind: "value",
    text: `export const ${n} = Object.freeze({
  pageSize: ${r.int(10, 100)},
  locale: "${r.pick(["en", "fr", "de", "ja", "pt"])}",
  retries: ${r.int(0, 5)},
  ${r.pick(NOUNS)}: "${r.pick(ADJECTIVES)}",
});
`,
  }),
  (r, n) => ({
    kind: "value",
    text: `export function ${n}(input: string): string[] {
  return input
    .split(/[\\s,;]+/)
    .map((part) => part.trim().toLowerCase())
    .filter((part) => part.length > ${r.int(0, 3)});
}
`,
  }),
];

const TYPE_PIECES = [
  (r, n) => `export interface ${n} {
  id: string;
  ${r.pick(NOUNS)}: ${r.pick(["string", "number", "boolean", "string[]"])};
  ${r.pick(ADJECTIVES)}?: ${r.pick(["string", "number", "boolean"])};
  updatedAt: number;
}
`,
  (r, n) => `export type ${n} = { kind: "${r.pick(NOUNS)}"; value: number } | { kind: "none" };
`,
];

const HOOK_PIECE = (r, n) => ({
  kind: "value",
  text: `export function ${n}<T>(initial: T) {
  const [value, setValue] = useState<T>(initial);
  const listeners = new Set<(next: T) => void>();
  useEffect(() => () => listeners.clear(), []);
  return {
    value,
    set(next: T) {
      setValue(next);
      listeners.forEach((listener) => listener(next));
    },
    subscribe(listener: (next: T) => void) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
`,
});

const COMMENTS = [
  "Kept separate so the table and the export share one implementation.",
  "Values come from the API as strings; normalise them once here.",
  "The limit matches what the backend pages by default.",
  "Pure helpers: no state, safe to call during render.",
  "See the design doc for why this is not memoised.",
];

/**
 * One plain module. `imports` are earlier modules this one uses: `{ specifier, values,
 * types }`. Returns the text and the names it exports (values and types).
 */
export function plainModule(rng, { layer, imports, size, pool }) {
  const lines = [];
  const react = layer !== "util" && rng.chance(layer === "hook" ? 0.9 : 0.4);
  if (react) lines.push(`import { useEffect, useState } from "react";`);
  for (const imp of imports) {
    if (imp.values.length) lines.push(`import { ${imp.values.join(", ")} } from "${imp.specifier}";`);
    if (imp.types.length) lines.push(`import type { ${imp.types.join(", ")} } from "${imp.specifier}";`);
  }
  if (lines.length) lines.push("");
  if (rng.chance(0.4)) lines.push(`// ${rng.pick(COMMENTS)}`);
  const values = [];
  const types = [];
  const emit = (text) => lines.push(text);
  if (rng.chance(0.6)) {
    const name = typeName(rng, pool);
    emit(rng.pick(TYPE_PIECES)(rng, name));
    types.push(name);
  }
  if (react) {
    const name = pool.take(`use${pascal(rng.pick(ADJECTIVES))}${pascal(rng.pick(NOUNS))}`);
    emit(HOOK_PIECE(rng, name).text);
    values.push(name);
  }
  const used = imports.flatMap((i) => i.values);
  if (used.length > 0) {
    const name = valueName(rng, pool);
    emit(`export function ${name}(): string[] {
  // Touches every dependency so bundlers keep the imports.
  return [${used.join(", ")}].map((dep) => typeof dep);
}
`);
    values.push(name);
  }
  let text = lines.join("\n").replace(/^\n+/, "");
  // At least one value export; then pieces until the drawn size, never past SIZE_MAX.
  while (values.length === 0 || text.length < size) {
    const piece = rng.pick(PIECES)(rng, valueName(rng, pool));
    const next = `${text}\n${piece.text}`;
    if (next.length > SIZE_MAX && values.length > 0) break;
    text = next;
    values.push(piece.name ?? /export (?:async )?(?:function|const|class) (\w+)/.exec(piece.text)[1]);
  }
  if (text.length < SIZE_MIN) text += `\n// ${COMMENTS.join("\n// ")}\n`;
  return { text: text.endsWith("\n") ? text : `${text}\n`, values, types };
}
