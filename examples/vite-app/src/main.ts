/// <reference types="vite/client" />
// Lists every operation of examples/basic with its document. By the time this runs
// the fizz-gql plugin has replaced each `gql.default(…)` call with its finished object, so
// nothing GraphQL-related happens in the browser. New files show up through the glob;
// edits reload by HMR (this module accepts itself and renders again).
import { loadFeed } from "../../basic/src/pages/feed";

const modules = import.meta.glob(["../../basic/src/**/*.ts", "!../../basic/src/graphql-system/**"], { eager: true });
// A definition inside a function is created when the function runs, so it is not among any
// module's exports: `Feed` (src/pages/feed.ts::loadFeed.q) shows once loadFeed is called.
const created = [loadFeed(10)];

type Operation = { kind: "operation"; operationName: string; operationType: string; text: string; hash: string };

function operations(value: unknown, found: Map<string, Operation>, depth = 0): void {
  if (value === null || typeof value !== "object" || depth > 4) return;
  const element = value as Partial<Operation>;
  if (element.kind === "operation" && typeof element.text === "string") {
    found.set(element.operationName!, element as Operation);
    return;
  }
  for (const inner of Object.values(value)) operations(inner, found, depth + 1);
}

function render(): void {
  const found = new Map<string, Operation>();
  for (const value of [...Object.values(modules), ...created]) operations(value, found);
  const app = document.getElementById("app")!;
  app.replaceChildren(
    ...[...found.values()]
      .sort((a, b) => a.operationName.localeCompare(b.operationName))
      .map((op) => {
        const section = document.createElement("section");
        section.dataset.operation = op.operationName;
        const title = document.createElement("h2");
        title.textContent = `${op.operationType} ${op.operationName}`;
        const text = document.createElement("pre");
        text.textContent = op.text;
        section.append(title, text);
        return section;
      }),
  );
}

render();
if (import.meta.hot) import.meta.hot.accept();
