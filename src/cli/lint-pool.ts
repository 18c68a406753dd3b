/**
 * Large JSONL inputs linted on all cores: the main thread reads lines and hands them out in batches to worker
 * threads (lint-worker.ts), which parse and lint them; results come back in input order, with at most a few
 * batches in flight, so memory stays bounded however long the feed. Output is the same as linting in-thread.
 */
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Worker } from "node:worker_threads";
import { DataError } from "../data/errors.js";
import type { LintResult } from "../engine/result.js";
import type { Knowledge } from "../lexicon/knowledge.js";
import type { JsonShape } from "../parsers/index.js";
import { isUrl } from "./fetch.js";
import { formatByName, limitFor, lines, readError, readInputs, shapeOf, STDIN, type InputItem, type ReadOptions } from "./inputs.js";
import type { CliIo } from "./io.js";

/** What a worker needs to build the same settings as the main thread. */
export interface WorkerSetup {
  cwd: string;
  untrusted: boolean;
  configFile?: string | false;
  cliRules?: string[];
  reportUnused: boolean;
}

export type SourceLine = { line: number; text: string } | { line: number; error: string };

export interface Batch {
  seq: number;
  /** The input's name in messages, and its absolute path (for its config). */
  file: string;
  path: string;
  shape?: JsonShape;
  /** Send results as JSON text (for output that is JSON lines anyway) rather than as objects. */
  asJson: boolean;
  lines: SourceLine[];
}

/** A linted record: counts for the exit code, and the result as an object or as its JSON. */
export interface Linted {
  problem: string | null;
  errorCount: number;
  warningCount: number;
  json?: string;
  result?: LintResult;
}

export type LintedRecord = { line: number | null; error: string } | Linted;

export type BatchResult =
  | { seq: number; records: LintedRecord[] }
  /** A worker's failure; `data` when it was a DataError (a bad config, say), rethrown as one. */
  | { seq: number; fatal: { message: string; stack?: string; data?: { file: string; line: number | null; reason: string } } };

/** An input item, or a record a worker has already linted. */
export type StreamItem = InputItem | { file: string; linted: Linted };

export interface ParallelOptions {
  setup: WorkerSetup;
  asJson: boolean;
  env: Record<string, string | undefined>;
}

/** Inputs smaller than this are linted in-thread: starting workers costs more than it saves. */
const MIN_BYTES = 2 * 1024 * 1024;
const BATCH_LINES = 64;
const BATCH_CHARS = 512 * 1024;
/** Batches in flight per worker: enough to keep it busy while the main thread reads and writes. */
const IN_FLIGHT_PER_WORKER = 2;
const MAX_WORKERS = 8;

/** How many workers to use: JDLINT_WORKERS, else one per core (none on one core). */
export function workerCount(env: Record<string, string | undefined>): number {
  const asked = env.JDLINT_WORKERS;
  if (asked !== undefined && /^\d+$/.test(asked)) return Math.min(Number(asked), MAX_WORKERS);
  // node:os is loaded here, by a run that may use workers, not by every start.
  const cores = (createRequire(import.meta.url)("node:os") as typeof import("node:os")).availableParallelism();
  return cores >= 2 ? Math.min(cores, MAX_WORKERS) : 0;
}

/** The worker's script: the bundled one next to the bundled CLI, or the compiled one next to this module. */
export function workerScript(env: Record<string, string | undefined>): URL | null {
  if (env.JDLINT_WORKER_SCRIPT) return new URL(env.JDLINT_WORKER_SCRIPT, "file:///");
  for (const name of ["./jdlint-worker.cjs", "./lint-worker.js"]) {
    const url = new URL(name, import.meta.url);
    if (url.protocol === "file:" && existsSync(fileURLToPath(url))) return url;
  }
  return null;
}

/**
 * A worker's heap limits. Left to itself, V8 lets a heap grow far past what it holds (linting the 11,000-posting
 * corpus on two workers peaked near 600 MB); a limit makes it collect sooner (about 300 MB, as fast). A posting
 * takes many times its size while it is linted, so one longer than MAX_WORKER_LINE is linted in the main thread.
 */
const WORKER_HEAP = { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 16 };
const MAX_WORKER_LINE = 1024 * 1024;

/** Worker threads, each handed the next batch when it has the fewest in hand. */
export class LintPool {
  private readonly workers: Array<{ worker: Worker; pending: Map<number, (r: BatchResult) => void> }> = [];
  private failure: Error | null = null;

  /** The main thread's own linter, for postings too long for a worker's heap; made when first needed. */
  private local: ((batch: Batch) => Promise<BatchResult>) | null = null;

  /** worker_threads is loaded only by a run that uses it. Each worker's heap is bounded (see WORKER_HEAP). */
  static async start(size: number, script: URL, setup: WorkerSetup): Promise<LintPool> {
    const { Worker } = await import("node:worker_threads");
    const workers = Array.from({ length: size }, () => new Worker(script, { workerData: setup, stdout: false, stderr: false, resourceLimits: WORKER_HEAP }));
    return new LintPool(workers, setup);
  }

  private constructor(
    workers: Worker[],
    private readonly setup: WorkerSetup,
  ) {
    for (const worker of workers) {
      const slot = { worker, pending: new Map<number, (r: BatchResult) => void>() };
      worker.on("message", (r: BatchResult) => {
        const done = slot.pending.get(r.seq);
        slot.pending.delete(r.seq);
        done?.(r);
      });
      const fail = (e: Error) => {
        this.failure ??= e;
        for (const [seq, done] of slot.pending) done({ seq, fatal: { message: e.message, stack: e.stack } });
        slot.pending.clear();
      };
      worker.on("error", fail);
      worker.on("exit", (code) => fail(new Error(`a lint worker stopped (exit code ${code})`)));
      this.workers.push(slot);
    }
  }

