// The watcher and graph through the JS API: `session.watch()` delivers coalesced batches
// on the event loop and `close()` lets the process exit; `graph()` returns the nodes.
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { addon, copyFixture } from "./helpers/addon.mjs";

test("session.watch() delivers one batch for an edit; updateAsync(batch) applies it; close() stops", async () => {
  const dir = copyFixture("forms");
  const session = new addon.BuilderSession({ configPath: join(dir, "fizz.config.json") });
  const batches = [];
  let arrived;
  const next = new Promise((resolve) => (arrived = resolve));
  const watcher = session.watch((batch) => {
    batches.push(batch);
    arrived();
  });
  assert.equal(watcher.running, true);
  await session.buildInitialAsync();
  const file = join(dir, "src/lib/bot.ts");
  writeFileSync(file, readFileSync(file, "utf8").replace("{ id model }", "{ model }"));
  await next;
  assert.deepEqual(batches[0], { added: [], updated: ["src/lib/bot.ts"], removed: [], rescan: false });
  const result = await session.updateAsync(batches[0]);
  assert.deepEqual(result.delta.updated, ["src/features/queries.ts::Search", "src/lib/bot.ts::botFields"]);
  watcher.close();
  watcher.close();
  assert.equal(watcher.running, false);
  session.dispose();
  // Were the watcher still holding the event loop, this test file would never end.
});

test("session.graph(filter) returns the matching definitions and what they depend on", () => {
  const dir = copyFixture("forms");
  const session = new addon.BuilderSession({ configPath: join(dir, "fizz.config.json") });
  session.buildInitial();
  const graph = session.graph("src/features/mutations.ts");
  assert.deepEqual(
    graph.definitions.map((d) => d.id),
    ["src/features/mutations.ts::Audit", "src/features/mutations.ts::OnUserChanged", "src/features/mutations.ts::Rename", "src/lib/bot.ts::auditFields", "src/lib/user.ts::userName"],
  );
  const rename = graph.definitions.find((d) => d.name === "Rename");
  assert.deepEqual(rename, { id: "src/features/mutations.ts::Rename", kind: "mutation", name: "Rename", schemaLabel: "default", built: true, dependencies: ["src/lib/user.ts::userName"] });
  assert.throws(() => session.graph("src/["), /invalid glob/);
  assert.throws(() => session.renderGraph("svg"), /unknown graph format "svg"/);
});
