// The benchmark's project generator: deterministic per seed, exact workload counts, every
// definition valid (graphql-js, and the addon reports no error diagnostics).
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { after, test } from "node:test";

import { buildProject, generateProject, WORKLOADS } from "../benchmark/generate.mjs";
import { checkModel } from "../benchmark/lib/check.mjs";

const require = createRequire(import.meta.url);
let addon = null;
let addonError = null;
try {
  addon = require("../index.js");
} catch (error) {
  addonError = error;
}

const temp = mkdtempSync(join(tmpdir(), "fizz-generator-"));
after(() => rmSync(temp, { recursive: true, force: true }));

/** Every file under `dir` (sorted, root-relative) with its bytes. */
function tree(dir) {
  const out = new Map();
  const walk = (d) => {
    for (const entry of readdirSync(d, { withFileTypes: true })) {
      const full = join(d, entry.name);
      if (entry.isDirectory()) walk(full);
      else out.set(relative(dir, full), readFileSync(full));
    }
  };
  walk(dir);
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function assertSameTree(a, b) {
  assert.deepEqual([...a.keys()], [...b.keys()], "same file list");
  for (const [path, bytes] of a) assert.ok(bytes.equals(b.get(path)), `${path} is byte-identical`);
}

/** A composer call: `gql.<label>(`, `g.<label>(` or `sys.gql.<label>(`. */
const DEFINITION = /\b(?:sys\.gql|gql|g)\.(?:default|admin)\(/g;

function countSources(files) {
  const sources = [...files].filter(([path]) => path.startsWith("src/") && path.endsWith(".ts"));
  const perFile = sources.map(([, bytes]) => bytes.toString().match(DEFINITION)?.length ?? 0);
  return { files: sources.length, defFiles: perFile.filter((n) => n > 0).length, definitions: perFile.reduce((a, b) => a + b, 0) };
}

for (const name of ["small", "1k"]) {
  test(`${name}: the same seed gives byte-identical trees, another seed different bytes`, () => {
    const a = join(temp, `${name}-a`);
    const b = join(temp, `${name}-b`);
    const c = join(temp, `${name}-c`);
    generateProject({ name, seed: 1, outDir: a });
    generateProject({ name, seed: 1, outDir: b });
    generateProject({ name, seed: 2, outDir: c });
    const treeA = tree(a);
    assertSameTree(treeA, tree(b));
    const treeC = tree(c);
    const differs = [...treeA].some(([path, bytes]) => !treeC.has(path) || !bytes.equals(treeC.get(path)));
    assert.ok(differs, "seed 2 changes the bytes");
  });

  test(`${name}: source files, files with definitions and definitions match the workload table`, () => {
    const files = tree(join(temp, `${name}-a`));
    const counts = countSources(files);
    const table = WORKLOADS[name];
    assert.deepEqual(counts, { files: table.files, defFiles: table.defFiles, definitions: table.definitions });
    const manifest = JSON.parse(files.get("bench-manifest.json").toString());
    assert.equal(manifest.counts.sourceFiles, table.files);
    for (const key of ["editLeaf", "editHub", "editCutoff"]) {
      const edit = manifest.scenarios[key];
      const text = files.get(edit.file).toString();
      assert.equal(text.split(edit.from).length, 2, `${key}: the edit anchor occurs once in ${edit.file}`);
    }
    assert.ok(!files.has(manifest.scenarios.addFile.file), "the add-file page is not part of the tree");
  });

  test(`${name}: every definition is valid GraphQL for graphql-js`, () => {
    const { model, schemas } = buildProject(name, 1);
    assert.deepEqual(checkModel(model, schemas), []);
  });

  test(`${name}: the addon builds the project with no error diagnostics`, (t) => {
    if (!addon) return t.skip(`addon not built: ${addonError.message.split("\n")[0]}`);
    const dir = join(temp, `${name}-a`);
    const manifest = JSON.parse(readFileSync(join(dir, "bench-manifest.json"), "utf8"));
    const session = new addon.BuilderSession({ configPath: join(dir, "fizz.config.json") });
    const result = session.buildInitial();
    const errors = result.diagnostics.filter((d) => d.severity === "error");
    assert.deepEqual(errors.map((d) => `${d.code} ${d.file}:${d.line} ${d.message}`), []);
    const snapshot = session.getSnapshot();
    assert.equal(snapshot.files, WORKLOADS[name].files);
    assert.equal(snapshot.definitions, WORKLOADS[name].definitions);
    assert.equal(Object.keys(result.artifact.elements).length, manifest.counts.definitions);
    session.dispose();
  });
}
