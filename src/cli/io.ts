/** Everything the command line touches outside itself; tests pass an in-memory one. */
export interface CliIo {
  stdout: { write(text: string): void; isTTY?: boolean };
  stderr: { write(text: string): void; isTTY?: boolean };
  cwd: string;
  env: Record<string, string | undefined>;
  readFile(path: string): Promise<Uint8Array>;
  /** A file's bytes chunk by chunk, so that a long JSONL file is read in constant memory. */
  readChunks?(path: string): AsyncIterable<Uint8Array>;
  /** Standard input; `piped` when it comes from a pipe or a file rather than a terminal. */
  stdin?: { piped: boolean; chunks(): AsyncIterable<Uint8Array> };
  writeFile(path: string, text: string): Promise<void>;
  /** "file", "dir", or null when nothing is there. */
  kind(path: string): Promise<"file" | "dir" | null>;
  /** Files matching globs under `cwd`, honouring .gitignore. */
  glob(patterns: string[], cwd: string): Promise<string[]>;
}
