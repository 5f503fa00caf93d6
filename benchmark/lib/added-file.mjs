// The page the add-file / remove-file scenarios create and delete: two queries that spread
// existing fragments, written like every other page but never part of the generated tree.

import { chooseRootField, operationBody } from "./graphql-gen.mjs";
import { definitionFileText } from "./emit-defs.mjs";
import { pascal } from "./names.mjs";

/** Returns `{ path, text, definitions }` for a page next to the first page folder. */
export function addedPageText(plan, model, layout, rng, files) {
  const firstPage = layout.operationFiles.find((f) => f.label === "default");
  const dir = firstPage ? firstPage.dir : "src/pages/main";
  let path = `${dir}/insights.ts`;
  for (let n = 2; files.has(path); n++) path = `${dir}/insights-${n}.ts`;
  const file = { kind: "operations", label: "default", path, dir, folder: null, items: [], defs: [] };
  const gen = { ...model.generators.default, rng };
  for (let k = 0; k < 2; k++) {
    const field = chooseRootField(gen, "query");
    const def = { kind: "operation", label: "default", opType: "query", file, hub: false };
    def.name = model.keys.take(`Insights${pascal(field.name)}`);
    def.binding = def.name;
    operationBody(gen, def, { field });
    file.items.push({ form: "top", size: 1, defs: [def] });
    file.defs.push(def);
  }
  return { path, text: definitionFileText(file, [], rng), definitions: file.defs.length };
}
