// Shared helpers for the JS tests: the built addon, fixture paths, artifact comparison.
import { createRequire } from "node:module";
import { cpSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** The addon as the package exposes it. */
export const addon = require(join(ROOT, "index.js"));

/** Absolute path of a fixture project under `__test__/fixtures`. */
export function fixture(name) {
  return join(ROOT, "__test__", "fixtures", name);
}

/** A fresh copy of a fixture project in a temporary folder (tests that edit files). */
export function copyFixture(name) {
  const dir = mkdtempSync(join(tmpdir(), `fizz-${name}-`));
  cpSync(fixture(name), dir, { recursive: true });
  return dir;
}

/** Artifact JSON text without `report`, the part equal builds share byte for byte. */
export function comparable(artifactJson) {
  const { report, ...rest } = JSON.parse(artifactJson);
  return JSON.stringify(rest);
}
