// fs.promises, read when used: loading node:fs/promises takes a dozen internal modules, which a run may not need.
import { closeSync, fstatSync, openSync, promises as fsp, readSync, rmSync, statSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { tempName } from "./fix.js";
import type { CliIo } from "./io.js";

// Never postings, and slow to walk.
const DEFAULT_IGNORES = ["**/node_modules/**", "**/.git/**"];

/**
 * A process stream that stops writing once its reader has gone (`jdlint ... | head`): a closed pipe ends the
 * output, not the run, and is no crash. It is set up when first used: a run that writes nothing to stderr
 * never opens it (a pipe takes a millisecond or two). Output to a file or to /dev/null is written to the
 * descriptor directly, as Node's stream for a file does, without setting up Node's streams (a few ms).
 */
const closedStreams = new WeakMap<NodeJS.WriteStream, { closed: boolean }>();

function processStream(fd: 1 | 2, open: () => NodeJS.WriteStream): { write(text: string): void; readonly isTTY?: boolean } {
  let opened: { stream: NodeJS.WriteStream; state: { closed: boolean } } | undefined;
  let direct: boolean | undefined;
  const get = () => {
    if (opened) return opened;
    const stream = open();
    let state = closedStreams.get(stream);
    if (!state) {
      const created = { closed: false };
      stream.on("error", (e: NodeJS.ErrnoException) => {
        if (e.code === "EPIPE") created.closed = true;
        else throw e;
      });
      closedStreams.set(stream, created);
      state = created;
    }
    return (opened = { stream, state });
  };
  const isDirect = () => (direct ??= fileOrNull(fd));
  return {
    write: (t) => {
      if (isDirect()) return writeAll(fd, t);
      const { stream, state } = get();
      if (!state.closed) stream.write(t);
    },
    get isTTY() {
      return isDirect() ? false : get().stream.isTTY;
    },
  };
}

/** Whether a descriptor is a regular file or /dev/null (not a terminal, pipe or socket). */
function fileOrNull(fd: number): boolean {
  if (process.platform === "win32") return false;
  try {
    const s = fstatSync(fd);
    if (s.isFile()) return true;
    if (!s.isCharacterDevice()) return false;
    const devNull = statSync("/dev/null");
    return s.rdev === devNull.rdev && s.ino === devNull.ino;
  } catch {
    return false;
  }
}

function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text, "utf8");
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at, bytes.length - at);
}

/** The real file system and process streams. */
export function nodeIo(): CliIo {
  return {
    stdout: processStream(1, () => process.stdout),
    stderr: processStream(2, () => process.stderr),
    cwd: process.cwd(),
    env: process.env,
    readFile: (p) => fsp.readFile(p),
    readChunks,
    stdin: {
      get piped() {
        return stdinIsPiped();
      },
      chunks: () => process.stdin,
    },
    // A report may go to a folder that does not exist yet (--output-file reports/jdlint.sarif).
    writeFile: async (p, t) => {
      await fsp.mkdir(dirname(p), { recursive: true });
      await fsp.writeFile(p, t, "utf8");
    },
    async kind(p) {
      try {
        const s = statSync(p);
        return s.isDirectory() ? "dir" : s.isFile() ? "file" : null;
      } catch {
        return null;
      }
    },
    // globby is loaded only by a run that globs: naming one file does not need it.
    glob: async (patterns, cwd, ignore = {}) =>
      (await import("globby")).globby(patterns, {
        cwd,
        gitignore: true,
        ignoreFiles: ignore.ignoreFiles,
        ignore: [...DEFAULT_IGNORES, ...(ignore.patterns ?? [])],
        absolute: false,
        dot: false,
        followSymbolicLinks: false,
      }),
    async ignoreFilter(ignoreFiles, cwd) {
      const ignored = await (await import("globby")).isIgnoredByIgnoreFiles(ignoreFiles, { cwd });
      return (file) => {
        try {
          return ignored(file);
        } catch {
          return false; // outside cwd: no ignore file found there applies
        }
      };
    },
    replaceFile,
    listDir: (dir) => fsp.readdir(dir),
    async fileAge(p) {
      try {
        return Date.now() - (await fsp.stat(p)).mtimeMs;
      } catch {
        return null;
      }
    },
    removeFile: (p) => fsp.rm(p, { force: true }),
    pid: process.pid,
    processAlive,
    now: () => Date.now(),
  };
}

const CHUNK = 64 * 1024;
// What each read fills; a chunk is copied out of it at its size.
const readBuffer = Buffer.allocUnsafe(CHUNK);

/**
 * A file's bytes in chunks, read synchronously: a posting is read with an open, two reads and a close, far
 * cheaper than a stream when there are thousands; a long JSONL file still takes no more memory than a chunk.
 */
async function* readChunks(path: string): AsyncGenerator<Uint8Array> {
  const fd = openSync(path, "r");
  try {
    let n;
    while ((n = readSync(fd, readBuffer, 0, CHUNK, null)) > 0) yield Buffer.from(readBuffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
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

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it runs, as someone else.
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function replaceFile(path: string, bytes: Uint8Array): Promise<void> {
  const target = await fsp.realpath(path);
  const before = await fsp.stat(target);
  const tmp = join(dirname(target), tempName(process.pid, basename(target)));
  const release = trackTempFile(tmp);
  try {
    const handle = await fsp.open(tmp, "w", before.mode & 0o7777);
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    // open()'s mode is cut by the umask; the file's own permissions (and owner, where allowed) are kept.
    // Owner first: changing it clears setuid/setgid bits, which the mode then restores.
    await fsp.chown(tmp, before.uid, before.gid).catch(() => undefined);
    await fsp.chmod(tmp, before.mode & 0o7777);
    await fsp.rename(tmp, target);
  } catch (e) {
    await fsp.rm(tmp, { force: true });
    throw e;
  } finally {
    release();
  }
}

// Temporary files being written now: removed if the process is interrupted, before it dies of the signal.
const liveTempFiles = new Set<string>();
const SIGNALS = ["SIGINT", "SIGTERM"] as const;

function removeTempFilesAndDie(signal: NodeJS.Signals): void {
  for (const tmp of liveTempFiles) rmSync(tmp, { force: true });
  liveTempFiles.clear();
  for (const s of SIGNALS) process.off(s, removeTempFilesAndDie);
  // Die of the same signal, as if no handler had been there (exit status 130 or 143 in a shell).
  process.kill(process.pid, signal);
}

/** Removes `tmp` should SIGINT or SIGTERM arrive before the returned release function is called. */
export function trackTempFile(tmp: string): () => void {
  if (liveTempFiles.size === 0) for (const s of SIGNALS) process.on(s, removeTempFilesAndDie);
  liveTempFiles.add(tmp);
  return () => {
    liveTempFiles.delete(tmp);
    if (liveTempFiles.size === 0) for (const s of SIGNALS) process.off(s, removeTempFilesAndDie);
  };
}
