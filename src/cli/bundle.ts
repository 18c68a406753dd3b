/**
 * What dist/jdlint.cjs, the CLI bundle (tools/build.ts), exports: the command, the lint worker, and what the
 * build runs once to fill the bundle's code cache (see code-cache.ts).
 */
export { main } from "./main.js";
export { nodeIo } from "./node-io.js";
export { run } from "./run.js";

/** Starts a lint worker on this thread (lint-worker.ts starts when it is loaded). */
export async function startWorker(): Promise<void> {
  await import("./lint-worker.js");
}
