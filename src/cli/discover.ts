import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { matchesGlob } from "../config/glob.js";
import { POSTING_EXTENSIONS } from "../parsers/index.js";
import { isUrl } from "./fetch.js";
import { STDIN } from "./inputs.js";
import type { CliIo } from "./io.js";

export interface Discovery {
  files: string[];
  /** One line each: an argument that matched nothing. */
  problems: Array<{ file: string; reason: string }>;
  /** Files named on the command line but left out by .jdlintignore or --ignore-pattern. */
  ignored: string[];
}

export interface DiscoverOptions {
  /** --ignore-pattern: globs of files (or folders) to leave out, relative to the working folder. */
  ignorePatterns?: string[];
  /** false for --no-error-on-unmatched-pattern: an argument that matches nothing is passed over in silence. */
  errorOnUnmatched?: boolean;
}

/** The ignore file jdlint reads, in .gitignore syntax, in the working folder and any folder below. */
export const IGNORE_FILE = ".jdlintignore";
const IGNORE_FILES = [`**/${IGNORE_FILE}`];
const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Files, folders (postings inside, recursively) and globs -> the files to lint, in a stable order.
 * Folders and globs leave out what .gitignore, .jdlintignore and --ignore-pattern ignore; a file named
 * outright is linted unless .jdlintignore or --ignore-pattern ignore it. `-` (standard input) and
 * http(s) URLs are passed through as they are.
 */
export async function discover(args: string[], io: CliIo, opts: DiscoverOptions = {}): Promise<Discovery> {
  const files: string[] = [];
  const problems: Discovery["problems"] = [];
  const ignored: string[] = [];
  const patterns = opts.ignorePatterns ?? [];
  const exts = Object.keys(POSTING_EXTENSIONS);
  const unmatched = (file: string, reason: string) => {
    if (opts.errorOnUnmatched !== false) problems.push({ file, reason });
  };
  const byPattern = (file: string) => patterns.length > 0 && ignoredByPattern(relativePath(io.cwd, file), patterns);
  let byIgnoreFile: ((absFile: string) => boolean) | undefined;
  const glob = async (globs: string[], cwd: string) =>
    (await io.glob(globs, cwd, { ignoreFiles: IGNORE_FILES })).filter((f) => !byPattern(join(cwd, f))).sort();
  for (const arg of args) {
    if (arg === STDIN || /^https?:\/\//i.test(arg)) {
      files.push(arg);
      continue;
    }
    if (isUrl(arg)) {
      problems.push({ file: arg, reason: `only http and https URLs can be fetched` });
      continue;
    }
    const full = resolve(io.cwd, arg);
    const kind = await io.kind(full);
    if (kind === "file") {
      if (io.ignoreFilter && (await underIgnoreFile(io, full))) byIgnoreFile ??= await io.ignoreFilter(IGNORE_FILES, io.cwd);
      if (byPattern(full) || byIgnoreFile?.(full)) ignored.push(arg);
      else files.push(arg);
    } else if (kind === "dir") {
      const rel = relativePath(io.cwd, full);
      const { convertPathToPattern } = await import("globby");
      // Globbed from the working folder where possible, so that its .gitignore and .jdlintignore apply.
      const found = rel.startsWith("../") || isAbsolute(rel)
        ? (await glob([`**/*.{${exts.join(",")}}`], full)).map((f) => join(arg, f))
        : await glob([`${rel ? `${convertPathToPattern(rel)}/` : ""}**/*.{${exts.join(",")}}`], io.cwd);
      if (found.length === 0) unmatched(arg, `folder holds no postings to lint (${exts.map((e) => `.${e}`).join(", ")}), or all are ignored`);
      files.push(...found);
    } else if (GLOB_CHARS.test(arg)) {
      const found = await glob([arg], io.cwd);
      if (found.length === 0) unmatched(arg, "no files match this pattern (or all are ignored)");
      files.push(...found);
    } else unmatched(arg, "no such file or folder");
  }
  return { files: [...new Set(files)], problems, ignored };
}

/**
 * Whether an ignore file in the working folder, or in a folder between it and the file, may apply to a file
 * (none elsewhere can). Most runs name files with none about, and then the folder tree need not be searched.
 */
async function underIgnoreFile(io: CliIo, absFile: string): Promise<boolean> {
  const rel = relativePath(io.cwd, absFile);
  if (rel.startsWith("../") || isAbsolute(rel)) return false;
  const folders = rel.split("/").slice(0, -1);
  for (let i = 0; i <= folders.length; i++) {
    if ((await io.kind(join(io.cwd, ...folders.slice(0, i), IGNORE_FILE))) !== null) return true;
  }
  return false;
}

/** `/`-separated, relative to the working folder ("../" for a path outside it). */
function relativePath(cwd: string, file: string): string {
  return relative(cwd, file).split(sep).join("/");
}

/** Whether a pattern matches the file or a folder it is in (`legacy/` leaves out everything below legacy). */
export function ignoredByPattern(relPath: string, patterns: string[]): boolean {
  if (!patterns.length) return false;
  const parts = relPath.split("/");
  for (let i = parts.length; i > 0; i--) {
    const path = parts.slice(0, i).join("/");
    if (patterns.some((p) => matchesGlob(path, p.replace(/\/+$/, "")))) return true;
  }
  return false;
}
