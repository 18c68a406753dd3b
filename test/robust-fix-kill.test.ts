import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, watch, writeFileSync, type FSWatcher } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

/**
 * --fix is atomic: the built CLI is killed (SIGKILL, then SIGINT) at seeded random moments while it retitles a
 * couple of hundred postings, and every posting must then hold, byte for byte, either its original or its fixed
 * version, with its permissions. A temporary file a SIGKILL leaves is recognisable, and the next run removes it;
 * SIGINT leaves none. The fixed versions come from the CLI itself (a run on a separate copy), so the test does
 * not need to know what the new titles are.
 */

const BIN = resolve("bin/jdlint.cjs");
// bin/jdlint.cjs runs the bundle, or else the compiled modules.
const BUNDLE = existsSync("dist/jdlint-start.cjs") ? "dist/jdlint-start.cjs" : "dist/src/cli/main.js";
const built = existsSync(BUNDLE);
if (!built) console.warn("--fix kill test skipped: dist/ is not built (run `npm run build`; `npm ci` does it)");
else if (["src/cli/fix.ts", "src/cli/node-io.ts"].some((f) => statSync(f).mtimeMs > statSync(resolve(BUNDLE)).mtimeMs)) {
  console.warn(`--fix kill test: ${BUNDLE} is older than src/cli/fix.ts or node-io.ts; it tests the build (run \`npm run build\`)`);
}

const COUNT = 200;
const SEED = 0x6a646c74; // "jdlt": a fixed seed, so that a failing round can be replayed
const TEMP = /^\.jdlint-tmp-(\d+)-(.+)$/;
// Rounds stop starting once this much of the test has gone (there are always at least MIN_ROUNDS).
const BUDGET_MS = 12_000;
const MIN_ROUNDS = 3;
const MAX_ROUNDS = 6;

/** mulberry32: a small PRNG with a fixed seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Posting {
  /** Relative to the folder; some are in a subfolder, so that more than one folder is fixed (and cleaned). */
  rel: string;
  original: Buffer;
  fixed: Buffer;
  mode: number;
  crlf: boolean;
}

const COMPANIES = ["Brightline Fleet Services", "Northwind Logistics", "Acme Office Supply", "Harbor Freight Partners", "Bluepeak Telecom", "Cedar Payroll", "Orbit Security Systems", "Kestrel Energy", "Marlow Print & Copy"];
const TITLES = ["Marketing Director", "Marketing Manager", "Marketing Coordinator", "Marketing Associate", "Marketing Executive", "Brand Ambassador"];
const REGIONS = ["the Midlands", "the North West", "Greater Manchester", "the Thames Valley", "Scotland", "South Wales", "Yorkshire"];
const BUYERS = ["fleet managers", "office managers", "finance directors", "facility managers", "small business owners", "practice managers"];

/** A posting with a marketing title over plainly sales duties (the shape of fixtures/postings/marketing-director-outbound.md). */
function postingText(i: number, pick: <T>(xs: T[]) => T): string {
  const company = pick(COMPANIES);
  const title = pick(TITLES);
  return [
    `# ${title}`,
    "",
    `${company} is growing fast across ${pick(REGIONS)} and needs a driven ${title}.`,
    "",
    "## What you'll do",
    "",
    `- Make ${30 + (i % 41)} outbound calls and send ${20 + (i % 31)} cold emails a day to ${pick(BUYERS)} in your territory.`,
    "- Bring your own rolodex of decision makers and prospect new accounts from day one.",
    "- Book meetings with prospects, present our service and negotiate contract terms.",
    `- Close new contracts each month against a monthly quota of ${4 + (i % 17)} signed accounts.`,
    "- Log every call and follow-up in the CRM and keep your pipeline up to date.",
    "",
    "## What we offer",
    "",
    `- Base salary plus uncapped commission on every contract you close (posting ${i}).`,
    "- A company car and a phone.",
    "",
  ].join("\n");
}

function generate(): Array<Omit<Posting, "fixed">> {
  const random = prng(SEED);
  const pick = <T>(xs: T[]): T => xs[Math.floor(random() * xs.length)]!;
  return Array.from({ length: COUNT }, (_, i) => {
    const crlf = i % 3 === 1;
    const text = postingText(i, pick);
    const body = Buffer.from(crlf ? text.replace(/\n/g, "\r\n") : text, "utf8");
    // A few with a UTF-8 byte-order mark too.
    const original = i % 7 === 3 ? Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), body]) : body;
    const name = `posting-${String(i).padStart(3, "0")}.md`;
    return { rel: i % 5 === 4 ? join("team", name) : name, original, mode: i % 4 === 2 ? 0o640 : 0o644, crlf };
  });
}

