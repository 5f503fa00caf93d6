// Generates the two schemas of a project — `default` (a few hundred types around entity
// objects) and `admin` (small) — as a model the definition generator selects from, plus
// their SDL text.
//
// The model is built so that every selection the generator writes is valid and mergeable:
// a field name always has the same type on every object (graphql-js rejects a response key
// with two leaf types, even across union members), and a field with arguments is always
// selected with the same canonical arguments (fizz-gql and graphql-js reject one response
// key with two argument lists).

import { ENTITIES, camel, plural } from "./names.mjs";

/**
 * Scalar fields entities draw from: SDL, and the argument text a selection always uses.
 * The first four (`id`, `name`, `createdAt`, `updatedAt`) are on every entity.
 */
const BASE_FIELDS = ["id: ID!", "name: String!", "createdAt: String!", "updatedAt: String"];
const SCALAR_POOL = [
  "title: String", "description: String", "slug: String!", "count: Int", "position: Int!",
  "score: Float", "rating: Float", "isActive: Boolean!", "isArchived: Boolean", "url: String",
  "email: String", "phone: String", "color: String", ["icon(size: Int = 24): String", "(size: 32)"],
  ["avatarUrl(size: Int = 64): String", "(size: 128)"], "tags: [String!]!", "priority: Int",
  "weight: Float", "code: String!", "label: String",
  ["summary(locale: String, maxLength: Int): String", "(maxLength: 140)"], "version: Int!",
  "locale: String", "currency: String", "amount: Float", "startsAt: String", "endsAt: String",
  "notes: String", "website: String", "timezone: String", "views: Int", "likes: Int",
];

/** A schema model: types by name (in SDL order), root type names, fragment targets. */
export class SchemaModel {
  constructor(label) {
    this.label = label;
    this.types = new Map();
    this.roots = { query: "Query", mutation: "Mutation", subscription: null };
    /** Object types fragments are written on, in order. */
    this.entities = [];
  }

  add(type) {
    this.types.set(type.name, type);
    return type;
  }

  type(name) {
    return this.types.get(name);
  }

  isComposite(name) {
    const kind = this.types.get(name)?.kind;
    return kind === "object" || kind === "interface" || kind === "union";
  }

  /** Fields of an object type, split by what a selection does with them. */
  fieldsByRole(name) {
    const out = { leaves: [], objects: [], lists: [], unions: [] };
    for (const field of this.types.get(name).fields) {
      if (field.args.some((a) => a.type.endsWith("!") && a.defaultValue === undefined)) continue;
      const target = this.types.get(field.named);
      if (!target || target.kind === "enum" || target.kind === "scalar") out.leaves.push(field);
      else if (target.kind === "union") out.unions.push(field);
      else if (target.kind === "object" && !field.list) out.objects.push(field);
      else if (target.kind === "object" && field.list) out.lists.push(field);
    }
    return out;
  }

  /** The SDL text of the whole schema. */
  toSDL() {
    const blocks = [];
    const roots = Object.entries(this.roots).filter(([, v]) => v);
    blocks.push(`schema {\n${roots.map(([k, v]) => `  ${k}: ${v}`).join("\n")}\n}`);
    for (const type of this.types.values()) blocks.push(printType(type));
    return `${blocks.join("\n\n")}\n`;
  }
}

/** Parses `name(arg: T = d, …): Type` into a field of the model. */
export function field(sdl, select = "") {
  const m = /^(\w+)(?:\((.*)\))?:\s*(.+)$/.exec(sdl);
  if (!m) throw new Error(`bad field spec ${sdl}`);
  const args = m[2]
    ? m[2].split(/,\s*/).map((a) => {
        const [, name, type, defaultValue] = /^(\w+):\s*([^=]+?)(?:\s*=\s*(.+))?$/.exec(a);
        return { name, type, defaultValue };
      })
    : [];
  const type = m[3].trim();
  return { name: m[1], args, type, named: type.replace(/[[\]!]/g, ""), list: type.includes("["), select };
}

function printType(type) {
  const doc = type.description ? `"""${type.description}"""\n` : "";
  switch (type.kind) {
    case "enum":
      return `${doc}enum ${type.name} {\n${type.values.map((v) => `  ${v}`).join("\n")}\n}`;
    case "union":
      return `${doc}union ${type.name} = ${type.members.join(" | ")}`;
    case "input":
      return `${doc}input ${type.name} {\n${type.fields.map((f) => `  ${f.name}: ${f.type}`).join("\n")}\n}`;
    default: {
      const keyword = type.kind === "interface" ? "interface" : "type";
      const impl = type.interfaces?.length ? ` implements ${type.interfaces.join(" & ")}` : "";
      const fields = type.fields.map((f) => `  ${printField(f)}`).join("\n");
      return `${doc}${keyword} ${type.name}${impl} {\n${fields}\n}`;
    }
  }
}

function printField(f) {
  const args = f.args.length
    ? `(${f.args.map((a) => `${a.name}: ${a.type}${a.defaultValue !== undefined ? ` = ${a.defaultValue}` : ""}`).join(", ")})`
    : "";
  return `${f.name}${args}: ${f.type}`;
}

function poolField(entry) {
  return Array.isArray(entry) ? field(entry[0], entry[1]) : field(entry);
}

/**
 * Relation targets: real schemas point mostly at a few central types, and those are the
 * ones with fragment folders (the first entities), so most relations can spread fragments.
 */
function targets(r, others, n) {
  const central = others.filter((o) => ENTITIES.indexOf(o) < 16);
  const out = [];
  for (let tries = 0; out.length < n && tries < 50; tries++) {
    const t = r.chance(0.7) && central.length > 0 ? r.pick(central) : r.pick(others);
    if (!out.includes(t)) out.push(t);
  }
  return out;
}

