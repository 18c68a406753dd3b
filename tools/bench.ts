/**
 * Speed benchmark: runs the built CLI (bin/jdlint.cjs) as users do, several times each, and writes the figures to
 * BENCHMARKS.md with a line describing the machine.
 *
 *   npm run build && npm run bench -- ../shared/data/postings/corpus.jsonl [--runs 5] [--out BENCHMARKS.md]
 *
 * The corpus is a JSONL file of postings (or $JDLINT_DATA/postings/corpus.jsonl). Everything generated from it
 * (Markdown postings, the corpus repeated) goes to a temporary folder, removed at the end.
 *  1. cold start: `jdlint one-posting.md` against bare `node -e ""`;
 *  2. bulk: `jdlint -f jsonl corpus.jsonl` against two floors measured in the same run: Node reading the file and
 *     JSON.parse-ing every line, nothing else; and that plus splitting every posting's text into lower-cased words
 *     with one regular expression (what any design that reads every word must at least do);
 *  3. the language and pay rules (topic "language"): bulk with the default config, and with every rule on
 *     (jdlint:strict), each against the same config with those rules off, in alternating runs;
 *  4. many files: 2,000 Markdown postings from the corpus, in one invocation;
 *  5. memory: peak RSS streaming 10,000 and 100,000 postings (the corpus repeated) as JSONL;
 *  6. the browser playground.
 */
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { cpus, freemem, loadavg, tmpdir, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath, pathToFileURL } from "node:url";
import { toolArgs } from "./tool-args.js";
import { measurePlayground, playgroundRows } from "./bench-playground.js";
import { builtinRules } from "../rules/index.js";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const BIN = join(ROOT, "bin/jdlint.cjs");

interface Sample {
  ms: number;
  rssKb: number | null;
  code: number | null;
}

/** Runs a command to completion with its output thrown away; wall time, and peak RSS when `rss` is given. */
function runOnce(args: string[], cwd: string, rss?: { hook: string; out: string }): Promise<Sample> {
  return new Promise((done, fail) => {
    const env: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: "1" };
    if (rss) {
      env.NODE_OPTIONS = `${env.NODE_OPTIONS ?? ""} --import ${pathToFileURL(rss.hook).href}`.trim();
      env.JDLINT_BENCH_RSS = rss.out;
    }
    const started = process.hrtime.bigint();
    const child = spawn(process.execPath, args, { cwd, env, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => void (stderr = (stderr + d.toString()).slice(-2000)));
    child.on("error", fail);
    child.on("close", (code) => {
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      // jdlint exits 1 when it finds problems; anything else (the floor, bare node) must succeed.
      if (code !== 0 && !(code === 1 && args[0] === BIN)) {
        fail(new Error(`${args.join(" ")} exited with ${code}: ${stderr}`));
        return;
      }
      const rssKb = rss && existsSync(rss.out) ? Number(readFileSync(rss.out, "utf8")) : null;
      done({ ms, rssKb, code });
    });
  });
}

async function runMany(n: number, args: string[], cwd: string): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) times.push((await runOnce(args, cwd)).ms);
  return times;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const ms = (x: number) => (x >= 1000 ? `${(x / 1000).toFixed(2)} s` : `${x.toFixed(0)} ms`);
const spread = (xs: number[]) => `${ms(median(xs))} (${ms(Math.min(...xs))}–${ms(Math.max(...xs))})`;

/** Writes `count` lines of the corpus, repeating it, to `out`. */
async function repeatCorpus(corpus: string[], count: number, out: string): Promise<void> {
  const w = createWriteStream(out);
  for (let i = 0; i < count; i++) {
    if (!w.write(corpus[i % corpus.length]! + "\n")) await new Promise<void>((r) => w.once("drain", () => r()));
  }
  await new Promise<void>((r, j) => w.end((e?: Error | null) => (e ? j(e) : r())));
}

/** A corpus record as a Markdown posting. */
function markdown(rec: { title?: string; sections?: Record<string, string | null> }): string {
  const heads: Record<string, string> = { company_profile: "About us", description: "The role", requirements: "Requirements", benefits: "Benefits" };
  let text = `# ${rec.title ?? "Untitled"}\n`;
  for (const [key, body] of Object.entries(rec.sections ?? {})) if (body) text += `\n## ${heads[key] ?? key}\n\n${body}\n`;
  return text;
}

async function readLines(path: string): Promise<string[]> {
  const out: string[] = [];
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (line.trim()) out.push(line);
  return out;
}

