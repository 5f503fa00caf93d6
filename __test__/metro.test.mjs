// Metro (React Native / Expo's bundler) with `fizz-gql/metro`, through the `metro` package's
// API, no device: a one-shot build of a small app; a fragment edit then a second build
// re-transforms exactly the fragment's file and the files that spread it (Metro's cache key
// is the file's own content: a cached result whose definitions changed is a miss); a
// broken fragment fails the build naming the fragment's file, line and column as the CLI
// does; the dev server's watcher re-transforms the dependents of an edit.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { after, describe, test } from "node:test";

import Metro from "metro";

import { breakFragment, fixFragment } from "./helpers/broken-fragment.mjs";
import { metroConfig, transformedSince } from "./helpers/metro-app.mjs";
import { scratchExamples, waitFor } from "./helpers/workspace.mjs";
import registry from "../lib/registry.cjs";

const FIZZ_FILES = (files) => files.filter((f) => f.startsWith("src/"));

describe("Metro.runBuild", () => {
  const p = scratchExamples("basic");
  after(() => {
    registry.release();
    p.cleanup();
  });
  let config;
  const build = async () => {
    config ??= await metroConfig(p);
    const out = p.path("out.js");
    await Metro.runBuild(config, { entry: "./src/entry.ts", out, platform: "ios", dev: true, minify: false });
    return readFileSync(out, "utf8");
  };

  test("builds: the operations' documents, no definition call, no composer import", async () => {
    const code = await build();
    assert.match(code, /query GetUser\(\$id: ID!/);
    assert.match(code, /avatarUrl\(size: 128\)/);
    assert.doesNotMatch(code, /gql\.default\(|g\.default\(|graphql-system/);
    assert.ok(FIZZ_FILES(transformedSince(p)).includes("src/pages/user-page.ts"));
  });

  test("a fragment edit re-transforms exactly the fragment's file and the files that spread it", async () => {
    p.edit("basic/src/fragments/user.ts", "avatarUrl(size: 128)", "avatarUrl(size: 64)");
    const code = await build();
    assert.match(code, /avatarUrl\(size: 64\)/);
    assert.doesNotMatch(code, /avatarUrl\(size: 128\)/);
    // feed.ts and the barrels are cache hits: their output did not change.
    assert.deepEqual(FIZZ_FILES(transformedSince(p)), [
      "src/fragments/search.ts",
      "src/fragments/user.ts",
      "src/mutations/update-user.ts",
      "src/pages/user-page.ts",
    ]);
  });

  test("a broken fragment fails the build with the fragment's file, line and column; the fix builds", async () => {
    const cli = breakFragment(p);
    await assert.rejects(build(), (error) => {
      assert.ok(error.message.includes(`${cli.text} error ${cli.code}`), error.message);
      return true;
    });
    fixFragment(p);
    assert.match(await build(), /avatarUrl\(size: 64\)/);
  });
});

describe("Metro dev server", () => {
  const p = scratchExamples("basic");
  let server;
  after(async () => {
    await new Promise((resolve) => (server ? server.close(resolve) : resolve()));
    registry.release();
    p.cleanup();
  });

  test("a fragment edit re-transforms exactly its dependents; an error is Metro's error response", async () => {
    // Two workers: the transforms run in other processes than the server's session.
    const config = await metroConfig(p, { maxWorkers: 2 });
    // `watch: true`: Metro turns its file watcher off when `ci-info` says it runs in CI
    // (`CI` set), and this test is about what a developer's dev server does on an edit.
    ({ httpServer: server } = await Metro.runServer(config, { host: "127.0.0.1", waitForBundler: true, watch: true }));
    const url = `http://127.0.0.1:${server.address().port}/src/entry.bundle?platform=ios&dev=true&minify=false`;
    const fetchBundle = async () => {
      const response = await fetch(url);
      return { status: response.status, text: await response.text() };
    };
    assert.match((await fetchBundle()).text, /avatarUrl\(size: 128\)/);
    transformedSince(p);

    p.edit("basic/src/fragments/user.ts", "avatarUrl(size: 128)", "avatarUrl(size: 32)");
    const bundle = await waitFor("the edit in the bundle", async () => {
      const { text } = await fetchBundle();
      return text.includes("avatarUrl(size: 32)") && text;
    });
    assert.doesNotMatch(bundle, /avatarUrl\(size: 128\)/);
    assert.deepEqual(FIZZ_FILES(transformedSince(p)), [
      "src/fragments/search.ts",
      "src/fragments/user.ts",
      "src/mutations/update-user.ts",
      "src/pages/user-page.ts",
    ]);

    const cli = breakFragment(p);
    const broken = await waitFor("the error response", async () => {
      const response = await fetchBundle();
      return response.status === 500 && response;
    });
    assert.ok(broken.text.includes(cli.text), broken.text.slice(0, 2000));
    await sleep(0);
  });
});
