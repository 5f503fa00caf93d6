// The real `fizz` CLI: exit codes 0 / 1 / 2, the artifact file, diagnostics with frames,
// `--incremental`, `--write-delta`, `--graph-filter`, `fizz graph`, `fizz explain`.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { addon, copyFixture, fixture } from "./helpers/addon.mjs";
import { fizz } from "./helpers/cli.mjs";

function edit(dir, file, from, to) {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  assert.ok(text.includes(from), `${file} contains ${from}`);
  writeFileSync(path, text.replace(from, to));
}

function readJson(path) {
  return JSON.parse(readFileSync(path, "utf8"));
}

/** A copy of the forms fixture, past the racy-mtime window so unchanged files are stat hits. */
async function settledFixture() {
  const dir = copyFixture("forms");
  await sleep(60);
  return { dir, config: join(dir, "fizz.config.json") };
}

test("fizz build writes the artifact and prints operations; exit 0", () => {
  const dir = copyFixture("forms");
  const out = join(dir, "out", "artifact.json");
  const run = fizz(["build", "--config", join(dir, "fizz.config.json"), "--artifact", out, "--print"]);
  assert.equal(run.code, 0, run.stderr);
  const artifact = JSON.parse(readFileSync(out, "utf8"));
  assert.equal(artifact.version, 1);
  assert.match(run.stdout, /# GetUser \(src\/features\/queries.ts::GetUser\)\nquery GetUser\(\$id: ID!/);
  assert.match(run.stderr, /fizz: 8 operations, 6 fragments, 0 errors/);
});

test("error diagnostics print with a code frame; exit 1", () => {
  const dir = copyFixture("forms");
  const file = join(dir, "src", "lib", "bot.ts");
  writeFileSync(file, readFileSync(file, "utf8").replace("{ id model }", "{ id modle }"));
  const run = fizz(["build", "--config", join(dir, "fizz.config.json")]);
  assert.equal(run.code, 1);
  assert.match(run.stderr, /src\/lib\/bot.ts:3:\d+ error UNKNOWN_FIELD: Cannot query field "modle" on type "Bot". Did you mean "model"\?/);
  assert.match(run.stderr, /> 3 \|/);
});

test("a config with an unknown key names the key and the file; exit 2", () => {
  const dir = copyFixture("forms");
  const config = join(dir, "fizz.config.json");
  writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, "utf8")), includ: ["x"] }));
  const run = fizz(["build", "--config", config]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /fizz.config.json: "includ": unknown key/);
});

test("a missing schema file names the key; exit 2", () => {
  const dir = copyFixture("forms");
  const config = join(dir, "fizz.config.json");
  const value = JSON.parse(readFileSync(config, "utf8"));
  value.schemas.admin = ["./missing.graphql"];
  writeFileSync(config, JSON.stringify(value));
  const run = fizz(["build", "--config", config]);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /"schemas.admin": file not found: .\/missing.graphql/);
});

test("an unknown flag is a usage error naming the flag; exit 2", () => {
  const run = fizz(["build", "--artefact", "x.json"], fixture("forms"));
  assert.equal(run.code, 2);
  assert.match(run.stderr, /unknown flag --artefact/);
});

test("--incremental: a second process restores the session and reports every unchanged file as a hit", async () => {
  const { dir, config } = await settledFixture();
  const first = fizz(["build", "--incremental", "--json", "--config", config], dir);
  assert.equal(first.code, 0, first.stderr);
  const cold = JSON.parse(first.stdout);
  assert.equal(cold.stats.hits, 0);
  assert.equal(cold.stats.misses, 6);
  const second = fizz(["build", "--incremental", "--json", "--config", config], dir);
  const warm = JSON.parse(second.stdout);
  assert.equal(warm.stats.hits, 6);
  assert.equal(warm.stats.parsed, 0);
  assert.deepEqual(warm.delta, { added: [], updated: [], removed: [] });
  assert.equal(warm.generation, cold.generation, "nothing changed: no new generation");
  const text = fizz(["build", "--incremental", "--config", config], dir);
  assert.match(text.stderr, /^fizz: 8 operations, 6 fragments, 0 errors, 0 warnings, 0 files read, 6 unchanged in /m);
});

