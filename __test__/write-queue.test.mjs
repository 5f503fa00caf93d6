// The session's writer thread (persist/write_queue.rs, api.md §2): a build returns once it
// has decided what to write, and the type files and chunks are on disk by waitForWrites(),
// dispose() and persist(); a write that fails is a warning, and the file is written again.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

import { addon, copyFixture, ROOT } from "./helpers/addon.mjs";

const FRAGMENT = "src/lib/user.ts";

function open(dir, persist = false) {
  return new addon.BuilderSession({ configPath: join(dir, "fizz.config.json"), persist });
}

/** The type file that holds `key` (e.g. `default:fragment:UserName`), as [name, text]. */
function typeFileWith(outDir, key) {
  for (const name of readdirSync(outDir).filter((n) => n.endsWith(".d.ts"))) {
    const text = readFileSync(join(outDir, name), "utf8");
    if (text.includes(`"${key}"`)) return [name, text];
  }
  return [null, ""];
}

function editFragment(dir, selection) {
  writeFileSync(join(dir, FRAGMENT), readFileSync(join(dir, FRAGMENT), "utf8").replace(/`\{ id name[^`]*\}`/, `\`{ ${selection} }\``));
}

test("an edit's type file is on disk when waitForWrites() returns, and when dispose() returns", () => {
  const dir = copyFixture("forms");
  const session = open(dir);
  session.buildInitial();
  assert.deepEqual(session.waitForWrites(), []);
  const outDir = session.typesOutDir();
  assert.doesNotMatch(typeFileWith(outDir, "default:fragment:UserName")[1], /nick/);
  editFragment(dir, "id name nick: name");
  const result = session.update({ updated: [FRAGMENT] });
  assert.ok(result.stats.typesWritten >= 1, "the build reports the type files it writes");
  assert.deepEqual(session.waitForWrites(), []);
  assert.match(typeFileWith(outDir, "default:fragment:UserName")[1], /nick/);
  editFragment(dir, "id name nick: name phone: name");
  session.update({ updated: [FRAGMENT] });
  assert.deepEqual(session.dispose(), []);
  assert.match(typeFileWith(outDir, "default:fragment:UserName")[1], /phone/, "dispose() waited for the writer");
  rmSync(dir, { recursive: true, force: true });
});

test("a type file that cannot be written is a TYPES_WRITE warning, and the next build writes it", () => {
  const dir = copyFixture("forms");
  const session = open(dir, true);
  session.buildInitial();
  session.waitForWrites();
  const outDir = session.typesOutDir();
  const [name] = typeFileWith(outDir, "default:fragment:UserName");
  // A folder where the type file should be: the rename onto it fails (whoever runs the test).
  rmSync(join(outDir, name));
  mkdirSync(join(outDir, name, "blocker"), { recursive: true });
  editFragment(dir, "id name nick: name");
  const blocked = session.update({ updated: [FRAGMENT] });
  assert.deepEqual(blocked.diagnostics.filter((d) => d.severity === "error"), []);
  const warnings = session.waitForWrites();
  assert.deepEqual(warnings.map((w) => w.code), ["TYPES_WRITE"]);
  assert.match(warnings[0].message, new RegExp(name.replace(".", "\\.")));
  assert.deepEqual(session.waitForWrites(), [], "reported once");
  rmSync(join(outDir, name), { recursive: true });
  // The session forgot what it failed to write: the next build writes it, with nothing changed.
  const again = session.update({});
  assert.equal(again.stats.typesWritten, 1);
  assert.deepEqual(session.dispose(), []);
  assert.match(typeFileWith(outDir, "default:fragment:UserName")[1], /nick/);
  rmSync(dir, { recursive: true, force: true });
});

// Node runs the finalizers of wrapped objects when its environment ends, which drops the
// session and joins its writer thread: a script need not call dispose() for its files.
test("a script that builds and exits without dispose() still leaves every type file written", () => {
  const dir = copyFixture("forms");
  for (let i = 0; i < 1000; i++) {
    writeFileSync(join(dir, `src/lib/many-${i}.ts`), `import { gql } from "../graphql-system";\nexport const f${i} = gql.default(({ fragment }) => fragment("Many${i}", "User")\`{ id name }\`());\n`);
  }
  const script = `
    const { BuilderSession } = require(${JSON.stringify(join(ROOT, "index.js"))});
    const session = new BuilderSession({ configPath: ${JSON.stringify(join(dir, "fizz.config.json"))} });
    const result = session.buildInitial();
    console.log(JSON.stringify({ written: result.stats.typesWritten, outDir: session.typesOutDir() }));`;
  const run = spawnSync(process.execPath, ["-e", script], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  const { written, outDir } = JSON.parse(run.stdout);
  assert.ok(written >= 1000, `${written} type files written`);
  const many = readdirSync(outDir).filter((n) => n.endsWith(".d.ts") && readFileSync(join(outDir, n), "utf8").includes('"default:fragment:Many'));
  assert.equal(many.length, 1000, "every type file the build reported is on disk");
  assert.deepEqual(readdirSync(outDir).filter((n) => n.startsWith(".")), [], "no temporary file left");
  rmSync(dir, { recursive: true, force: true });
});
