// Prints files with definitions: the composer import (in its several accepted forms),
// imports of plain modules and of fragments, each definition in its placement, and
// ordinary helper code after the definitions (what the edit-cutoff scenario changes).

import { templateText } from "./definition-text.mjs";
import { ImportBook, aliasSpecifier, referenceTo, relativeSpecifier } from "./imports.mjs";
import { camel } from "./names.mjs";

const COMMENTS = [
  "Colocated with the screen that renders it; keep the selection minimal.",
  "Spread by list and detail views alike.",
  "Variables mirror the route parameters.",
  "Cached for a short time by the client; see CACHE_SECONDS below.",
  "Owned by the platform team.",
];

/** The composer import of a file and how its calls start (`gql`, `g`, `sys.gql`). */
function composerImport(file, r) {
  const x = r.next();
  const rel = relativeSpecifier(file.path, "src/graphql-system/index.ts");
  if (x < 0.7) return { line: `import { gql } from "@/graphql-system";`, callee: "gql" };
  if (x < 0.85) return { line: `import { gql } from "${rel}";`, callee: "gql" };
  if (x < 0.95) return { line: `import { gql as g } from "@/graphql-system";`, callee: "g" };
  return { line: `import * as sys from "@/graphql-system";`, callee: "sys.gql" };
}

/** One `gql.<label>(…)` call at column `pad`, in one of the factory forms of docs/reference/dsl.md §2. */
function callText(file, def, pad, r) {
  const sp = (n) => " ".repeat(n);
  const builder = def.kind === "fragment" ? "fragment" : def.opType;
  const ref = (frag) => referenceTo(file, frag, r);
  const options = r.chance(0.15) ? `{ metadata: { owner: "${file.path.split("/")[2]}" } }` : "";
  const form = r.next();
  let text;
  let t;
  if (form < 0.75) {
    t = templateText(def, pad + 2, ref, "");
    text = `${file.callee}.${def.label}(({ ${builder} }) =>\n${sp(pad + 2)}${t.text}(${options}),\n${sp(pad)})`;
  } else if (form < 0.9) {
    t = templateText(def, pad + 2, ref, "b.");
    text = `${file.callee}.${def.label}((b) =>\n${sp(pad + 2)}${t.text}(${options}),\n${sp(pad)})`;
  } else {
    t = templateText(def, pad + 2, ref, "");
    text = `${file.callee}.${def.label}(({ ${builder} }) => {\n${sp(pad + 2)}return ${t.text}(${options});\n${sp(pad)}})`;
  }
  def.head = t.head;
  def.bodyIndent = t.bodyIndent;
  return text;
}

function groupText(file, item, r) {
  const props = item.defs.map((d) => `  ${d.prop}: ${callText(file, d, 2, r)},`);
  return `export const ${item.defs[0].group} = {\n${props.join("\n")}\n};`;
}

/** The text of one placement (item) of a fragment file. */
function fragmentItemText(file, item, r) {
  const def = item.defs[0];
  if (item.form === "group") return groupText(file, item, r);
  if (item.form === "renamed") return `const ${def.binding} = ${callText(file, def, 0, r)};\nexport { ${def.binding} as ${def.exportName} };`;
  const chain = r.chance(0.03) ? `.attach({ debug: ${r.chance(0.5)} })` : "";
  return `export const ${def.binding} = ${callText(file, def, 0, r)}${chain};`;
}

/** The text of one placement (item) of an operation file. */
function operationItemText(file, item, r) {
  const op = item.defs[item.defs.length - 1];
  switch (item.form) {
    case "group":
      return groupText(file, item, r);
    case "function":
      return `export function ${camel(op.name)}Operation(variables: Record<string, unknown> = {}) {\n  const operation = ${callText(file, op, 2, r)};\n  return { operation, variables };\n}`;
    case "class":
      return `export class ${op.name}Repository {\n  load(id: string) {\n    const operation = ${callText(file, op, 4, r)};\n    return { operation, id };\n  }\n}`;
    case "pair": {
      const frag = item.defs[0];
      const fragText = callText(file, frag, 2, r);
      return `export function use${op.name}Data(id: string) {\n  const ${frag.binding} = ${fragText};\n  const query = ${callText(file, op, 2, r)};\n  return { query, ${frag.binding}, id };\n}`;
    }
    default:
      return `export const ${op.name} = ${callText(file, op, 0, r)};`;
  }
}

/**
 * The full text of a file with definitions. `plainImports` are plain modules it uses
 * (`{ path, values }`). Sets `file.cutoff`, the edit of its helper constant.
 */
export function definitionFileText(file, plainImports, r) {
  file.book = new ImportBook();
  file.styles = new Map();
  const composer = composerImport(file, r);
  file.callee = composer.callee;
  const blocks = [];
  for (const item of file.items) {
    const comment = r.chance(0.2) ? `// ${r.pick(COMMENTS)}\n` : "";
    blocks.push(comment + (file.kind === "fragments" ? fragmentItemText(file, item, r) : operationItemText(file, item, r)));
  }
  const stem = camel(file.path.replace(/^.*\//, "").replace(/\.ts$/, "").replace(/-(\w)/g, (_, c) => c.toUpperCase()));
  const constant = `${stem.replace(/([A-Z])/g, "_$1").toUpperCase()}_CACHE_SECONDS`;
  const seconds = r.int(1, 60) * 5;
  const helper = [
    `/** How many ${stem} entries a list shows, for screen readers. */`,
    `export function ${stem}Label(count: number): string {`,
    `  return count === 1 ? "one entry" : \`\${count} entries\`;`,
    `}`,
  ];
  if (plainImports.length > 0) {
    const names = plainImports.map((p) => {
      const spec = r.chance(0.7) ? relativeSpecifier(file.path, p.path) : aliasSpecifier(p.path);
      return file.book.named(spec, p.values[0]);
    });
    helper.push("", `export const ${stem}Helpers = [${names.join(", ")}] as const;`);
  }
  const cutoffLine = `export const ${constant} = ${seconds};`;
  helper.push("", cutoffLine);
  file.cutoff = { from: cutoffLine, to: `export const ${constant} = ${seconds + 1};` };
  const head = [composer.line, ...file.book.lines()].join("\n");
  return `${head}\n\n${blocks.join("\n\n")}\n\n${helper.join("\n")}\n`;
}
