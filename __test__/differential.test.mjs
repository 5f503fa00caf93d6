// Differential test through the JS API: seeded random edits on a copy of examples/basic;
// after every step the session's artifact equals a fresh buildInitial() on the same files
// (byte for byte, minus `report`), the type files equal the fresh build's, and so do the
// BuildResult's diagnostics (code, file, line, column, end). The Rust differential test runs
// 10,200 steps; this one proves the N-API path keeps the same promise.
// New pages are written as tagged templates or in soda-gql's options-object form.
import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { test } from "node:test";

import { addon, comparable, ROOT } from "./helpers/addon.mjs";

const STEPS = 150;
/** How many new pages were written in the options-object form. */
let optionsObjectPages = 0;

/** mulberry32: a tiny seeded generator, so a failure can be replayed. */
function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The type files in a folder: name → text. */
function typeFiles(dir) {
  if (!existsSync(dir)) return {};
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, readFileSync(join(dir, name), "utf8")]));
}

function sources(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath ?? entry.path, entry.name);
    if (entry.isFile() && entry.name.endsWith(".ts") && !path.includes("__generated__")) out.push(path);
  }
  return out.sort();
}

/** One random edit; returns the change set that describes it. */
function edit(dir, random, originals, stash) {
  const pick = (list) => list[Math.floor(random() * list.length)];
  const files = sources(join(dir, "src"));
  const file = pick(files);
  const rel = relative(dir, file);
  const text = readFileSync(file, "utf8");
  const roll = random();
  if (roll < 0.3 && text.includes("`{")) {
    // A field added to (or removed from) a template.
    const next = text.includes("`{\n    __typename") ? text.replace("`{\n    __typename", "`{") : text.replace("`{", "`{\n    __typename");
    writeFileSync(file, next);
  } else if (roll < 0.45) {
    writeFileSync(file, `// edit ${Math.floor(random() * 1e6)}\n${text}`);
  } else if (roll < 0.55 && text.includes("}`(")) {
    writeFileSync(file, text.replace("}`(", "`(")); // a GraphQL syntax error
  } else if (roll < 0.62) {
    writeFileSync(file, text.replace(/\);\s*$/, "")); // a TypeScript syntax error
  } else if (roll < 0.75) {
    writeFileSync(file, originals.get(rel) ?? text.replace(/^\/\/ edit \d+\n/, "")); // back to the original: fixes any error
  } else if (roll < 0.83 && !rel.includes("graphql-system")) {
    stash.set(rel, text);
    rmSync(file);
    return { removed: [rel] };
  } else if (roll < 0.91 && stash.size) {
    const [back, content] = stash.entries().next().value;
    stash.delete(back);
    writeFileSync(join(dir, back), content);
    return { added: [back] };
  } else {
    const id = Math.floor(random() * 1e6);
    const name = `src/pages/extra-${id}.ts`;
    // Half of the new pages use soda-gql's options-object form.
    const body =
      id % 2 === 1
        ? `({ fields: ({ f }) => ({ ...f("viewer")(() => ({ ...userFields.spread() })) }) })()`
        : `\`{ viewer { ...\${userFields} } }\`()`;
    if (id % 2 === 1) optionsObjectPages += 1;
    writeFileSync(
      join(dir, name),
      `import { gql } from "@/graphql-system";\nimport { userFields } from "../fragments/user";\n\nexport const Extra${Math.floor(random() * 1e6)} = gql.default(({ query }) =>\n  query("Extra${Math.floor(random() * 1e6)}")${body},\n);\n`,
    );
    return { added: [name] };
  }
  return { updated: [rel] };
}

/** What a user sees of a build's diagnostics, minus what only happened in that build. */
function positions(result) {
  return result.diagnostics
    .filter((d) => d.code !== "PATH_IGNORED" && d.code !== "SNAPSHOT_DISCARDED")
    .map((d) => `${d.code} ${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn}`);
}

test(`${STEPS} random edits through the JS API: every update equals a fresh build`, () => {
  const dir = mkdtempSync(join(tmpdir(), "fizz-js-diff-"));
  cpSync(join(ROOT, "examples", "basic"), dir, {
    recursive: true,
    filter: (p) => !p.includes("node_modules") && !p.includes("__generated__"),
  });
  const originals = new Map(sources(join(dir, "src")).map((f) => [relative(dir, f), readFileSync(f, "utf8")]));
  const configPath = join(dir, "fizz.config.json");
  const session = new addon.BuilderSession({ configPath });
  session.buildInitial();
  session.waitForWrites();
  const outDir = session.typesOutDir();
  assert.ok(outDir && Object.keys(typeFiles(outDir)).length > 1, "the session writes type files");
  // The fresh builds write their type files elsewhere, never over the session's.
  const config = JSON.parse(readFileSync(configPath, "utf8"));
  const freshConfig = { ...config, types: { ...config.types, outDir: ".fresh-types" } };
  const random = rng(7);
  const stash = new Map();
  let changed = 0;
  for (let step = 0; step < STEPS; step++) {
    const changes = edit(dir, random, originals, stash);
    const sweep = random() < 0.2;
    const result = sweep ? session.update() : session.update(changes);
    changed += result.delta.added.length + result.delta.updated.length + result.delta.removed.length > 0 ? 1 : 0;
    session.waitForWrites(); // the type files are written by the session's writer thread
    const types = typeFiles(outDir);
    const fresh = new addon.BuilderSession({ root: dir, config: freshConfig });
    const freshResult = fresh.buildInitial();
    fresh.waitForWrites();
    const expected = comparable(freshResult.artifactJson());
    fresh.dispose();
    const what = `step ${step} (${sweep ? "sweep" : JSON.stringify(changes)})`;
    assert.equal(comparable(result.artifactJson()), expected, what);
    assert.deepEqual(types, typeFiles(join(dir, ".fresh-types")), `${what}: type files`);
    assert.deepEqual(positions(result), positions(freshResult), `${what}: diagnostics`);
  }
  assert.ok(changed > STEPS / 4, `only ${changed} steps changed the artifact`);
  assert.ok(optionsObjectPages > 0, "no page in the options-object form was added");
  session.dispose();
  assert.ok(existsSync(dir));
  rmSync(dir, { recursive: true, force: true });
});
