/**
 * Runs the CLI bundle (dist/jdlint.cjs, see tools/build.ts) as a script with V8's code cache, which the build
 * writes next to it after one run: a start then neither parses nor compiles the bundle, and the functions a
 * run uses come compiled. The cache is used only when written for this very bundle (the build id the bundle
 * ends with); one this Node does not accept (cachedDataRejected) is passed over by V8 itself, and the bundle
 * is compiled as any script is.
 */
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { pathToFileURL } from "node:url";
import type { Script } from "node:vm";
import type * as Bundle from "./bundle.js";

// Through require(): importing node:fs as a module loads all of it, streams and promises too, for milliseconds.
const require = createRequire(import.meta.url);
const { readFileSync } = require("node:fs") as typeof import("node:fs");
const vm = require("node:vm") as typeof import("node:vm");

export type BundleExports = typeof Bundle;

const BUILD_ID = /\/\/ jdlint-build ([0-9a-f]+)\n$/;

/** The bundle's text as the build writes it: ending with its build id. */
export function stampBundle(text: string, id: string): string {
  return `${text}// jdlint-build ${id}\n`;
}

export function cachePath(bundle: string): string {
  return `${bundle}.cache`;
}

/** The cache file for a bundle that has run: its build id, then V8's data. */
export function cacheFile(script: Script, id: string): Buffer {
  return Buffer.concat([Buffer.from(`${id}\n`), script.createCachedData()]);
}

function cachedData(bundle: string, source: string): Buffer | undefined {
  const id = BUILD_ID.exec(source.slice(-80))?.[1];
  if (!id) return undefined;
  let data: Buffer;
  try {
    data = readFileSync(cachePath(bundle));
  } catch {
    return undefined;
  }
  const head = Buffer.from(`${id}\n`);
  return data.subarray(0, head.length).equals(head) ? data.subarray(head.length) : undefined;
}

/** Loads and runs the bundle (a CommonJS script); `useCache: false` compiles it afresh, as the build does. */
export function loadBundle(bundle: string, useCache = true): { exports: BundleExports; script: Script } {
  // The build writes the bundle in ASCII (tools/build.ts), which reads fastest as Latin-1: no UTF-8 to decode.
  const source = readFileSync(bundle, "latin1");
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname, __jdlintUrl, __jdlintImport) {${source}\n})`, {
    filename: bundle,
    cachedData: useCache ? cachedData(bundle, source) : undefined,
  });
  const module = { exports: {} as BundleExports };
  const body = script.runInThisContext() as (...args: unknown[]) => void;
  body(module.exports, createRequire(bundle), module, bundle, dirname(bundle), pathToFileURL(bundle).href, (url: string) => import(url));
  return { exports: module.exports, script };
}
