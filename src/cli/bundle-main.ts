/** Bundled as dist/jdlint-start.cjs, which bin/jdlint.cjs runs: the CLI bundle next to it, with its code cache. */
import { fileURLToPath } from "node:url";
import { loadBundle } from "./code-cache.js";

export const { main } = loadBundle(fileURLToPath(new URL("jdlint.cjs", import.meta.url))).exports;
