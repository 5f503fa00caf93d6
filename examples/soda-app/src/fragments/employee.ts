import { gql } from "@/graphql-system";

// A fragment with a variable, in soda-gql's options-object form, with static metadata and
// an attached formatter (soda-gql's `.attach({ name, createValue })`).
export const employeeFragment = gql
  .default(({ fragment }) =>
    fragment("EmployeeCard", "Employee")({
      variables: `($taskLimit: Int)`,
      metadata: { source: "employee-card" },
      fields: ({ f, $ }) => ({
        ...f("id")(),
        ...f("name")(),
        ...f("role")(),
        ...f("tasks", { limit: $.taskLimit })(({ f: t }) => ({ ...t("id")(), ...t("title")(), ...t("done")() })),
      }),
    })(),
  )
  .attach({
    name: "format",
    createValue: (element) => (employee: { name: string; role: string }) =>
      `${employee.name} (${employee.role.toLowerCase()}) via ${element.key}`,
  });

// A tagged-template fragment with a variable, spread below through `${({ $ }) => …}`.
export const taskFragment = gql.default(({ fragment }) =>
  fragment("OpenTasks", "Employee")`($first: Int) { openTasks: tasks(limit: $first, done: false) { id } }`(),
);
