/**
 * A lint worker: parses and lints JSONL records sent by the main thread (see lint-pool.ts), with the same
 * knowledge, config and rules as the main thread, and sends back each record's result (or why it could not
 * be read) in the order received.
 */
import { parentPort, workerData } from "node:worker_threads";
import { DataError } from "../data/errors.js";
import { batchLinter } from "./lint-batch.js";
import type { Batch, WorkerSetup } from "./lint-pool.js";

const port = parentPort!;
const lintBatch = batchLinter(workerData as WorkerSetup);

port.on("message", (batch: Batch) => {
  lintBatch(batch).then(
    (result) => port.postMessage(result),
    (e: unknown) => {
      const data = e instanceof DataError ? { file: e.file, line: e.line, reason: e.reason } : undefined;
      port.postMessage({ seq: batch.seq, fatal: { message: (e as Error)?.message ?? String(e), stack: (e as Error)?.stack, data } });
    },
  );
});
