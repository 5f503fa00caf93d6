// What the peers' projects share: the definitions of one generated workload taken from the
// generator's model (never from fizz-gql's output), printed as standard GraphQL with the
// names a peer needs, the plain modules copied as they are, and the one-file edits of the
// benchmark's scenarios restated for the peer's files.
//
// Fragment variables: fizz-gql moves a fragment's variables to every operation that reaches
// it (docs/reference/dsl.md §5.3). Both peers get the same composed form: a fragment uses
// the variable without declaring it, and every operation that reaches the fragment declares
// it with the fragment's type and default. For Relay these are global variables (no
// `@argumentDefinitions`, which would make the default a constant Relay folds away).

import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

import { buildProject } from "../project.mjs";
import { reachableFragments, selectionLines, variablesText } from "../definition-text.mjs";
import { camel } from "../names.mjs";

/** Bumped whenever a peer project's output for a given seed changes. */
export const PEERS_VERSION = 2;

/** The model of workload `name` and `seed`: definitions, files, schemas, fizz's manifest. */
export function peerModel(name, seed) {
  const { files, manifest, model, schemas } = buildProject(name, seed);
  // Plain TypeScript that never mentions GraphQL: the bulk of every project, which each
  // tool still has to list and (for codegen) read. Barrels and the graphql-system module
  // only serve fizz-gql's imports and are left out.
  const plain = [...files.keys()].filter((p) => /^src\/(utils|hooks|components)\//.test(p)).sort();
  const byFile = new Map();
  for (const def of model.all) {
    if (!byFile.has(def.file.path)) byFile.set(def.file.path, { path: def.file.path, label: def.label, defs: [] });
    byFile.get(def.file.path).defs.push(def);
  }
  return { name, seed, files, plain, manifest, model, schemas, definitionFiles: [...byFile.values()] };
}

/**
 * The variables an operation declares: its own, then those of every fragment it reaches
 * (first declaration wins), which is what fizz-gql's composed document declares.
 */
export function operationVariables(def) {
  const vars = [...def.vars];
  for (const f of reachableFragments(def)) for (const v of f.vars) if (!vars.some((x) => x.name === v.name)) vars.push(v);
  return vars;
}

/** `src/pages/settings-2/project-page.ts` → `PagesSettings2ProjectPage`: an identifier unique per path. */
export function pascalPath(path) {
  return path
    .replace(/^src\//, "")
    .replace(/\.ts$/, "")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

/**
 * The GraphQL text of one definition at `indent` columns, with `fragmentName(frag)` and
 * `operationName(def)` naming things as the peer wants (and `lines(def, indent)` printing
 * its selections, when the peer writes them differently). Returns the text and `head`, its
 * first line (unique in a file: it holds the definition's name), which the edits extend.
 */
export function definitionText(def, indent, { fragmentName, operationName, lines = (d, i) => selectionLines(d.sel, i, fragmentName) }) {
  const pad = " ".repeat(indent);
  const head =
    def.kind === "fragment"
      ? `${pad}fragment ${fragmentName(def)} on ${def.typeName} {\n`
      : `${pad}${def.opType} ${operationName(def)}${variablesText(operationVariables(def)).trimEnd()} {\n`;
  const body = lines(def, indent + 2).join("\n");
  return { text: `${head}${body}\n${pad}}`, head, bodyIndent: indent + 2 };
}

/** A JS identifier for a definition's export (its key or name, camel-cased; unique in a project). */
export function exportName(def) {
  return camel(def.kind === "fragment" ? def.key : def.name);
}

/** The edit "add `__typename` as the first selection" of one printed definition. */
export function typenameEdit(file, printed) {
  return { file, from: printed.head, to: `${printed.head}${" ".repeat(printed.bodyIndent)}__typename\n` };
}

/** Writes `files` (root-relative path → text) under `dir`, in sorted order. */
export function writeTree(dir, files) {
  const made = new Set();
  for (const path of [...files.keys()].sort()) {
    const full = join(dir, path);
    if (!made.has(dirname(full))) {
      mkdirSync(dirname(full), { recursive: true });
      made.add(dirname(full));
    }
    writeFileSync(full, files.get(path));
  }
}

/** The schema SDL files every peer project holds. */
export function schemaFiles(pm) {
  return new Map(Object.entries(pm.schemas).map(([label, s]) => [`schema/${label}.graphql`, s.toSDL()]));
}
