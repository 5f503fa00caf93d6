// The example app under each supported Vite major (6 and 7 on Rollup, 8 on Rolldown; 6 and
// 7 are installed as npm aliases). `vite build`: it builds; a broken fragment in another
// file than the operations fails the build with an error on the fragment's file, at the
// CLI's line and column (0-based `loc.column`, as Rollup counts); the fix builds again.
// The dev server: a module that spreads a broken fragment fails to transform with the same
// error; a fragment edit invalidates exactly the modules whose output it changed.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { breakFragment, fixFragment } from "./helpers/broken-fragment.mjs";
import { scratchExamples, waitFor } from "./helpers/workspace.mjs";
import fizz from "../lib/vite-plugin.mjs";
import registry from "../lib/registry.cjs";

const VERSIONS = { vite6: "6.", vite7: "7.", vite: "8." };

for (const [name, major] of Object.entries(VERSIONS)) {
  describe(`Vite ${major}x (${name})`, () => {
    const p = scratchExamples("basic", "vite-app");
    after(() => {
      registry.release();
      p.cleanup();
    });

    const buildApp = async () => {
      const vite = await import(name);
      assert.ok(vite.version.startsWith(major), `${name} is Vite ${vite.version}`);
      const basic = p.path("basic");
      registry.release(); // a fresh session per build, as a new `vite build` process has
      return vite.build({
        configFile: false,
        root: p.path("vite-app"),
        plugins: [fizz({ root: basic })],
        resolve: { alias: { "@": `${basic}/src` } },
        cacheDir: p.path(".vite"),
        logLevel: "silent",
        build: { outDir: p.path("dist"), emptyOutDir: true },
      });
    };
    const bundle = () =>
      readdirSync(p.path("dist", "assets"))
        .filter((f) => f.endsWith(".js"))
        .map((f) => readFileSync(join(p.path("dist", "assets"), f), "utf8"))
        .join("\n");

    test("builds, with no definition call left", async () => {
      await buildApp();
      const code = bundle();
      assert.doesNotMatch(code, /\bgql\.default\(|graphql-system/);
      assert.match(code, /avatarUrl\(size: 128\)/);
    });

    test("a broken fragment fails the build on the fragment's file, line and column", async () => {
      const cli = breakFragment(p);
      await assert.rejects(buildApp(), (error) => {
        const located = [error, ...(error.errors ?? [])].find((e) => e.loc);
        assert.ok(located, `an error with a location: ${error.message}`);
        assert.deepEqual(located.loc, { file: cli.absolute, line: cli.line, column: cli.column - 1 });
        assert.equal(located.id, cli.absolute, "the fragment's file, not the module that imports it");
        assert.ok(error.message.includes(`${cli.text} error ${cli.code}`), `the CLI's text in: ${error.message}`);
        return true;
      });
    });

    test("the fix builds again", async () => {
      fixFragment(p);
      await buildApp();
      assert.match(bundle(), /avatarUrl\(size: 128\)/);
    });

    test("dev server: the error on the fragment's file; an edit invalidates exactly its dependents", async () => {
      const vite = await import(name);
      const basic = p.path("basic");
      registry.release();
      const server = await vite.createServer({
        configFile: false,
        root: p.path("vite-app"),
        plugins: [fizz({ root: basic })],
        resolve: { alias: { "@": `${basic}/src` } },
        cacheDir: p.path(".vite-dev"),
        logLevel: "silent",
        server: { middlewareMode: true, ws: false },
      });
      try {
        const files = ["src/pages/user-page.ts", "src/pages/feed.ts", "src/fragments/search.ts", "src/fragments/user.ts", "src/mutations/update-user.ts"];
        for (const f of files) await server.transformRequest(`${basic}/${f}`);
        const cached = () => files.filter((f) => [...(server.moduleGraph.getModulesByFile(`${basic}/${f}`) ?? [])].some((m) => m.transformResult));
        assert.deepEqual(cached(), files);

        await sleep(100); // chokidar drops a change within 50 ms of the last one
        p.edit(`basic/${"src/fragments/user.ts"}`, "avatarUrl(size: 128)", "avatarUrl(size: 96)");
        // feed.ts reads user.ts through the barrel, but its output did not change.
        await waitFor("the dependents invalidated", () => cached().length === 1 && cached());
        assert.deepEqual(cached(), ["src/pages/feed.ts"]);
        assert.match((await server.transformRequest(`${basic}/src/pages/user-page.ts`)).code, /avatarUrl\(size: 96\)/);

        await sleep(100);
        const cli = breakFragment(p);
        // While broken, HMR keeps the running modules (the overlay shows the error); a
        // module loaded afresh fails to transform.
        await waitFor("the session to see the error", () => registry.acquire({ root: basic }).errors().length > 0);
        server.moduleGraph.invalidateAll();
        await assert.rejects(server.transformRequest(`${basic}/src/pages/user-page.ts`), (error) => {
          assert.equal(error.id, cli.absolute, "the fragment's file, not the module that spreads it");
          assert.deepEqual(error.loc, { file: cli.absolute, line: cli.line, column: cli.column - 1 });
          assert.ok(error.message.includes(`${cli.text} error ${cli.code}`), error.message);
          return true;
        });
        fixFragment(p);
      } finally {
        await server.close();
      }
    });
  });
}
