// Chooses what every definition selects: fragment bodies on entity types and operation
// bodies on root fields, with spreads of earlier fragments, fragment variables, union and
// interface spreads. The result is a selection model that `definition-text.mjs` prints
// both as a fizz-gql template and as standard GraphQL (for the graphql-js check).
//
// Validity by construction:
// - fragments only spread fragments generated before them, so there are no cycles;
// - a field with arguments, a variable argument or a directive is either selected with
//   its canonical arguments or under an alias no other definition uses, so merging never
//   meets two different fields under one response key;
// - variable names are unique to the fragment that declares them (`$<key>Flag`), except
//   `$locale`, which every fragment declares with one type and default.

/** How much one fragment or operation may expand to (leaf fields after inlining). */
const FRAGMENT_BUDGET = 40;
const OPERATION_BUDGET = 140;
/** The longest chain of fragment spreads a fragment may start. */
const MAX_DEPTH = 5;

/** Definitions of one schema label generated so far, by type condition. */
export class FragmentIndex {
  constructor() {
    this.byType = new Map();
  }

  add(fragment) {
    if (!this.byType.has(fragment.typeName)) this.byType.set(fragment.typeName, []);
    this.byType.get(fragment.typeName).push(fragment);
  }

  /** Fragments on `typeName` that fit in `budget` and keep chains under MAX_DEPTH. */
  candidates(typeName, budget, depthLeft) {
    return (this.byType.get(typeName) ?? []).filter((f) => f.expanded <= budget && f.depth < depthLeft);
  }
}

/** Leaf and nested selections of one selection set, with its expanded size. */
function sizeOf(selections) {
  let n = 0;
  for (const s of selections) {
    if (s.k === "spread") n += s.frag.expanded;
    else if (s.k === "inline") n += sizeOf(s.sel);
    else n += 1 + (s.sel ? sizeOf(s.sel) : 0);
  }
  return n;
}

function depthOf(selections) {
  let d = 0;
  for (const s of selections) {
    if (s.k === "spread") d = Math.max(d, s.frag.depth + 1);
    else if (s.sel) d = Math.max(d, depthOf(s.sel));
  }
  return d;
}

/** `id` first when the type has it, then other leaves; canonical arguments included. */
function leafSelections(rng, leaves, n, taken = new Set()) {
  const out = [];
  const id = leaves.find((f) => f.name === "id");
  if (id && !taken.has("id") && rng.chance(0.7)) out.push(leaf(id));
  for (const f of rng.sample(leaves.filter((l) => l.name !== "id" && !taken.has(l.name)), n - out.length)) out.push(leaf(f));
  // A selection set is never empty (an interface like Node may only have `id`).
  if (out.length === 0) out.push(leaf(leaves[0]));
  return out;
}

function leaf(field) {
  return { k: "field", name: field.name, args: field.select };
}

/** Records the body on the definition: selections, expanded size, depth, direct spreads. */
function finish(def, selections) {
  def.sel = selections;
  def.expanded = sizeOf(selections);
  def.depth = depthOf(selections);
  return def;
}

/**
 * A selection of object type `typeName` inside a definition: a spread of a fitting
 * fragment when there is one (and `preferSpread` says so), else a few leaves.
 */
function innerSelection(g, typeName, budget, depthLeft, preferSpread) {
  const candidates = g.index.candidates(typeName, budget, depthLeft);
  if (candidates.length > 0 && g.rng.chance(preferSpread)) return [{ k: "spread", frag: g.rng.pick(candidates) }];
  const { leaves } = g.schema.fieldsByRole(typeName);
  return leafSelections(g.rng, leaves, g.rng.int(1, 3));
}

/** Member selections of a union field: `__typename`, member fragments or inline fragments. */
function unionSelection(g, unionName, budget, depthLeft) {
  const out = [{ k: "field", name: "__typename", args: "" }];
  for (const member of g.rng.sample(g.schema.type(unionName).members, g.rng.int(1, 3))) {
    const candidates = g.index.candidates(member, Math.floor(budget / 3), depthLeft);
    if (candidates.length > 0 && g.rng.chance(0.7)) out.push({ k: "spread", frag: g.rng.pick(candidates) });
    else out.push({ k: "inline", type: member, sel: leafSelections(g.rng, g.schema.fieldsByRole(member).leaves, 2) });
  }
  return out;
}

/**
 * The body of fragment `def` (on an object or interface type). `g` holds the rng, the
 * schema and the index of earlier fragments of the same label.
 */
