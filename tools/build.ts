/**
 * The build after tsc (`npm run build` runs both):
 *  1. compiles the built-in knowledge (the YAML under rules/) and writes it to dist/knowledge.json, so the CLI
 *     loads it in milliseconds; a YAML error fails the build, naming the file and line;
 *  2. bundles the CLI and its lint worker with esbuild into dist/jdlint.mjs and dist/jdlint-worker.mjs (one file
 *     each loads far faster than some 150 modules). bin/jdlint.js runs the bundle, or the compiled modules
 *     when there is none.
 */
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { packageRoot, readBuiltinSources, snapshotPath } from "../src/cli/knowledge-files.js";
import { DataError } from "../src/data/errors.js";
import { compileKnowledge } from "../src/lexicon/knowledge.js";
import { readSnapshot, writeSnapshot } from "../src/lexicon/snapshot.js";

async function snapshot(root: string): Promise<void> {
  const sources = await readBuiltinSources(root);
  const json = writeSnapshot(compileKnowledge(sources), sources);
  // The snapshot must read back as the knowledge it was written from.
  const back = readSnapshot(json, sources);
  if (!back || writeSnapshot(back, sources) !== json) throw new Error("the knowledge snapshot does not read back as written");
  await writeFile(snapshotPath(root), json);
  console.log(`knowledge: ${snapshotPath(root)} (${(json.length / 1024).toFixed(0)} KB)`);
}

async function bundle(root: string): Promise<void> {
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch {
    console.warn("esbuild is not installed: no bundle; bin/jdlint.js runs the compiled modules (slower to start)");
    return;
  }
  const common: import("esbuild").BuildOptions = {
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // cosmiconfig can load TypeScript configs; jdlint refuses them, so TypeScript is never loaded.
    external: ["typescript"],
    // Bundled CommonJS modules (cosmiconfig...) call require().
    banner: { js: "import { createRequire as __jdlintRequire } from 'node:module'; const require = __jdlintRequire(import.meta.url);" },
    minifySyntax: true,
    minifyWhitespace: true,
    legalComments: "none",
    logLevel: "warning",
  };
  await Promise.all([
    esbuild.build({ ...common, entryPoints: [join(root, "dist/src/cli/main.js")], outfile: join(root, "dist/jdlint.mjs") }),
    esbuild.build({ ...common, entryPoints: [join(root, "dist/src/cli/lint-worker.js")], outfile: join(root, "dist/jdlint-worker.mjs") }),
  ]);
  console.log(`bundle: ${join(root, "dist/jdlint.mjs")}, ${join(root, "dist/jdlint-worker.mjs")}`);
}

async function main(): Promise<void> {
  const root = packageRoot();
  try {
    await snapshot(root);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    console.error(`jdlint build: ${e.message}`);
    process.exitCode = 1;
    return;
  }
  await bundle(root);
}

await main();
