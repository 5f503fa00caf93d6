// The incremental session through the JS API: update with a change set and by sweep,
// persistence to session.json and chunks, and restoring in a second process.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { pathToFileURL } from "node:url";
import { setTimeout as sleep } from "node:timers/promises";

import { addon, comparable, copyFixture, ROOT } from "./helpers/addon.mjs";

function open(dir, extra = {}) {
  return new addon.BuilderSession({ configPath: join(dir, "fizz.config.json"), ...extra });
}

function fresh(dir) {
  return comparable(open(dir).buildInitial().artifactJson());
}

function edit(dir, file, from, to) {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  assert.ok(text.includes(from), `${file} contains ${from}`);
  writeFileSync(path, text.replace(from, to));
}

test("editing a fragment updates it and every operation that spreads it", () => {
  const dir = copyFixture("forms");
  const session = open(dir);
  session.buildInitial();
  edit(dir, "src/lib/user.ts", "`{ id name }`", "`{ id name email }`");
  const result = session.update({ updated: ["src/lib/user.ts"] });
  assert.deepEqual(result.delta.added, []);
  assert.deepEqual(result.delta.removed, []);
  assert.ok(result.delta.updated.includes("src/lib/user.ts::userName"));
  assert.ok(result.delta.updated.includes("src/features/queries.ts::GetUser"));
  assert.ok(result.delta.updated.includes("src/features/mutations.ts::Rename"));
  assert.deepEqual(result.affectedFiles, ["src/features/mutations.ts", "src/features/queries.ts", "src/lib/user.ts"]);
  assert.equal(result.stats.parsed, 1);
  assert.equal(comparable(result.artifactJson()), fresh(dir));
  assert.equal(result.generation, 2);
});

test("updateReport() reports what update() reports, as a plain object without the artifact", () => {
  const dir = copyFixture("forms");
  const [viaResult, viaReport] = [open(dir), open(dir)];
  viaResult.buildInitial();
  viaReport.buildInitial();
  edit(dir, "src/lib/user.ts", "`{ id name }`", "`{ id name emial }`");
  const result = viaResult.update({ updated: ["src/lib/user.ts"] });
  const report = viaReport.updateReport({ updated: ["src/lib/user.ts"] });
  assert.equal(Object.getPrototypeOf(report), Object.prototype, "a plain object");
  assert.equal("artifact" in report, false);
  assert.equal(report.generation, result.generation);
  assert.deepEqual(report.delta, result.delta);
  assert.deepEqual(report.affectedFiles, result.affectedFiles);
  assert.deepEqual(report.diagnostics, result.diagnostics);
  assert.ok(report.diagnostics.some((d) => d.code === "UNKNOWN_FIELD"));
  assert.equal(report.stats.parsed, result.stats.parsed);
  assert.equal(comparable(viaReport.getArtifactJson()), comparable(viaResult.getArtifactJson()), "the same session state");
});

test("update({}) changes nothing; update() sweeps and finds an edit without a change set", async () => {
  const dir = copyFixture("forms");
  await sleep(60); // past the racy-mtime window: unchanged files are stat hits
  const session = open(dir);
  const cold = session.buildInitial();
  const noop = session.update({});
  assert.equal(noop.generation, cold.generation);
  assert.deepEqual(noop.delta, { added: [], updated: [], removed: [] });
  assert.equal(noop.stats.misses, 0);
  edit(dir, "src/lib/bot.ts", "{ id model }", "{ model }");
  await sleep(60);
  const swept = session.update();
  assert.deepEqual(swept.delta.updated, ["src/features/queries.ts::Search", "src/lib/bot.ts::botFields"]);
  assert.equal(swept.stats.parsed, 1);
  assert.equal(swept.stats.hits, cold.stats.misses - 1);
  assert.equal(comparable(swept.artifactJson()), fresh(dir));
});

test("a comment-only edit is analysed and stops there", () => {
  const dir = copyFixture("forms");
  const session = open(dir);
  session.buildInitial();
  edit(dir, "src/lib/bot.ts", 'import { gql as compose } from "#gql";', '// a comment\nimport { gql as compose } from "#gql";');
  const result = session.update({ updated: ["src/lib/bot.ts"] });
  assert.deepEqual(result.delta, { added: [], updated: [], removed: [] });
  assert.deepEqual(result.affectedFiles, []);
  assert.equal(result.stats.parsed, 1);
});

