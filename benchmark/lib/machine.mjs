// What a results file records about the machine and the checkout it ran on.

import { execFileSync } from "node:child_process";
import os from "node:os";

/**
 * The machine (CPU, cores, memory, OS, Node), the load average now, and the commit of
 * `root`; `extra` is merged in (a tool's version the run depends on).
 * @param {string} root @param {Record<string, unknown>} [extra]
 */
export function machineInfo(root, extra = {}) {
  let commit = null;
  try {
    commit = execFileSync("git", ["rev-parse", "HEAD"], { cwd: root }).toString().trim();
  } catch {}
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model ?? "unknown",
    cores: cpus.length,
    memoryGb: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    ...extra,
    loadAverageAtStart: os.loadavg(),
    commit,
  };
}
