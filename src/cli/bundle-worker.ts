/** Bundled as dist/jdlint-worker.cjs: a lint worker's script when the CLI runs from the bundle (see lint-pool.ts). */
import { fileURLToPath } from "node:url";
import { loadBundle } from "./code-cache.js";

void loadBundle(fileURLToPath(new URL("jdlint.cjs", import.meta.url))).exports.startWorker();
