import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * A tool's arguments, or null when it should stop: on --help it has printed its usage (exit code 0), on an
 * unknown or malformed option a one-line error and the usage (exit code 2), never a stack trace.
 */
export function toolArgs<T extends ParseArgsConfig>(config: T, usage: string): ReturnType<typeof parseArgs<T>> | null {
  if (config.args?.includes("--help") ?? process.argv.slice(2).includes("--help")) {
    console.log(usage);
    return null;
  }
  try {
    return parseArgs(config);
  } catch (e) {
    console.error(`${(e as Error).message.split("\n")[0]}\n${usage}`);
    process.exitCode = 2;
    return null;
  }
}