test("--write-delta: after an edit, the delta files name exactly the changed elements", async () => {
  const { dir, config } = await settledFixture();
  const out = join(dir, "delta");
  const first = fizz(["build", "--write-delta", out, "--config", config], dir);
  assert.equal(first.code, 0, first.stderr);
  // Nothing was persisted yet: everything is new.
  assert.equal(readJson(join(out, "delta.json")).added.length, 14);
  edit(dir, "src/lib/bot.ts", "{ id model }", "{ model }");
  const second = fizz(["build", "--write-delta", out, "--config", config], dir);
  assert.equal(second.code, 0, second.stderr);
  const delta = readJson(join(out, "delta.json"));
  assert.deepEqual(
    { added: delta.added, updated: delta.updated, removed: delta.removed },
    { added: [], updated: ["src/features/queries.ts::Search", "src/lib/bot.ts::botFields"], removed: [] },
  );
  assert.equal(delta.version, 1);
  assert.deepEqual(readJson(join(out, "added.json")), {});
  assert.deepEqual(readJson(join(out, "removed.json")), []);
  const updated = readJson(join(out, "updated.json"));
  assert.deepEqual(Object.keys(updated), delta.updated);
  assert.equal(updated["src/lib/bot.ts::botFields"].text, "fragment BotFields on Bot {\n  model\n}");
  // Removing a file removes its elements.
  writeFileSync(join(dir, "src/lib/bot.ts"), "export {};\n");
  const third = fizz(["build", "--write-delta", out, "--config", config], dir);
  assert.equal(third.code, 1, "the operations spreading the removed fragments now fail");
  assert.deepEqual(readJson(join(out, "removed.json")), [
    "src/features/mutations.ts::Audit",
    "src/features/queries.ts::Search",
    "src/lib/bot.ts::auditFields",
    "src/lib/bot.ts::botFields",
  ]);
});

test("--graph-filter: the artifact holds exactly the matching definitions plus their dependencies", () => {
  const dir = copyFixture("forms");
  const config = join(dir, "fizz.config.json");
  const full = JSON.parse(new addon.BuilderSession({ configPath: config }).buildInitial().artifactJson());
  const search = "src/features/queries.ts::Search";
  const out = join(dir, "filtered.json");
  const byId = fizz(["build", "--graph-filter", "**/*::Search", "--artifact", out, "--config", config], dir);
  assert.equal(byId.code, 0, byId.stderr);
  assert.deepEqual(Object.keys(readJson(out).elements), [search, ...full.elements[search].dependencies].sort());
  assert.deepEqual(full.elements[search].dependencies, ["src/lib/bot.ts::botFields", "src/lib/user.ts::nodeId", "src/lib/user.ts::userName"]);
  const byFile = fizz(["build", "--graph-filter", "src/lib/bot.ts", "--artifact", out, "--config", config], dir);
  assert.equal(byFile.code, 0, byFile.stderr);
  assert.deepEqual(Object.keys(readJson(out).elements), ["src/lib/bot.ts::auditFields", "src/lib/bot.ts::botFields"]);
  assert.match(byFile.stderr, /fizz: 0 operations, 2 fragments, 0 errors/);
  // An error outside the filter is not this build's concern; inside it, it is.
  edit(dir, "src/features/mutations.ts", "rename(id: $id, name: $name)", "renam(id: $id, name: $name)");
  assert.equal(fizz(["build", "--graph-filter", "src/lib/**", "--config", config], dir).code, 0);
  const inside = fizz(["build", "--graph-filter", "src/features/*.ts", "--config", config], dir);
  assert.equal(inside.code, 1);
  assert.match(inside.stderr, /src\/features\/mutations.ts:\d+:\d+ error UNKNOWN_FIELD/);
});