function machine(): string {
  const cpu = cpus();
  const load = loadavg().map((l) => l.toFixed(2)).join(" ");
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? "unknown CPU"}, ${(totalmem() / 2 ** 30).toFixed(1)} GB RAM (${(freemem() / 2 ** 30).toFixed(1)} GB free), ${process.platform} ${process.arch}, Node ${process.version}; load average ${load}`;
}

const USAGE = "usage: npm run bench -- <corpus.jsonl> [--runs N] [--out <file.md>] [--skip-memory] [--playground-only]  (or set JDLINT_DATA)";

async function main(): Promise<void> {
  const args = toolArgs({
    allowPositionals: true,
    options: { runs: { type: "string", default: "5" }, out: { type: "string", default: join(ROOT, "BENCHMARKS.md") }, "skip-memory": { type: "boolean", default: false }, "playground-only": { type: "boolean", default: false } },
  }, USAGE);
  if (!args) return;
  const { values, positionals } = args;
  if (values["playground-only"]) {
    console.log(playgroundRows(await measurePlayground(ROOT, Math.max(1, Number(values.runs))), spread, median).join("\n"));
    return;
  }
  const given = positionals[0] ?? (process.env.JDLINT_DATA ? join(process.env.JDLINT_DATA, "postings/corpus.jsonl") : undefined);
  // Absolute: the runs happen in a temporary folder.
  const corpusPath = given === undefined ? undefined : resolve(given);
  if (!corpusPath || !existsSync(corpusPath)) {
    console.error(USAGE);
    process.exitCode = 2;
    return;
  }
  if (!existsSync(join(ROOT, "dist/src/cli/main.js"))) {
    console.error("jdlint is not built: run npm run build first");
    process.exitCode = 2;
    return;
  }
  const runs = Math.max(1, Number(values.runs));
  // A start takes a tenth of a second and varies by a tenth between runs: many runs make its median steady.
  const coldRuns = Math.max(runs, 20);
  const machineBefore = machine();
  const tmp = mkdtempSync(join(tmpdir(), "jdlint-bench-"));
  const log = (s: string) => console.log(s);
  try {
    const corpus = await readLines(corpusPath);
    const corpusBytes = statSync(corpusPath).size;
    const bundled = existsSync(join(ROOT, "dist/jdlint-start.cjs"));
    log(`corpus: ${corpus.length} postings, ${(corpusBytes / 1e6).toFixed(1)} MB; CLI ${bundled ? "bundled" : "unbundled"}; ${runs} runs each`);

    // The floor: reading the file and JSON.parse-ing every line, nothing else.
    const floor = join(tmp, "floor.mjs");
    writeFileSync(
      floor,
      `import { createReadStream } from "node:fs";
let rest = "", n = 0;
for await (const chunk of createReadStream(process.argv[2], { encoding: "utf8" })) {
  const lines = (rest + chunk).split("\\n");
  rest = lines.pop();
  for (const l of lines) if (l.trim()) { JSON.parse(l); n++; }
}
if (rest.trim()) { JSON.parse(rest); n++; }
`,
    );
    // The word floor: the same, and every posting's text (its string fields) split into lower-cased words.
    const wordFloor = join(tmp, "word-floor.mjs");
    writeFileSync(
      wordFloor,
      `import { createReadStream } from "node:fs";