const roots: string[] = [];
afterAll(() => {
  for (const dir of roots) rmSync(dir, { recursive: true, force: true });
});

/** A fresh folder holding the originals, with their permissions. */
function layOut(postings: Array<Omit<Posting, "fixed">>, label: string): string {
  const dir = mkdtempSync(join(tmpdir(), `jdlint-kill-${label}-`));
  roots.push(dir);
  mkdirSync(join(dir, "team"));
  for (const p of postings) {
    const file = join(dir, p.rel);
    writeFileSync(file, p.original);
    chmodSync(file, p.mode);
  }
  return dir;
}

interface Child {
  pid: number;
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; ms: number }>;
  kill(signal: NodeJS.Signals): void;
}

function fix(dir: string): Child {
  const started = performance.now();
  const child = spawn(process.execPath, [BIN, "--fix", "--no-color", dir], { stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (t: string) => void (stderr += t));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string; ms: number }>((res, rej) => {
    child.on("error", rej);
    child.on("close", (code, signal) => res({ code, signal, stderr, ms: performance.now() - started }));
  });
  return { pid: child.pid!, done, kill: (signal) => void child.kill(signal) };
}

/** Calls `onEvent` for each file event in the folders (a temporary file appearing, a fixed file renamed in). */
function watchFolders(dir: string, onEvent: (name: string) => void): FSWatcher[] {
  return [dir, join(dir, "team")].map((d) => watch(d, (_, name) => name && onEvent(String(name))));
}

/** Every posting holds its original or its fixed bytes, with its mode; any other file is a recognisable temporary file. */
function inspect(dir: string, postings: Posting[], pid: number | null): { fixed: number; original: number; temps: string[] } {
  let fixed = 0;
  let original = 0;
  for (const p of postings) {
    const file = join(dir, p.rel);
    const bytes = readFileSync(file);
    const isFixed = bytes.equals(p.fixed);
    const torn = `${p.rel} is neither its original nor its fixed version (${bytes.length} bytes): ${JSON.stringify(bytes.toString("utf8").slice(0, 80))}`;
    expect(isFixed || bytes.equals(p.original), torn).toBe(true);
    if (isFixed) fixed++;
    else original++;
    expect((statSync(file).mode & 0o7777).toString(8), `${p.rel} mode`).toBe(p.mode.toString(8));
  }
  const known = new Map(postings.map((p) => [p.rel, p]));
  const temps: string[] = [];
  for (const sub of ["", "team"]) {
    for (const name of readdirSync(join(dir, sub))) {
      const rel = sub ? join(sub, name) : name;
      if (known.has(rel) || (!sub && name === "team")) continue;
      const m = TEMP.exec(name);
      expect(m, `unexpected file ${rel}`).not.toBeNull();
      const target = known.get(sub ? join(sub, m![2]!) : m![2]!);
      expect(target, `temporary file ${rel} names no posting`).toBeDefined();
      if (pid !== null) expect(Number(m![1]), `temporary file ${rel} is the killed run's`).toBe(pid);
      // What a temporary file holds is (the start of) the fixed version, never anything else.
      const bytes = readFileSync(join(dir, rel));
      expect(target!.fixed.subarray(0, bytes.length).equals(bytes), `temporary file ${rel} holds the start of the fix`).toBe(true);
      temps.push(rel);
    }
  }
  return { fixed, original, temps };
}

/** Runs --fix to completion: no temporary file is left (a killed run's are removed), and every posting is fixed. */
async function completeAndCheck(dir: string, postings: Posting[]): Promise<void> {
  const run = await fix(dir).done;
  expect(run.signal).toBeNull();
  expect(run.stderr).not.toMatch(/jdlint-tmp|not fixed/);
  const after = inspect(dir, postings, null);
  expect(after.temps).toEqual([]);
  expect(after.fixed).toBe(postings.length);
}

