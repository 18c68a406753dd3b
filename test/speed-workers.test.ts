import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { build } from "esbuild";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { jdlint } from "./helpers/cli.js";

// Worker threads cannot run TypeScript: the worker is bundled for the test, inside the package (so that it
// finds rules/ as the built one does).
const cache = resolve("node_modules/.cache/jdlint-speed-test");
const workerScript = join(cache, "lint-worker.mjs");
let dir: string;
let feed: string;
let records: string[];

beforeAll(async () => {
  mkdirSync(cache, { recursive: true });
  await build({
    entryPoints: [resolve("src/cli/lint-worker.ts")],
    outfile: workerScript,
    bundle: true,
    platform: "node",
    format: "esm",
    external: ["typescript"],
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    logLevel: "silent",
  });
  dir = mkdtempSync(join(tmpdir(), "jdlint-speed-"));
  const postings = ["account-executive.md", "content-marketer-not-sales.md", "customer-service-mailroom.md", "marketing-director-outbound.md"].map((f) =>
    readFileSync(`fixtures/postings/${f}`, "utf8"),
  );
  records = [];
  for (let i = 0; i < 120; i++) {
    const text = postings[i % postings.length]!;
    const title = /^#\s*(.+)$/m.exec(text)?.[1] ?? "Sales Representative";
    records.push(JSON.stringify({ id: `r${i}`, title, description: text.replace(/^#.*$/m, "") }));
    // Lines that cannot be read, among good ones: each is reported in its place.
    if (i === 17) records.push("{not json");
    if (i === 40) records.push("");
    if (i === 99) records.push(JSON.stringify({ id: "no-text" }));
  }
  feed = join(dir, "feed.jsonl");
  // Lines the workers decode themselves: accents, a Windows line end, bytes that are not UTF-8.
  const decoded = [
    JSON.stringify({ id: "accents", title: "Responsable marketing", description: "Créer des campagnes e-mail et gérer la marque. Développer le contenu." }),
    `${JSON.stringify({ id: "crlf", title: "Sales Manager", description: "Close deals and meet a monthly quota." })}\r`,
    // A lone \r between its keys (a line end too, for the lines after it), and a directive in its text.
    JSON.stringify({ id: "lone-cr", title: "Marketing Director", description: "<!-- jdlint-disable-next-line activity-quota -->\nMake 50 cold calls a day." }).replace(',"title"', ',\r"title"'),
  ].join("\n");
  writeFileSync(feed, Buffer.concat([Buffer.from(`${records.join("\n")}\n${decoded}\n`), Buffer.from([0x7b, 0xff, 0xfe, 0x7d, 0x0a]), Buffer.from(`${records[0]}\n`)]));
}, 60_000);

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  rmSync(cache, { recursive: true, force: true });
});

const inThread = { NO_COLOR: "1", JDLINT_WORKERS: "0" };
const onWorkers = { NO_COLOR: "1", JDLINT_WORKERS: "2", JDLINT_WORKER_SCRIPT: "", JDLINT_WORKER_MIN_BYTES: "1" };

describe("linting a JSONL feed on worker threads", () => {
  for (const args of [["-f", "jsonl"], ["-f", "json"], ["-f", "stylish"], ["-f", "jsonl", "--quiet"], ["-f", "sarif"], ["--max-warnings", "0", "-f", "jsonl"]]) {
    it(`gives the same output as linting in-thread (${args.join(" ")})`, async () => {
      const a = await jdlint([...args, feed], { env: inThread, cwd: dir });
      const b = await jdlint([...args, feed], { env: { ...onWorkers, JDLINT_WORKER_SCRIPT: workerScript }, cwd: dir });
      expect(a.stdout.length).toBeGreaterThan(0);
      expect(b).toEqual(a);
    });
  }

  it("keeps records in input order, one line written per posting as it is linted", async () => {
    const writes: string[] = [];
    let stderr = "";
    const code = await (await import("../src/cli/run.js")).run(["-f", "jsonl", feed], {
      ...(await import("../src/cli/node-io.js")).nodeIo(),
      cwd: dir,
      env: { ...onWorkers, JDLINT_WORKER_SCRIPT: workerScript },
      stdout: { write: (t) => void writes.push(t), isTTY: false },
      stderr: { write: (t) => void (stderr += t), isTTY: false },
    });
    expect(code).toBe(2);
    expect(stderr).toContain(`${feed}:19:`);
    const ids = writes.filter((w) => w.length > 0).map((w) => {
      expect(w.endsWith("\n") && w.indexOf("\n") === w.length - 1).toBe(true);
      return (JSON.parse(w) as { recordId: string }).recordId;
    });
    const expected = records.filter((r) => r.startsWith("{\"")).map((r) => (JSON.parse(r) as { id: string }).id);
    // Then the lines the workers decode: the line that is not UTF-8 is reported in its place.
    expect(ids).toEqual([...expected, "accents", "crlf", "lone-cr", "r0"]);
    expect(stderr).toContain(`${feed}:${records.length + 5}: not valid UTF-8 text`);
  });

  it("really lints on the workers when asked (a missing worker script fails the run)", async () => {
    const r = await jdlint(["-f", "jsonl", feed], { env: { ...onWorkers, JDLINT_WORKER_SCRIPT: join(dir, "missing.mjs") }, cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("internal error");
  });

  it("uses no workers for small inputs unless asked", async () => {
    const a = await jdlint(["-f", "jsonl", feed], { env: { NO_COLOR: "1", JDLINT_WORKER_SCRIPT: join(dir, "missing.mjs") }, cwd: dir });
    expect(a.stderr).toContain("feed.jsonl:19:");
    expect(a.stdout.split("\n").filter(Boolean).length).toBeGreaterThan(110);
  });

  it("lints postings too long for a worker's bounded heap in the main thread, each in its place", async () => {
    const words = readFileSync("fixtures/postings/marketing-director-outbound.md", "utf8").toLowerCase().match(/[a-z]{3,}/g)!;
    const posting = (n: number) => {
      const sentences: string[] = [];
      let size = 0;
      for (let i = 0; size < 4.5 * 1024 * 1024; i++) {
        // Numbered words make each sentence new, so that nothing is read once and shared.
        const s = `${Array.from({ length: 12 }, (_, k) => `${words[(i * 13 + k * 7 + n) % words.length]}${(i * 12 + k + n * 977) % 99991}`).join(" ")}.`;
        sentences.push(s);
        size += s.length + 1;
      }
      return JSON.stringify({ id: `big${n}`, title: "Marketing Manager", description: sentences.join(" ") });
    };
    // Several in a row: on the workers they ran out of heap.
    const big = join(dir, "big.jsonl");
    writeFileSync(big, [records[0], posting(1), posting(2), records[1], posting(3), records[2]].join("\n") + "\n");
    const r = await jdlint(["-f", "jsonl", big], { env: { ...onWorkers, JDLINT_WORKER_SCRIPT: workerScript }, cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.stdout.split("\n").filter(Boolean).map((l) => (JSON.parse(l) as { recordId: string }).recordId)).toEqual(["r0", "big1", "big2", "r1", "big3", "r2"]);
  }, 120_000);
});
