// Prints a definition's selection model: as the tagged template a source file holds
// (`...${ref}` interpolations, resolved per file by the caller), and as standard GraphQL
// with named fragments, which graphql-js can validate.

/** `($a: T = d, …) ` or an empty string. */
export function variablesText(vars) {
  if (vars.length === 0) return "";
  const one = (v) => `$${v.name}: ${v.type}${v.defaultValue !== undefined ? ` = ${v.defaultValue}` : ""}`;
  return `(${vars.map(one).join(", ")}) `;
}

/** Selection lines at `indent` spaces; `spreadText(frag)` says how a spread is written. */
export function selectionLines(selections, indent, spreadText) {
  const pad = " ".repeat(indent);
  const out = [];
  for (const s of selections) {
    if (s.k === "spread") {
      out.push(`${pad}...${spreadText(s.frag)}${s.dirs ? ` ${s.dirs}` : ""}`);
    } else if (s.k === "inline") {
      out.push(`${pad}... on ${s.type} {`, ...selectionLines(s.sel, indent + 2, spreadText), `${pad}}`);
    } else {
      const head = `${pad}${s.alias ? `${s.alias}: ` : ""}${s.name}${s.args}${s.dirs ? ` ${s.dirs}` : ""}`;
      if (s.sel) out.push(`${head} {`, ...selectionLines(s.sel, indent + 2, spreadText), `${pad}}`);
      else out.push(head);
    }
  }
  return out;
}

/**
 * The tagged-template part of a definition, from the builder call to the closing
 * backtick: ``fragment("Key", "Type")`(…) {\n … \n  }` ``. `indent` is the column of the
 * line the call starts on; `ref(frag)` is the interpolated expression for a fragment.
 * Also returns `head`, the unique text up to and including the opening brace's newline,
 * which the benchmark's edit scenarios extend.
 */
export function templateText(def, indent, ref, builder) {
  const call = def.kind === "fragment" ? `${builder}fragment("${def.key}", "${def.typeName}")` : `${builder}${def.opType}("${def.name}")`;
  const head = `${call}\`${variablesText(def.vars)}{\n`;
  const body = selectionLines(def.sel, indent + 2, (f) => `\${${ref(f)}}`).join("\n");
  return { text: `${head}${body}\n${" ".repeat(indent)}}\``, head, bodyIndent: indent + 2 };
}

/** Every fragment `def` reaches through spreads, in first-met order. */
export function reachableFragments(def, out = new Map()) {
  const walk = (sel) => {
    for (const s of sel) {
      if (s.k === "spread") {
        if (!out.has(s.frag.key)) {
          out.set(s.frag.key, s.frag);
          walk(s.frag.sel);
        }
      } else if (s.sel) walk(s.sel);
    }
  };
  walk(def.sel);
  return [...out.values()];
}

/**
 * Standard GraphQL for graphql-js: the definition plus every fragment it reaches as named
 * fragments. Fragment variables move to the operation (what fizz-gql's composition does);
 * a lone fragment keeps them undeclared, which graphql-js only checks for operations.
 */
export function standardDocument(def) {
  const fragments = reachableFragments(def);
  const named = (f) => f.key;
  const blocks = [];
  if (def.kind === "operation") {
    const vars = [...def.vars];
    for (const f of fragments) for (const v of f.vars) if (!vars.some((x) => x.name === v.name)) vars.push(v);
    blocks.push(`${def.opType} ${def.name}${variablesText(vars).trimEnd()} {\n${selectionLines(def.sel, 2, named).join("\n")}\n}`);
  } else {
    blocks.push(`fragment ${def.key} on ${def.typeName} {\n${selectionLines(def.sel, 2, named).join("\n")}\n}`);
  }
  for (const f of fragments) {
    blocks.push(`fragment ${f.key} on ${f.typeName} {\n${selectionLines(f.sel, 2, named).join("\n")}\n}`);
  }
  return blocks.join("\n\n");
}