describe.skipIf(!built)("--fix is atomic when the process is killed (the built CLI, bin/jdlint.cjs)", () => {
  const generated = generate();
  let postings: Posting[] = [];
  let fullRunMs = 0;
  // How long the measured run took from writing its first fixed file to its last.
  let writeMs = 0;

  it("computes each posting's fixed version with a full --fix run (keeping CRLF, the BOM and permissions)", async () => {
    const dir = layOut(generated, "expected");
    const run = await fix(dir).done;
    expect(run.signal).toBeNull();
    expect(run.stderr.match(/retitled/g)).toHaveLength(COUNT);
    fullRunMs = run.ms;
    const mtimes: number[] = [];
    postings = generated.map((p) => {
      const file = join(dir, p.rel);
      const fixed = readFileSync(file);
      mtimes.push(statSync(file).mtimeMs);
      expect(fixed.equals(p.original), `${p.rel} needs a retitle`).toBe(false);
      expect(statSync(file).mode & 0o7777).toBe(p.mode);
      // Only the title line changes: the same lines, the same line endings, the same byte-order mark.
      const lines = (b: Buffer) => b.toString("utf8").split("\n");
      const [before, after] = [lines(p.original), lines(fixed)];
      expect(after.length).toBe(before.length);
      expect(after.filter((l, i) => l !== before[i])).toHaveLength(1);
      expect(after.every((l, i) => l.endsWith("\r") === before[i]!.endsWith("\r"))).toBe(true);
      expect(fixed[0] === 0xef).toBe(p.original[0] === 0xef);
      return { ...p, fixed };
    });
    expect(postings.filter((p) => p.crlf && p.fixed.includes("\r\n")).length).toBeGreaterThan(COUNT / 4);
    writeMs = Math.max(...mtimes) - Math.min(...mtimes);
  });

  it("SIGKILL at random moments leaves every file original or fixed; the next run removes what it left", async () => {
    expect(postings).toHaveLength(COUNT);
    const random = prng(SEED ^ 0x5eed);
    const started = performance.now();
    const rounds: string[] = [];
    let partial = 0;
    let leftTemps = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      if (round >= MIN_ROUNDS && performance.now() - started > BUDGET_MS) break;
      const dir = layOut(generated, `round${round}`);
      const r = random();
      // Three kinds of moment, in turn: as the k-th temporary file appears (one is being written then); any time
      // from the start to the expected finish; and a random time into the writes, counted from the first temporary
      // file (so that a slower or faster lint before the writes does not move it out of them).
      const kind = (["as a temporary file appears", "any time", "while writing"] as const)[round % 3]!;
      const child = fix(dir);
      const temps = new Set<string>();
      let when: string;
      let onTemp = (): void => undefined;
      if (kind === "as a temporary file appears") {
        const k = 2 + Math.floor(r * (COUNT / 2 - 1));
        onTemp = () => void (temps.size === k && child.kill("SIGKILL"));
        when = `the ${k}th`;
      } else if (kind === "any time") {
        const delay = Math.round(r * fullRunMs);
        setTimeout(() => child.kill("SIGKILL"), delay);
        when = `${delay} ms after the start`;
      } else {
        const delay = Math.round(r * writeMs);
        onTemp = () => void (temps.size === 1 && setTimeout(() => child.kill("SIGKILL"), delay));
        when = `${delay} ms after the first temporary file`;
      }
      const watchers = watchFolders(dir, (name) => {
        if (!TEMP.test(name) || temps.has(name)) return;
        temps.add(name);
        onTemp();
      });
      const killed = await child.done;
      for (const w of watchers) w.close();
      // A kill timed near the expected finish may come after it: then the run simply finished.
      expect(killed.signal === "SIGKILL" || killed.code !== null, `round ${round} ended: ${killed.signal}`).toBe(true);
      const state = inspect(dir, postings, child.pid);
      rounds.push(`round ${round} (${kind}, ${when}, ${killed.signal ?? `exit ${killed.code}`}): ${state.fixed} fixed, ${state.original} original, ${state.temps.length} temporary`);
      if (state.fixed > 0 && state.original > 0) partial++;
      leftTemps += state.temps.length;
      await completeAndCheck(dir, postings);
    }
    console.info(`--fix kill rounds (full run ${Math.round(fullRunMs)} ms, writes ${Math.round(writeMs)} ms, ${leftTemps} temporary files left and removed):\n  ${rounds.join("\n  ")}`);
    // At least one kill landed mid-way through the writes (the rounds that kill as a temporary file appears make sure of it).
    expect(partial, rounds.join("\n")).toBeGreaterThan(0);
  }, 60_000);

  it("SIGINT mid-write leaves no temporary file, and every file original or fixed", async () => {
    expect(postings).toHaveLength(COUNT);
    const random = prng(SEED ^ 0x1417);
    const dir = layOut(generated, "sigint");
    const child = fix(dir);
    // Interrupted as the k-th temporary file appears: one is being written right then.
    const k = 1 + Math.floor(random() * (COUNT / 2));
    const temps = new Set<string>();
    const watchers = watchFolders(dir, (name) => void (TEMP.test(name) && temps.add(name).size === k && child.kill("SIGINT")));
    const interrupted = await child.done;
    for (const w of watchers) w.close();
    expect(interrupted.signal).toBe("SIGINT");
    const state = inspect(dir, postings, child.pid);
    expect(state.temps).toEqual([]);
    expect(state.original).toBeGreaterThan(0);
    await completeAndCheck(dir, postings);
  }, 30_000);
});
