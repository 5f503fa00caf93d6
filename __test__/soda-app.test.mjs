// A soda-gql-style app switched to fizz-gql by its plugin alone: examples/soda-app has only a
// `soda-gql.config.ts` (read statically) and `fizz-gql/vite`. `vite build` succeeds, the page
// renders in Chromium, reads `.metadata` (a callback and a static object) and uses an
// `.attach`ed member.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, test } from "node:test";

import { build, preview } from "vite";

import { CHROMIUM, launchChromium, scratchExamples } from "./helpers/workspace.mjs";
import registry from "../lib/registry.cjs";

const skip = existsSync(CHROMIUM) || process.env.CI ? false : `no ${CHROMIUM} (apt-get install chromium)`;

let project, server, browser;

before(async () => {
  project = scratchExamples("soda-app");
  const viteOptions = {
    configFile: project.path("soda-app", "vite.config.mjs"),
    cacheDir: project.path(".vite"),
    logLevel: "silent",
    build: { outDir: project.path("dist") },
  };
  await build(viteOptions);
  if (skip) return;
  server = await preview({ ...viteOptions, preview: { port: 0, host: "127.0.0.1" } });
  browser = await launchChromium();
});

after(async () => {
  await browser?.close();
  await new Promise((resolve) => (server ? server.httpServer.close(resolve) : resolve(undefined)));
  registry.release();
  project?.cleanup();
});

test("the soda-gql app renders: document, .metadata and an .attach'ed member", { skip }, async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto(server.resolvedUrls.local[0]);
  const text = (id) => page.locator(`#${id}`).textContent({ timeout: 5000 });
  assert.equal(
    await text("document"),
    [
      "query GetEmployee($employeeId: ID!, $taskLimit: Int, $compact: Boolean!) {",
      "  employee(id: $employeeId) {",
      "    id",
      "    name",
      "    role",
      "    tasks(limit: $taskLimit) {",
      "      id",
      "      title",
      "      done",
      "    }",
      "  }",
      "  hits: search(term: \"ada\") @skip(if: $compact) {",
      "    __typename",
      "    ... on Task {",
      "      title",
      "    }",
      "  }",
      "}",
    ].join("\n"),
  );
  assert.match(await text("open-tasks"), /openTasks: tasks\(limit: 3, done: false\)/);
  assert.deepStrictEqual(JSON.parse(await text("metadata")), {
    headers: { "X-Operation": "GetEmployee" },
    custom: { idVariable: "employeeId", definitions: 1, fragments: [{ source: "employee-card" }] },
  });
  assert.deepStrictEqual(JSON.parse(await text("fragment-metadata")), { source: "employee-card" });
  assert.equal(await text("formatted"), "Ada (engineer) via EmployeeCard");
  assert.deepStrictEqual(errors, []);
});
