// The one JS owner of the config file names and the source-file matcher
// (`lib/project-files.cjs`): it agrees with the native core, every JS entry point uses it,
// and config lookup follows its order.
import assert from "node:assert/strict";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { addon } from "./helpers/addon.mjs";
import { tempDir } from "./helpers/workspace.mjs";
import projectFiles from "../lib/project-files.cjs";
import registry from "../lib/registry.cjs";
import { CONFIG_FILE_NAMES, findConfig, sessionOptions } from "../lib/load-config.mjs";

const { SOURCE_EXTENSIONS, SOURCE_MODULE_ID, isSourceFile } = projectFiles;

test("the JS config file names are the core's, in the same order", () => {
  assert.deepEqual([...projectFiles.CONFIG_FILE_NAMES], addon.configFileNames());
  assert.equal(CONFIG_FILE_NAMES, projectFiles.CONFIG_FILE_NAMES, "fizz-gql/config re-exports the owner's list");
  assert.equal(registry.CONFIG_FILE_NAMES, projectFiles.CONFIG_FILE_NAMES, "the registry re-exports the owner's list");
  assert.throws(() => projectFiles.CONFIG_FILE_NAMES.push("x"), TypeError, "the list is frozen");
});

test("source files are the extensions the builder parses; schemas and JSON are not", () => {
  assert.deepEqual([...SOURCE_EXTENSIONS], addon.sourceExtensions());
  for (const ext of SOURCE_EXTENSIONS) assert.ok(isSourceFile(`src/pages/feed.${ext}`), ext);
  for (const path of ["schema.graphql", "fizz.config.json", "src/feed.ts.map", "src/feed.tsx.orig", "src/feed.mtsx", "src/ts"]) {
    assert.ok(!isSourceFile(path), path);
  }
  // Bundler module ids may carry a query (`?v=…`, `?import`); the file is what counts.
  assert.ok(SOURCE_MODULE_ID.test("/app/src/feed.tsx?v=123"));
  assert.ok(SOURCE_MODULE_ID.test("/app/src/feed.mjs"));
  assert.ok(!SOURCE_MODULE_ID.test("/app/schema.graphql?raw"));
  assert.ok(!SOURCE_MODULE_ID.test("/app/style.css?direct"));
});

test("a folder's config is the first name of the list found there; lookup can walk up", async () => {
  const root = tempDir("fizz-project-files-");
  const nested = join(root, "packages", "app", "src");
  mkdirSync(nested, { recursive: true });
  assert.equal(findConfig(root), undefined);
  for (const name of [...CONFIG_FILE_NAMES].reverse()) {
    writeFileSync(join(root, name), name.endsWith(".json") ? "{}" : "export default {};\n");
    assert.equal(findConfig(root), join(root, name), `with ${name} present`);
  }
  assert.equal(projectFiles.findConfig(nested), undefined, "without walkUp only the folder itself");
  assert.equal(projectFiles.findConfig(nested, true), join(root, "fizz.config.json"));
  assert.deepEqual(await sessionOptions({ root }), { root, configPath: join(root, "fizz.config.json") });
  rmSync(root, { recursive: true, force: true });
});

test("the JS reader of canonical IDs gives each element's own source file", () => {
  const session = new addon.BuilderSession({ configPath: "examples/basic/fizz.config.json" });
  const { elements } = session.buildInitial().artifact;
  const ids = Object.keys(elements);
  assert.ok(ids.length > 0);
  for (const id of ids) assert.equal(projectFiles.fileOfCanonicalId(id), elements[id].metadata.sourcePath, id);
  session.dispose();
});
