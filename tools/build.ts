/**
 * The build after tsc (`npm run build` runs both):
 *  1. compiles the built-in knowledge (the YAML under rules/) and writes it to dist/knowledge.snapshot, so the CLI
 *     loads it in milliseconds; a YAML error fails the build, naming the file and line; and the stems of the
 *     common words (rules/common-words.txt) to dist/stems.txt;
 *  2. bundles the CLI with esbuild into dist/jdlint.cjs (one file loads far faster than some 150 modules), runs
 *     it once on a sample posting and writes V8's code cache of it (src/cli/code-cache.ts), and bundles the two
 *     small scripts that run it: dist/jdlint-start.cjs for bin/jdlint.cjs, dist/jdlint-worker.cjs for lint
 *     workers. All three are CommonJS: an ES module entry point starts Node's module loader, about 8 ms.
 *     bin/jdlint.cjs runs the bundle, or the compiled modules when there is none.
 */
import { createHash } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Script } from "node:vm";
import { cachePath, cacheFile, loadBundle, stampBundle } from "../src/cli/code-cache.js";
import { packageRoot, readBuiltinSources, readCommonWords, snapshotPath, stemTablePath } from "../src/cli/knowledge-files.js";
import { DataError } from "../src/data/errors.js";
import { compileKnowledge } from "../src/lexicon/knowledge.js";
import { readSnapshot, writeSnapshot } from "../src/lexicon/snapshot.js";
import { stemTableText } from "../src/text/stem.js";

async function snapshot(root: string): Promise<void> {
  const sources = await readBuiltinSources(root);
  const json = writeSnapshot(compileKnowledge(sources), sources);
  // The snapshot must read back as the knowledge it was written from.
  const back = readSnapshot(json, sources);
  if (!back || writeSnapshot(back, sources) !== json) throw new Error("the knowledge snapshot does not read back as written");
  await writeFile(snapshotPath(root), json);
  console.log(`knowledge: ${snapshotPath(root)} (${(json.length / 1024).toFixed(0)} KB)`);
  const words = readCommonWords(root);
  await writeFile(stemTablePath(root), stemTableText(words));
  console.log(`stems: ${stemTablePath(root)} (${words.length} common words)`);
}

async function bundle(root: string): Promise<void> {
  let esbuild: typeof import("esbuild");
  try {
    esbuild = await import("esbuild");
  } catch {
    console.warn("esbuild is not installed: no bundle; bin/jdlint.cjs runs the compiled modules (slower to start)");
    return;
  }
  const dist = join(root, "dist");
  const cli = join(dist, "jdlint.cjs");
  const common: import("esbuild").BuildOptions = {
    bundle: true,
    platform: "node",
    target: "node20",
    minifySyntax: true,
    minifyWhitespace: true,
    minifyIdentifiers: true,
    legalComments: "none",
    logLevel: "warning",
  };
  const [out] = (
    await esbuild.build({
      ...common,
      entryPoints: [join(dist, "src/cli/bundle.js")],
      outfile: cli,
      write: false,
      // A script, for V8's code cache (src/cli/code-cache.ts): what is imported when first needed is run then,
      // not at start, and a package left out (below) is require()d.
      format: "cjs",
      supported: { "dynamic-import": false },
      define: { "import.meta.url": "__jdlintUrl" },
      // Loaded from node_modules when a config is there: it imports JavaScript configs itself, which a script cannot.
      external: ["cosmiconfig"],
      plugins: [hostImport, leanDependencies, lazyDependencies],
    })
  ).outputFiles;
  const text = asciiOnly(out!.text);
  // src/cli/code-cache.ts reads the bundle as Latin-1, which is right only for ASCII.
  if (/[^\x00-\x7f]/.test(text)) throw new Error("the bundle is not ASCII after escaping");
  const id = createHash("sha256").update(text).digest("hex").slice(0, 16);
  await writeFile(cli, stampBundle(text, id));
  await esbuild.build({
    ...common,
    entryPoints: { "jdlint-start": join(dist, "src/cli/bundle-main.js"), "jdlint-worker": join(dist, "src/cli/bundle-worker.js") },
    outdir: dist,
    outExtension: { ".js": ".cjs" },
    format: "cjs",
    define: { "import.meta.url": "__startUrl" },
    banner: { js: 'var __startUrl = require("node:url").pathToFileURL(__filename).href;' },
  });
  await writeFile(cachePath(cli), cacheFile(await warmRun(cli), id));
  console.log(`bundle: ${cli} (with its code cache), run by ${join(dist, "jdlint-start.cjs")} and ${join(dist, "jdlint-worker.cjs")}`);
}

