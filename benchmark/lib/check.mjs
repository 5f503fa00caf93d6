// Validates every generated definition with graphql-js 16 — the definition plus the
// fragments it reaches, as standard GraphQL — so the generator can be trusted without the
// addon. The addon's own check (no error diagnostics) runs in the test and the harness.

import { buildSchema, parse, specifiedRules, validate, NoUnusedFragmentsRule } from "graphql";

import { standardDocument } from "./definition-text.mjs";

/**
 * Problems of the definitions in `model` against `schemas` (an empty array when all are
 * valid). Each problem names the definition and graphql-js's message.
 */
export function checkModel(model, schemas) {
  const built = Object.fromEntries(Object.entries(schemas).map(([label, s]) => [label, buildSchema(s.toSDL())]));
  const fragmentRules = specifiedRules.filter((r) => r !== NoUnusedFragmentsRule);
  const problems = [];
  for (const def of model.all) {
    const text = standardDocument(def);
    let doc;
    try {
      doc = parse(text);
    } catch (e) {
      problems.push(`${def.key ?? def.name}: ${e.message}\n${text}`);
      continue;
    }
    const errors = validate(built[def.label], doc, def.kind === "operation" ? specifiedRules : fragmentRules);
    for (const e of errors) problems.push(`${def.key ?? def.name} (${def.file.path}): ${e.message}`);
  }
  return problems;
}
