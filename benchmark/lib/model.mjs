// The definitions of a project: which fragments and operations each file holds, how they
// are placed (top level, renamed export, grouped in an object, nested in a function or a
// class method), and what each selects. Chooses the hub fragment, its users, and the files
// the benchmark's edit scenarios touch.

import { distribute } from "./layout.mjs";
import { FRAGMENT_WORDS, NamePool, camel, pascal } from "./names.mjs";
import { FragmentIndex, chooseRootField, fragmentBody, operationBody, rootEntity } from "./graphql-gen.mjs";

/** Per schema label: the rng-independent state definitions are generated against. */
function generators(schemas) {
  const out = {};
  for (const [label, schema] of Object.entries(schemas)) out[label] = { schema, index: new FragmentIndex(), rng: null };
  return out;
}

/** Fragment placements of one file: top level, renamed export, or a group of two. */
function fragmentItems(rng, count, hubFile) {
  const items = [];
  for (let left = count; left > 0; ) {
    const first = hubFile && items.length === 0;
    if (!first && left >= 2 && rng.chance(0.1)) {
      items.push({ form: "group", size: 2 });
      left -= 2;
    } else {
      items.push({ form: !first && rng.chance(0.08) ? "renamed" : "top", size: 1 });
      left -= 1;
    }
  }
  return items;
}

/**
 * Operation placements of one file. `multi` allows the two-definition forms (a group
 * object, a local fragment with its operation); the small workloads keep one operation
 * per placement so the hub users and the leaf can be distinct operations.
 */
function operationItems(rng, count, multi) {
  const items = [];
  for (let left = count; left > 0; ) {
    const r = rng.next();
    if (multi && left >= 2 && r < 0.06) items.push({ form: "pair", size: 2 });
    else if (multi && left >= 2 && r < 0.16) items.push({ form: "group", size: 2 });
    else if (r < 0.3) items.push({ form: "function", size: 1 });
    else if (r < 0.33) items.push({ form: "class", size: 1 });
    else items.push({ form: "top", size: 1 });
    left -= items[items.length - 1].size;
  }
  return items;
}

function opTypeOf(rng, label) {
  const r = rng.next();
  if (label === "admin") return r < 0.8 ? "query" : "mutation";
  return r < 0.75 ? "query" : r < 0.9 ? "mutation" : "subscription";
}

function operationName(rng, keys, opType, field) {
  const base = pascal(field.name);
  if (opType === "subscription") return keys.take(`On${base}`);
  if (opType === "mutation") return keys.take(`${base}${rng.pick(["", "", "FromEditor", "Inline"])}`);
  return keys.take(`${rng.pick(["Get", "Load", "Fetch"])}${base}${rng.pick(["", "Page", "Details", "Panel", "ForList"])}`);
}

/**
 * Fills `layout`'s definition files with definitions: fragments first (in file order, so a
 * fragment only spreads earlier ones), then operations. Returns the hub, its users and
 * every definition in order.
 */
