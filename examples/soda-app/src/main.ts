// The page: shows the operation's document, reads its `.metadata` (a callback, called on
// first read) and the fragment's static metadata, and formats a fake response with the
// fragment's `.attach`ed member. Nothing GraphQL-related runs in the browser.
import { employeeFragment } from "./fragments/employee";
import { getEmployeeQuery, openTasksQuery } from "./pages/employee-page";

const app = document.getElementById("app")!;
const show = (id: string, text: string) => {
  const pre = document.createElement("pre");
  pre.id = id;
  pre.textContent = text;
  app.append(pre);
};

show("document", getEmployeeQuery.text);
show("open-tasks", openTasksQuery.text);
show("metadata", JSON.stringify(getEmployeeQuery.metadata));
show("fragment-metadata", JSON.stringify(employeeFragment.metadata));
show("formatted", employeeFragment.format({ name: "Ada", role: "ENGINEER" }));
