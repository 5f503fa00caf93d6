// Assembles a whole project in memory: schemas, layout, definitions, plain modules,
// barrels, config, and the manifest the benchmark reads. `generate.mjs` writes it out.

import { Rng } from "./prng.mjs";
import { planWorkload } from "./workloads.mjs";
import { adminSchema, defaultSchema } from "./schema-gen.mjs";
import { layoutProject } from "./layout.mjs";
import { buildModel } from "./model.mjs";
import { definitionFileText } from "./emit-defs.mjs";
import { aliasSpecifier, relativeSpecifier } from "./imports.mjs";
import { NamePool } from "./names.mjs";
import { drawSize, plainModule } from "./ts-gen.mjs";
import { addedPageText } from "./added-file.mjs";

/** Bumped whenever the output for a given seed changes, so cached projects are regenerated. */
export const GENERATOR_VERSION = 2;

/** The fizz-gql config every generated project uses. */
export const CONFIG = {
  include: ["src/**/*.ts"],
  exclude: ["**/*.test.ts"],
  graphqlSystem: { path: "./src/graphql-system", aliases: ["@/graphql-system"] },
  schemas: { default: "./schema/default.graphql", admin: "./schema/admin.graphql" },
  tsconfig: "./tsconfig.json",
  cacheDir: ".fizz-cache",
};

const TSCONFIG = {
  compilerOptions: { target: "ES2022", module: "ESNext", moduleResolution: "Bundler", strict: true, baseUrl: ".", paths: { "@/*": ["./src/*"] } },
  include: ["src"],
};

/** Earlier modules, mostly from the same folder (how real code imports). */
function pickImports(r, file, earlier, sameFolder, max) {
  const out = [];
  for (let n = r.int(0, max); n > 0; n--) {
    const pool = sameFolder.length > 0 && r.chance(0.6) ? sameFolder : earlier;
    if (pool.length === 0) break;
    // Recent modules only: a window keeps imports local-ish, as in a real tree.
    const window = Math.min(pool.length, 400);
    const target = pool[pool.length - window + Math.floor(r.next() * window)];
    if (!out.includes(target)) out.push(target);
  }
  return out;
}

/**
 * Plain modules, in layer order (utils, hooks, components), each importing earlier
 * modules only: utils import utils, hooks import utils and hooks, components import all.
 */
function plainFiles(layout, model, rng, files) {
  const pool = new NamePool();
  const done = { util: [], hook: [], component: [] };
  const earlier = [];
  const byDir = new Map();
  const barrels = layout.folders.map((f) => ({ folder: f, frags: model.all.filter((d) => d.kind === "fragment" && !d.local && !d.group && d.file.folder === f) })).filter((b) => b.frags.length);
  for (const file of layout.plain) {
    const r = rng.fork(file.path);
    if (!byDir.has(file.dir)) byDir.set(file.dir, []);
    const imports = pickImports(r, file, earlier, byDir.get(file.dir), 3).map((t) => ({
      specifier: r.chance(0.75) ? relativeSpecifier(file.path, t.path) : aliasSpecifier(t.path),
      values: [r.pick(t.values)],
      types: t.types.length && r.chance(0.3) ? [t.types[0]] : [],
    }));
    // Some components import the fragment they render, as colocated UI code does.
    if (file.layer === "component" && barrels.length && r.chance(0.1)) {
      const b = r.pick(barrels);
      imports.push({ specifier: aliasSpecifier(b.folder.barrel), values: [r.pick(b.frags).barrelName], types: [] });
    }
    const mod = plainModule(r, { layer: file.layer, imports, size: drawSize(r), pool });
    Object.assign(file, { values: mod.values, types: mod.types });
    files.set(file.path, mod.text);
    done[file.layer].push(file);
    earlier.push(file);
    byDir.get(file.dir).push(file);
  }
  return done;
}

function barrelText(folder) {
  return (
    folder.files
      .map((file) => {
        const spec = `./${file.stem}`;
        if (!file.barrelList) return `export * from "${spec}";`;
        const names = [];
        for (const def of file.defs) {
          const name = def.group ?? (def.barrelName !== def.exportName ? `${def.exportName} as ${def.barrelName}` : def.exportName);
          if (!names.includes(name)) names.push(name);
        }
        return `export { ${names.join(", ")} } from "${spec}";`;
      })
      .join("\n") + "\n"
  );
}

/**
 * Builds the project of workload `name` from `seed`: a map of root-relative paths to
 * contents, the manifest, and the definition model (for checks).
 */
