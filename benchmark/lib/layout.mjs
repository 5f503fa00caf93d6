// The file tree of a generated project: which files exist, where, and what kind each is.
// Counts come from the workload plan and are exact: source files, files with definitions
// and definitions all match docs/reference/performance.md's table.

import { AREAS, ENTITIES, FRAGMENT_WORDS, NOUNS, ADJECTIVES, NamePool, camel, kebab } from "./names.mjs";

/** `total` split into `bins` counts, each ≥ 1 and ≤ `cap`, drawn from `rng`. */
export function distribute(rng, total, bins, cap = Math.max(2, Math.ceil(total / bins) * 2)) {
  if (bins === 0) return [];
  if (total < bins || total > bins * cap) throw new Error(`cannot split ${total} into ${bins} bins of at most ${cap}`);
  const counts = new Array(bins).fill(1);
  for (let left = total - bins; left > 0; ) {
    const i = Math.floor(rng.next() * bins);
    if (counts[i] < cap) {
      counts[i]++;
      left--;
    }
  }
  return counts;
}

/** Folder names `<area>` then `<area>-2`, … for `count` folders. */
function areaFolders(rng, base, count) {
  const pool = new NamePool();
  const order = rng.shuffle(AREAS);
  return Array.from({ length: count }, (_, i) => `${base}/${pool.take(order[i % order.length])}`);
}

/** `count` file paths spread over folders of about `perFolder` files. */
function spreadFiles(rng, base, count, perFolder, nameOf) {
  const folders = areaFolders(rng, base, Math.max(1, Math.ceil(count / perFolder)));
  const pools = new Map(folders.map((f) => [f, new NamePool()]));
  return Array.from({ length: count }, (_, i) => {
    const dir = folders[i % folders.length];
    return { dir, path: `${dir}/${pools.get(dir).take(nameOf(rng))}.ts` };
  });
}

/**
 * Lays out the project for `plan`: entity folders with fragment files and barrels, admin
 * fragments, pages, plain modules. Returns file records without content.
 */
export function layoutProject(plan, rng) {
  const defaultFragmentFiles = plan.fragmentFiles - plan.adminFragmentFiles;
  const folders = ENTITIES.slice(0, plan.entityFolders).map((entity) => ({
    entity,
    dir: `src/entities/${kebab(entity)}`,
    ns: camel(entity),
    barrel: `src/entities/${kebab(entity)}/index.ts`,
    topNamespace: plan.entityFolders >= 2,
    files: [],
    names: new NamePool(),
  }));
  // Files go to folders round-robin, so every folder has early and late files and
  // fragments can spread fragments of other folders in both directions.
  const fragmentFiles = [];
  for (let i = 0; i < defaultFragmentFiles; i++) {
    const folder = folders[i % folders.length];
    const base = i === 0 ? "viewer" : folder.names.take(kebab(FRAGMENT_WORDS[folder.files.length % FRAGMENT_WORDS.length]));
    if (i === 0) folder.names.reserve("viewer");
    const file = { kind: "fragments", label: "default", path: `${folder.dir}/${base}.ts`, folder, stem: base };
    folder.files.push(file);
    fragmentFiles.push(file);
  }
  const adminFolder = {
    entity: null,
    dir: "src/admin/fragments",
    ns: "admin",
    barrel: plan.adminFragmentFiles >= 2 ? "src/admin/fragments/index.ts" : null,
    topNamespace: false,
    files: [],
    names: new NamePool(),
  };
  for (let i = 0; i < plan.adminFragmentFiles; i++) {
    const stem = adminFolder.names.take(`${rng.pick(["audit", "flags", "users", "metrics"])}-${rng.pick(NOUNS)}`);
    const file = { kind: "fragments", label: "admin", path: `${adminFolder.dir}/${stem}.ts`, folder: adminFolder, stem };
    adminFolder.files.push(file);
    fragmentFiles.push(file);
  }
  const pageName = (r) => `${kebab(r.pick(ENTITIES.slice(0, Math.max(plan.entityFolders, 4))))}-${r.pick(["page", "list", "details", "editor", "view", "panel", "overview"])}`;
  const pages = spreadFiles(rng.fork("pages"), "src/pages", plan.operationFiles - plan.adminOperationFiles, 20, pageName).map((f) => ({ ...f, kind: "operations", label: "default", folder: null }));
  const adminPageName = (r) => `${r.pick(["audit", "flags", "users", "metrics"])}-${r.pick(["page", "view", "report"])}`;
  const adminPages = spreadFiles(rng.fork("admin-pages"), "src/admin/pages", plan.adminOperationFiles, 40, adminPageName).map((f) => ({ ...f, kind: "operations", label: "admin", folder: null }));
  const barrels = folders.map((f) => f.barrel).concat(adminFolder.barrel ? [adminFolder.barrel] : []);
  if (plan.entityFolders >= 2) barrels.push("src/entities/index.ts");
  const plainCount = plan.files - plan.defFiles - barrels.length - 1;
  if (plainCount < 0) throw new Error(`${plan.name}: not enough files for the structure`);
  const utils = Math.round(plainCount * 0.25);
  const hooks = Math.round(plainCount * 0.2);
  const fileName = (r) => `${kebab(r.pick(NOUNS))}-${r.pick(ADJECTIVES)}`;
  const plain = [
    ...spreadFiles(rng.fork("utils"), "src/utils", utils, 40, fileName).map((f) => ({ ...f, layer: "util" })),
    ...spreadFiles(rng.fork("hooks"), "src/hooks", hooks, 40, (r) => `use-${fileName(r)}`).map((f) => ({ ...f, layer: "hook" })),
    ...spreadFiles(rng.fork("components"), "src/components", plainCount - utils - hooks, 40, fileName).map((f) => ({ ...f, layer: "component" })),
  ].map((f) => ({ ...f, kind: "plain" }));
  return { folders, adminFolder, fragmentFiles, operationFiles: [...pages, ...adminPages], plain, barrels };
}
