// soda-gql's element surface on both paths an app can take: the native transform's objects
// and `fizz-gql/runtime`'s. Definitions use soda-gql's options-object path; a page reads
// `.metadata` (static, and a callback called lazily with soda-gql's arguments) and uses an
// `.attach`ed member.
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";

import { addon } from "./helpers/addon.mjs";
import { scratchExamples } from "./helpers/workspace.mjs";
import registry from "../lib/registry.cjs";

let project;

const SOURCE = [
  'import { gql } from "./graphql-system.mjs";',
  "",
  "export let metadataCalls = 0;",
  "",
  "export const userFields = gql",
  "  .default(({ fragment }) =>",
  '    fragment("UserFields", "User")({ fields: ({ f }) => ({ ...f("id")(), ...f("name")() }), metadata: { source: "user-fields" } })(),',
  "  )",
  '  .attach({ name: "display", createValue: (element) => (user) => `${element.key}: ${user.name.toUpperCase()}` });',
  "",
  "export const GetUser = gql.default(({ query, $dir }) =>",
  '  query("GetUser")({',
  "    variables: `($id: ID!, $brief: Boolean!)`,",
  "    metadata: ({ $, document, $var, fragmentMetadata }) => {",
  "      metadataCalls += 1;",
  '      return { headers: { "X-Var": $var.getName($.id) }, custom: { kind: document.kind, fragments: fragmentMetadata } };',
  "    },",
  "    fields: ({ f, $ }) => ({",
  '      ...f("user", { id: $.id })(({ f: u }) => ({',
  '        ...u("email", null, { alias: "mail", directives: [$dir.skip({ if: $.brief })] })(),',
  "        ...userFields.spread(),",
  "      })),",
  "    }),",
  "  })({}),",
  ");",
  "",
].join("\n");

const TEXT = [
  "query GetUser($id: ID!, $brief: Boolean!) {",
  "  user(id: $id) {",
  "    mail: email @skip(if: $brief)",
  "    id",
  "    name",
  "  }",
  "}",
].join("\n");

before(() => {
  project = scratchExamples("basic");
  project.write(
    "basic/fizz.config.json",
    JSON.stringify({ include: ["src/**/*.mjs"], graphqlSystem: { path: "./src/graphql-system.mjs" }, schemas: { default: "./schema.graphql" } }),
  );
  project.write("basic/src/graphql-system.mjs", 'export { gql } from "fizz-gql/runtime";\n');
  project.write("basic/src/soda.mjs", SOURCE);
});

after(() => {
  registry.release();
  project.cleanup();
});

/**
 * Checks the surface of one module's exports (whichever path produced them). The transform
 * knows the fragments an operation spreads (`fragmentMetadata` aggregates theirs); the
 * runtime does not, and passes an empty list.
 */
function checkSurface(mod, fragmentMetadata) {
  assert.equal(mod.GetUser.text, TEXT);
  assert.deepStrictEqual(mod.userFields.metadata, { source: "user-fields" }, "static metadata inlined");
  assert.equal(mod.userFields.display({ name: "ada" }), "UserFields: ADA", "attached member");
  assert.equal(mod.metadataCalls, 0, "the metadata callback waits for the first read");
  const meta = mod.GetUser.metadata;
  assert.deepStrictEqual(meta, { headers: { "X-Var": "id" }, custom: { kind: "Document", fragments: fragmentMetadata } });
  assert.equal(mod.GetUser.metadata, meta, "called once, then kept");
  assert.equal(mod.metadataCalls, 1);
  assert.deepStrictEqual(Object.keys(mod.GetUser).includes("metadata"), false, "members are not data");
  assert.equal(Object.keys(mod.userFields).includes("display"), false, "attached members are not enumerable (as soda-gql's)");
  assert.throws(() => mod.GetUser.$infer, /only for type meta/);
}

test("native transform: options-object elements with .metadata and .attach", async () => {
  const session = new addon.BuilderSession({ root: project.path("basic") });
  const built = session.buildInitial();
  assert.deepStrictEqual(built.diagnostics, []);
  assert.equal(Object.keys(built.artifact.elements).length, 2);
  const file = project.path("basic/src/soda.mjs");
  const { code } = session.transform(file);
  assert.doesNotMatch(code, /gql\.default|fields:/);
  // The surface's code is written once per file (in place of the composer import), not per object.
  assert.equal(code.split("Object.defineProperties").length - 1, 1);
  assert.equal(code.split("__fizzGqlElement(").length - 1, 3, "declared once, called by both objects");
  const out = project.path("basic/src/soda.transformed.mjs");
  project.write("basic/src/soda.transformed.mjs", code);
  checkSurface(await import(pathToFileURL(out).href), [{ source: "user-fields" }]);
});

test("runtime: the same surface from fizz-gql/runtime", async () => {
  checkSurface(await import(pathToFileURL(project.path("basic/src/soda.mjs")).href), []);
});
