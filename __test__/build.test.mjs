// A cold build through the addon: every operation's text, document and hash agree with
// the real graphql-js 16, and every definition form of the fixture is in the artifact.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { test } from "node:test";

import { parse, print } from "graphql";

import { addon, fixture } from "./helpers/addon.mjs";

function build(name) {
  const session = new addon.BuilderSession({ configPath: `${fixture(name)}/fizz.config.json` });
  const result = session.buildInitial();
  return { session, result, artifact: result.artifact };
}

test("every definition form of the fixture is built, with no diagnostics", () => {
  const { artifact, result } = build("forms");
  assert.deepEqual(result.diagnostics, []);
  assert.deepEqual(Object.keys(artifact.elements), [
    "src/features/mutations.ts::Audit",
    "src/features/mutations.ts::OnUserChanged",
    "src/features/mutations.ts::Rename",
    "src/features/queries.ts::GetUser",
    "src/features/queries.ts::Repo.load.byId",
    "src/features/queries.ts::Search",
    "src/features/queries.ts::makeQueries.inner",
    "src/features/queries.ts::makeQueries.local",
    "src/features/queries.ts::registry.users.all",
    "src/lib/bot.ts::auditFields",
    "src/lib/bot.ts::botFields",
    "src/lib/user.ts::userEmail",
    "src/lib/user.ts::nodeId",
    "src/lib/user.ts::userName",
  ].sort());
});

test("operation text equals graphql-js print(parse(text)), document equals parse(text, {noLocation}), hash is sha256(text)", () => {
  for (const name of ["forms", "../../examples/basic"]) {
    const { artifact } = build(name);
    const operations = Object.values(artifact.elements).filter((e) => e.type === "operation");
    assert.ok(operations.length >= 5, `${name} has operations`);
    for (const op of operations) {
      assert.equal(op.text, print(parse(op.text)), `${op.id} text is printed as graphql-js prints it`);
      const expected = JSON.parse(JSON.stringify(parse(op.text, { noLocation: true })));
      assert.deepEqual(op.prebuild.document, expected, `${op.id} document`);
      assert.equal(op.hash, createHash("sha256").update(op.text).digest("hex"), `${op.id} hash`);
    }
  }
});

test("fragments are inlined, wrapped and merged as docs/reference/dsl.md §5 says", () => {
  const { artifact } = build("forms");
  const search = artifact.elements["src/features/queries.ts::Search"];
  assert.equal(
    search.text,
    [
      "query Search($q: String!) {",
      "  search(q: $q) {",
      "    __typename",
      "    ... on User {",
      "      id",
      "      name",
      "    }",
      "    ... on Bot {",
      "      id",
      "      model",
      "    }",
      "    ... on Node {",
      "      id",
      "    }",
      "  }",
      "}",
    ].join("\n"),
  );
  const getUser = artifact.elements["src/features/queries.ts::GetUser"];
  assert.deepEqual(getUser.prebuild.variableNames, ["id", "withEmail"]);
  assert.deepEqual(getUser.dependencies, ["src/lib/user.ts::userEmail", "src/lib/user.ts::userName"]);
  assert.match(getUser.text, /friends\(\n {6}first: 5\n/, "arguments wrap past 80 columns");
  const subscription = artifact.elements["src/features/mutations.ts::OnUserChanged"];
  assert.match(subscription.text, /\.\.\. @include\(if: true\) \{\n {6}id\n {6}name\n {4}\}/);
});
