// The GraphQL Code Generator form of a generated workload: `graphql(\`…\`)` calls of the
// client preset's generated `gql/` folder, compiled by `graphql-codegen` (codegen.yml,
// `preset: client`: documents and types) into `src/gql/` for the `default` schema and
// `src/admin/gql/` for `admin` — one `generates` entry per schema label.
//
// Files and names stay as fizz-gql's (the preset has no naming rules beyond unique names):
// fragment `UserCard` is `fragment UserCard on User`, spread as `...UserCard`; operation
// `LoadUserPanel` is `query LoadUserPanel`. Fragment variables are declared by each
// operation that reaches them (peer-model.mjs).

import { existsSync, readFileSync, rmSync } from "node:fs";
import { join, posix } from "node:path";

import { PEERS_VERSION, definitionText, exportName, schemaFiles, typenameEdit, writeTree } from "./peer-model.mjs";

/** The output folder of a schema label (a `generates` key of codegen.yml). */
export function codegenOutput(label) {
  return label === "default" ? "src/gql" : `src/${label}/gql`;
}

const NAMES = { fragmentName: (f) => f.key, operationName: (op) => op.name };

/** codegen.yml: per schema label, its schema, its documents (other labels' folders and every output excluded). */
function codegenConfig(labels) {
  const lines = ["# Benchmark peer project: GraphQL Code Generator, client preset (documents + types).", "overwrite: true", "generates:"];
  for (const label of labels) {
    const out = codegenOutput(label);
    const docs = label === "default" ? ["src/**/*.ts", ...labels.filter((l) => l !== "default").map((l) => `!src/${l}/**`), "!src/gql/**"] : [`src/${label}/**/*.ts`, `!${out}/**`];
    lines.push(`  ${out}/:`, `    schema: schema/${label}.graphql`, "    documents:", ...docs.map((d) => `      - "${d}"`), "    preset: client");
  }
  return `${lines.join("\n")}\n`;
}

/** The files of the codegen project for `pm` (peer-model.mjs) and its manifest. */
export function codegenProject(pm) {
  const files = new Map();
  const printed = new Map();
  for (const f of pm.definitionFiles) {
    let spec = posix.relative(posix.dirname(f.path), codegenOutput(f.label));
    if (!spec.startsWith(".")) spec = `./${spec}`;
    const blocks = f.defs.map((def) => {
      const p = definitionText(def, 2, NAMES);
      printed.set(def, { file: f.path, ...p });
      return `export const ${exportName(def)} = graphql(\`\n${p.text}\n\`);`;
    });
    files.set(f.path, `// GraphQL Code Generator form of ${f.path} (benchmark peer project).\nimport { graphql } from "${spec}";\n\n${blocks.join("\n\n")}\n`);
  }
  for (const p of pm.plain) files.set(p, pm.files.get(p));
  for (const [path, text] of schemaFiles(pm)) files.set(path, text);
  const labels = [...new Set(pm.definitionFiles.map((f) => f.label))].sort((a, b) => (a === "default" ? -1 : b === "default" ? 1 : a < b ? -1 : 1));
  files.set("codegen.yml", codegenConfig(labels));
  const edit = (def) => typenameEdit(printed.get(def).file, printed.get(def));
  const operations = {};
  for (const def of pm.model.all) if (def.kind === "operation") operations[def.name] = { name: def.name, label: def.label };
  const manifest = {
    peer: "codegen",
    peersVersion: PEERS_VERSION,
    workload: pm.name,
    seed: pm.seed,
    generatorVersion: pm.manifest.generatorVersion,
    outputs: labels.map(codegenOutput),
    scenarios: { editLeaf: edit(pm.model.leaf), editHub: edit(pm.model.hub) },
    operations,
  };
  files.set("peer-manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
  return { files, manifest };
}

/** Writes the codegen project into `dir` (replacing what is there) and returns its manifest. */
export function writeCodegenProject(pm, dir) {
  const { files, manifest } = codegenProject(pm);
  rmSync(dir, { recursive: true, force: true });
  writeTree(dir, files);
  return manifest;
}

/**
 * The operation documents graphql-codegen wrote: per operation name, the document node of
 * `<output>/graphql.ts` (`export const <Name>Document = {…} as unknown as DocumentNode<…>`,
 * the operation plus the fragments it reaches), as a parsed AST object.
 */
export function codegenDocuments(dir, manifest) {
  const out = new Map();
  for (const output of manifest.outputs) {
    const file = join(dir, output, "graphql.ts");
    if (!existsSync(file)) continue;
    for (const m of readFileSync(file, "utf8").matchAll(/^export const (\w+)Document = (\{.*\}) as unknown as DocumentNode<.*$/gm)) {
      const doc = JSON.parse(m[2]);
      const op = doc.definitions.find((d) => d.kind === "OperationDefinition");
      if (op?.name) out.set(op.name.value, doc);
    }
  }
  return out;
}