  /** Lints a batch on the least busy worker. */
  run(batch: Batch): Promise<LintedRecord[]> {
    if (this.failure) return Promise.reject(this.failure);
    const slot = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return new Promise<BatchResult>((resolve) => {
      slot.pending.set(batch.seq, resolve);
      slot.worker.postMessage(batch);
    }).then(records);
  }

  /** Lints a batch in this thread, as a worker would. */
  async runHere(batch: Batch): Promise<LintedRecord[]> {
    this.local ??= (await import("./lint-batch.js")).batchLinter(this.setup);
    return records(await this.local(batch));
  }

  get size(): number {
    return this.workers.length;
  }

  async close(): Promise<void> {
    for (const slot of this.workers) slot.worker.removeAllListeners("exit");
    await Promise.all(this.workers.map((slot) => slot.worker.terminate()));
  }
}

/** A batch's records, or its failure rethrown (as a DataError when it was one: a bad config, say). */
function records(r: BatchResult): LintedRecord[] {
  if (!("fatal" in r)) return r.records;
  const { data } = r.fatal;
  const e = data ? new DataError(data.file, data.line, data.reason) : new Error(r.fatal.message);
  if (r.fatal.stack) e.stack = r.fatal.stack;
  throw e;
}

/** Lints one JSONL file on the pool; yields its records in file order. */
export async function* lintJsonlInParallel(
  pool: LintPool,
  file: string,
  chunks: AsyncIterable<Uint8Array>,
  opts: { path: string; shape?: JsonShape; asJson: boolean; maxLineBytes?: number },
): AsyncGenerator<StreamItem> {
  const queue: Array<Promise<LintedRecord[]>> = [];
  const inFlight = pool.size * IN_FLIGHT_PER_WORKER;
  let seq = 0;
  let batch: SourceLine[] = [];
  let chars = 0;
  /** Sends lines to a worker, or lints them here; their records are awaited in order below. */
  const send = (lines: SourceLine[], here: boolean) => {
    const b: Batch = { seq: seq++, file, path: opts.path, shape: opts.shape, asJson: opts.asJson, lines };
    const p = here ? pool.runHere(b) : pool.run(b);
    // This only keeps a failure after an early stop from going unhandled.
    p.catch(() => {});
    queue.push(p);
  };
  const flush = () => {
    send(batch, false);
    batch = [];
    chars = 0;
  };
  function* items(records: LintedRecord[]): Generator<StreamItem> {
    for (const r of records) yield "error" in r ? { file, error: r.error, line: r.line } : { file, linted: r };
  }
  let readFailure: unknown = null;
  try {
    for await (const line of lines(chunks, opts.maxLineBytes)) {
      if ("text" in line && line.text.length > MAX_WORKER_LINE) {
        // Too long for a worker's heap: linted here, in its place in the output.
        if (batch.length) flush();
        send([line], true);
        while (queue.length >= inFlight) yield* items(await queue.shift()!);
        continue;
      }
      batch.push(line);
      chars += "text" in line ? line.text.length : 0;
      if (batch.length >= BATCH_LINES || chars >= BATCH_CHARS) {
        flush();
        while (queue.length >= inFlight) yield* items(await queue.shift()!);
      }
    }
  } catch (e) {
    // Only the file system's errors (no such file...) are the input's fault.
    if ((e as NodeJS.ErrnoException).code === undefined) throw e;
    readFailure = e;
  }
  if (batch.length) flush();
  while (queue.length) yield* items(await queue.shift()!);
  if (readFailure) yield { file, error: readError(readFailure), line: null };
}

/**
 * Every input's postings, in order, as inputs.ts reads them; large local JSONL files are linted on worker
 * threads when `parallel` is given (their records come back already linted).
 */
export async function* lintInputs(knowledge: Knowledge, files: string[], io: CliIo, opts: ReadOptions, parallel: ParallelOptions | null): AsyncGenerator<StreamItem> {
  let pool: LintPool | null = null;
  try {
    for (const file of files) {
      const path = parallel && io.readChunks && file !== STDIN && !isUrl(file) && formatByName(file, opts.inputFormat) === "jsonl" ? resolve(io.cwd, file) : null;
      const size = path ? fileSize(path) : 0;
      const minBytes = Number(parallel?.env.JDLINT_WORKER_MIN_BYTES ?? MIN_BYTES);
      if (!parallel || !path || size < minBytes || size === 0) {
        yield* readInputs(knowledge, [file], io, opts);
        continue;
      }
      if (!pool) {
        const count = workerCount(parallel.env);
        const script = workerScript(parallel.env);
        if (count > 0 && script) pool = await LintPool.start(count, script, parallel.setup);
      }
      if (!pool) {
        yield* readInputs(knowledge, [file], io, opts);
        continue;
      }
      // The same posting-size limit as when the file is read in this thread.
      const maxLineBytes = await limitFor(file, opts);
      yield* lintJsonlInParallel(pool, file, io.readChunks!(path), { path, shape: shapeOf(opts.inputFormat), asJson: parallel.asJson, maxLineBytes });
    }
  } finally {
    await pool?.close();
  }
}

function fileSize(path: string): number {
  try {
    const s = statSync(path);
    return s.isFile() ? s.size : 0;
  } catch {
    return 0;
  }
}
