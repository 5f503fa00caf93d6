// The Relay form of a generated workload: `graphql` tagged templates that relay-compiler
// (the npm package's native binary) compiles into `__generated__/<project>/*.graphql.ts`.
//
// Relay names things by module: a file's module name is its file name, a fragment must be
// named `<Module>_<name>` and an operation `<Module><name>Query` (`Mutation`,
// `Subscription`). So each file with definitions is renamed to a PascalCase form of its
// path (`src/pages/settings/project-page.ts` → `src/pages/settings/PagesSettingsProjectPage.ts`),
// fragment `UserCard` there becomes `PagesSettingsProjectPage_UserCard` and operation
// `LoadUserPanel` becomes `PagesSettingsProjectPageLoadUserPanelQuery`. Both schemas are
// compiled, through Relay's multi-project config: `src/admin` is the `admin` project, the
// rest of `src` the `default` one. Fragment variables are global variables declared by each
// operation that reaches them (peer-model.mjs).
//
// Relay 21 requires `@alias` on a spread that may not match (behind `@include`, or of a
// fragment whose type is narrower than where it is spread: a member fragment in a union
// field); a Relay developer writes it there, and so does this generator. It only names the
// fragment reference in the generated types: the query Relay sends is the same.

import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";

import { PEERS_VERSION, definitionText, exportName, pascalPath, schemaFiles, typenameEdit, writeTree } from "./peer-model.mjs";
import { selectionLines } from "../definition-text.mjs";

const KIND_SUFFIX = { query: "Query", mutation: "Mutation", subscription: "Subscription" };

/** Whether a fragment on `typeName` spread in a selection of `parent` always matches (schema model). */
function alwaysMatches(schema, parent, typeName) {
  if (parent === typeName) return true;
  const p = schema.type(parent);
  const t = schema.type(typeName);
  if (p.kind !== "object") return false;
  return t.kind === "interface" ? (p.interfaces ?? []).includes(typeName) : t.kind === "union" && t.members.includes(parent);
}

/** Selection lines as Relay wants them: standard GraphQL plus `@alias` where a spread may not match. */
function relayLines(schema, selections, parent, indent, fragmentName) {
  const pad = " ".repeat(indent);
  const out = [];
  for (const s of selections) {
    if (s.k === "spread") {
      const alias = s.dirs || !alwaysMatches(schema, parent, s.frag.typeName) ? " @alias" : "";
      out.push(`${pad}...${fragmentName(s.frag)}${s.dirs ? ` ${s.dirs}` : ""}${alias}`);
    } else if (s.k === "inline") {
      out.push(`${pad}... on ${s.type} {`, ...relayLines(schema, s.sel, s.type, indent + 2, fragmentName), `${pad}}`);
    } else {
      const head = `${pad}${s.alias ? `${s.alias}: ` : ""}${s.name}${s.args}${s.dirs ? ` ${s.dirs}` : ""}`;
      if (!s.sel) out.push(head);
      else {
        const type = schema.type(parent).fields.find((f) => f.name === s.name).named;
        out.push(`${head} {`, ...relayLines(schema, s.sel, type, indent + 2, fragmentName), `${pad}}`);
      }
    }
  }
  return out;
}

/** Relay's names for the definitions of a model: file path, module, fragment and operation names. */
export function relayNames(pm) {
  const fileOf = new Map();
  for (const f of pm.definitionFiles) {
    const module = pascalPath(f.path);
    fileOf.set(f.path, { module, path: f.path.replace(/[^/]+\.ts$/, `${module}.ts`) });
  }
  const fragmentName = (frag) => `${fileOf.get(frag.file.path).module}_${frag.key}`;
  const operationName = (op) => `${fileOf.get(op.file.path).module}${op.name}${KIND_SUFFIX[op.opType]}`;
  const lines = (def, indent) => {
    const schema = pm.schemas[def.label];
    return relayLines(schema, def.sel, def.kind === "fragment" ? def.typeName : schema.roots[def.opType], indent, fragmentName);
  };
  return { fileOf, fragmentName, operationName, lines };
}

