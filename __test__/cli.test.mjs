// The real `fizz` CLI: exit codes 0 / 1 / 2, the artifact file, diagnostics with frames.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { copyFixture, fixture, ROOT } from "./helpers/addon.mjs";

function fizz(args, cwd = ROOT) {
  const run = spawnSync(process.execPath, [join(ROOT, "bin", "fizz.mjs"), ...args], { cwd, encoding: "utf8" });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
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
