// `fizz build --watch` through the real CLI: a test edits, adds and deletes files and
// checks the printed line and the rewritten artifact after each; errors print with code
// frames and the watch goes on; a burst of 1,000 writes is one update; Ctrl-C saves the
// session (exit 0) and `fizz explain` in a later process tells what the last update did.
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { setTimeout as sleep } from "node:timers/promises";

import { addon, comparable, copyFixture } from "./helpers/addon.mjs";
import { fizz, startFizz } from "./helpers/cli.mjs";

/** One watch-update line; `ms` is anything. */
function updateLine(files, added, updated, removed, errors) {
  const plural = (n, w) => `${n} ${w}${n === 1 ? "" : "s"}`;
  const head = `fizz: ${plural(files, "file")} changed: ${added} added, ${updated} updated, ${removed} removed, ${plural(errors, "error")} in `;
  return new RegExp(`^${head.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\d+\\.\\d ms$`);
}

function edit(dir, file, from, to) {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  assert.ok(text.includes(from), `${file} contains ${from}`);
  writeFileSync(path, text.replace(from, to));
}

function fresh(dir) {
  return comparable(new addon.BuilderSession({ configPath: join(dir, "fizz.config.json") }).buildInitial().artifactJson());
}

function artifactFile(dir) {
  return readFileSync(join(dir, "out", "artifact.json"), "utf8");
}

async function watching(dir, extra = []) {
  const run = startFizz(["build", "--watch", "--config", join(dir, "fizz.config.json"), "--artifact", join(dir, "out", "artifact.json"), ...extra], dir);
  await run.skipTo("err", /^fizz: watching /);
  return run;
}

test("watch: edits, additions, deletions and errors each print one line and rewrite the artifact; Ctrl-C saves", async () => {
  const dir = copyFixture("forms");
  const run = await watching(dir);
  assert.match(run.lines.err[0], /^fizz: 8 operations, 6 fragments, 0 errors, 0 warnings, 6 files read, 0 unchanged in /);

  edit(dir, "src/lib/user.ts", "`{ id name }`", "`{ id name email }`");
  assert.match(await run.next("out"), updateLine(1, 0, 7, 0, 0));
  assert.match(JSON.parse(artifactFile(dir)).elements["src/lib/user.ts::userName"].text, /email/);
  assert.equal(comparable(artifactFile(dir)), fresh(dir));

  writeFileSync(
    join(dir, "src/features/extra.ts"),
    'import { gql } from "#gql";\nimport { userName } from "../lib/user";\n\nexport const Extra = gql.default(({ query }) => query("Extra")`{ users { ...${userName} } }`());\n',
  );
  assert.match(await run.next("out"), updateLine(1, 1, 0, 0, 0));
  assert.ok(JSON.parse(artifactFile(dir)).elements["src/features/extra.ts::Extra"]);
  assert.equal(comparable(artifactFile(dir)), fresh(dir));

  rmSync(join(dir, "src/features/extra.ts"));
  assert.match(await run.next("out"), updateLine(1, 0, 0, 1, 0));
  assert.equal(JSON.parse(artifactFile(dir)).elements["src/features/extra.ts::Extra"], undefined);
  assert.equal(comparable(artifactFile(dir)), fresh(dir));

  // A broken fragment: it and the operation spreading it leave the artifact; the error
  // prints with its code frame, and the watch goes on.
  edit(dir, "src/lib/bot.ts", "{ id model }", "{ id modle }");
  assert.match(await run.next("out"), updateLine(1, 0, 0, 2, 1));
  assert.match(await run.skipTo("err", /UNKNOWN_FIELD/), /^src\/lib\/bot.ts:3:\d+ error UNKNOWN_FIELD: Cannot query field "modle" on type "Bot"/);
  assert.match(await run.skipTo("err", /^\s+> 3 \|/), /modle/);
  assert.deepEqual(JSON.parse(artifactFile(dir)).diagnostics.map((d) => d.code), ["UNKNOWN_FIELD"]);
  assert.equal(comparable(artifactFile(dir)), fresh(dir));

  edit(dir, "src/lib/bot.ts", "{ id modle }", "{ id model }");
  assert.match(await run.next("out"), updateLine(1, 2, 0, 0, 0));
  assert.equal(comparable(artifactFile(dir)), fresh(dir));

  const { code } = await run.interrupt();
  assert.equal(code, 0, run.describe());
  assert.match(run.lines.err.at(-1), /^fizz: stopped; session saved$/);
  assert.ok(existsSync(join(dir, "node_modules/.cache/fizz/builder/session.json")));

  // A later process restores the saved session: nothing to read, and `explain` tells
  // what the last watch update did.
  const explained = fizz(["explain", "--json", "--config", join(dir, "fizz.config.json"), "src/lib/bot.ts::botFields"], dir);
  assert.equal(explained.code, 0, explained.stderr);
  const [definition] = JSON.parse(explained.stdout).definitions;
  assert.deepEqual(definition.lastUpdate, { fileAnalyzed: true, recomposed: true, element: "added" });
  assert.deepEqual(definition.dependents, ["src/features/queries.ts::Search"]);
});

test("watch: a burst of 1,000 file writes is one update", async () => {
  const dir = copyFixture("forms");
  const run = await watching(dir);
  mkdirSync(join(dir, "src/generated"));
  const started = performance.now();
  for (let i = 0; i < 1000; i++) {
    const name = `F${String(i).padStart(4, "0")}`;
    writeFileSync(
      join(dir, "src/generated", `${name}.ts`),
      `import { gql } from "#gql";\nexport const f = gql.default(({ fragment }) => fragment("${name}", "User")\`{ id }\`());\n`,
    );
  }
  const wrote = performance.now() - started;
  assert.match(await run.next("out"), updateLine(1000, 1000, 0, 0, 0));
  const printed = performance.now() - started;
  // Well past the burst's quiet period (200 ms): no second update follows.
  await sleep(1000);
  assert.deepEqual(run.lines.out.length, 1, run.describe());
  assert.equal(Object.keys(JSON.parse(artifactFile(dir)).elements).length, 14 + 1000);
  assert.equal((await run.interrupt()).code, 0);
  console.log(`# 1,000 writes in ${wrote.toFixed(0)} ms; one update printed ${printed.toFixed(0)} ms after the first write`);
});

test("watch --json: one JSON line per build; --graph-filter narrows every update", async () => {
  const dir = copyFixture("forms");
  const run = startFizz(["build", "--watch", "--json", "--graph-filter", "src/lib/bot.ts", "--config", join(dir, "fizz.config.json")], dir);
  const first = JSON.parse(await run.next("out"));
  assert.equal(first.event, "build");
  assert.deepEqual(first.delta.added, ["src/lib/bot.ts::auditFields", "src/lib/bot.ts::botFields"]);
  await run.skipTo("err", /^fizz: watching /);
  edit(dir, "src/lib/user.ts", "`{ id name }`", "`{ id name email }`");
  edit(dir, "src/lib/bot.ts", "{ id model }", "{ model }");
  const update = JSON.parse(await run.next("out"));
  assert.equal(update.event, "update");
  assert.deepEqual(update.changes.updated, ["src/lib/bot.ts", "src/lib/user.ts"]);
  assert.equal(update.files, 2);
  // Search spreads botFields (and userName): it is outside the filter, so only the fragment shows.
  assert.deepEqual(update.delta, { added: [], updated: ["src/lib/bot.ts::botFields"], removed: [] });
  assert.equal((await run.interrupt()).code, 0);
});
