// The perf gate's own logic (scripts/perf-gate.mjs): reading callgrind's totals, the 5%
// comparison with the baseline, and the committed baseline itself. The gate's measurement
// runs under valgrind in `.ci/run` (`npm run perf-gate`), not here.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";

import { BASELINE_PATH, SCENARIOS, THRESHOLD, compare, formatTable, median, parseCallgrindTotal, spread, workloadInfo } from "../scripts/perf-gate.mjs";

// The shape callgrind 3.19 writes with `--collect-atstart=no --toggle-collect=…` (trimmed).
const CALLGRIND_OUT = `# callgrind format
version: 1
creator: callgrind-3.19.0
pid: 19959
cmd:  target/x86_64-unknown-linux-gnu/fastrel/examples/perf_gate edit-leaf /tmp/fizz-perf-gate/1k-1
part: 1

desc: I1 cache: 
desc: D1 cache: 
desc: LL cache: 

desc: Timerange: Basic block 0 - 126160726
desc: Trigger: Program termination

positions: line
events: Ir
summary: 1133717


ob=(3) /usr/lib/x86_64-linux-gnu/libc.so.6
fl=(396) ./io/../sysdeps/unix/sysv/linux/write.c
fn=(4592) write
26 4
-1 8
cfn=(2596) __pthread_enable_asynccancel
calls=411 +6 
* 34

totals: 1133717
`;

test("parseCallgrindTotal reads the Ir total", () => {
  assert.equal(parseCallgrindTotal(CALLGRIND_OUT), 1133717);
});

test("parseCallgrindTotal prefers totals: over summary:, and falls back to summary:", () => {
  assert.equal(parseCallgrindTotal(CALLGRIND_OUT.replace("totals: 1133717", "totals: 42")), 42);
  assert.equal(parseCallgrindTotal(CALLGRIND_OUT.replace("totals: 1133717\n", "")), 1133717);
});

test("parseCallgrindTotal takes the column of the event asked for", () => {
  const text = CALLGRIND_OUT.replace("events: Ir", "events: Ir Dr Dw").replace("totals: 1133717", "totals: 900 300 200");
  assert.equal(parseCallgrindTotal(text), 900);
  assert.equal(parseCallgrindTotal(text, "Dw"), 200);
  // Trailing zero columns may be left out.
  assert.equal(parseCallgrindTotal(text.replace("totals: 900 300 200", "totals: 900"), "Dw"), 0);
  assert.throws(() => parseCallgrindTotal(text, "Bc"), /no Bc event/);
});

test("parseCallgrindTotal refuses what is not a finished callgrind output", () => {
  assert.throws(() => parseCallgrindTotal("hello\n"), /no `events:` line/);
  assert.throws(() => parseCallgrindTotal("events: Ir\nfn=(1) main\n1 2\n"), /no `totals:` or `summary:`/);
  assert.throws(() => parseCallgrindTotal("events: Ir\ntotals: 12x\n"), /not a count/);
});

const workload = { name: "1k", seed: 1, hash: "abc" };
const baseline = {
  cold: { instructions: 1_000_000, workload: "1k", seed: 1, workloadHash: "abc", why: "test" },
  "edit-leaf": { instructions: 10_000, workload: "1k", seed: 1, workloadHash: "abc", why: "test" },
};

test("compare fails past +5% only", () => {
  assert.equal(THRESHOLD, 0.05);
  const at = compare(baseline, { cold: 1_050_000, "edit-leaf": 10_000 }, { workload });
  assert.equal(at.failed, false, "exactly +5% passes");
  assert.deepEqual(at.rows.map((r) => r.status), ["ok", "ok"]);
  const past = compare(baseline, { cold: 1_050_001, "edit-leaf": 10_000 }, { workload });
  assert.equal(past.failed, true);
  assert.equal(past.rows[0].status, "regression");
  assert.ok(Math.abs(past.rows[0].delta - 0.050001) < 1e-12);
  assert.equal(past.rows[1].status, "ok");
});

test("compare reports an improvement past -5% without failing", () => {
  const r = compare(baseline, { cold: 900_000, "edit-leaf": 9_600 }, { workload });
  assert.equal(r.failed, false);
  assert.deepEqual(r.rows.map((x) => x.status), ["improvement", "ok"]);
  assert.ok(Math.abs(r.rows[0].delta + 0.1) < 1e-12);
});

test("compare fails on a scenario without baseline and on another workload", () => {
  const none = compare({ cold: baseline.cold }, { cold: 1_000_000, "edit-leaf": 10_000 }, { workload });
  assert.equal(none.failed, true);
  assert.equal(none.rows[1].status, "no-baseline");
  const other = compare(baseline, { cold: 1_000_000 }, { workload: { ...workload, hash: "def" } });
  assert.equal(other.failed, true);
  assert.equal(other.rows[0].status, "workload-changed");
  assert.equal(compare(baseline, { cold: 1_000_000 }, { workload: { ...workload, seed: 2 } }).rows[0].status, "workload-changed");
});

test("median, spread and the table", () => {
  assert.equal(median([5, 1, 3]), 3);
  assert.equal(median([4, 1]), 1);
  assert.deepEqual(spread([100, 101, 100]), { range: 1, relative: 0.01 });
  const { rows } = compare(baseline, { cold: 1_060_000, "edit-leaf": 10_000 }, { workload });
  const table = formatTable(rows, { cold: { range: 5, relative: 5e-6 } });
  assert.match(table, /\| cold \| 1,000,000 \| 1,060,000 \| \+6\.00% \| 5 \(0\.0005%\) \| regression \|/);
  assert.match(table, /\| edit-leaf \| 10,000 \| 10,000 \| \+0\.00% \| — \| ok \|/);
});

test("the committed baseline covers every scenario, on the workload the gate generates now", async () => {
  const committed = JSON.parse(readFileSync(BASELINE_PATH, "utf8"));
  const current = await workloadInfo();
  assert.deepEqual(Object.keys(committed).sort(), [...SCENARIOS].sort());
  for (const [scenario, entry] of Object.entries(committed)) {
    assert.ok(Number.isInteger(entry.instructions) && entry.instructions > 10_000, `${scenario}: instructions`);
    assert.ok(typeof entry.why === "string" && entry.why.trim().length > 0, `${scenario}: why`);
    assert.equal(entry.workload, current.name, scenario);
    assert.equal(entry.seed, current.seed, scenario);
    assert.equal(entry.workloadHash, current.hash, `${scenario}: the generator changed the workload since the baseline; re-measure it (npm run perf-gate -- --update-baseline --why …)`);
  }
});