export function fragmentBody(g, def, { hub = false } = {}) {
  const { rng, schema } = g;
  const type = schema.type(def.typeName);
  const roles = type.kind === "object" ? schema.fieldsByRole(def.typeName) : { leaves: type.fields, objects: [], lists: [], unions: [] };
  const sel = leafSelections(rng, roles.leaves, hub ? rng.int(4, 7) : rng.int(2, 5));
  const taken = new Set(sel.map((s) => s.name));
  const key = def.bindingBase;
  def.vars = [];
  if (hub) {
    // The hub stays a plain fragment: editing it changes exactly the operations that spread it.
    if (roles.objects.length > 0) {
      const f = rng.pick(roles.objects);
      sel.push({ k: "field", name: f.name, args: f.select, sel: leafSelections(rng, schema.fieldsByRole(f.named).leaves, 2) });
    }
    return finish(def, sel);
  }
  let budget = FRAGMENT_BUDGET - sel.length;
  const depthLeft = MAX_DEPTH;
  // Another fragment on the same type, or an interface fragment (wrapped in `... on Node`).
  if (rng.chance(0.35)) {
    const same = g.index.candidates(def.typeName, budget / 2, depthLeft);
    if (same.length > 0) sel.push({ k: "spread", frag: rng.pick(same) });
  }
  if (type.interfaces?.length && rng.chance(0.12)) {
    const iface = rng.pick(type.interfaces);
    const candidates = g.index.candidates(iface, 6, depthLeft);
    if (candidates.length > 0) sel.push({ k: "spread", frag: rng.pick(candidates) });
  }
  budget = FRAGMENT_BUDGET - sizeOf(sel);
  for (const f of rng.sample(roles.objects, rng.int(0, 2))) {
    if (budget < 4) break;
    const inner = innerSelection(g, f.named, budget - 1, depthLeft - 1, 0.75);
    sel.push({ k: "field", name: f.name, args: f.select, sel: inner });
    budget -= 1 + sizeOf(inner);
  }
  if (roles.lists.length > 0 && budget >= 4 && rng.chance(0.3)) {
    const f = rng.pick(roles.lists);
    const inner = innerSelection(g, f.named, budget - 1, depthLeft - 1, 0.6);
    sel.push({ k: "field", name: f.name, args: f.select, sel: inner });
    budget -= 1 + sizeOf(inner);
  }
  if (roles.unions.length > 0 && budget >= 6 && rng.chance(0.3)) {
    const f = roles.unions[0];
    sel.push({ k: "field", name: f.name, args: f.select, sel: unionSelection(g, f.named, budget - 1, depthLeft - 1) });
  }
  // Fragment variables: a flag behind @include, a count argument, the shared `$locale`.
  if (rng.chance(0.25)) {
    const flag = `${key}Flag`;
    def.vars.push({ name: flag, type: "Boolean", defaultValue: "false" });
    const spreads = sel.filter((s) => s.k === "spread");
    if (spreads.length > 0 && rng.chance(0.3)) {
      rng.pick(spreads).dirs = `@include(if: $${flag})`;
    } else {
      const extra = roles.leaves.filter((l) => !l.args.length);
      sel.push({ k: "field", alias: `${key}Extra`, name: rng.pick(extra).name, args: "", dirs: `@include(if: $${flag})` });
    }
  }
  if (roles.lists.length > 0 && rng.chance(0.1)) {
    const f = rng.pick(roles.lists);
    def.vars.push({ name: `${key}Count`, type: "Int", defaultValue: "5" });
    sel.push({ k: "field", alias: `${key}Top`, name: f.name, args: `(first: $${key}Count)`, sel: [{ k: "field", name: "id", args: "" }] });
  }
  if (roles.leaves.some((l) => l.name === "summary") && rng.chance(0.15)) {
    def.vars.push({ name: "locale", type: "String", defaultValue: '"en"' });
    sel.push({ k: "field", alias: "localizedSummary", name: "summary", args: "(locale: $locale)" });
  }
  return finish(def, sel);
}

/** Arguments and variables of a root field: required ones always, optional ones sometimes. */
function rootArguments(rng, field, vars) {
  const args = [];
  for (const a of field.args) {
    const required = a.type.endsWith("!") && a.defaultValue === undefined;
    if (!required && !rng.chance(0.4)) continue;
    args.push(`${a.name}: $${a.name}`);
    vars.push({ name: a.name, type: a.type, defaultValue: required ? undefined : a.defaultValue });
  }
  return args.length ? `(${args.join(", ")})` : "";
}

