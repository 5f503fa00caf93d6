// Determinism: two builds in one process, and builds in child processes with
// RAYON_NUM_THREADS=1 and =2, give byte-identical artifacts (minus `report`).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";

import { addon, comparable, fixture, ROOT } from "./helpers/addon.mjs";

const PROJECTS = ["forms", "../../examples/basic"];

function artifactInChild(project, threads) {
  const script = `
    const { BuilderSession } = require(${JSON.stringify(`${ROOT}/index.js`)});
    const s = new BuilderSession({ configPath: ${JSON.stringify(`${fixture(project)}/fizz.config.json`)} });
    process.stdout.write(s.buildInitial().artifactJson());`;
  return execFileSync(process.execPath, ["-e", script], {
    env: { ...process.env, RAYON_NUM_THREADS: String(threads) },
    maxBuffer: 64 * 1024 * 1024,
  }).toString();
}

for (const project of PROJECTS) {
  test(`${project}: two builds in one process are byte-identical`, () => {
    const configPath = `${fixture(project)}/fizz.config.json`;
    const first = new addon.BuilderSession({ configPath }).buildInitial().artifactJson();
    const second = new addon.BuilderSession({ configPath }).buildInitial().artifactJson();
    assert.equal(comparable(first), comparable(second));
  });

  test(`${project}: RAYON_NUM_THREADS=1 and =2 give byte-identical artifacts`, () => {
    const one = artifactInChild(project, 1);
    const two = artifactInChild(project, 2);
    assert.equal(comparable(one), comparable(two));
    assert.ok(Object.keys(JSON.parse(one).elements).length > 0);
  });
}