test("chunks: loading every chunk gives the artifact's elements exactly", async () => {
  const dir = copyFixture("forms");
  const session = open(dir, { persist: true });
  const result = session.buildInitial();
  assert.equal(result.stats.chunksWritten, 4);
  assert.deepEqual(session.waitForWrites(), [], "the writer thread wrote them");
  const modules = join(dir, "node_modules/.cache/fizz/builder/modules");
  const elements = {};
  for (const file of readdirSync(modules).filter((f) => f.endsWith(".mjs")).sort()) {
    Object.assign(elements, (await import(pathToFileURL(join(modules, file)).href)).default);
  }
  const artifact = JSON.parse(result.artifactJson());
  assert.deepEqual(Object.keys(elements).sort(), Object.keys(artifact.elements));
  assert.deepEqual(elements, artifact.elements);
  const again = session.update({ updated: ["src/lib/user.ts"] });
  assert.equal(again.stats.chunksWritten, 0, "unchanged chunks are not rewritten");
});

function restoreInChild(dir) {
  const script = `
    const { BuilderSession } = require(${JSON.stringify(join(ROOT, "index.js"))});
    const s = new BuilderSession({ configPath: ${JSON.stringify(join(dir, "fizz.config.json"))}, persist: true });
    const r = s.buildInitial();
    process.stdout.write(JSON.stringify({ stats: r.stats, diagnostics: r.diagnostics, delta: r.delta, artifact: r.artifactJson() }));
    s.dispose();`;
  return JSON.parse(execFileSync(process.execPath, ["-e", script]).toString());
}

async function persistedProject() {
  const dir = copyFixture("forms");
  await sleep(60);
  const session = open(dir, { persist: true });
  const cold = session.buildInitial();
  session.dispose();
  return { dir, files: cold.stats.misses };
}

test("a second process restores session.json: every unchanged file is a hit, nothing is parsed", async () => {
  const { dir, files } = await persistedProject();
  const restored = restoreInChild(dir);
  assert.equal(restored.stats.hits, files);
  assert.equal(restored.stats.parsed, 0);
  assert.deepEqual(restored.delta, { added: [], updated: [], removed: [] });
  assert.deepEqual(restored.diagnostics, []);
  assert.equal(comparable(restored.artifact), fresh(dir));
});

test("an edit made while no process ran is picked up on restore", async () => {
  const { dir, files } = await persistedProject();
  edit(dir, "src/lib/bot.ts", "{ id model }", "{ model }");
  await sleep(60);
  const restored = restoreInChild(dir);
  assert.equal(restored.stats.hits, files - 1);
  assert.equal(restored.stats.parsed, 1);
  assert.deepEqual(restored.delta.updated, ["src/features/queries.ts::Search", "src/lib/bot.ts::botFields"]);
  assert.equal(comparable(restored.artifact), fresh(dir));
});

const cache = (dir) => join(dir, "node_modules/.cache/fizz/builder");
const DAMAGE = {
  "a truncated session.json": (dir) => {
    const path = join(cache(dir), "session.json");
    const text = readFileSync(path, "utf8");
    writeFileSync(path, text.slice(0, text.length / 2));
  },
  "a garbage session.json": (dir) => writeFileSync(join(cache(dir), "session.json"), "\u0000\u0001 not json"),
  "a snapshot of another builder version": (dir) => {
    const path = join(cache(dir), "session.json");
    writeFileSync(path, readFileSync(path, "utf8").replace(/"builderVersion":"[^"]*"/, '"builderVersion":"0.0.0-other"'));
  },
  "a snapshot of another config": (dir) => {
    const path = join(dir, "fizz.config.json");
    writeFileSync(path, JSON.stringify({ ...JSON.parse(readFileSync(path, "utf8")), exclude: ["**/nothing.ts"] }));
  },
  "a damaged chunk file": (dir) => {
    const modules = join(cache(dir), "modules");
    const chunk = join(modules, readdirSync(modules)[0]);
    writeFileSync(chunk, readFileSync(chunk, "utf8").replace("fragment", "fragmant"));
  },
  "a chunk file that is garbage": (dir) => {
    const modules = join(cache(dir), "modules");
    writeFileSync(join(modules, readdirSync(modules)[0]), "garbage");
  },
};

for (const [what, damage] of Object.entries(DAMAGE)) {
  test(`${what} means a correct cold build and a warning`, async () => {
    const { dir, files } = await persistedProject();
    damage(dir);
    const restored = restoreInChild(dir);
    assert.equal(restored.stats.parsed, files, "every file is parsed again");
    assert.equal(restored.stats.hits, 0);
    const warnings = restored.diagnostics.filter((d) => d.code === "SNAPSHOT_DISCARDED");
    assert.equal(warnings.length, 1);
    assert.equal(warnings[0].severity, "warning");
    assert.equal(comparable(restored.artifact), fresh(dir));
    // The discarded snapshot was replaced: the next process restores cleanly.
    const next = restoreInChild(dir);
    assert.equal(next.stats.parsed, 0);
    assert.deepEqual(next.diagnostics, []);
  });
}
