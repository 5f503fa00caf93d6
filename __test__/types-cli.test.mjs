// Type files through the CLI (`fizz types`, `fizz build`, `fizz explain`) and the config
// key `types`, validated like every other key.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { copyFixture } from "./helpers/addon.mjs";
import { fizz } from "./helpers/cli.mjs";

const outDir = (dir) => join(dir, "src", "graphql-system", "__generated__");

/** A copy of the forms fixture without type files (in-place builds of the fixture leave some). */
function project() {
  const dir = copyFixture("forms");
  rmSync(outDir(dir), { recursive: true, force: true });
  return dir;
}

function setTypes(dir, types) {
  const config = join(dir, "fizz.config.json");
  writeFileSync(config, JSON.stringify({ ...JSON.parse(readFileSync(config, "utf8")), types }));
  return config;
}

test("fizz types writes the type files and nothing else; a second run writes none", () => {
  const dir = project();
  const config = setTypes(dir, { scalars: { DateTime: "string" } });
  const run = fizz(["types", "--config", config], dir);
  assert.equal(run.code, 0, run.stderr);
  const files = readdirSync(outDir(dir)).sort();
  assert.ok(files.includes("index.d.ts") && files.length > 2, files.join(", "));
  assert.match(run.stderr, new RegExp(`types in .*__generated__: ${files.length - 1} files written`));
  assert.equal(existsSync(join(dir, "node_modules", ".cache")), false, "no session persisted");
  const index = readFileSync(join(outDir(dir), "index.d.ts"), "utf8");
  assert.match(index, /declare module "fizz-gql\/runtime"[\s\S]*"admin": "admin";[\s\S]*"default": "default";/);
  const again = fizz(["types", "--config", config, "--json"], dir);
  assert.equal(again.code, 0, again.stderr);
  assert.equal(JSON.parse(again.stdout).typesWritten, 0);
});

test("fizz build writes them too, and fizz explain names a definition's type file and key", () => {
  const dir = project();
  const config = join(dir, "fizz.config.json");
  assert.equal(fizz(["build", "--config", config], dir).code, 0);
  const typed = readdirSync(outDir(dir)).filter((f) => f !== "index.d.ts");
  const botTypes = typed.find((f) => readFileSync(join(outDir(dir), f), "utf8").includes("of src/lib/bot.ts "));
  assert.ok(botTypes, "src/lib/bot.ts has a type file");
  const explain = fizz(["explain", "--config", config, "src/lib/bot.ts::botFields"], dir);
  assert.equal(explain.code, 0, explain.stderr);
  assert.match(explain.stdout, new RegExp(`types: default:fragment:\\w+ in src/graphql-system/__generated__/${botTypes}`));
});

test("a types key that does not fit names the key; exit 2", () => {
  for (const [types, message] of [
    [3, /"types": must be false or an object/],
    [{ outDir: "../elsewhere" }, /"types.outDir": must be a folder inside the config root/],
    [{ scalars: { DateTime: 1 } }, /"types.scalars.DateTime": must be a TypeScript type as a string/],
    [{ outdir: "x" }, /"types.outdir": unknown key \(expected outDir, scalars\)/],
  ]) {
    const dir = project();
    const run = fizz(["build", "--config", setTypes(dir, types)], dir);
    assert.equal(run.code, 2, JSON.stringify(types));
    assert.match(run.stderr, message);
  }
});

test("types: false writes no type file, and fizz types says types are off; exit 2", () => {
  const dir = project();
  const config = setTypes(dir, false);
  assert.equal(fizz(["build", "--config", config], dir).code, 0);
  assert.equal(existsSync(outDir(dir)), false);
  const run = fizz(["types", "--config", config], dir);
  assert.equal(run.code, 2);
  assert.match(run.stderr, /types are off in this config/);
});
