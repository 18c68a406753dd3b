import { build } from "esbuild";
import { mkdirSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { Worker } from "node:worker_threads";
import type { FuzzReply, FuzzRequest } from "./fuzz-worker.js";

export type { FuzzItem, FuzzReply, PostingFacts } from "./fuzz-worker.js";

/**
 * JDLINT_PROPERTY_RUNS scales the number of generated inputs of every property test: 1 in `npm test`, more in
 * `npm run fuzz` (vitest.fuzz.config.ts).
 */
export const SCALE = Number(process.env.JDLINT_PROPERTY_RUNS ?? 1);
export const runs = (n: number) => Math.max(1, Math.round(n * SCALE));

/**
 * The longest an input may take to be read and linted twice, as fast-check's time limit for one run: inputs are
 * at most a few kilobytes, read in well under a millisecond each, so only a hang (or a blow-up as bad) reaches it.
 */
export const TIME_LIMIT_MS = 5_000;

// Worker threads cannot run TypeScript: the worker is bundled for the test, inside the package (so that it
// finds rules/ as the built one does), one file per test file.
const CACHE = resolve("node_modules/.cache/jdlint-fuzz");

/** Reads inputs on a worker thread; one that never answers (fast-check gave up on it) is replaced. */
export class FuzzReader {
  /** How many inputs were read. */
  inputs = 0;
  private worker!: Worker;
  private ready!: Promise<void>;
  private pending: ((reply: FuzzReply) => void) | null = null;

  private constructor(private readonly script: string) {
    this.spawn();
  }

  static async start(name: string): Promise<FuzzReader> {
    mkdirSync(CACHE, { recursive: true });
    const script = join(CACHE, `${name}-${process.pid}.mjs`);
    await build({
      entryPoints: [resolve("test/helpers/fuzz-worker.ts")],
      outfile: script,
      bundle: true,
      platform: "node",
      format: "esm",
      external: ["typescript"],
      banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
      logLevel: "silent",
    });
    const reader = new FuzzReader(script);
    await reader.ready;
    return reader;
  }

  private spawn(): void {
    const worker = new Worker(this.script);
    this.worker = worker;
    this.ready = new Promise((done, fail) => {
      worker.once("message", (m) => (m === "ready" ? done() : fail(new Error(`fuzz worker: ${String(m)}`))));
      worker.once("error", fail);
    });
    worker.on("message", (m: FuzzReply | "ready") => {
      if (m === "ready") return;
      const answer = this.pending;
      this.pending = null;
      answer?.(m);
    });
    worker.on("error", (e) => {
      const answer = this.pending;
      this.pending = null;
      answer?.({ crash: e.stack ?? String(e) });
    });
  }

  async read(request: FuzzRequest): Promise<FuzzReply> {
    if (this.pending) {
      // The last input is still being read, past the time limit: the thread is stuck on it.
      this.pending = null;
      void this.worker.terminate();
      this.spawn();
    }
    await this.ready;
    this.inputs++;
    return new Promise((answer) => {
      this.pending = answer;
      this.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await this.worker.terminate();
    rmSync(this.script, { force: true });
  }
}

/** One line for the run's log: how many inputs a property file ran, and how long it took. */
export function inputsReport(file: string, inputs: number, startedAt: number): string {
  return `${file}: ${inputs.toLocaleString("en")} generated inputs in ${((performance.now() - startedAt) / 1000).toFixed(1)} s`;
}