/** The relay.config.json of the project: one Relay project per schema label. */
function relayConfig(labels) {
  const sources = { src: "default" };
  if (labels.includes("admin")) sources["src/admin"] = "admin";
  const projects = {};
  for (const label of labels) {
    projects[label] = {
      schema: `schema/${label}.graphql`,
      language: "typescript",
      eagerEsModules: true,
      output: `__generated__/${label}`,
    };
  }
  return { root: ".", sources, excludes: ["**/node_modules/**", "**/__generated__/**"], projects };
}

/**
 * The files of the Relay project for `pm` (peer-model.mjs) and its manifest: the
 * scenarios' edits on the renamed files and, per fizz-gql operation name, Relay's name.
 */
export function relayProject(pm) {
  const names = relayNames(pm);
  const files = new Map();
  const printed = new Map();
  for (const f of pm.definitionFiles) {
    const blocks = f.defs.map((def) => {
      const p = definitionText(def, 2, names);
      printed.set(def, { file: names.fileOf.get(f.path).path, ...p });
      return `export const ${exportName(def)} = graphql\`\n${p.text}\n\`;`;
    });
    files.set(names.fileOf.get(f.path).path, `// Relay form of ${f.path} (benchmark peer project).\nimport { graphql } from "relay-runtime";\n\n${blocks.join("\n\n")}\n`);
  }
  for (const p of pm.plain) files.set(p, pm.files.get(p));
  for (const [path, text] of schemaFiles(pm)) files.set(path, text);
  const labels = [...new Set(pm.definitionFiles.map((f) => f.label))].sort((a, b) => (a === "default" ? -1 : b === "default" ? 1 : a < b ? -1 : 1));
  files.set("relay.config.json", `${JSON.stringify(relayConfig(labels), null, 2)}\n`);
  const edit = (def) => {
    const p = printed.get(def);
    return typenameEdit(p.file, p);
  };
  // Relay rejects `__typename` on Query, Mutation and Subscription, so the leaf operation's
  // edit adds it as the first selection of its root field instead (an object type).
  const rootFieldEdit = (def) => {
    const p = printed.get(def);
    const from = `${p.head}${p.text.slice(p.head.length).split("\n")[0]}\n`;
    return { file: p.file, from, to: `${from}${" ".repeat(p.bodyIndent + 2)}__typename\n` };
  };
  const operations = {};
  for (const def of pm.model.all) if (def.kind === "operation") operations[def.name] = { name: names.operationName(def), label: def.label };
  const manifest = {
    peer: "relay",
    peersVersion: PEERS_VERSION,
    workload: pm.name,
    seed: pm.seed,
    generatorVersion: pm.manifest.generatorVersion,
    outputs: labels.map((l) => `__generated__/${l}`),
    scenarios: { editLeaf: rootFieldEdit(pm.model.leaf), editHub: edit(pm.model.hub) },
    operations,
  };
  files.set("peer-manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
  return { files, manifest };
}

/** Writes the Relay project into `dir` (replacing what is there) and returns its manifest. */
export function writeRelayProject(pm, dir) {
  const { files, manifest } = relayProject(pm);
  rmSync(dir, { recursive: true, force: true });
  writeTree(dir, files);
  return manifest;
}

/**
 * The operation documents relay-compiler wrote: per Relay operation name, the query text of
 * its artifact (`params.text`: the operation and every fragment it reaches, as Relay
 * prints them after its transforms).
 */
export function relayDocuments(dir, manifest) {
  const out = new Map();
  for (const { name, label } of Object.values(manifest.operations)) {
    const file = join(dir, "__generated__", label, `${name}.graphql.ts`);
    if (!existsSync(file)) continue;
    const m = /"text": ("(?:[^"\\]|\\.)*")/.exec(readFileSync(file, "utf8"));
    if (m) out.set(name, JSON.parse(m[1]));
  }
  return out;
}
