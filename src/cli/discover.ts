import { join, resolve } from "node:path";
import { POSTING_EXTENSIONS } from "../parsers/index.js";
import { isUrl } from "./fetch.js";
import { STDIN } from "./inputs.js";
import type { CliIo } from "./io.js";

export interface Discovery {
  files: string[];
  /** One line each: an argument that matched nothing. */
  problems: Array<{ file: string; reason: string }>;
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Files, folders (postings inside, recursively) and globs -> the files to lint, in a stable order.
 * `-` (standard input) and http(s) URLs are passed through as they are.
 */
export async function discover(args: string[], io: CliIo): Promise<Discovery> {
  const files: string[] = [];
  const problems: Discovery["problems"] = [];
  const exts = Object.keys(POSTING_EXTENSIONS).join(",");
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
    if (kind === "file") files.push(arg);
    else if (kind === "dir") {
      const found = await io.glob([`**/*.{${exts}}`], full);
      if (found.length === 0) problems.push({ file: arg, reason: `folder holds no postings (${Object.keys(POSTING_EXTENSIONS).map((e) => `.${e}`).join(", ")})` });
      files.push(...found.sort().map((f) => join(arg, f)));
    } else if (GLOB_CHARS.test(arg)) {
      const found = await io.glob([arg], io.cwd);
      if (found.length === 0) problems.push({ file: arg, reason: "no files match this pattern" });
      files.push(...found.sort());
    } else problems.push({ file: arg, reason: "no such file or folder" });
  }
  return { files: [...new Set(files)], problems };
}
