import { gql } from "@/graphql-system";
import { employeeFragment, taskFragment } from "../fragments/employee";

// The page's operation: soda-gql's options-object path with a `.spread` binding a fragment
// variable to a renamed operation variable, a `$dir` directive, and a metadata callback
// (called lazily, on first read, with soda-gql's `{ $, document, $var, fragmentMetadata }`).
export const getEmployeeQuery = gql.default(({ query, $dir }) =>
  query("GetEmployee")({
    variables: `($employeeId: ID!, $taskLimit: Int, $compact: Boolean!)`,
    metadata: ({ $, document, $var, fragmentMetadata }) => ({
      headers: { "X-Operation": "GetEmployee" },
      custom: { idVariable: $var.getName($.employeeId), definitions: document.definitions.length, fragments: fragmentMetadata },
    }),
    fields: ({ f, $ }) => ({
      ...f("employee", { id: $.employeeId })(() => ({
        ...employeeFragment.spread({ taskLimit: $.taskLimit }),
      })),
      ...f("search", { term: "ada" }, { alias: "hits", directives: [$dir.skip({ if: $.compact })] })({
        __typename: true,
        Task: ({ f }) => ({ ...f("title")() }),
      }),
    }),
  })({}),
);

export const openTasksQuery = gql.default(({ query }) =>
  query("OpenTasks")`($id: ID!) {
    employee(id: $id) { ...${({ $ }) => taskFragment.spread({ first: 3 })} }
  }`(),
);
