import { createReadStream, fstatSync } from "node:fs";
import { readFile, stat, writeFile } from "node:fs/promises";
import { globby } from "globby";
import type { CliIo } from "./io.js";

/** The real file system and process streams. */
export function nodeIo(): CliIo {
  return {
    stdout: { write: (t) => void process.stdout.write(t), isTTY: process.stdout.isTTY },
    stderr: { write: (t) => void process.stderr.write(t), isTTY: process.stderr.isTTY },
    cwd: process.cwd(),
    env: process.env,
    readFile: (p) => readFile(p),
    readChunks: (p) => createReadStream(p),
    stdin: {
      get piped() {
        return stdinIsPiped();
      },
      chunks: () => process.stdin,
    },
    writeFile: (p, t) => writeFile(p, t, "utf8"),
    async kind(p) {
      try {
        const s = await stat(p);
        return s.isDirectory() ? "dir" : s.isFile() ? "file" : null;
      } catch {
        return null;
      }
    },
    glob: (patterns, cwd) => globby(patterns, { cwd, gitignore: true, absolute: false, dot: false, followSymbolicLinks: false }),
  };
}

/** Whether standard input is a pipe or a file: `cmd | jdlint` and `jdlint < file`, not a terminal or nothing. */
function stdinIsPiped(): boolean {
  try {
    const s = fstatSync(0);
    return s.isFIFO() || s.isFile();
  } catch {
    return false;
  }
}
