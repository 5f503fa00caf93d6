// Benchmark scenario "options-object analysis" (docs/reference/soda-compat §1, issue 14): a
// file of definitions in soda-gql's options-object form must re-analyse within 1.5x the
// time of the same definitions written as tagged templates. Both files live in one
// session; each timed run edits a constant after the definitions of one file and calls
// `update({ updated: [file] })`, so the file is parsed and analysed again and everything
// after analysis cuts off (the definitions did not change). Runs of the two forms are
// interleaved, so both see the same load on a shared machine. The two forms are also
// checked to print the same documents.
//
//   node benchmark/options-object.mjs [--definitions 300] [--reps 40] [--no-build]
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

import { ensureAddon } from "./lib/addon-build.mjs";
import { summarize, time } from "./lib/timing.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const LIMIT = 1.5;

const SCHEMA = `type Query { user(id: ID!): User }
type User { id: ID! name: String! email: String posts(first: Int): [Post!]! }
type Post { id: ID! title: String! }
`;

/** Definition `i` as tagged templates (a fragment with a variable, a query spreading it). */
function tagged(i) {
  return [
    `export const tf${i} = gql.default(({ fragment }) => fragment("TF${i}", "User")\`($first: Int) { id name posts(first: $first) { id title } }\`());`,
    `export const tq${i} = gql.default(({ query }) => query("TQ${i}")\`($id: ID!, $n: Int) { user(id: $id) { id email ...\${({ $ }) => tf${i}.spread({ first: $.n })} } }\`());`,
  ].join("\n");
}

/** The same two definitions in soda-gql's options-object form. */
function optionsObject(i) {
  return [
    `export const of${i} = gql.default(({ fragment }) => fragment("OF${i}", "User")({ variables: \`($first: Int)\`, fields: ({ f, $ }) => ({ ...f("id")(), ...f("name")(), ...f("posts", { first: $.first })(({ f }) => ({ ...f("id")(), ...f("title")() })) }) })());`,
    `export const oq${i} = gql.default(({ query }) => query("OQ${i}")({ variables: \`($id: ID!, $n: Int)\`, fields: ({ f, $ }) => ({ ...f("user", { id: $.id })(({ f }) => ({ ...f("id")(), ...f("email")(), ...of${i}.spread({ first: $.n }) })) }) })());`,
  ].join("\n");
}

function file(render, n, note) {
  const defs = Array.from({ length: n }, (_, i) => render(i)).join("\n");
  return `import { gql } from "./gql";\n${defs}\nexport const note = ${note};\n`;
}

function parseArgs(argv) {
  const args = { definitions: 300, reps: 40, build: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--definitions") args.definitions = Number(argv[++i]);
    else if (argv[i] === "--reps") args.reps = Number(argv[++i]);
    else if (argv[i] === "--no-build") args.build = false;
  }
  return args;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  if (args.build) ensureAddon(ROOT, (m) => console.error(m));
  const addon = createRequire(import.meta.url)(join(ROOT, "index.js"));
  const dir = join(tmpdir(), `fizz-bench-options-object-${process.pid}`);
  mkdirSync(join(dir, "src"), { recursive: true });
  try {
    writeFileSync(join(dir, "schema.graphql"), SCHEMA);
    writeFileSync(
      join(dir, "fizz.config.json"),
      JSON.stringify({ include: ["src/**/*.ts"], graphqlSystem: { path: "./src/gql.ts" }, schemas: { default: "./schema.graphql" } }),
    );
    writeFileSync(join(dir, "src/gql.ts"), "export const gql: any = {};\n");
    const forms = { templates: tagged, "options-object": optionsObject };
    for (const [name, render] of Object.entries(forms)) writeFileSync(join(dir, `src/${name}.ts`), file(render, args.definitions, 0));
    const session = new addon.BuilderSession({ root: dir });
    const built = session.buildInitial();
    const errors = built.diagnostics.filter((d) => d.severity === "error");
    if (errors.length) throw new Error(`build errors: ${errors[0].file}:${errors[0].line} ${errors[0].message}`);
    // The same documents from both forms (names aside: T… and O…).
    const elements = Object.values(built.artifact.elements);
    const texts = (name) => elements.filter((e) => e.id.startsWith(`src/${name}.ts::`)).map((e) => e.text.replace(/\b[TO]([QF]\d+)\b/g, "$1")).sort();
    if (JSON.stringify(texts("templates")) !== JSON.stringify(texts("options-object"))) {
      throw new Error("the two forms print different documents");
    }
    // Interleaved (alternating which form goes first), so both see the same machine load.
    const samples = { templates: [], "options-object": [] };
    let note = 0;
    const names = Object.keys(forms);
    for (let run = 0; run < args.reps + 5; run++) {
      const order = run % 2 ? names.slice().reverse() : names;
      for (const name of order) {
        const path = `src/${name}.ts`;
        writeFileSync(join(dir, path), file(forms[name], args.definitions, ++note));
        const { ms, value } = time(() => session.update({ updated: [path] }));
        if (value.delta.updated.length) throw new Error(`${name}: an edit after the definitions changed elements`);
        if (run >= 5) samples[name].push(ms);
      }
    }
    const results = Object.fromEntries(names.map((name) => [name, summarize(samples[name])]));
    const ratio = results["options-object"].median / results.templates.median;
    for (const [name, r] of Object.entries(results)) {
      console.log(`${name.padEnd(15)} ${2 * args.definitions} definitions: median ${r.median.toFixed(3)} ms (min ${r.min.toFixed(3)}, p90 ${r.p90.toFixed(3)}, ${r.runs} runs)`);
    }
    const ok = ratio <= LIMIT;
    console.log(`options-object / templates: ${ratio.toFixed(2)}x (target ≤ ${LIMIT}x) ${ok ? "ok" : "MISSED"}`);
    process.exitCode = ok ? 0 : 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main();