const WORD = /[a-z0-9]+(?:['’][a-z]+)*/g;
let rest = "", words = 0;
const texts = (v, out) => {
  if (typeof v === "string") out.push(v);
  else if (v && typeof v === "object") for (const x of Object.values(v)) texts(x, out);
  return out;
};
const read = (l) => { for (const t of texts(JSON.parse(l), [])) words += (t.toLowerCase().match(WORD) ?? []).length; };
for await (const chunk of createReadStream(process.argv[2], { encoding: "utf8" })) {
  const lines = (rest + chunk).split("\\n");
  rest = lines.pop();
  for (const l of lines) if (l.trim()) read(l);
}
if (rest.trim()) read(rest);
`,
    );
    // Peak RSS of a run, written on exit (worker threads are counted: they share the process).
    const rssHook = join(tmp, "rss.mjs");
    writeFileSync(rssHook, `import { writeFileSync } from "node:fs";\nprocess.on("exit", () => writeFileSync(process.env.JDLINT_BENCH_RSS, String(process.resourceUsage().maxRSS)));\n`);

    // 1. Cold start.
    const first = JSON.parse(corpus.find((l) => /"description": "[^"]{200}/.test(l)) ?? corpus[0]!) as Parameters<typeof markdown>[0];
    writeFileSync(join(tmp, "one-posting.md"), markdown(first));
    await runOnce([BIN, "one-posting.md"], tmp);
    const bare: number[] = [];
    const cold: number[] = [];
    for (let i = 0; i < coldRuns; i++) {
      bare.push((await runOnce(["-e", ""], tmp)).ms);
      cold.push((await runOnce([BIN, "one-posting.md"], tmp)).ms);
    }
    log(`cold start: jdlint ${spread(cold)}, node -e "" ${spread(bare)}`);

    // 2. Bulk: the real corpus as JSONL, against the floor, interleaved so both see the same machine.
    const floorTimes: number[] = [];
    const wordFloorTimes: number[] = [];
    const bulk: number[] = [];
    for (let i = 0; i < runs; i++) {
      floorTimes.push((await runOnce([floor, corpusPath], tmp)).ms);
      wordFloorTimes.push((await runOnce([wordFloor, corpusPath], tmp)).ms);
      bulk.push((await runOnce([BIN, "-f", "jsonl", resolve(corpusPath)], tmp)).ms);
    }
    log(`bulk: jdlint ${spread(bulk)}, JSON.parse floor ${spread(floorTimes)}, word-split floor ${spread(wordFloorTimes)}`);

    // 3. What the language and pay rules cost: the same build with and without them, in alternating runs.
    const language = builtinRules.filter((r) => r.meta.topic === "language").map((r) => r.meta.id);
    const configOf = (preset: string | null, off: boolean) => {
      const file = join(tmp, `${preset ?? "default"}${off ? "-no-language" : ""}.yaml`);
      const lines = [...(preset ? [`extends: jdlint:${preset}`] : []), ...(off ? ["rules:", ...language.map((id) => `  ${id}: off`)] : [])];
      writeFileSync(file, lines.join("\n") + "\n");
      return file;
    };
    const rulesCost = [
      { label: "default config (jdlint:recommended)", preset: null },
      { label: "every rule (jdlint:strict)", preset: "strict" },
    ].map(({ label, preset }) => ({ label, onConfig: configOf(preset, false), offConfig: configOf(preset, true), on: [] as number[], off: [] as number[] }));
    // A ratio near 1 needs more runs than a figure does to stand out of the machine's drift.
    for (let i = 0; i < Math.max(runs, 7); i++) {
      for (const c of rulesCost) {
        c.on.push((await runOnce([BIN, "-c", c.onConfig, "-f", "jsonl", corpusPath], tmp)).ms);
        c.off.push((await runOnce([BIN, "-c", c.offConfig, "-f", "jsonl", corpusPath], tmp)).ms);
      }
    }
    for (const c of rulesCost) log(`${c.label}: language rules on ${spread(c.on)}, off ${spread(c.off)}`);

    // 4. Many files: 2,000 Markdown postings in one invocation.
    const mdDir = join(tmp, "postings");
    mkdirSync(mdDir);
    for (let i = 0; i < 2000; i++) writeFileSync(join(mdDir, `posting-${String(i).padStart(4, "0")}.md`), markdown(JSON.parse(corpus[i % corpus.length]!)));
    const many = await runMany(runs, [BIN, "postings"], tmp);
    log(`2,000 files: ${spread(many)}`);

    // 5. Memory: peak RSS streaming 10,000 and 100,000 postings.
    const memory: Array<{ count: number; rssKb: number; ms: number }> = [];
    if (!values["skip-memory"]) {
      for (const count of [10_000, 100_000]) {
        const file = join(tmp, `feed-${count}.jsonl`);
        await repeatCorpus(corpus, count, file);
        const s = await runOnce([BIN, "-f", "jsonl", file], tmp, { hook: rssHook, out: join(tmp, `rss-${count}.txt`) });
        rmSync(file);
        memory.push({ count, rssKb: s.rssKb ?? NaN, ms: s.ms });
        log(`memory: ${count} postings, peak RSS ${((s.rssKb ?? NaN) / 1024).toFixed(0)} MB in ${ms(s.ms)}`);
      }
    }

    // 6. The browser playground.
    const playground = playgroundRows(await measurePlayground(ROOT, runs), spread, median);
    log(`playground:\n${playground.join("\n")}`);

    const coldRatio = median(cold) / median(bare);
    const bulkMs = median(bulk);
    const bulkRatio = bulkMs / median(floorTimes);
    const wordRatio = bulkMs / median(wordFloorTimes);
    const manyMs = median(many);
    const mem10 = memory[0];
    const mem100 = memory[1];
    const growth = mem10 && mem100 ? mem100.rssKb / mem10.rssKb - 1 : NaN;
    const ok = (pass: boolean) => (pass ? "✅ met" : "❌ not met");
    const rows = [
      `| Cold start: \`jdlint one-posting.md\` | ${spread(cold)} | bare \`node -e ""\` ${spread(bare)}; **${coldRatio.toFixed(2)}×** | ≤ 1.3× bare node | ${ok(coldRatio <= 1.3)} |`,
      `| Bulk: \`jdlint -f jsonl\` on ${corpus.length.toLocaleString("en")} postings (${(corpusBytes / 1e6).toFixed(1)} MB) | ${spread(bulk)}: ${(corpus.length / (bulkMs / 1000)).toFixed(0)} postings/s, ${(corpusBytes / 1e6 / (bulkMs / 1000)).toFixed(1)} MB/s | word-split floor (read + JSON.parse + one regular expression over the text) ${spread(wordFloorTimes)}; **${wordRatio.toFixed(1)}×** | ≤ 3× word-split floor | ${ok(wordRatio <= 3)} |`,
      `| Bulk, against the JSON.parse floor | | floor (read + JSON.parse) ${spread(floorTimes)}; **${bulkRatio.toFixed(1)}×** | ≤ 6× floor | ${ok(bulkRatio <= 6)} |`,
      `| Many files: 2,000 Markdown postings, one invocation | ${spread(many)} | ${(2000 / (manyMs / 1000)).toFixed(0)} files/s | ≤ 1.5 s | ${ok(manyMs <= 1500)} |`,
      ...(mem10 && mem100
        ? [
            `| Memory: peak RSS, 10,000 postings as JSONL | ${(mem10.rssKb / 1024).toFixed(0)} MB | in ${ms(mem10.ms)} | — | |`,
            `| Memory: peak RSS, 100,000 postings as JSONL | ${(mem100.rssKb / 1024).toFixed(0)} MB | in ${ms(mem100.ms)}; growth from 10,000: **${(growth * 100).toFixed(0)}%** | ≤ 200 MB, ≤ 20% growth | ${ok(mem100.rssKb / 1024 <= 200 && growth <= 0.2)} |`,
          ]
        : []),
      ...rulesCost.map((c) => {
        // Each run with the rules is paired with the run without them just after it: the median of the pairs'
        // ratios is steadier than a ratio of medians on a machine whose speed drifts between runs.
        const ratio = median(c.on.map((on, i) => on / c.off[i]!));
        return `| Bulk with the language and pay rules on, ${c.label} | ${spread(c.on)} | the same with them off ${spread(c.off)}; **${ratio.toFixed(2)}×** (median of ${c.on.length} paired runs) | ≤ 1.10× | ${ok(ratio <= 1.1)} |`;
      }),
      ...playground,
    ];
    const report = `# Benchmarks

Written by \`npm run bench -- <corpus.jsonl>\` (tools/bench.ts), which runs the built CLI (\`npm run build\` first) as a
user does: a new process per run, output thrown away. Times are the median of the runs, with the fastest and the
slowest in brackets. The floor and bare Node are measured in the same run, interleaved with jdlint, so that both
see the same machine.

- Machine: ${machineBefore}
- After the runs: load average ${loadavg().map((l) => l.toFixed(2)).join(" ")}
- CLI: ${bundled ? "the bundle (dist/jdlint-start.cjs)" : "the compiled modules (no bundle)"}; ${runs} runs per figure (${coldRuns} for the cold start), ${new Date().toISOString().slice(0, 10)}
- Corpus: ${corpus.length.toLocaleString("en")} postings, ${(corpusBytes / 1e6).toFixed(1)} MB

| What | jdlint | Compared with | Target | |
|---|---|---|---|---|
${rows.join("\n")}

A loaded machine (a load average above the number of cores) slows every figure; ratios to the floor and to bare
Node, measured alongside, are the fairer reading. The language and pay rules: ${language.join(", ")}; "off" is the
same config with them turned off (the stated pay is still read for the results).
`;
    writeFileSync(values.out!, report);
    log(`\n${rows.join("\n")}\n\nwritten to ${values.out}`);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

await main();
