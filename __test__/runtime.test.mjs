// The runtime composer in plain JavaScript (no loader, no transform): it finds its config
// by walking up from the calling file, returns the built element with the options passed
// at run time, and explains a definition that is not built.
import assert from "node:assert/strict";
import { pathToFileURL } from "node:url";
import { after, before, test } from "node:test";

import { scratchExamples } from "./helpers/workspace.mjs";
import registry from "../lib/registry.cjs";

let project;

before(() => {
  project = scratchExamples("basic");
  project.write(
    "basic/fizz.config.json",
    JSON.stringify({
      include: ["src/**/*.mjs"],
      graphqlSystem: { path: "./src/graphql-system.mjs" },
      schemas: { default: "./schema.graphql" },
    }),
  );
  project.write("basic/src/graphql-system.mjs", 'export { gql } from "fizz-gql/runtime";\n');
  project.write(
    "basic/src/viewer.mjs",
    [
      'import { gql } from "./graphql-system.mjs";',
      "",
      "export const viewerFields = gql.default(({ fragment }) => fragment(\"ViewerFields\", \"User\")`{ id name }`());",
      "",
      "export function viewerQuery(cacheSeconds) {",
      "  return gql.default(({ query }) =>",
      '    query("Viewer")`{ viewer { ...${viewerFields} } }`({ metadata: { cacheSeconds } }),',
      "  );",
      "}",
      "",
      "export const broken = () => gql.default(({ query }) => query(\"Broken\")`{ viewer { id `());",
      "",
    ].join("\n"),
  );
});

after(() => {
  registry.release();
  project.cleanup();
});

test("runtime: the built element, with the options passed at run time", async () => {
  const { viewerFields, viewerQuery } = await import(pathToFileURL(project.path("basic/src/viewer.mjs")).href);
  assert.deepStrictEqual(viewerFields, {
    kind: "fragment",
    key: "ViewerFields",
    typename: "User",
    schemaLabel: "default",
    text: "fragment ViewerFields on User {\n  id\n  name\n}",
    variableNames: [],
    options: undefined,
  });
  const query = viewerQuery(30);
  assert.equal(query.kind, "operation");
  assert.equal(query.text, "query Viewer {\n  viewer {\n    id\n    name\n  }\n}");
  assert.deepStrictEqual(query.options, { metadata: { cacheSeconds: 30 } });
  assert.deepStrictEqual(viewerQuery(5).options, { metadata: { cacheSeconds: 5 } }, "options as passed, per call");
});

test("runtime: a definition with errors throws its diagnostic and code frame", async () => {
  const { broken } = await import(pathToFileURL(project.path("basic/src/viewer.mjs")).href);
  assert.throws(broken, (error) => {
    assert.match(error.message, /gql\.default\(…\) at .*viewer\.mjs:11:\d+ is not built/);
    // The CLI's text of the diagnostic (lib/plugin-errors.cjs formats it for every host).
    assert.match(error.message, /src\/viewer\.mjs:11:\d+ error GRAPHQL_SYNTAX/);
    assert.match(error.message, /> 11 \|/);
    return true;
  });
});
