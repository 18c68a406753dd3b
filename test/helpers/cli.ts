import { nodeIo } from "../../src/cli/node-io.js";
import type { CliIo } from "../../src/cli/io.js";
import { run } from "../../src/cli/run.js";

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command line in-process on the real file system, capturing its output. */
export async function jdlint(args: string[], overrides: Partial<CliIo> = {}): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const io: CliIo = {
    ...nodeIo(),
    env: { NO_COLOR: "1" },
    ...overrides,
    stdout: { write: (t) => void (stdout += t), isTTY: false },
    stderr: { write: (t) => void (stderr += t), isTTY: false },
  };
  const code = await run(args, io);
  return { code, stdout, stderr };
}