/** Selections on an object type inside an operation: fragment spreads and a few leaves. */
function operationObjectSelection(g, def, typeName, budget, forced) {
  const { rng, schema } = g;
  const sel = forced ? [{ k: "spread", frag: forced }] : [];
  const candidates = g.index.candidates(typeName, budget / 2, MAX_DEPTH + 1);
  for (const frag of rng.sample(candidates, rng.int(1, 3))) {
    if (sizeOf(sel) + frag.expanded > budget) break;
    const spread = { k: "spread", frag };
    // Now and then a spread behind a directive of the operation's own variable.
    if (rng.chance(0.08)) {
      const name = `with${frag.key}`;
      def.vars.push({ name, type: "Boolean", defaultValue: "false" });
      spread.dirs = `@include(if: $${name})`;
    }
    sel.push(spread);
  }
  const roles = schema.fieldsByRole(typeName);
  sel.push(...leafSelections(rng, roles.leaves, rng.int(sel.length ? 0 : 2, 3)));
  if (roles.objects.length > 0 && rng.chance(0.3)) {
    const f = rng.pick(roles.objects);
    sel.push({ k: "field", name: f.name, args: f.select, sel: innerSelection(g, f.named, 20, MAX_DEPTH, 0.8) });
  }
  return sel;
}

/** What a root field selects, by the kind of type it returns. */
function rootSelection(g, def, field, forced) {
  const { rng, schema } = g;
  const type = schema.type(field.named);
  if (type.kind === "union") return unionSelection(g, field.named, 30, MAX_DEPTH);
  if (type.kind === "interface") {
    const entity = forced?.typeName ?? rng.pick(schema.entities.filter((e) => schema.type(e).interfaces?.includes(field.named)));
    const candidates = g.index.candidates(entity, 40, MAX_DEPTH + 1);
    const inner = forced ?? (candidates.length ? rng.pick(candidates) : null);
    const sel = [{ k: "field", name: "id", args: "" }];
    if (inner) sel.push({ k: "spread", frag: inner });
    else sel.push({ k: "inline", type: entity, sel: leafSelections(rng, schema.fieldsByRole(entity).leaves, 2) });
    return sel;
  }
  if (field.named.endsWith("Connection") && schema.type(field.named).fields.some((f) => f.name === "nodes")) {
    const entity = field.named.slice(0, -"Connection".length);
    return [
      { k: "field", name: "totalCount", args: "" },
      { k: "field", name: "pageInfo", args: "", sel: [{ k: "field", name: "hasNextPage", args: "" }, { k: "field", name: "endCursor", args: "" }] },
      { k: "field", name: "nodes", args: "", sel: operationObjectSelection(g, def, entity, OPERATION_BUDGET, forced) },
    ];
  }
  return operationObjectSelection(g, def, field.named, OPERATION_BUDGET, forced);
}

/** The type a root field ends up selecting entities of (for choosing a forced local fragment). */
export function rootEntity(schema, field) {
  if (field.named.endsWith("Connection")) return field.named.slice(0, -"Connection".length);
  return schema.type(field.named).kind === "object" ? field.named : null;
}

/**
 * Root fields an operation of `opType` may select, weighted towards types that have
 * fragments (what real pages do). Skips `viewer`, which only hub users select.
 */
export function chooseRootField(g, opType) {
  const { rng, schema } = g;
  const root = schema.type(schema.roots[opType]);
  const fields = root.fields.filter((f) => f.name !== "viewer");
  const withFragments = fields.filter((f) => {
    const entity = rootEntity(schema, f);
    return entity && (g.index.byType.get(entity)?.length ?? 0) > 0;
  });
  if (withFragments.length > 0 && rng.chance(0.8)) return rng.pick(withFragments);
  return rng.pick(fields);
}

/**
 * The body of operation `def`: one root field (arguments as variables), plus
 * `viewer { ...hub }` for hub users. `forced` is a fragment the root selection must spread
 * (a local fragment of the same function).
 */
export function operationBody(g, def, { hub = null, field = null, forced = null } = {}) {
  def.vars = [];
  const root = field ?? chooseRootField(g, def.opType);
  const args = rootArguments(g.rng, root, def.vars);
  const sel = [{ k: "field", name: root.name, args, sel: rootSelection(g, def, root, forced) }];
  if (hub) sel.push({ k: "field", name: "viewer", args: "", sel: [{ k: "spread", frag: hub }] });
  return finish(def, sel);
}