/** The bundle, running as a script, imports configs and plugins through the import() of the module that runs it. */
const hostImport: import("esbuild").Plugin = {
  name: "host-import",
  setup(build) {
    build.onLoad({ filter: /[\\/]config[\\/]import-file\.js$/ }, () => ({
      contents: 'import { pathToFileURL } from "node:url";\nexport const importFile = (path) => __jdlintImport(pathToFileURL(path).href);\n',
      loader: "js",
    }));
  },
};

/**
 * Work two dependencies do as they load, for what jdlint never uses: commander requires child_process (for
 * subcommands run as programs), loaded here when first used; chalk detects the terminal's colours (jdlint
 * always sets the level), here its module that detects none.
 */
const leanDependencies: import("esbuild").Plugin = {
  name: "lean-dependencies",
  setup(build) {
    build.onResolve({ filter: /^(node:)?child_process$/ }, (args) => (/[\\/]commander[\\/]/.test(args.importer) ? { path: "child_process", namespace: "lazy" } : undefined));
    build.onLoad({ filter: /.*/, namespace: "lazy" }, () => ({
      contents: 'module.exports = new Proxy({}, { get: (_, key) => require("node:child_process")[key] });\n',
      loader: "js",
    }));
    build.onResolve({ filter: /^#supports-color$/ }, (args) =>
      /[\\/]chalk[\\/]/.test(args.importer) ? { path: join(dirname(args.importer), "vendor/supports-color/browser.js") } : undefined,
    );
  },
};

/**
 * src/deps/lazy.ts imports the dependencies only some runs need; in the bundle, each is set up on first use
 * (esbuild runs a module that is require()d when the require runs).
 */
const lazyDependencies: import("esbuild").Plugin = {
  name: "lazy-dependencies",
  setup(build) {
    build.onLoad({ filter: /[\\/]deps[\\/]lazy\.js$/ }, (args) => ({
      contents: [
        "let entities, parse5, yaml;",
        'export const entityDecoder = () => (entities ??= require("entities/decode"));',
        'export const htmlParser = () => (parse5 ??= require("parse5"));',
        'export const yamlParser = () => (yaml ??= require("yaml"));',
      ].join("\n"),
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

/**
 * esbuild leaves non-ASCII characters in regular expressions as they are; escaped, the bundle is ASCII, which
 * reads into a string twice as fast and half the size. An identity escape (`\•`) loses its backslash.
 */
function asciiOnly(text: string): string {
  return text.replace(/(\\*)([^\x00-\x7f])/g, (_, slashes: string, c: string) => `${slashes.length % 2 ? slashes.slice(1) : slashes}\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const SAMPLE = `# Marketing Manager

## What you'll do

- Make 60 cold calls a day to prospects and close new accounts against a monthly quota.
- Plan email campaigns and manage the social media calendar.
- Answer customer questions by phone and email.
`;

/** Lints a sample posting with the bundle, so that its code cache holds what a run compiles. */
async function warmRun(cli: string): Promise<Script> {
  const { exports, script } = loadBundle(cli, false);
  const dir = await mkdtemp(join(tmpdir(), "jdlint-build-"));
  try {
    await writeFile(join(dir, "posting.md"), SAMPLE);
    const silent = { write: () => undefined };
    await exports.run(["posting.md"], { ...exports.nodeIo(), cwd: dir, env: {}, stdout: silent, stderr: silent });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return script;
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
