// The end-to-end figure "Vite dev edit → HMR update applied in Chromium" (issue 16): a real
// Vite dev server (the repository's Vite) with the fizz-gql plugin over a generated project,
// a page in headless Chromium, and per run one write of the edited file, timed from just
// before `writeFileSync` until the page has applied the update and shows the new documents.
//
// The page is `bench-hmr/index.html` + `bench-hmr/entry.ts`, written into the project (outside
// `src/`, so not a definition file of the fizz config) and removed afterwards. The entry imports
// the edited modules (the leaf's file; the hub's file and the files of its users), collects the
// documents their exports hold into `window.__fizzTexts` and accepts itself, so an update re-runs
// it without a reload; `bench-hmr/probe.ts` (imported once, never updated) counts
// `vite:beforeUpdate` / `vite:afterUpdate` with their `performance.timeOrigin + now()` times.

import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath, pathToFileURL } from "node:url";

import { summarize } from "./timing.mjs";

const BENCH = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const ROOT = resolve(BENCH, "..");

/** The Debian Chromium package's binary (as __test__/vite-dev.test.mjs drives it). */
export const CHROMIUM = "/usr/bin/chromium";
const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-quic"];

/** The workloads the e2e scenarios run on, and their timed runs (warm-up runs come on top). */
export const E2E_WORKLOADS = ["1k", "10k"];
export const E2E_REPS = { "1k": 21, "10k": 21 };
export const E2E_WARMUP = 3;

/** The scenario names and the manifest edit each one makes. */
export const E2E_SCENARIOS = { "vite-hmr-leaf": "editLeaf", "vite-hmr-hub": "editHub" };

/** Pause between runs: chokidar drops a second `change` of one path within 50 ms. */
const GAP_MS = 150;
const UPDATE_TIMEOUT_MS = 30_000;
const LOAD_TIMEOUT_MS = Number(process.env.FIZZ_BENCH_LOAD_TIMEOUT_MS ?? 300_000);

/** Why the e2e scenarios cannot run here, or null. */
export function e2eUnavailable() {
  if (!existsSync(CHROMIUM)) return `no ${CHROMIUM} (apt-get install chromium)`;
  return null;
}

const PAGE_DIR = "bench-hmr";

const PROBE = `// Written by benchmark/lib/vite-hmr.mjs: counts applied HMR updates, with their times.
const w = window as any;
const now = () => performance.timeOrigin + performance.now();
w.__hmr = { count: 0, before: [] as number[], after: [] as number[], fullReloads: 0 };
if (import.meta.hot) {
  import.meta.hot.on("vite:beforeUpdate", () => { w.__hmr.before.push(now()); });
  import.meta.hot.on("vite:afterUpdate", () => { w.__hmr.count++; w.__hmr.after.push(now()); });
  import.meta.hot.on("vite:beforeFullReload", () => { w.__hmr.fullReloads++; });
}
`;

function entrySource(files) {
  const lines = [
    "// Written by benchmark/lib/vite-hmr.mjs: imports the edited modules and shows their documents.",
    'import "./probe";',
    ...files.map((f, i) => `import * as m${i} from "../${f}";`),
    "",
    `const modules: unknown[] = [${files.map((_, i) => `m${i}`).join(", ")}];`,
    "type Element = { kind?: string; operationName?: string; key?: string; text?: unknown };",
    "function collect(value: unknown, out: Record<string, string>, depth: number): void {",
    '  if (value === null || typeof value !== "object" || depth > 4) return;',
    "  const e = value as Element;",
    '  if ((e.kind === "operation" || e.kind === "fragment") && typeof e.text === "string") {',
    '    const name = e.kind === "operation" ? e.operationName : e.key;',
    "    if (name) out[`${e.kind}:${name}`] = e.text;",
    "    return;",
    "  }",
    "  let inner: unknown[] = [];",
    "  try { inner = Object.values(value); } catch {}",
    "  for (const v of inner) collect(v, out, depth + 1);",
    "}",
    "const texts: Record<string, string> = {};",
    "for (const m of modules) collect(m, texts, 0);",
    "const w = window as any;",
    "w.__fizzTexts = texts;",
    "w.__fizzEntryRuns = (w.__fizzEntryRuns ?? 0) + 1;",
    'document.getElementById("app")!.textContent = `${Object.keys(texts).length} documents, entry run ${w.__fizzEntryRuns}`;',
    "if (import.meta.hot) import.meta.hot.accept();",
    "",
  ];
  return lines.join("\n");
}