/** The `default` schema: `count` entity types with enums, inputs, connections and unions. */
export function defaultSchema(rng, count) {
  const schema = new SchemaModel("default");
  schema.roots.subscription = "Subscription";
  const names = ENTITIES.slice(0, count);
  schema.add({ kind: "interface", name: "Node", fields: [field("id: ID!")], description: "An object with a global ID." });
  schema.add({ kind: "interface", name: "Timestamped", fields: [field("createdAt: String!"), field("updatedAt: String")] });
  schema.add({ kind: "object", name: "PageInfo", fields: ["hasNextPage: Boolean!", "endCursor: String"].map((f) => field(f)) });
  const unions = [];
  for (const name of names) {
    const r = rng.fork(`entity:${name}`);
    const fields = BASE_FIELDS.map((f) => field(f));
    fields.push(field(`${camel(name)}Kind: ${name}Kind!`));
    fields.push(...r.sample(SCALAR_POOL, r.int(6, 12)).map(poolField));
    const others = names.filter((n) => n !== name);
    if (others.length > 0) {
      for (const target of targets(r, others, r.int(2, 4))) fields.push(field(`${camel(target)}: ${target}`));
      for (const target of targets(r, others, r.int(1, 3))) {
        fields.push(field(`${plural(camel(target))}(first: Int = 10, after: String): [${target}!]!`, "(first: 10)"));
      }
    }
    // A third of the entities have a union field, whose members are other entities.
    if (others.length >= 2 && r.chance(0.34)) {
      const members = targets(r, others, r.int(2, Math.min(4, others.length)));
      unions.push({ kind: "union", name: `${name}Related`, members, owner: name });
      fields.push(field(`related: [${name}Related!]!`));
    }
    schema.add({ kind: "object", name, interfaces: ["Node", "Timestamped"], fields, description: r.chance(0.3) ? `A ${name.toLowerCase()} of the app.` : undefined });
    schema.add({ kind: "enum", name: `${name}Kind`, values: r.sample(["STANDARD", "PREMIUM", "LEGACY", "INTERNAL", "TRIAL", "ARCHIVED"], r.int(2, 5)) });
    const inputFields = [field("name: String"), ...r.sample(SCALAR_POOL, 3).map(poolField).filter((f) => f.args.length === 0)];
    schema.add({ kind: "input", name: `${name}Input`, fields: inputFields.map((f) => ({ ...f, type: f.type.replace(/!$/, "") })) });
    schema.add({ kind: "object", name: `${name}Connection`, fields: [field(`nodes: [${name}!]!`), field("totalCount: Int!"), field("pageInfo: PageInfo!")] });
    schema.entities.push(name);
  }
  for (const union of unions) schema.add(union);
  const query = [field("viewer: User"), field("node(id: ID!): Node")];
  for (const name of names) {
    query.push(field(`${camel(name)}(id: ID!): ${name}`));
    query.push(field(`${plural(camel(name))}Connection(first: Int = 20, after: String): ${name}Connection!`));
  }
  for (const union of unions) query.push(field(`search${union.name}(term: String!, first: Int = 10): [${union.name}!]!`));
  schema.add({ kind: "object", name: "Query", fields: query });
  schema.add({ kind: "object", name: "Mutation", fields: names.map((n) => field(`update${n}(id: ID!, input: ${n}Input!): ${n}`)) });
  schema.add({ kind: "object", name: "Subscription", fields: names.map((n) => field(`${camel(n)}Changed(id: ID): ${n}`)) });
  return schema;
}

/** The small `admin` schema. */
export function adminSchema() {
  const schema = new SchemaModel("admin");
  const obj = (name, fields) => schema.add({ kind: "object", name, fields: fields.map((f) => (Array.isArray(f) ? field(...f) : field(f))) });
  obj("AuditEntry", ["id: ID!", "action: String!", "actor: AdminUser!", "createdAt: String!", "details: String", "subject: AdminSubject"]);
  obj("FeatureFlag", ["id: ID!", "key: String!", "enabled: Boolean!", "rollout: Float", "description: String", "updatedBy: AdminUser"]);
  obj("AdminUser", ["id: ID!", "email: String!", "role: AdminRole!", "lastLoginAt: String", "sessions: Int", ["auditEntries(first: Int = 10): [AuditEntry!]!", "(first: 5)"]]);
  obj("Metric", ["id: ID!", "name: String!", "value: Float!", "unit: String", "range: MetricRange!"]);
  schema.add({ kind: "enum", name: "MetricRange", values: ["HOUR", "DAY", "WEEK", "MONTH"] });
  schema.add({ kind: "enum", name: "AdminRole", values: ["OWNER", "ADMIN", "SUPPORT", "VIEWER"] });
  schema.add({ kind: "union", name: "AdminSubject", members: ["AdminUser", "FeatureFlag"] });
  obj("Query", [
    "auditLog(first: Int = 20, actor: String): [AuditEntry!]!",
    "featureFlags(prefix: String): [FeatureFlag!]!",
    "adminUser(id: ID!): AdminUser",
    "metrics(range: MetricRange = DAY): [Metric!]!",
    "subjects(term: String!): [AdminSubject!]!",
  ]);
  obj("Mutation", ["setFeatureFlag(key: String!, enabled: Boolean!): FeatureFlag", "revokeSession(userId: ID!): AdminUser"]);
  schema.entities.push("AuditEntry", "FeatureFlag", "AdminUser", "Metric");
  return schema;
}
