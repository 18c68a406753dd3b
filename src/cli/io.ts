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
  /** Files matching globs under `cwd`, honouring .gitignore (and the ignore files and patterns given). */
  glob(patterns: string[], cwd: string, ignore?: GlobIgnore): Promise<string[]>;
  /** A test of whether the ignore files the globs find under `cwd` ignore a file (false for one outside `cwd`). */
  ignoreFilter?(ignoreFiles: string[], cwd: string): Promise<(absFile: string) => boolean>;
  /**
   * Replaces a file's bytes atomically: a temporary file in the same folder, with the file's permissions, renamed
   * over it. No temporary file is left on failure or on SIGINT/SIGTERM. Symbolic links are written through.
   */
  replaceFile?(path: string, bytes: Uint8Array): Promise<void>;
  /** The names in a folder (for cleaning up temporary files a killed run left). */
  listDir?(dir: string): Promise<string[]>;
  /** A file's age in milliseconds, or null when it is gone. */
  fileAge?(path: string): Promise<number | null>;
  removeFile?(path: string): Promise<void>;
  /** This process's id, and whether another process is still running. */
  pid?: number;
  processAlive?(pid: number): boolean;
  /** Milliseconds, for progress rates; tests pass a fake clock. */
  now?(): number;
}

export interface GlobIgnore {
  /** Globs naming ignore files in .gitignore syntax (every .jdlintignore under the folder, say). */
  ignoreFiles?: string[];
  /** Globs of files to leave out. */
  patterns?: string[];
}