const REACT_STUB = `// Written by benchmark/lib/vite-hmr.mjs: what the generated hooks import from "react".
export function useState<T>(initial: T): [T, (next: T) => void] {
  let value = initial;
  return [value, (next: T) => { value = next; }];
}
export function useEffect(effect: () => void | (() => void)): void {
  void effect;
}
`;

const INDEX_HTML = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>fizz-gql benchmark: HMR</title>
    <link rel="icon" href="data:," />
    <script>performance.setResourceTimingBufferSize(1000000);</script>
  </head>
  <body>
    <main id="app"></main>
    <script type="module" src="./entry.ts"></script>
  </body>
</html>
`;

function elementKey(e) {
  const name = e.kind === "operation" ? e.operationName : e.key;
  return name ? `${e.kind}:${name}` : null;
}

/**
 * What an edit touches: the files the page must import and the canonical IDs whose documents
 * the page shows after it (the leaf operation; the hub fragment and its users).
 */
function editTargets(artifact, edit) {
  const elements = Object.values(artifact.elements);
  const ids = [];
  if (edit.operation) {
    const leaf = elements.find((e) => e.type === "operation" && e.prebuild.operationName === edit.operation);
    if (!leaf) throw new Error(`no operation ${edit.operation} in the artifact`);
    ids.push(leaf.id);
  } else {
    const hub = elements.find((e) => e.type === "fragment" && e.id.startsWith(`${edit.file}::`) && e.prebuild.key === edit.fragment);
    if (!hub) throw new Error(`no fragment ${edit.fragment} in ${edit.file}`);
    ids.push(hub.id);
    const users = new Set(edit.users ?? []);
    for (const e of elements) if (e.type === "operation" && users.has(e.prebuild.operationName)) ids.push(e.id);
  }
  const files = [...new Set([edit.file, ...ids.map((id) => id.split("::")[0])])];
  return { ids, files };
}

/** `key → document text` of `ids` as the transform writes them, from a fresh build. */
function expectedTexts(addon, configPath, ids) {
  const session = new addon.BuilderSession({ configPath });
  try {
    session.buildInitial();
    const out = {};
    for (const id of ids) {
      const e = session.elementObject(id);
      if (!e) throw new Error(`no element ${id} after a fresh build`);
      out[elementKey(e)] = e.text;
    }
    return out;
  } finally {
    session.dispose();
  }
}

const nowEpoch = () => performance.timeOrigin + performance.now();

/**
 * Starts a Vite dev server with the fizz-gql plugin on `ctx.dir`, writes the page importing
 * what `edits` touch, and opens it in Chromium. Returns the handle `viteHmr` runs on
 * (`ctx.hmr`); `close()` stops everything and removes the page and Vite's cache.
 */
export async function openHmrPage(ctx, edits, { log = () => {}, ignoreGenerated = false } = {}) {
  const unavailable = e2eUnavailable();
  if (unavailable) throw new Error(unavailable);
  // What each edit shows, in both states, before anything watches the files.
  const targets = new Map();
  const base = new ctx.addon.BuilderSession({ configPath: ctx.configPath });
  let artifact;
  try {
    artifact = base.buildInitial().artifact;
    for (const edit of edits) targets.set(edit, editTargets(artifact, edit));
  } finally {
    base.dispose();
  }
  const allIds = [...new Set([...targets.values()].flatMap((t) => t.ids))];
  const originalTexts = expectedTexts(ctx.addon, ctx.configPath, allIds);
  const expected = new Map();
  for (const [edit, t] of targets) {
    const path = join(ctx.dir, edit.file);
    const original = readFileSync(path, "utf8");
    const edited = original.replace(edit.from, edit.to);
    if (edited === original) throw new Error(`${edit.file} does not contain the edit's text`);
    writeFileSync(path, edited);
    let editedTexts;
    try {
      editedTexts = expectedTexts(ctx.addon, ctx.configPath, t.ids);
    } finally {
      writeFileSync(path, original);
    }
    const keys = Object.keys(editedTexts);
    expected.set(edit, {
      original: Object.fromEntries(keys.map((k) => [k, originalTexts[k]])),
      edited: editedTexts,
      texts: { original, edited },
    });
  }

  const pageDir = join(ctx.dir, PAGE_DIR);
  rmSync(pageDir, { recursive: true, force: true });
  mkdirSync(pageDir, { recursive: true });
  const files = [...new Set([...targets.values()].flatMap((t) => t.files))].sort();
  writeFileSync(join(pageDir, "probe.ts"), PROBE);
  writeFileSync(join(pageDir, "entry.ts"), entrySource(files));
  writeFileSync(join(pageDir, "index.html"), INDEX_HTML);
  writeFileSync(join(pageDir, "react.ts"), REACT_STUB);
  const viteCache = mkdtempSync(join(tmpdir(), "fizz-bench-vite-"));

  const { createServer } = await import("vite");
  const { default: fizz } = await import(pathToFileURL(join(ROOT, "lib/vite-plugin.mjs")).href);
  const registry = createRequire(import.meta.url)(join(ROOT, "lib/registry.cjs"));
  const { chromium } = await import("playwright-core");

  let watcherReady;
  const ready = new Promise((r) => (watcherReady = r));
  let server = null;
  let browser = null;
  const close = async () => {
    await browser?.close().catch(() => {});
    await server?.close().catch(() => {});
    registry.release();
    rmSync(pageDir, { recursive: true, force: true });
    rmSync(viteCache, { recursive: true, force: true });
  };
  try {
    const started = nowEpoch();
    server = await createServer({
      configFile: false,
      root: ctx.dir,
      logLevel: "silent",
      cacheDir: viteCache,
      clearScreen: false,
      // `ignoreGenerated` (e2e.mjs --ignore-generated, a diagnostic): Vite's watcher skips the
      // type folder the session writes into, to see what those writes cost the dev server.
      server: { host: "127.0.0.1", port: 0, strictPort: false, ...(ignoreGenerated ? { watch: { ignored: ["**/__generated__/**"] } } : {}) },
      // Transformed modules import nothing from node_modules: no dependency scan, and no
      // optimizer run mid-load (which would reload the page).
      optimizeDeps: { noDiscovery: true, include: [] },
      // `@/*` as the project's tsconfig `paths`; the generated hooks' `react` import is a stub
      // (the project has no node_modules), as the page never renders a component.
      resolve: {
        alias: [
          { find: /^react$/, replacement: join(pageDir, "react.ts") },
          { find: "@", replacement: join(ctx.dir, "src") },
        ],
      },
      plugins: [
        fizz({ configPath: ctx.configPath }),
        { name: "bench-watcher-ready", configureServer: (s) => void s.watcher.once("ready", () => watcherReady()) },
      ],
    });
    await server.listen();
    const url = new URL(`/${PAGE_DIR}/`, server.resolvedUrls.local[0]).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const navigations = [];
    page.on("framenavigated", (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    const pageErrors = [];
    page.on("pageerror", (e) => pageErrors.push(String(e?.message ?? e)));
    page.on("console", (m) => m.type() === "error" && pageErrors.push(m.text()));
    await page.goto(url, { timeout: LOAD_TIMEOUT_MS });
    await page.waitForFunction(() => (window.__fizzTexts && window.__hmr) || document.querySelector("vite-error-overlay"), null, { timeout: LOAD_TIMEOUT_MS, polling: 50 }).catch((error) => {
      throw new Error(`${error.message.split("\n")[0]}${pageErrors.length ? `; page errors: ${pageErrors.slice(0, 3).join(" | ")}` : ""}`);
    });
    const overlay = await page.evaluate(() => document.querySelector("vite-error-overlay")?.shadowRoot?.querySelector(".message")?.textContent ?? null);
    if (overlay !== null) throw new Error(`the page shows Vite's error overlay: ${overlay.split("\n")[0]}`);
    await Promise.race([ready, sleep(30_000)]);
    const loadMs = nowEpoch() - started;
    const modules = await page.evaluate(() => performance.getEntriesByType("resource").length);
    await page.evaluate(() => (window.__benchMarker = "kept"));
    log(`vite dev server and page ready in ${Math.round(loadMs)} ms (${files.length} imported files, ${modules} modules fetched)`);
    const handle = { server, browser, page, navigations, pageErrors, expected, files, loadMs, modules, close, clockOffset: 0 };
    handle.clockOffset = await clockOffset(page);
    return handle;
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * The page clock minus node's (both `timeOrigin + now()`, in ms), from the round trip with
 * the smallest delay: page-side times are turned into node time with it.
 */
async function clockOffset(page) {
  let best = null;
  for (let i = 0; i < 9; i++) {
    const a = nowEpoch();
    const p = await page.evaluate(() => performance.timeOrigin + performance.now());
    const b = nowEpoch();
    if (!best || b - a < best.rtt) best = { rtt: b - a, offset: p - (a + b) / 2 };
  }
  return best.offset;
}

/** The keys of `want` whose text on the page differs, as a short list. */
async function mismatches(page, want) {
  const shown = await page.evaluate(() => window.__fizzTexts);
  return Object.keys(want).filter((k) => shown[k] !== want[k]);
}

/**
 * One scenario: alternates `edit.file` between its generated text and the edit (so every
 * run is a real change), timing in node from just before `writeFileSync` until
 * `page.waitForFunction` sees a new `vite:afterUpdate` and every document the page shows from
 * the edited modules equal to a fresh build's. Also records, from the page's clock, the time
 * until `vite:afterUpdate` (`pageMs`), until `vite:beforeUpdate` (the update message arrived:
 * watcher, plugin, session update, propagation) and between the two (fetching and running the
 * updated modules). An odd number of runs ends on the edited text, where the page's documents
 * are checked once more; a full reload, a page error or a missing document is a failure.
 */
export async function viteHmr(ctx, { warmup, reps, edit }) {
  const own = ctx.hmr ? null : await openHmrPage(ctx, [edit]);
  const hmr = ctx.hmr ?? own;
  const { page } = hmr;
  const path = join(ctx.dir, edit.file);
  const exp = hmr.expected.get(edit);
  const failures = new Set();
  const total = warmup + reps + ((warmup + reps) % 2 === 0 ? 1 : 0);
  let edited = false;
  const samples = [];
  const pageMs = [];
  const messageMs = [];
  const applyMs = [];
  const updates = [];
  const refetched = [];
  try {
    const shown = await page.evaluate(() => Object.keys(window.__fizzTexts));
    // Documents made inside functions are not among any module's exports: the page cannot
    // show them (their modules are imported, and updated, all the same).
    const watched = Object.keys(exp.edited).filter((k) => shown.includes(k));
    const primary = Object.keys(exp.edited)[0];
    if (!watched.includes(primary)) throw new Error(`the page does not show ${primary} (exports: ${shown.length} documents)`);
    const wrong = (await mismatches(page, exp.original)).filter((k) => watched.includes(k));
    if (wrong.length) throw new Error(`before the first edit the page shows other documents than a fresh build for ${wrong.slice(0, 3).join(", ")}`);
    const want = (state) => Object.fromEntries(watched.map((k) => [k, exp[state][k]]));
    const wantEdited = want("edited");
    const wantOriginal = want("original");
    const navigationsBefore = hmr.navigations.length;
    for (let i = 0; i < total; i++) {
      const toEdited = i % 2 === 0;
      await sleep(GAP_MS);
      const { count, before, fetched } = await page.evaluate(() => ({ count: window.__hmr.count, before: window.__hmr.before.length, fetched: performance.getEntriesByType("resource").length }));
      const start = nowEpoch();
      const t0 = process.hrtime.bigint();
      writeFileSync(path, toEdited ? exp.texts.edited : exp.texts.original);
      edited = toEdited;
      const result = await page
        .waitForFunction(
          ({ count, expect }) => {
            const h = window.__hmr;
            if (h.count <= count) return false;
            const t = window.__fizzTexts;
            for (const k in expect) if (t[k] !== expect[k]) return false;
            return { count: h.count, after: h.after[h.after.length - 1] };
          },
          { count, expect: toEdited ? wantEdited : wantOriginal },
          { polling: 1, timeout: UPDATE_TIMEOUT_MS },
        )
        .catch(async (error) => {
          const stale = await mismatches(page, toEdited ? wantEdited : wantOriginal).catch(() => ["?"]);
          const applied = await page.evaluate(() => window.__hmr?.count).catch(() => "?");
          throw new Error(`run ${i + 1}: no update applied with the ${toEdited ? "edited" : "original"} documents within ${UPDATE_TIMEOUT_MS} ms (updates applied: ${applied}, before: ${count}; stale: ${stale.slice(0, 3).join(", ") || "none"}${hmr.pageErrors.length ? `; page error: ${hmr.pageErrors[0]}` : ""}): ${error.message.split("\n")[0]}`);
        });
      const ms = Number(process.hrtime.bigint() - t0) / 1e6;
      const seen = await result.jsonValue();
      const { firstBefore, fetchedNow } = await page.evaluate((n) => ({ firstBefore: window.__hmr.before[n], fetchedNow: performance.getEntriesByType("resource").length }), before);
      const toNode = (pageTime) => pageTime - hmr.clockOffset - start;
      if (i >= total - reps) {
        samples.push(ms);
        pageMs.push(toNode(seen.after));
        if (firstBefore !== undefined) {
          messageMs.push(toNode(firstBefore));
          applyMs.push(seen.after - firstBefore);
        }
        updates.push(seen.count - count);
        refetched.push(fetchedNow - fetched);
      }
    }
    if (samples.length !== reps) failures.add(`${samples.length} timed runs, ${reps} asked for`);
    // After the last run (the edited text): the new documents are on the page.
    const stale = await mismatches(page, wantEdited);
    if (stale.length) failures.add(`after the last edit the page does not show the new document of ${stale.slice(0, 3).join(", ")}`);
    const shownPrimary = await page.evaluate((k) => window.__fizzTexts[k], primary);
    if (shownPrimary === exp.original[primary]) failures.add(`after the last edit ${primary} still has its original text`);
    if (hmr.navigations.length !== navigationsBefore || (await page.evaluate(() => window.__benchMarker)) !== "kept") failures.add("the page reloaded (full reload instead of HMR)");
    if (hmr.pageErrors.length) failures.add(`page error: ${hmr.pageErrors[0]}`);
    const round = (x) => Math.round(x * 1000) / 1000;
    const stats = (list) => (list.length ? summarize(list) : null);
    return {
      samples,
      checks: {
        file: edit.file,
        importedFiles: hmr.files.length,
        documentsWatched: watched.length,
        documentsChanged: Object.keys(exp.edited).length,
        modulesFetchedAtLoad: hmr.modules,
        pageLoadMs: round(hmr.loadMs),
        clockOffsetMs: round(hmr.clockOffset),
        // From the page's clock (turned into node time): write → vite:afterUpdate.
        pageMs: stats(pageMs),
        // write → vite:beforeUpdate (the update message reached the page).
        messageMs: stats(messageMs),
        // vite:beforeUpdate → vite:afterUpdate (the page fetched and ran the updated modules).
        applyMs: stats(applyMs),
        updatesPerEdit: [...new Set(updates)].sort(),
        // Modules the page fetched again per update (the edited ones and every importer up
        // to the entry, which Vite gives new URLs).
        modulesRefetched: stats(refetched),
        lastDocument: { key: primary, edited: shownPrimary === exp.edited[primary] },
      },
      failures: [...failures],
    };
  } finally {
    if (edited) {
      writeFileSync(path, exp.texts.original);
      // Back in sync before the next scenario (untimed).
      await sleep(GAP_MS);
      await page
        .waitForFunction((k) => window.__fizzTexts[k.key] === k.text, { key: Object.keys(exp.original)[0], text: Object.values(exp.original)[0] }, { timeout: UPDATE_TIMEOUT_MS })
        .catch(() => {});
      await sleep(GAP_MS);
    }
    await own?.close();
  }
}

/**
 * The e2e scenarios of one workload, for `benchmark/run.mjs --e2e`: runs `benchmark/e2e.mjs`
 * in a child process (Vite and Chromium stay out of the harness process) and returns its
 * results keyed by scenario name, in `run.mjs`'s result shape.
 */
export function viteHmrScenarios(name, { seed = 1, quick = false } = {}) {
  const unavailable = e2eUnavailable();
  if (unavailable) return Object.fromEntries(Object.keys(E2E_SCENARIOS).map((s) => [s, { status: "n/a", reason: unavailable, failures: [] }]));
  const args = [join(BENCH, "e2e.mjs"), "--workloads", name, "--seed", String(seed), "--no-build", "--stdout-json", ...(quick ? ["--quick"] : [])];
  const child = spawnSync(process.execPath, args, { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"], maxBuffer: 64 * 1024 * 1024 });
  try {
    if (child.status !== 0) throw new Error(`benchmark/e2e.mjs exited with ${child.status ?? child.signal}`);
    return JSON.parse(child.stdout.toString()).workloads[name].scenarios;
  } catch (error) {
    const reason = String(error.message).split("\n")[0];
    return Object.fromEntries(Object.keys(E2E_SCENARIOS).map((s) => [s, { status: "error", reason, failures: [reason] }]));
  }
}