test("fizz graph: text, dot, and --filter", () => {
  const dir = copyFixture("forms");
  const copy = join(dir, "fizz.config.json");
  const text = fizz(["graph", "--config", copy], dir);
  assert.equal(text.code, 0, text.stderr);
  assert.match(text.stdout, /^modules \(\d+, \d+ imports\)\n/);
  assert.match(text.stdout, /^  src\/lib\/index.ts -> src\/lib\/bot.ts, src\/lib\/user.ts$/m);
  assert.match(text.stdout, /^definitions \(14, \d+ dependencies\)$/m);
  assert.match(text.stdout, /^  src\/features\/queries.ts::Search \(query Search\) -> src\/lib\/bot.ts::botFields, src\/lib\/user.ts::nodeId, src\/lib\/user.ts::userName$/m);
  const filtered = fizz(["graph", "--config", copy, "--filter", "**/*::Search"], dir);
  const definitions = filtered.stdout.split("definitions (")[1].split("\n").slice(1).filter(Boolean).map((l) => l.trim().split(" ")[0]);
  assert.deepEqual(definitions, ["src/features/queries.ts::Search", "src/lib/bot.ts::botFields", "src/lib/user.ts::nodeId", "src/lib/user.ts::userName"]);
  const dot = fizz(["graph", "--config", copy, "--format", "dot", "--filter", "src/lib/bot.ts"], dir);
  assert.equal(dot.code, 0, dot.stderr);
  assert.match(dot.stdout, /^digraph fizz \{\n/);
  assert.match(dot.stdout, /"src\/lib\/bot.ts::botFields" \[label="fragment BotFields\\nsrc\/lib\/bot.ts::botFields"\];/);
});

test("fizz explain: dependencies, dependents and the last update, for an ID and for a file", () => {
  const dir = copyFixture("forms");
  const config = join(dir, "fizz.config.json");
  const id = fizz(["explain", "--config", config, "src/lib/bot.ts::botFields"], dir);
  assert.equal(id.code, 0, id.stderr);
  assert.match(id.stdout, /^src\/lib\/bot.ts::botFields: fragment BotFields \(schema default\), in the artifact$/m);
  assert.match(id.stdout, /^  used by: src\/features\/queries.ts::Search$/m);
  assert.match(id.stdout, /^  last update \(generation 1\): file re-analysed, recomposed, element added$/m);
  const file = fizz(["explain", "--config", config, join(dir, "src/lib/index.ts")], dir);
  assert.equal(file.code, 0, file.stderr);
  assert.match(file.stdout, /^src\/lib\/index.ts \(source file, 0 definitions\)$/m);
  assert.match(file.stdout, /^  imports: src\/lib\/bot.ts, src\/lib\/user.ts$/m);
  assert.match(file.stdout, /^  imported by: src\/features\/mutations.ts, src\/features\/queries.ts$/m);
  const unknown = fizz(["explain", "--config", config, "src/nope.ts::x"], dir);
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /"src\/nope.ts::x" is neither a canonical ID nor a source file of the build/);
});

test("usage errors name the flag or argument; exit 2; --help exits 0", () => {
  const cwd = fixture("forms");
  const cases = [
    [["graph", "--format", "svg"], /--format must be one of text, dot \(got "svg"\)/],
    [["graph", "--filter"], /--filter needs a value/],
    [["build", "--graph-filter", "src/["], /--graph-filter: invalid glob "src\/\["/],
    [["build", "--write-delta"], /--write-delta needs a value/],
    [["build", "--watch=yes"], /--watch takes no value/],
    [["build", "extra"], /unexpected argument "extra" for "fizz build"/],
    [["explain"], /"fizz explain" needs ID_OR_PATH/],
    [["explain", "--incremental", "x"], /unknown flag --incremental for "fizz explain"/],
    [["serve"], /unknown command "serve"/],
  ];
  for (const [args, message] of cases) {
    const run = fizz(args, cwd);
    assert.equal(run.code, 2, args.join(" "));
    assert.match(run.stderr, message);
  }
  const help = fizz(["--help"], cwd);
  assert.equal(help.code, 0);
  assert.match(help.stdout, /^Usage:\n  fizz build /);
});

test("no progress output when stderr is not a terminal", () => {
  const dir = copyFixture("forms");
  const run = fizz(["build", "--config", join(dir, "fizz.config.json")], dir);
  assert.equal(run.code, 0);
  assert.doesNotMatch(run.stderr, /\r|\x1b\[K|building…/);
});
