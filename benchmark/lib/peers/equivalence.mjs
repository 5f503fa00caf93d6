// Are a peer's compiled operations the ones fizz-gql composes? Each operation document —
// fizz-gql's `elements[id].text` (fragments inlined and merged), Relay's artifact query
// text and codegen's document node (both with named fragments) — is reduced, with graphql-js
// and the schema, to a form that does not depend on how fragments are written:
//
// - the operation type;
// - its variable definitions, printed (`$id: ID!`, `$n: Int = 5`), as a set;
// - its flattened field set: one path per selected field from the root, each step
//   `responseKey:name(args sorted by name)@directives`. Named fragments are inlined. A type
//   condition that always holds where it stands (the parent type itself, or an interface or
//   union the parent object type belongs to) counts as the parent type; a fragment or
//   inline fragment on the parent type without directives adds no step, any other adds
//   `...on Type@directives`. Paths are a set, so what field merging folds away never counts.
//
// The check: the same operation names (mapped to the peer's names), per operation the same
// type and variables, and field sets where the peer lacks nothing and adds nothing — except
// that Relay may add fields whose name is `id` or `__typename` (its `id` and `__typename` /
// `__isNode: __typename` generation). Codegen may add nothing.

import { Kind, getNamedType, isObjectType, parse, print } from "graphql";

const directivesText = (dirs) => (dirs ?? []).map((d) => print(d)).sort().join("");

function argsText(args) {
  if (!args?.length) return "";
  return `(${args.map((a) => `${a.name.value}: ${print(a.value)}`).sort().join(", ")})`;
}

/** Whether a selection on `condition` always applies inside a selection set of `parent`. */
function alwaysApplies(schema, parent, condition) {
  if (condition === parent) return true;
  return isObjectType(parent) && !isObjectType(condition) && schema.isSubType(condition, parent);
}

/**
 * The normal form of one operation document (a string or a parsed document with at most
 * one operation): `{ type, variables: string[], paths: Map<path, field name> }`.
 */
export function normalForm(schema, document) {
  const doc = typeof document === "string" ? parse(document, { noLocation: true }) : document;
  const fragments = new Map(doc.definitions.filter((d) => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]));
  const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  const paths = new Map();
  const walk = (set, parent, prefix, seen) => {
    for (const sel of set.selections) {
      if (sel.kind === Kind.FIELD) {
        const name = sel.name.value;
        const path = `${prefix}/${sel.alias?.value ?? name}:${name}${argsText(sel.arguments)}${directivesText(sel.directives)}`;
        paths.set(path, name);
        if (sel.selectionSet) {
          const field = parent.getFields()[name];
          if (!field) throw new Error(`no field ${parent.name}.${name}`);
          walk(sel.selectionSet, getNamedType(field.type), path, seen);
        }
        continue;
      }
      let inner = sel.selectionSet;
      let conditionName = sel.typeCondition?.name.value;
      let within = seen;
      if (sel.kind === Kind.FRAGMENT_SPREAD) {
        const frag = fragments.get(sel.name.value);
        if (!frag) throw new Error(`unknown fragment ${sel.name.value}`);
        if (seen.has(frag.name.value)) throw new Error(`fragment cycle at ${frag.name.value}`);
        inner = frag.selectionSet;
        conditionName = frag.typeCondition.name.value;
        within = new Set(seen).add(frag.name.value);
      }
      // A condition that always holds here is the parent type itself: `... on Node @include(…)`
      // inside a User selection is `... @include(…)`.
      const named = conditionName ? schema.getType(conditionName) : parent;
      const condition = alwaysApplies(schema, parent, named) ? parent : named;
      const dirs = directivesText(sel.directives);
      if (!dirs && condition === parent) walk(inner, parent, prefix, within);
      else walk(inner, condition, `${prefix}/...on ${condition.name}${dirs}`, within);
    }
  };
  walk(op.selectionSet, schema.getRootType(op.operation), "", new Set());
  const variables = (op.variableDefinitions ?? []).map((v) => print(v)).sort();
  return { type: op.operation, name: op.name?.value, variables, paths };
}

/** fizz-gql's operations from an artifact object: per operation name, `{ label, text }`. */
export function fizzOperations(artifact) {
  const out = new Map();
  for (const e of Object.values(artifact.elements)) {
    if (e.type === "operation") out.set(e.prebuild.operationName, { label: e.prebuild.schemaLabel, text: e.text });
  }
  return out;
}

/**
 * Compares a peer's documents with fizz-gql's. `fizz`: fizzOperations(); `peerDocs`: per
 * peer operation name, a document (text or AST); `names`: per fizz operation name,
 * `{ name, label }` in the peer (the peer manifest's `operations`); `allowExtra(fieldName)`
 * says which fields the peer may add. Returns `{ ok, operations, paths, problems }`.
 */
export function compareOperations({ peer, fizz, peerDocs, names, schemas, allowExtra = () => false }) {
  const problems = [];
  let paths = 0;
  let compared = 0;
  const expected = new Set(Object.keys(names));
  for (const n of fizz.keys()) if (!expected.has(n)) problems.push(`${peer}: fizz-gql builds ${n}, which the model does not have`);
  for (const [fizzName, { name, label }] of Object.entries(names)) {
    const ours = fizz.get(fizzName);
    const theirs = peerDocs.get(name);
    if (!ours) problems.push(`${peer}: fizz-gql's artifact has no operation ${fizzName}`);
    if (!theirs) problems.push(`${peer}: no compiled document for ${name} (fizz-gql ${fizzName})`);
    if (!ours || !theirs) continue;
    const a = normalForm(schemas[label], ours.text);
    const b = normalForm(schemas[label], theirs);
    const where = `${peer} ${name} (fizz-gql ${fizzName})`;
    if (a.type !== b.type) problems.push(`${where}: ${b.type}, fizz-gql has ${a.type}`);
    if (a.variables.join(", ") !== b.variables.join(", ")) problems.push(`${where}: variables (${b.variables.join(", ")}), fizz-gql has (${a.variables.join(", ")})`);
    for (const p of a.paths.keys()) if (!b.paths.has(p)) problems.push(`${where}: does not select ${p}`);
    for (const [p, field] of b.paths) if (!a.paths.has(p) && !allowExtra(field)) problems.push(`${where}: selects ${p}, which fizz-gql does not`);
    paths += a.paths.size;
    compared++;
  }
  for (const name of peerDocs.keys()) {
    if (!Object.values(names).some((n) => n.name === name)) problems.push(`${peer}: compiled an operation ${name} the model does not have`);
  }
  return { ok: problems.length === 0, operations: compared, paths, problems };
}

/** What Relay adds on its own: `id` where a type has one, `__typename` (also as `__isNode`). */
export const RELAY_EXTRA_FIELDS = (field) => field === "id" || field === "__typename";
