/** Everything the command line touches outside itself; tests pass an in-memory one. */
export interface CliIo {
  stdout: { write(text: string): void; isTTY?: boolean };
  stderr: { write(text: string): void; isTTY?: boolean };
  cwd: string;
  env: Record<string, string | undefined>;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, text: string): Promise<void>;
  /** "file", "dir", or null when nothing is there. */
  kind(path: string): Promise<"file" | "dir" | null>;
  /** Files matching globs under `cwd`, honouring .gitignore. */
  glob(patterns: string[], cwd: string): Promise<string[]>;
}
