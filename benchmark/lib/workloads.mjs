// The workload table of docs/reference/performance.md and how each workload's budget is split between
// fragment files, operation files, barrels and plain modules.

/** docs/reference/performance.md "Workloads": source files, files with definitions, definitions. */
export const WORKLOADS = {
  small: { files: 8, defFiles: 3, definitions: 5 },
  medium: { files: 20, defFiles: 9, definitions: 16 },
  large: { files: 45, defFiles: 23, definitions: 40 },
  "1k": { files: 1000, defFiles: 200, definitions: 500 },
  "10k": { files: 10000, defFiles: 1500, definitions: 4000 },
  // Not in the spec's table: the size at which the artifact outgrew napi's JSON conversion
  // (issue 16); twice 10k.
  "20k": { files: 20000, defFiles: 3000, definitions: 8000 },
  "50k": { files: 50000, defFiles: 5000, definitions: 13000 },
};

/** Operations that spread the hub fragment in 10k; other workloads scale it by size. */
const HUB_USERS_10K = 100;
const OPERATIONS_10K = 2400;

/**
 * How a workload is laid out: counts of every kind of file and definition. The first three
 * workloads mirror the original fixtures, so they get a small schema; the others get the
 * full schema of a few hundred types.
 */
export function planWorkload(name) {
  const w = WORKLOADS[name];
  if (!w) throw new Error(`unknown workload "${name}" (one of ${Object.keys(WORKLOADS).join(", ")})`);
  // About 40% of the files with definitions hold fragments (entity folders), the rest hold
  // operations (pages); the same split for definitions.
  const fragmentFiles = Math.max(1, Math.round(w.defFiles * 0.4));
  const operationFiles = w.defFiles - fragmentFiles;
  const fragments = Math.max(fragmentFiles, Math.round(w.definitions * 0.4));
  const operations = w.definitions - fragments;
  // The admin schema gets ~5% of both, but always at least one operation file.
  const adminFragmentFiles = fragmentFiles >= 10 ? Math.round(fragmentFiles * 0.05) : 0;
  const adminOperationFiles = operationFiles >= 2 ? Math.max(1, Math.round(operationFiles * 0.05)) : 0;
  const big = w.files >= 1000;
  const entityTypes = big ? 90 : Math.max(4, Math.min(10, fragmentFiles + 3));
  const entityFolders = Math.max(1, Math.min(entityTypes, Math.round((fragmentFiles - adminFragmentFiles) / 6)));
  const hubUsers = Math.max(1, Math.round((operations * HUB_USERS_10K) / OPERATIONS_10K));
  return {
    name,
    ...w,
    fragmentFiles,
    operationFiles,
    fragments,
    operations,
    adminFragmentFiles,
    adminOperationFiles,
    entityTypes,
    entityFolders,
    hubUsers,
  };
}
