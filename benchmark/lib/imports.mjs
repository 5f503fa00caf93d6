// Module specifiers between generated files, the import statements a file collects while
// its definitions are printed, and how a definition refers to a fragment of another file
// (local binding, sibling file, barrel, namespace, top-level barrel namespace).

import { posix } from "node:path";

/** A relative specifier from one `src/…` file to another (no extension; folders for index files). */
export function relativeSpecifier(from, to) {
  let target = to.replace(/\.ts$/, "").replace(/\/index$/, "");
  let rel = posix.relative(posix.dirname(from), target);
  if (!rel.startsWith(".")) rel = `./${rel}`;
  return rel;
}

/** The tsconfig `paths` form `@/…` of a `src/…` file. */
export function aliasSpecifier(to) {
  return `@/${to.replace(/^src\//, "").replace(/\.ts$/, "").replace(/\/index$/, "")}`;
}

/** Import statements of one file, in the order they were first needed. */
export class ImportBook {
  constructor() {
    this.modules = new Map();
  }

  entry(specifier) {
    if (!this.modules.has(specifier)) this.modules.set(specifier, { named: [], namespace: null, types: [] });
    return this.modules.get(specifier);
  }

  named(specifier, name) {
    const e = this.entry(specifier);
    if (!e.named.includes(name)) e.named.push(name);
    return name;
  }

  namespace(specifier, local) {
    this.entry(specifier).namespace = local;
    return local;
  }

  lines() {
    const out = [];
    for (const [spec, e] of this.modules) {
      if (e.namespace) out.push(`import * as ${e.namespace} from "${spec}";`);
      if (e.named.length) out.push(`import { ${e.named.join(", ")} } from "${spec}";`);
      if (e.types.length) out.push(`import type { ${e.types.join(", ")} } from "${spec}";`);
    }
    return out;
  }
}

const CROSS_FOLDER_STYLES = [
  ["barrel", 0.35],
  ["alias-barrel", 0.15],
  ["namespace", 0.2],
  ["direct", 0.1],
  ["top-named", 0.12],
  ["top-star", 0.08],
];

/**
 * How file `file` writes fragment `frag`, adding the import it needs to `file.book`. The
 * style for each other folder is drawn once per file, so a file imports a folder one way.
 */
export function referenceTo(file, frag, rng) {
  const member = frag.group ? `.${frag.prop}` : "";
  const moduleName = frag.group ?? frag.exportName;
  const barrelName = frag.group ?? frag.barrelName;
  if (frag.file === file) return frag.local || !frag.group ? frag.binding : `${frag.group}.${frag.prop}`;
  const folder = frag.file.folder;
  if (folder === file.folder) {
    return file.book.named(relativeSpecifier(file.path, frag.file.path), moduleName) + member;
  }
  if (!file.styles.has(folder)) {
    let style = "direct";
    if (folder.barrel) {
      const allowed = CROSS_FOLDER_STYLES.filter(([s]) => folder.topNamespace || !s.startsWith("top-"));
      const total = allowed.reduce((n, [, w]) => n + w, 0);
      let x = rng.next() * total;
      style = allowed.find(([, w]) => (x -= w) < 0)?.[0] ?? allowed[0][0];
    }
    file.styles.set(folder, style);
  }
  switch (file.styles.get(folder)) {
    case "barrel":
      return file.book.named(relativeSpecifier(file.path, folder.barrel), barrelName) + member;
    case "alias-barrel":
      return file.book.named(aliasSpecifier(folder.barrel), barrelName) + member;
    case "namespace":
      return `${file.book.namespace(relativeSpecifier(file.path, folder.barrel), folder.ns)}.${barrelName}${member}`;
    case "top-named":
      return `${file.book.named("@/entities", folder.ns)}.${barrelName}${member}`;
    case "top-star":
      return `${file.book.namespace("@/entities", "entities")}.${folder.ns}.${barrelName}${member}`;
    default:
      return file.book.named(relativeSpecifier(file.path, frag.file.path), moduleName) + member;
  }
}
