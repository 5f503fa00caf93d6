// Node module hooks that run the examples' TypeScript the way a test runner would: types
// stripped by Babel (no fizz plugin: the runtime composer runs), inline source maps so
// stack traces point at the .ts files, `@/…` from tsconfig `paths`, extensionless and
// folder imports.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const babel = require("@babel/core");

function tsconfigDir(from) {
  for (let dir = dirname(from); dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "tsconfig.json"))) return dir;
  }
}

export async function resolve(specifier, context, next) {
  const parent = context.parentURL?.startsWith("file:") ? fileURLToPath(context.parentURL) : undefined;
  if (parent && specifier.startsWith("@/")) {
    specifier = pathToFileURL(join(tsconfigDir(parent), "src", specifier.slice(2))).href;
  }
  const local = parent && (specifier.startsWith(".") || specifier.startsWith("file:"));
  if (local) {
    const base = specifier.startsWith("file:") ? fileURLToPath(specifier) : join(dirname(parent), specifier);
    for (const candidate of [`${base}.ts`, join(base, "index.ts")]) {
      if (!existsSync(base + "") || candidate.endsWith("index.ts")) {
        if (existsSync(candidate)) return { url: pathToFileURL(candidate).href, shortCircuit: true };
      }
    }
  }
  return next(specifier, context);
}

export async function load(url, context, next) {
  if (!url.endsWith(".ts")) return next(url, context);
  const filename = fileURLToPath(url);
  const { code } = babel.transformSync(readFileSync(filename, "utf8"), {
    filename,
    babelrc: false,
    configFile: false,
    sourceMaps: "inline",
    sourceFileName: url,
    presets: [require.resolve("@babel/preset-typescript")],
  });
  return { format: "module", source: code, shortCircuit: true };
}
