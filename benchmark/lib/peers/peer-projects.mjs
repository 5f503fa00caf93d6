// The peers' projects of one workload (generated once next to fizz-gql's, under
// `benchmark/projects/<name>-<seed>-relay|codegen/`, while the generator and peers versions
// match), how each peer is run, and the equivalence check that must pass before a peer is
// timed.

import { existsSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

import { buildSchema } from "graphql";

import { GENERATOR_VERSION } from "../project.mjs";
import { codegenDocuments, writeCodegenProject } from "./codegen-project.mjs";
import { RELAY_EXTRA_FIELDS, compareOperations, fizzOperations } from "./equivalence.mjs";
import { PEERS_VERSION, peerModel } from "./peer-model.mjs";
import { measuredRun } from "./peer-timing.mjs";
import { relayDocuments, writeRelayProject } from "./relay-project.mjs";

const require = createRequire(import.meta.url);

/** The `graphql-codegen` bin of the installed @graphql-codegen/cli. */
function codegenBin() {
  const pkg = require.resolve("@graphql-codegen/cli/package.json");
  const { bin } = require(pkg);
  return join(dirname(pkg), typeof bin === "string" ? bin : bin["graphql-codegen"]);
}

/**
 * How each peer is run, from the repository's devDependencies. Relay: the npm package's
 * native binary itself (not the `relay-compiler` Node wrapper that spawns it), with
 * `FORCE_NO_WATCHMAN=1` (it walks the file system). Codegen: its CLI under this Node.
 */
export const PEERS = {
  relay: {
    label: "relay-compiler",
    version: () => require("relay-compiler/package.json").version,
    command: (args = []) => ({ cmd: require("relay-compiler"), args, env: { FORCE_NO_WATCHMAN: "1" } }),
    write: writeRelayProject,
    documents: relayDocuments,
    allowExtra: RELAY_EXTRA_FIELDS,
  },
  codegen: {
    label: "graphql-codegen (client preset)",
    version: () => `${require("@graphql-codegen/cli/package.json").version} / client-preset ${require("@graphql-codegen/client-preset/package.json").version}`,
    command: (args = []) => ({ cmd: process.execPath, args: [codegenBin(), "--config", "codegen.yml", ...args], env: {} }),
    write: writeCodegenProject,
    documents: codegenDocuments,
    allowExtra: undefined,
  },
};

/** The peer projects of workload `name`/`seed` under `projectsDir`, generated when absent or outdated. */
export function ensurePeerProjects(projectsDir, name, seed, log) {
  const out = {};
  let pm = null;
  for (const peer of Object.keys(PEERS)) {
    const dir = join(projectsDir, `${name}-${seed}-${peer}`);
    const manifestPath = join(dir, "peer-manifest.json");
    if (existsSync(manifestPath)) {
      const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
      if (manifest.peersVersion === PEERS_VERSION && manifest.generatorVersion === GENERATOR_VERSION) {
        out[peer] = { dir, manifest };
        continue;
      }
    }
    log(`${name}-${seed}-${peer}: generating`);
    pm ??= peerModel(name, seed);
    out[peer] = { dir, manifest: PEERS[peer].write(pm, dir) };
  }
  return out;
}

/** Deletes a peer's outputs (a cold build starts from none). */
export function cleanOutputs(dir, manifest) {
  for (const o of manifest.outputs) rmSync(join(dir, o), { recursive: true, force: true });
}

/** One build of a peer project; throws when the peer fails. */
export function peerBuild(peer, dir, { clean = false, manifest } = {}) {
  if (clean) cleanOutputs(dir, manifest);
  const { cmd, args, env } = PEERS[peer].command();
  const r = measuredRun(cmd, args, { cwd: dir, env });
  if (r.status !== 0) {
    const text = `${r.stdout}\n${r.stderr}`.replace(/\x1b\[[0-9;]*m/g, "");
    const lines = text.split("\n").filter((l) => /error/i.test(l));
    throw new Error(`${PEERS[peer].label} failed (exit ${r.status}): ${(lines.length ? lines : text.split("\n")).slice(0, 3).join(" | ")}`);
  }
  return r;
}

/**
 * Checks that the peer's compiled operations equal fizz-gql's (equivalence.mjs), after a
 * build of the peer project. `artifact`: fizz-gql's artifact object of the same workload.
 */
export function checkEquivalence(peer, { dir, manifest }, artifact, schemas) {
  return compareOperations({
    peer,
    fizz: fizzOperations(artifact),
    peerDocs: PEERS[peer].documents(dir, manifest),
    names: manifest.operations,
    schemas,
    allowExtra: PEERS[peer].allowExtra,
  });
}

/** graphql-js schemas by label of a fizz-gql project (the SDL files every peer project copies). */
export function projectSchemas(fizzDir) {
  const config = JSON.parse(readFileSync(join(fizzDir, "fizz.config.json"), "utf8"));
  return Object.fromEntries(Object.entries(config.schemas).map(([label, file]) => [label, buildSchema(readFileSync(join(fizzDir, file), "utf8"))]));
}
