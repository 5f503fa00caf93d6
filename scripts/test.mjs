#!/usr/bin/env node
// `npm test`: every test, with one compile of the Rust code. The Rust tests and the addon the
// JS tests load are built on the same profile (`fastrel`) and for the same explicit target
// (`napi build` always passes `--target <host>`), so they share one target folder and every
// compiled crate; a second run with no change starts testing at once. Run through npm, which
// puts `node_modules/.bin` (and so `napi`) on PATH.
import { spawnSync } from "node:child_process";

const PROFILE = "fastrel";

/** @param {string} command @param {string[]} args */
function run(command, args) {
  const result = spawnSync(command, args, { stdio: "inherit", shell: process.platform === "win32" });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function hostTriple() {
  const out = spawnSync("rustc", ["-vV"], { encoding: "utf8" });
  const host = /^host: (.+)$/m.exec(out.stdout ?? "")?.[1];
  if (!host) throw new Error("cannot tell the host target from `rustc -vV`");
  return host.trim();
}

const addonOnly = process.argv[2] === "addon"; // `npm run build:test`
if (!addonOnly) run("npm", ["run", "typecheck"]);
if (!addonOnly) run("cargo", ["test", "--workspace", "--profile", PROFILE, "--target", hostTriple()]);
run("napi", ["build", "--platform", "--profile", PROFILE, "--js", "binding.js"]);
if (!addonOnly) run("node", ["--test", "__test__/"]);