export function buildProject(name, seed) {
  const plan = planWorkload(name);
  const rng = new Rng(`${name}:${seed}`);
  const schemas = { default: defaultSchema(rng.fork("schema"), plan.entityTypes), admin: adminSchema() };
  const layout = layoutProject(plan, rng.fork("layout"));
  const model = buildModel(plan, rng.fork("model"), layout, schemas);
  const files = new Map();
  files.set("src/graphql-system/index.ts", `// The graphql-system module: the one place the \`gql\` composer comes from.\nexport { gql } from "fizz-gql/runtime";\n`);
  const plain = plainFiles(layout, model, rng.fork("plain"), files);
  for (const file of [...layout.fragmentFiles, ...layout.operationFiles]) {
    const r = rng.fork(`emit:${file.path}`);
    const candidates = file.kind === "fragments" ? plain.util : [...plain.component, ...plain.hook];
    const imports = candidates.length ? r.sample(candidates.slice(-300), r.int(0, file.kind === "fragments" ? 1 : 3)) : [];
    files.set(file.path, definitionFileText(file, imports, r));
  }
  for (const folder of [...layout.folders, layout.adminFolder]) if (folder.barrel) files.set(folder.barrel, barrelText(folder));
  if (layout.barrels.includes("src/entities/index.ts")) {
    files.set("src/entities/index.ts", layout.folders.map((f) => `export * as ${f.ns} from "./${f.dir.split("/").pop()}";`).join("\n") + "\n");
  }
  const sourceCount = files.size;
  const added = addedPageText(plan, model, layout, rng.fork("added"), files);
  const manifest = makeManifest(plan, seed, model, layout, files, added, sourceCount);
  files.set("fizz.config.json", `${JSON.stringify(CONFIG, null, 2)}\n`);
  files.set("tsconfig.json", `${JSON.stringify(TSCONFIG, null, 2)}\n`);
  files.set("schema/default.graphql", schemas.default.toSDL());
  files.set("schema/admin.graphql", schemas.admin.toSDL());
  files.set("bench-manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);
  return { files, manifest, model, schemas, plan };
}

/** An edit of one file: replace `from` (which occurs exactly once) with `to`. */
function edit(files, file, from, to) {
  const text = files.get(file);
  const at = text.indexOf(from);
  if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`edit anchor must occur once in ${file}: ${JSON.stringify(from)}`);
  return { file, from, to };
}

/** Adds `__typename` as the first selection of a definition: a real change that stays valid. */
function typenameEdit(files, def) {
  return edit(files, def.file.path, def.head, `${def.head}${" ".repeat(def.bodyIndent)}__typename\n`);
}

function makeManifest(plan, seed, model, layout, files, added, sourceCount) {
  const defFiles = [...layout.fragmentFiles, ...layout.operationFiles];
  const definitions = model.all.length;
  if (sourceCount !== plan.files || defFiles.length !== plan.defFiles || definitions !== plan.definitions) {
    throw new Error(`${plan.name}: generated ${sourceCount} files, ${defFiles.length} with definitions, ${definitions} definitions; the table says ${plan.files}, ${plan.defFiles}, ${plan.definitions}`);
  }
  const leafFile = model.leaf.file.path;
  const hubFile = model.hub.file.path;
  const cutoffFile =
    layout.operationFiles.find((f) => f.label === "default" && f.path !== leafFile && !f.defs.some((d) => d.hubUser))?.path ??
    defFiles.find((f) => f.path !== leafFile && f.path !== hubFile)?.path ??
    leafFile;
  const cutoff = defFiles.find((f) => f.path === cutoffFile).cutoff;
  return {
    generatorVersion: GENERATOR_VERSION,
    workload: plan.name,
    seed,
    config: "fizz.config.json",
    cacheDir: CONFIG.cacheDir,
    counts: {
      sourceFiles: sourceCount,
      filesWithDefinitions: defFiles.length,
      definitions,
      fragments: model.all.filter((d) => d.kind === "fragment").length,
      operations: model.all.filter((d) => d.kind === "operation").length,
      adminDefinitions: model.all.filter((d) => d.label === "admin").length,
      plainModules: layout.plain.length,
      barrels: layout.barrels.length,
    },
    scenarios: {
      editLeaf: { ...typenameEdit(files, model.leaf), operation: model.leaf.name },
      editHub: { ...typenameEdit(files, model.hub), fragment: model.hub.key, users: model.hubUsers.map((d) => d.name) },
      editCutoff: edit(files, cutoffFile, cutoff.from, cutoff.to),
      addFile: { file: added.path, content: added.text, definitions: added.definitions },
      removeFile: { file: added.path, note: "the file add-file created; removing it restores the generated project" },
    },
  };
}
