// The shared session registry: one session per config root per process, whichever plugin,
// option form or file asks for it; builds run once and updates are queued in order.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, test } from "node:test";

import { ROOT } from "./helpers/addon.mjs";
import { scratchExamples } from "./helpers/workspace.mjs";
import registry from "../lib/registry.cjs";
import fizzVite from "../lib/vite-plugin.mjs";

const EXAMPLE = join(ROOT, "examples", "basic");

after(() => registry.release());

test("every way of naming the example's config gives the one session", () => {
  const shared = registry.acquire({ root: EXAMPLE });
  assert.equal(registry.acquire({ configPath: join(EXAMPLE, "fizz.config.json") }), shared);
  assert.equal(registry.acquire({ root: "basic" }, join(ROOT, "examples")), shared);
  assert.equal(registry.acquireForFile(join(EXAMPLE, "src/pages/feed.ts")), shared, "walk up from a file (Babel, runtime)");
  // A Vite plugin per environment or per config still lands on it.
  for (const plugin of [fizzVite({ root: "../basic" }), fizzVite({ root: "../basic" })]) {
    plugin.config({ root: join(ROOT, "examples", "vite-app") });
  }
  assert.equal(registry.acquire({ root: EXAMPLE }), shared);
  assert.equal(shared.root, EXAMPLE);
});

test("one build however many callers; updates run in order after it", async () => {
  const project = scratchExamples("basic");
  try {
    const shared = registry.acquire({ root: project.path("basic") });
    const builds = await Promise.all([shared.build(), shared.build(), shared.idle()]);
    assert.equal(builds[0], builds[1]);
    const seen = [];
    shared.onBuild((result, kind) => seen.push([kind, result.affectedFiles]));
    project.edit("basic/src/fragments/post.ts", "publishedAt", "publishedAt\n    tags");
    const first = shared.update({ updated: ["src/fragments/post.ts"] });
    const second = shared.update({ updated: ["src/fragments/post.ts"] });
    assert.deepEqual((await first).affectedFiles, [
      "src/fragments/post.ts",
      "src/fragments/user.ts",
      "src/pages/feed.ts",
      "src/pages/user-page.ts",
      "src/subscriptions/on-post.ts",
    ]);
    assert.deepEqual((await second).affectedFiles, [], "the second update sees nothing new");
    assert.deepEqual(seen.map(([kind]) => kind), ["update", "update"]);
    assert.equal(shared.buildSync(), await second, "buildSync after a build does not build again");
  } finally {
    project.cleanup();
  }
});

test("errors() is empty before the first build, then lists the build's errors", async () => {
  const project = scratchExamples("basic");
  try {
    project.edit("basic/src/fragments/post.ts", "publishedAt", "publishedAt {");
    const shared = registry.acquire({ root: project.path("basic") });
    assert.deepEqual(shared.errors(), [], "nothing is known before a build");
    assert.deepEqual(shared.errors("src/fragments/post.ts"), []);
    await shared.build();
    const errors = shared.errors("src/fragments/post.ts");
    assert.ok(errors.length > 0, "the broken fragment has an error");
    assert.ok(errors.every((d) => d.severity === "error" && d.file === "src/fragments/post.ts"));
  } finally {
    project.cleanup();
  }
});
