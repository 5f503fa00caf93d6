// The peers benchmark's projects stay honest: on the `small` workload, the Relay and GraphQL
// Code Generator projects generated from the model compile (relay-compiler, graphql-codegen
// with the client preset) to the operations fizz-gql composes, and the equivalence check
// catches a selection changed in a peer's source.
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, test } from "node:test";

import { buildSchema } from "graphql";

import { generateProject } from "../benchmark/generate.mjs";
import { normalForm } from "../benchmark/lib/peers/equivalence.mjs";
import { checkEquivalence, ensurePeerProjects, peerBuild, projectSchemas } from "../benchmark/lib/peers/peer-projects.mjs";
import { addon, ROOT } from "./helpers/addon.mjs";

// Inside the repository: graphql-codegen resolves `preset: client` from the project folder.
const temp = join(ROOT, "benchmark", "projects", `.peers-test-${process.pid}`);
after(() => rmSync(temp, { recursive: true, force: true }));
mkdirSync(temp, { recursive: true });
const fizzDir = join(temp, "small-1");
const manifest = generateProject({ name: "small", seed: 1, outDir: fizzDir });
const peers = ensurePeerProjects(temp, "small", 1, () => {});
const schemas = projectSchemas(fizzDir);
const session = new addon.BuilderSession({ configPath: join(fizzDir, "fizz.config.json") });
const artifact = session.buildInitial().artifact;
session.dispose();

/** Replaces `from` (which must occur once) in a peer project's file; returns the undo. */
function alter(dir, file, from, to) {
  const path = join(dir, file);
  const text = readFileSync(path, "utf8");
  assert.equal(text.split(from).length, 2, `${from} occurs once in ${file}`);
  writeFileSync(path, text.replace(from, to));
  return () => writeFileSync(path, text);
}

for (const peer of ["relay", "codegen"]) {
  test(`${peer}: the compiled project is equivalent to fizz-gql's, and a changed selection is caught`, () => {
    const project = peers[peer];
    peerBuild(peer, project.dir, { clean: true, manifest: project.manifest });
    const ok = checkEquivalence(peer, project, artifact, schemas);
    assert.deepEqual(ok.problems, []);
    assert.equal(ok.operations, manifest.counts.operations);
    assert.ok(ok.paths > 10, `${ok.paths} field paths compared`);

    // The leaf operation loses a field (relay) or gains one (codegen), in the peer's source only.
    const leaf = project.manifest.scenarios.editLeaf;
    const undo =
      peer === "relay"
        ? alter(project.dir, leaf.file, "      id\n      name\n", "      id\n")
        : alter(project.dir, leaf.file, leaf.from, `${leaf.from}    __typename\n`);
    try {
      peerBuild(peer, project.dir);
      const bad = checkEquivalence(peer, project, artifact, schemas);
      assert.equal(bad.ok, false);
      const expected = peer === "relay" ? /LoadUserPanel.*does not select \/user:user\(id: \$id\)\/name:name$/ : /LoadUserPanel.*selects \/__typename:__typename, which fizz-gql does not$/;
      assert.ok(bad.problems.some((p) => expected.test(p)), bad.problems.join("\n"));
    } finally {
      undo();
    }
  });
}

test("the normal form inlines fragments, drops type conditions that always hold, keeps the others and directives", () => {
  const schema = buildSchema(`
    interface Node { id: ID! }
    type User implements Node { id: ID! name: String friends(first: Int): [User!]! }
    type Bot implements Node { id: ID! }
    union Actor = User | Bot
    type Query { user(id: ID!): User actor: Actor }
  `);
  const inlined = normalForm(schema, "query Q($id: ID!, $f: Boolean = false) { user(id: $id) { id name friends(first: 2) @include(if: $f) { id } } actor { __typename ... on User { name } } }");
  const named = normalForm(
    schema,
    `query Q($f: Boolean = false, $id: ID!) { user(id: $id) { ...N ...U } actor { __typename ...A } }
     fragment N on Node { id }
     fragment U on User { name friends(first: 2) @include(if: $f) { ... on Node { id } } }
     fragment A on User { name }`,
  );
  assert.deepEqual([...named.paths.keys()].sort(), [...inlined.paths.keys()].sort());
  assert.deepEqual(named.variables, inlined.variables);
  assert.ok(inlined.paths.has("/actor:actor/...on User/name:name"));
  assert.ok(inlined.paths.has("/user:user(id: $id)/friends:friends(first: 2)@include(if: $f)/id:id"));
  // A condition that always holds counts as the parent type, with or without directives.
  const conditional = normalForm(schema, "query Q($f: Boolean) { user(id: \"1\") { ... @include(if: $f) { id name } } }");
  const spread = normalForm(schema, "query Q($f: Boolean) { user(id: \"1\") { ...N @include(if: $f) ... on User @include(if: $f) { name } } } fragment N on Node { id }");
  assert.deepEqual([...spread.paths.keys()].sort(), [...conditional.paths.keys()].sort());
  assert.ok(conditional.paths.has('/user:user(id: "1")/...on User@include(if: $f)/name:name'));
});
