// The Vite plugin in a real dev server, driven by headless Chromium: the page lists the
// example's operations; a fragment edit in another file reaches the operation by HMR
// without a reload; a new file shows up without a restart; a GraphQL syntax error shows
// the overlay with file and line, and fixing it recovers.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { after, before, test } from "node:test";

import { createServer } from "vite";

import { cliError } from "./helpers/broken-fragment.mjs";
import { CHROMIUM, launchChromium, scratchExamples, waitFor } from "./helpers/workspace.mjs";
import { addon } from "./helpers/addon.mjs";
import registry from "../lib/registry.cjs";

// CI installs Chromium (.ci/run): there a missing browser is a failure, not a skip.
const skip = existsSync(CHROMIUM) || process.env.CI ? false : `no ${CHROMIUM} (apt-get install chromium)`;

let project, server, browser, page;
const navigations = [];
const changes = new Map();
// Every module the client environment transformed, as paths relative to the example.
const transformed = [];
const recorder = {
  name: "record-transforms",
  enforce: "post",
  transform(_code, id) {
    if (this.environment.name === "client" && id.startsWith(project.path("basic"))) transformed.push(id.slice(project.path("basic").length + 1).split("?")[0]);
  },
};

/**
 * Resolves 100 ms after the watcher last reported `file` changed: chokidar drops a second
 * `change` of one path within 50 ms, so two quick edits of one file would lose the second.
 */
async function quiet(file) {
  const wait = (changes.get(project.path(file)) ?? 0) + 100 - Date.now();
  if (wait > 0) await sleep(wait);
}

before(async () => {
  if (skip) return;
  project = scratchExamples("basic", "vite-app");
  server = await createServer({
    configFile: project.path("vite-app", "vite.config.mjs"),
    logLevel: "silent",
    cacheDir: project.path(".vite"), // not the repository's node_modules/.vite: no state shared between runs
    server: { host: "127.0.0.1", port: 0 },
    plugins: [recorder],
  });
  server.watcher.on("change", (file) => changes.set(file, Date.now()));
  await server.listen();
  browser = await launchChromium();
  page = await browser.context.newPage();
  page.on("framenavigated", (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
  await page.goto(server.resolvedUrls.local[0]);
});

after(async () => {
  await browser?.close();
  await server?.close();
  registry.release();
  project?.cleanup();
});

const ssrUserPage = () => server.ssrLoadModule(project.path("basic/src/pages/user-page.ts"));
const documentOf = (name) => page.locator(`[data-operation="${name}"] pre`).textContent({ timeout: 1000 });

test("the page shows the operations' documents", { skip }, async () => {
  await waitFor("GetUser on the page", async () => (await documentOf("GetUser")).includes("avatarUrl(size: 128)"));
  assert.match(await documentOf("GetUser"), /^query GetUser\(\$id: ID!/);
  assert.match(await documentOf("Search"), /search\(term: \$term, first: 20\)/);
  // Every operation of the example, `Feed` (defined inside a function) among them.
  const { elements } = new addon.BuilderSession({ root: project.path("basic") }).buildInitial().artifact;
  const built = Object.values(elements).filter((e) => e.type === "operation").map((e) => e.prebuild.operationName);
  const shown = await page.locator("[data-operation]").evaluateAll((all) => all.map((e) => e.dataset.operation));
  assert.deepEqual(shown, [...built].sort((a, b) => a.localeCompare(b)));
  assert.ok(shown.includes("Feed"));
  await page.evaluate(() => (window.__fizzMarker = "kept"));
  // The SSR environment transforms with the same shared session.
  assert.match((await ssrUserPage()).GetUser.text, /avatarUrl\(size: 128\)/);
});

test("editing a fragment in another file updates the operation by HMR, without a reload", { skip }, async () => {
  await quiet("basic/src/fragments/user.ts");
  transformed.length = 0;
  project.edit("basic/src/fragments/user.ts", "avatarUrl(size: 128)", "avatarUrl(size: 256)\n    email");
  await waitFor("the new fragment field in GetUser", async () => (await documentOf("GetUser")).includes("avatarUrl(size: 256)"));
  // Search spreads the same fragment through another file (search.ts): reloaded too.
  await waitFor("the new fragment field in Search", async () => (await documentOf("Search")).includes("avatarUrl(size: 256)"));
  // Exactly the fragment's file and the files whose output uses it were transformed again
  // (feed.ts reads user.ts through the barrel but its output did not change).
  assert.deepEqual([...new Set(transformed)].sort(), [
    "src/fragments/search.ts",
    "src/fragments/user.ts",
    "src/mutations/update-user.ts",
    "src/pages/user-page.ts",
  ]);
  assert.equal(await page.evaluate(() => window.__fizzMarker), "kept", "no full reload");
  assert.equal(navigations.length, 1);
  // The SSR environment's modules were invalidated from the same session update.
  await waitFor("the SSR module to update", async () => (await ssrUserPage()).GetUser.text.includes("avatarUrl(size: 256)"));
});

test("a new file with an operation appears without a restart", { skip }, async () => {
  project.write(
    "basic/src/pages/profile.ts",
    [
      'import { gql } from "@/graphql-system";',
      'import { userFields } from "../fragments/user";',
      "",
      "export const Profile = gql.default(({ query }) =>",
      '  query("Profile")`{',
      "    viewer {",
      "      ...${userFields}",
      "    }",
      "  }`(),",
      ");",
      "",
    ].join("\n"),
  );
  await waitFor("Profile on the page", async () => (await documentOf("Profile")).includes("avatarUrl(size: 256)"));
  assert.equal(await page.evaluate(() => window.__fizzMarker), "kept", "no full reload");
});

test("a GraphQL syntax error shows the overlay with file, line and frame; fixing it recovers", { skip }, async () => {
  await quiet("basic/src/fragments/user.ts");
  project.edit("basic/src/fragments/user.ts", "avatarUrl(size: 256)", "avatarUrl(size: 256");
  const cli = cliError(project);
  const overlay = page.locator("vite-error-overlay");
  await waitFor("the error overlay", async () => (await overlay.count()) === 1);
  // The template's `(` is not closed: the parser stops at the `}` on line 10. The overlay
  // names the fragment's file (not a module that spreads it) at the CLI's line and column:
  // Vite's `loc` counts columns from 0, the message quotes the CLI's 1-based text.
  assert.equal(cli.line, 10);
  const file = await overlay.locator(".file").textContent();
  assert.equal(file, `${cli.absolute}:${cli.line}:${cli.column - 1}`);
  assert.ok((await overlay.locator(".message").textContent()).includes(`${cli.text} error ${cli.code}`));
  if (process.env.FIZZ_SCREENSHOT) await page.screenshot({ path: process.env.FIZZ_SCREENSHOT });
  const message = await overlay.locator(".message").textContent();
  assert.match(message, /GRAPHQL_SYNTAX/);
  assert.match(await overlay.locator(".frame").textContent(), /> 10 \|   }`\(\),/);

  await quiet("basic/src/fragments/user.ts");
  project.edit("basic/src/fragments/user.ts", "avatarUrl(size: 256", "avatarUrl(size: 512)");
  await waitFor("the overlay to go", async () => (await overlay.count()) === 0);
  await waitFor("the fixed document", async () => (await documentOf("GetUser")).includes("avatarUrl(size: 512)"));
  await waitFor("the new file's document", async () => (await documentOf("Profile")).includes("avatarUrl(size: 512)"));
  assert.equal(navigations.length, 1, "no page reload, through the error and its fix");
  assert.equal(await page.evaluate(() => window.__fizzMarker), "kept");
});
