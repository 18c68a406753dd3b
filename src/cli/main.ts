import { nodeIo } from "./node-io.js";
import { run } from "./run.js";

/** The process entry point: the only place that sets the exit code. */
export async function main(): Promise<void> {
  process.exitCode = await run(process.argv.slice(2), nodeIo());
}
