// `vite build` of the example app under each supported Vite major (6 and 7 on Rollup, 8 on
// Rolldown; 6 and 7 are installed as npm aliases): it builds; a broken fragment in another
// file than the operations fails the build with an error on the fragment's file, at the
// CLI's line and column (0-based `loc.column`, as Rollup counts); the fix builds again.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { after, describe, test } from "node:test";

import { breakFragment, fixFragment } from "./helpers/broken-fragment.mjs";
import { scratchExamples } from "./helpers/workspace.mjs";
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
  });
}
