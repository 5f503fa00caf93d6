// `result.artifact` and `session.getArtifact()` as a JS caller reads them: one object per
// build, equal to the artifact's JSON text, made from the artifact read before (elements the
// build did not change are the same objects), in any reading order, and beyond the million
// JSON values napi's conversion stopped at.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, unlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { inspect } from "node:util";

import { addon, comparable } from "./helpers/addon.mjs";

/** A project of `files` (path → text) with a `User` type of `fields` extra String fields. */
function project(files, { fields = 0 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), "fizz-artifact-view-"));
  const extra = Array.from({ length: fields }, (_, i) => ` f${i}: String`).join("");
  const all = {
    "fizz.config.json": JSON.stringify({ include: ["src/**/*.ts"], graphqlSystem: { path: "./src/graphql-system.ts" }, schemas: { default: "./schema.graphql" } }),
    "schema.graphql": `type Query { user(id: ID!): User, users: [User!]! }\ntype User { id: ID! name: String! email: String${extra} }\n`,
    "src/graphql-system.ts": "export const gql: any = {};\n",
    ...files,
  };
  for (const [path, text] of Object.entries(all)) write(dir, path, text);
  return dir;
}

function write(dir, path, text) {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const fragmentFile = (selection) => `import { gql } from "./graphql-system";\nexport const userFields = gql.default(({ fragment }) => fragment("UserFields", "User")\`{ ${selection} }\`());\n`;
const pageFile = (name) => `import { gql } from "../graphql-system";\nimport { userFields } from "../user";\nexport const ${name} = gql.default(({ query }) => query("${name}")\`{ users { ...\${userFields} } }\`());\n`;
const leafFile = (name, field) => `import { gql } from "../graphql-system";\nexport const ${name} = gql.default(({ query }) => query("${name}")\`{ users { ${field} } }\`());\n`;

function basicProject() {
  const files = { "src/user.ts": fragmentFile("id name") };
  for (let i = 0; i < 4; i++) files[`src/pages/p${i}.ts`] = pageFile(`Page${i}`);
  for (let i = 0; i < 30; i++) files[`src/leaves/l${i}.ts`] = leafFile(`Leaf${i}`, "id");
  return project(files);
}

function open(dir) {
  return new addon.BuilderSession({ configPath: join(dir, "fizz.config.json") });
}

/** What a fresh session builds now, without `report`. */
function fresh(dir) {
  const session = open(dir);
  const text = session.buildInitial().artifactJson();
  session.dispose();
  return comparable(text);
}

/** Checks `result.artifact` against its JSON text and a fresh build, and sharing with `previous`. */
function checkRead(dir, result, previous) {
  const artifact = result.artifact;
  assert.equal(result.artifact, artifact, "a second read is the same object");
  assert.equal(JSON.stringify(artifact), result.artifactJson(), "the object is the artifact's JSON");
  assert.equal(comparable(JSON.stringify(artifact)), fresh(dir), "and equals a fresh build");
  if (previous) {
    const changed = new Set([...result.delta.added, ...result.delta.updated]);
    for (const id of Object.keys(artifact.elements)) {
      if (changed.has(id)) assert.notEqual(artifact.elements[id], previous.elements[id], `${id} changed: a new object`);
      else assert.equal(artifact.elements[id], previous.elements[id], `${id} unchanged: the previous artifact's object`);
    }
    for (const id of result.delta.removed) assert.equal(id in artifact.elements, false, `${id} removed`);
  }
  return artifact;
}

test("result.artifact after edits, additions, removals and errors: its JSON, a fresh build, unchanged elements shared", () => {
  const dir = basicProject();
  const session = open(dir);
  let previous = checkRead(dir, session.buildInitial(), null);
  assert.equal(Object.keys(previous.elements).length, 35);
  const steps = [
    () => (write(dir, "src/leaves/l3.ts", leafFile("Leaf3", "id name")), { updated: ["src/leaves/l3.ts"] }),
    () => (write(dir, "src/user.ts", fragmentFile("id name email")), { updated: ["src/user.ts"] }),
    () => (write(dir, "src/leaves/new.ts", leafFile("LeafNew", "email")), { added: ["src/leaves/new.ts"] }),
    () => (unlinkSync(join(dir, "src/leaves/l7.ts")), { removed: ["src/leaves/l7.ts"] }),
    () => (write(dir, "src/leaves/l4.ts", leafFile("Leaf4", "nope")), { updated: ["src/leaves/l4.ts"] }),
    () => (write(dir, "src/leaves/l4.ts", leafFile("Leaf4", "id")), { updated: ["src/leaves/l4.ts"] }),
    () => ({}),
  ];
  for (const step of steps) {
    const result = session.update(step());
    const artifact = checkRead(dir, result, previous);
    if (result.delta.updated.includes("src/leaves/l4.ts::Leaf4") || result.delta.removed.includes("src/leaves/l4.ts::Leaf4")) {
      assert.ok(artifact.diagnostics.length > 0 || "src/leaves/l4.ts::Leaf4" in artifact.elements);
    }
    previous = artifact;
  }
  assert.equal(session.getArtifact(), previous, "getArtifact() is the last build's artifact object");
  session.dispose();
  assert.throws(() => session.getArtifact(), /disposed/);
  rmSync(dir, { recursive: true, force: true });
});

test("results read out of order, twice, or after the session is disposed are each their own build's artifact", async () => {
  const dir = basicProject();
  const session = open(dir);
  const results = [session.buildInitial()];
  for (let i = 0; i < 4; i++) {
    write(dir, `src/leaves/l${i}.ts`, leafFile(`Leaf${i}`, "id email"));
    results.push(i % 2 ? await session.updateAsync({ updated: [`src/leaves/l${i}.ts`] }) : session.update({ updated: [`src/leaves/l${i}.ts`] }));
  }
  for (const i of [4, 1, 3, 0, 2, 4, 1]) {
    const artifact = results[i].artifact;
    assert.equal(JSON.stringify(artifact), results[i].artifactJson(), `result ${i}`);
  }
  const kept = results[4].artifact;
  write(dir, "src/leaves/l9.ts", leafFile("Leaf9", "name"));
  const last = session.update({ updated: ["src/leaves/l9.ts"] });
  session.dispose();
  assert.equal(JSON.stringify(last.artifact), last.artifactJson(), "read after dispose: whole");
  assert.equal(last.artifact.elements["src/leaves/l0.ts::Leaf0"].text, kept.elements["src/leaves/l0.ts::Leaf0"].text);
  rmSync(dir, { recursive: true, force: true });
});

test("artifact.elements reads and writes as a plain object, and a write stays in its own artifact", () => {
  const dir = basicProject();
  const session = open(dir);
  const first = session.buildInitial().artifact;
  const elements = first.elements;
  const ids = Object.keys(elements);
  assert.deepEqual(ids, ids.slice().sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))), "keys in ID (byte) order");
  assert.deepEqual(Object.keys({ ...elements }), ids);
  assert.deepEqual(Object.entries(elements).map(([k, v]) => [k, v.id]), ids.map((id) => [id, id]));
  assert.ok(ids[0] in elements && !("nope" in elements) && Object.hasOwn(elements, ids[0]) && elements.hasOwnProperty(ids[0]));
  assert.match(inspect(first, { depth: 2 }), /src\/leaves\/l0\.ts::Leaf0/, "console.log shows the elements");
  const [a, b] = ["src/leaves/l1.ts::Leaf1", "src/leaves/l2.ts::Leaf2"];
  const original = elements[a];
  elements[a] = { replaced: true };
  delete elements[b];
  elements.extra = 1;
  assert.deepEqual(elements[a], { replaced: true });
  assert.equal(b in elements, false);
  assert.equal(elements.extra, 1);
  write(dir, "src/leaves/l5.ts", leafFile("Leaf5", "name"));
  const next = session.update({ updated: ["src/leaves/l5.ts"] });
  const second = next.artifact;
  assert.equal(second.elements[a], original, "the next artifact has the build's element");
  assert.ok(b in second.elements && !("extra" in second.elements));
  assert.equal(JSON.stringify(second), next.artifactJson());
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});

test("an artifact of over a million JSON values is read (napi's JSON conversion stopped there)", () => {
  const fields = Array.from({ length: 1500 }, (_, i) => `f${i}`).join(" ");
  const files = { "src/user.ts": fragmentFile(`id ${fields}`) };
  for (let i = 0; i < 110; i++) files[`src/pages/p${i}.ts`] = pageFile(`Page${i}`);
  const dir = project(files, { fields: 1500 });
  const session = open(dir);
  const result = session.buildInitial();
  assert.deepEqual(result.diagnostics.filter((d) => d.severity === "error"), []);
  const text = result.artifactJson();
  let values = 0;
  JSON.parse(text, (key, value) => (values++, value));
  assert.ok(values > 1_000_000, `${values} JSON values`);
  assert.equal(JSON.stringify(result.artifact), text);
  session.dispose();
  rmSync(dir, { recursive: true, force: true });
});
