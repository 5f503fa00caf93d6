// The package entry (`require('fizz-gql')`): the native addon, loaded by the loader napi-rs
// generates. That loader is `binding.js`, rewritten by every `napi build --js binding.js`
// (never edit it); this file is ours and only wraps it, so a rebuild cannot undo what is here:
//
// - the platform package must have fizz-gql's exact version (napi-rs's own check is off
//   unless NAPI_RS_ENFORCE_VERSION_CHECK is set; a stale addon would fail later, obscurely);
// - a failure is one error, code FIZZ_NATIVE_BINDING, whose message says which package for
//   which platform was looked for, what was wrong with it and what to run. The generated
//   message blames npm and lists every candidate it tried; that list stays in `cause`.
"use strict";

/** @type {{ name: string, version: string, napi: { binaryName: string }, optionalDependencies?: Record<string, string> }} */
const manifest = require("./package.json");
// `optionalDependencies` (one platform package per target, at this exact version) is written
// by `napi pre-publish` in the release workflow and by scripts/pack.mjs, not kept in the repo.
const { name, version, napi, optionalDependencies = {} } = manifest;

/** napi-rs's switch for its version check; set only while the loader runs, if unset. */
const VERSION_CHECK = "NAPI_RS_ENFORCE_VERSION_CHECK";

function load() {
  const unset = process.env[VERSION_CHECK] === undefined;
  if (unset) process.env[VERSION_CHECK] = "1";
  try {
    return require("./binding.js");
  } catch (error) {
    throw nativeBindingError(error);
  } finally {
    if (unset) delete process.env[VERSION_CHECK];
  }
}

/**
 * The messages of the loader's attempts, in the order it made them. It chains one error per
 * attempt through `cause`, the last attempt outermost.
 * @param {unknown} error
 * @returns {string[]}
 */
function attempts(error) {
  const messages = [];
  let cause = error instanceof Error ? error.cause : undefined;
  while (cause instanceof Error) {
    messages.unshift(cause.message);
    cause = cause.cause;
  }
  return messages;
}

/** This process's platform, said the way the platform packages are named. */
function platformLabel() {
  const report = process.report?.getReport?.();
  const glibc = /** @type {any} */ (report)?.header?.glibcVersionRuntime;
  const libc = process.platform !== "linux" ? "" : glibc ? ` (glibc ${glibc})` : " (not glibc: musl?)";
  return `${process.platform}-${process.arch}${libc}, Node ${process.version}`;
}

/**
 * One clear error for a failed load, from what the loader tried.
 * @param {unknown} error what binding.js threw
 */
function nativeBindingError(error) {
  const tried = attempts(error);
  const missingModule = (/** @type {string} */ m) => /^Cannot find module '([^']+)'/.exec(m)?.[1];
  // Per platform the loader first tries `./<binaryName>.<platform>.node` (a local build),
  // then the package `<name>-<platform>`: the first attempt names the platform it settled on.
  const localPrefix = `./${napi.binaryName}.`;
  const localFile = tried.map(missingModule).find((s) => s?.startsWith(localPrefix) && s.endsWith(".node"));
  const packages = tried.map(missingModule).filter((s) => s && !s.startsWith(".") && !s.includes("wasi"));
  const platformPackage = localFile ? `${name}-${localFile.slice(localPrefix.length, -".node".length)}` : packages[0];
  const isMismatch = (/** @type {string} */ m) => m.startsWith("Native binding package version mismatch");
  const mismatch = tried.find(isMismatch);
  // What failed other than a missing file: a broken addon, or no candidate for this platform.
  const broken = tried.find((m) => !missingModule(m) && !isMismatch(m));
  const install = `npm install ${platformPackage ?? name}@${version}`;
  const prebuilt = Object.keys(optionalDependencies).map((p) => p.slice(name.length + 1)).join(", ");
  const lines = [];
  if (mismatch) {
    const found = /but got (\S+?)\.? /.exec(mismatch)?.[1] ?? "another version";
    lines.push(
      `${name} ${version}: its native addon package ${platformPackage} is version ${found}, and it must be ${version}, the same as ${name}.`,
      `Run: ${install}`,
    );
  } else if (broken && /\.node\b/.test(broken)) {
    // dlopen failed: the file is there but built for another platform, or damaged.
    lines.push(
      `${name} ${version}: the native addon for this platform (${platformLabel()}) is there but does not load: ${firstLine(broken)}.`,
      /[/\\]node_modules[/\\]/.test(broken)
        ? `It may be built for another platform or be damaged. Reinstall it: ${install}`
        : "It may be built for another platform or be damaged. Rebuild it: npm run build",
    );
  } else if (broken) {
    lines.push(
      `${name} ${version} has no prebuilt native addon for this platform (${platformLabel()}): ${firstLine(broken)}.`,
      `Prebuilt: ${prebuilt || "none listed"}. Elsewhere, build the addon from a clone of the repository (\`npm ci && npm run build\`; see its README).`,
    );
  } else {
    lines.push(
      `${name} ${version}: no native addon for this platform (${platformLabel()}).`,
      `Looked for the package ${platformPackage}, an optional dependency of ${name} that npm installs only on the platform it is for, and it is not installed` +
        ` (nor is ${localFile?.slice(2)}, which \`npm run build\` writes in a clone).`,
      `Run: ${install}` +
        " (if it was left out by --omit=optional or by a lockfile written on another platform, remove node_modules and install again without it).",
    );
  }
  const result = new Error(lines.join("\n"));
  /** @type {any} */ (result).code = "FIZZ_NATIVE_BINDING";
  result.cause = error;
  return result;
}

/** @param {string} message */
function firstLine(message) {
  return message.split("\n")[0].replace(/\.$/, "");
}

// `result.artifact` and `getArtifact()` are made in JS from the addon's patches (one element
// object per changed element, the rest shared with the artifact read before).
module.exports = require("./lib/artifact-view.cjs").install(load());
