// Loading a `.mjs`/`.js` config for the CLI and the plugins: a config module that fails
// is a ConfigLoadError naming the file and why, whatever the module threw.
import assert from "node:assert/strict";
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";

import { tempDir } from "./helpers/workspace.mjs";
import { ConfigLoadError, sessionOptions } from "../lib/load-config.mjs";

const folders = [];
after(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A fresh temporary folder, removed after the tests. */
function folder() {
  const dir = tempDir("fizz-load-config-");
  folders.push(dir);
  return dir;
}

/** A folder holding only `fizz.config.mjs` with `text`. */
function configFolder(text) {
  const root = folder();
  writeFileSync(join(root, "fizz.config.mjs"), text);
  return root;
}

test("a module config is loaded and its folder is the root", async () => {
  const root = configFolder('export default { include: ["src/**/*.ts"] };\n');
  assert.deepEqual(await sessionOptions({ root }), { root, config: { include: ["src/**/*.ts"] } });
});

test("a config module that throws is a ConfigLoadError with the file and the reason", async () => {
  for (const [thrown, why] of [
    ['new Error("no schema here")', "no schema here"],
    ['"a plain string"', "a plain string"],
  ]) {
    const root = configFolder(`throw ${thrown};\n`);
    const path = join(root, "fizz.config.mjs");
    await assert.rejects(sessionOptions({ root }), (error) => {
      assert.ok(error instanceof ConfigLoadError);
      assert.equal(error.message, `${path}: cannot load the config: ${why}`);
      return true;
    });
  }
});

test("a config module without an object default export is refused", async () => {
  const root = configFolder("export const include = [];\n");
  await assert.rejects(sessionOptions({ root }), {
    name: "ConfigLoadError",
    message: `${join(root, "fizz.config.mjs")}: the default export must be the config object`,
  });
});

test("no config in the folder names every file name looked for", async () => {
  const root = folder();
  await assert.rejects(sessionOptions({ root }), {
    name: "ConfigLoadError",
    message: `${root}: no fizz.config.json / fizz.config.mjs / fizz.config.js found`,
  });
});