export function buildModel(plan, rng, layout, schemas) {
  const g = generators(schemas);
  const keys = new NamePool();
  const names = new NamePool();
  for (const s of Object.values(schemas)) for (const t of s.types.keys()) keys.reserve(t);
  const all = [];
  const adminFragments = plan.adminFragmentFiles > 0 ? Math.max(plan.adminFragmentFiles, Math.round(plan.fragments * 0.05)) : 0;
  const fragmentFiles = layout.fragmentFiles;
  const defaultFiles = fragmentFiles.filter((f) => f.label === "default");
  const counts = [
    ...distribute(rng.fork("fragment-counts"), plan.fragments - adminFragments, defaultFiles.length),
    ...distribute(rng.fork("admin-fragment-counts"), adminFragments, fragmentFiles.length - defaultFiles.length),
  ];
  let hub = null;
  const wordsUsed = new Map();
  fragmentFiles.forEach((file, i) => {
    const r = rng.fork(file.path);
    const gen = { ...g[file.label], rng: r };
    file.defs = [];
    file.items = fragmentItems(r, counts[i], i === 0);
    file.barrelList = r.chance(0.3);
    for (const item of file.items) {
      item.defs = [];
      const group = item.form === "group" ? names.take(`${file.folder.ns}Fragments`) : null;
      // Property names of the group object: unique, or `group.prop` would name the last
      // of two same-named properties in JavaScript and the first in the builder's graph.
      const props = new Set();
      for (let k = 0; k < item.size; k++) {
        const isHub = i === 0 && item === file.items[0];
        const entity = file.folder.entity ?? r.pick(gen.schema.entities);
        const iface = file.label === "default" && !isHub && r.chance(0.05) ? r.pick(["Node", "Timestamped"]) : null;
        // Each entity goes through the word list before numbering keys (`UserCard2`).
        const seen = (wordsUsed.get(entity) ?? 0) + 1;
        wordsUsed.set(entity, seen);
        const word = FRAGMENT_WORDS[(seen - 1) % FRAGMENT_WORDS.length];
        const key = isHub ? keys.take("ViewerFields") : keys.take(iface ? `${entity}${iface === "Node" ? "NodeFields" : "Timestamps"}` : `${entity}${word}`);
        const binding = group ? null : names.take(camel(key));
        let prop = null;
        if (group) {
          prop = camel(word);
          for (let n = 2; props.has(prop); n++) prop = `${camel(word)}${n}`;
          props.add(prop);
        }
        const def = {
          kind: "fragment",
          label: file.label,
          key,
          typeName: iface ?? entity,
          bindingBase: camel(key),
          binding: binding ?? `${group}.${prop}`,
          exportName: item.form === "renamed" ? names.take(`${binding}Fields`) : binding,
          group,
          prop,
          file,
          local: false,
          hub: isHub,
        };
        def.barrelName = file.barrelList && !group && r.chance(0.3) ? names.take(`${binding}Fragment`) : def.exportName;
        fragmentBody(gen, def, { hub: isHub });
        if (isHub) hub = def;
        else gen.index.add(def);
        item.defs.push(def);
        file.defs.push(def);
        all.push(def);
      }
    }
  });

  // Operations: placements first, then kinds (enough default queries for the hub users and
  // the leaf), then bodies.
  const opFiles = layout.operationFiles;
  const adminFiles = opFiles.filter((f) => f.label === "admin");
  const adminSlots = adminFiles.length > 0 ? Math.max(adminFiles.length, Math.round(plan.operations * 0.05)) : 0;
  const slots = [
    ...distribute(rng.fork("op-counts"), plan.operations - adminSlots, opFiles.length - adminFiles.length),
    ...distribute(rng.fork("admin-op-counts"), adminSlots, adminFiles.length),
  ];
  const ops = [];
  opFiles.forEach((file, i) => {
    const r = rng.fork(file.path);
    file.rng = r;
    file.defs = [];
    file.items = operationItems(r, slots[i], plan.files >= 45);
    for (const item of file.items) {
      item.opType = opTypeOf(r, file.label);
      item.file = file;
      ops.push(item);
    }
  });
  const defaultOps = ops.filter((o) => o.file.label === "default");
  const opRng = rng.fork("op-roles");
  // The leaf: a top-level query; the hub users: other default operations, made queries.
  const leafItem = opRng.pick(defaultOps.filter((o) => o.form === "top")) ?? defaultOps[0];
  leafItem.opType = "query";
  const hubUsers = new Set(opRng.sample(defaultOps.filter((o) => o !== leafItem), plan.hubUsers));
  for (const item of hubUsers) item.opType = "query";
  for (const file of opFiles) {
    const r = file.rng;
    const gen = { ...g[file.label], rng: r };
    for (const item of file.items) {
      item.defs = [];
      const size = item.form === "pair" ? 1 : item.size;
      const group = item.form === "group" ? names.take(`${item.opType}Operations`) : null;
      let forced = null;
      let field = null;
      if (item.form === "pair") {
        // A fragment local to the function, spread by the operation next to it.
        field = chooseRootField(gen, item.opType);
        for (let tries = 0; !rootEntity(gen.schema, field) && tries < 20; tries++) field = chooseRootField(gen, item.opType);
        const entity = rootEntity(gen.schema, field) ?? gen.schema.entities[0];
        const key = keys.take(`${entity}Local${pascal(item.opType)}`);
        forced = { kind: "fragment", label: file.label, key, typeName: entity, bindingBase: camel(key), binding: camel(key), file, local: true };
        fragmentBody(gen, forced);
        item.defs.push(forced);
        file.defs.push(forced);
        all.push(forced);
      }
      for (let k = 0; k < size; k++) {
        const opType = k === 0 ? item.opType : opTypeOf(r, file.label);
        const root = field ?? chooseRootField(gen, opType);
        const def = { kind: "operation", label: file.label, opType, file, hub: false };
        def.name = operationName(r, keys, opType, root);
        def.binding = group ? `${group}.${camel(def.name)}` : def.name;
        def.prop = group ? camel(def.name) : null;
        def.group = group;
        operationBody(gen, def, { field: root, forced, hub: k === 0 && hubUsers.has(item) ? hub : null });
        if (k === 0 && item === leafItem) def.leaf = true;
        def.hubUser = k === 0 && hubUsers.has(item);
        item.defs.push(def);
        file.defs.push(def);
        all.push(def);
      }
    }
  }
  return { all, hub, hubUsers: all.filter((d) => d.hubUser), leaf: all.find((d) => d.leaf), generators: g, keys, names };
}
