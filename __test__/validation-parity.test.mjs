// Validation parity with graphql-js 16 (dsl.md §5.5): for every operation of the
// validation fixtures and of a generated project, the build's verdict (an element, or no
// element) equals `validate(schema, parse(text), specifiedRules)` on the composed document.
//
// The composed document of an operation the build rejects is not in its artifact, so each
// project is built twice: normally, and with FIZZ_SKIP_VALIDATION=1 (composition only),
// whose texts graphql-js then judges.
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, test } from "node:test";

import { buildSchema, parse, specifiedRules, validate } from "graphql";

import { generateProject } from "../benchmark/generate.mjs";
import { addon, ROOT } from "./helpers/addon.mjs";

const FIXTURES = join(ROOT, "crates", "core", "tests", "fixtures", "build");

/** A cold build: its elements and diagnostics (read once: each read converts them). */
function build(configPath, skipValidation) {
  if (skipValidation) process.env.FIZZ_SKIP_VALIDATION = "1";
  try {
    const session = new addon.BuilderSession({ configPath });
    const result = session.buildInitial();
    return { elements: result.artifact.elements, diagnostics: result.diagnostics };
  } finally {
    delete process.env.FIZZ_SKIP_VALIDATION;
  }
}

/** The schemas of a config, built by graphql-js, by label. */
function schemasOf(configPath) {
  const config = JSON.parse(readFileSync(configPath, "utf8"));
  const dir = resolve(configPath, "..");
  const out = {};
  for (const [label, files] of Object.entries(config.schemas)) {
    const list = Array.isArray(files) ? files : [files];
    out[label] = buildSchema(list.map((f) => readFileSync(resolve(dir, f), "utf8")).join("\n"));
  }
  return out;
}

/**
 * Compares verdicts for every operation of a project; returns how many operations were
 * valid and invalid (by both).
 */
function compareVerdicts(configPath) {
  const schemas = schemasOf(configPath);
  const checked = build(configPath, false);
  const composedOnly = build(configPath, true);
  const counts = { valid: 0, invalid: 0 };
  const operations = Object.values(composedOnly.elements).filter((e) => e.type === "operation");
  for (const op of operations) {
    const schema = schemas[op.prebuild.schemaLabel];
    const errors = validate(schema, parse(op.text), specifiedRules);
    const built = op.id in checked.elements;
    const fizzErrors = checked.diagnostics.filter((d) => d.canonicalId === op.id).map((d) => `${d.code}: ${d.message}`);
    assert.equal(
      built,
      errors.length === 0,
      `${configPath} ${op.id}: the build ${built ? "accepts" : "rejects"} it, graphql-js ${
        errors.length === 0 ? "accepts it" : `says: ${errors.map((e) => e.message).join(" | ")}`
      }\n${op.text}\n(build: ${fizzErrors.join(" | ") || "no diagnostic of its own"})`,
    );
    counts[built ? "valid" : "invalid"] += 1;
    // The wording is graphql-js's: every message of an operation's own problems is one of
    // graphql-js's (conflicts and interpolated spreads are worded for what the
    // user wrote, which the composed document no longer shows).
    const own = checked.diagnostics.filter(
      (d) => d.canonicalId === op.id && !["FIELD_CONFLICT", "FIELDS_CONFLICT", "IMPOSSIBLE_SPREAD"].includes(d.code),
    );
    if (own.length > 0) {
      const messages = new Set(errors.map((e) => e.message));
      assert.ok(
        own.every((d) => messages.has(d.message)),
        `${op.id}: graphql-js says ${[...messages].join(" | ")}; the build says ${own.map((d) => d.message).join(" | ")}`,
      );
    }
  }
  // Operations that do not even compose (a broken fragment) are rejected by both: the
  // build holds them back, and they have no document for graphql-js to accept.
  for (const id of Object.keys(checked.elements)) {
    assert.ok(id in composedOnly.elements, `${id} is built with validation but not without`);
  }
  return counts;
}

test("every validation fixture: the build's verdict per operation equals graphql-js 16 validate()", () => {
  const dirs = readdirSync(FIXTURES).filter((d) => d.startsWith("validate-"));
  assert.ok(dirs.length >= 9, "the validation fixtures are there");
  let valid = 0;
  let invalid = 0;
  for (const dir of dirs) {
    const counts = compareVerdicts(join(FIXTURES, dir, "fizz.config.json"));
    assert.ok(counts.valid > 0, `${dir} has valid operations`);
    valid += counts.valid;
    invalid += counts.invalid;
  }
  assert.ok(invalid >= 30, `the fixtures reject many operations (${invalid})`);
  assert.ok(valid >= 10, `and accept some (${valid})`);
});

const temp = mkdtempSync(join(tmpdir(), "fizz-parity-"));
after(() => rmSync(temp, { recursive: true, force: true }));

test("a generated project (1k): the build's verdict per operation equals graphql-js 16 validate()", () => {
  const out = join(temp, "1k");
  generateProject({ name: "1k", seed: 3, outDir: out });
  const counts = compareVerdicts(join(out, "fizz.config.json"));
  assert.ok(counts.valid >= 250, `${counts.valid} valid operations`);
});
