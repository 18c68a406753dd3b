/**
 * Builds the browser playground: web/dist/index.html, one self-contained page (no server, no network; it opens
 * from the file system) that runs the CLI's own core on a pasted posting. The knowledge is compiled here, at build
 * time, and carried in the page with the stems of the common words; the script and the style are inlined.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { readBuiltinSources, readCommonWords } from "../src/cli/knowledge-files.js";
import { compileKnowledge } from "../src/lexicon/knowledge.js";
import { writeSnapshot } from "../src/lexicon/snapshot.js";
import { stemTableText } from "../src/text/stem.js";
import { textless, type EmbeddedKnowledge } from "../web/src/knowledge.js";

/** The most the page may weigh, script, knowledge and style together. */
export const PAGE_BUDGET = 1.5 * 1024 * 1024;

/** The posting the page shows as an example: a bundled sample, without its test expectations. */
const EXAMPLE = "fixtures/postings/marketing-director-outbound.md";

export function playgroundFile(root: string): string {
  return join(root, "web", "dist", "index.html");
}

/** The knowledge the page carries, compiled from the YAML under rules/. */
export async function playgroundKnowledge(root: string): Promise<EmbeddedKnowledge> {
  const sources = await readBuiltinSources(root);
  const names = textless(sources);
  return { snapshot: writeSnapshot(compileKnowledge(sources), names), sources: names, stems: stemTableText(readCommonWords(root)) };
}

export interface BuiltPage {
  file: string;
  /** The whole page, in bytes. */
  bytes: number;
  /** Of which the script (code and knowledge). */
  scriptBytes: number;
}

/** Builds the page into `outFile`. Throws when the script would not be safe to inline. */
export async function buildPlayground(root: string, outFile = playgroundFile(root)): Promise<BuiltPage> {
  const esbuild = await import("esbuild");
  const knowledge = await playgroundKnowledge(root);
  const example = (await readFile(join(root, EXAMPLE), "utf8")).replace(/^<!--[\s\S]*?-->\s*/, "");
  const { version } = JSON.parse(await readFile(join(root, "package.json"), "utf8")) as { version: string };
  const embedded: import("esbuild").Plugin = {
    name: "embedded",
    setup(build) {
      build.onResolve({ filter: /^jdlint:embedded$/ }, () => ({ path: "embedded", namespace: "jdlint" }));
      build.onLoad({ filter: /.*/, namespace: "jdlint" }, () => ({
        contents: [
          `export const knowledge = ${JSON.stringify(knowledge)};`,
          `export const example = ${JSON.stringify(example)};`,
          `export const version = ${JSON.stringify(version)};`,
        ].join("\n"),
        loader: "js",
      }));
    },
  };
  const script = await esbuild.build({
    entryPoints: [join(root, "web", "src", "main.ts")],
    bundle: true,
    write: false,
    platform: "browser",
    format: "iife",
    target: ["es2022", "chrome100", "firefox100", "safari15.4"],
    minify: true,
    legalComments: "none",
    logLevel: "warning",
    // The core never touches Node; a module that tried would fail the build here rather than in a browser.
    plugins: [embedded, noNodeModules],
  });
  const style = await esbuild.transform(await readFile(join(root, "web", "src", "style.css"), "utf8"), { loader: "css", minify: true });
  const js = inlineScript(script.outputFiles[0]!.text);
  const template = await readFile(join(root, "web", "index.html"), "utf8");
  const page = fill(template, { "jdlint:style": `<style>${style.code.trim()}</style>`, "jdlint:script": `<script>${js}</script>` });
  const bytes = Buffer.byteLength(page);
  await mkdir(dirname(outFile), { recursive: true });
  await writeFile(outFile, page);
  return { file: outFile, bytes, scriptBytes: Buffer.byteLength(js) };
}

const noNodeModules: import("esbuild").Plugin = {
  name: "no-node-modules",
  setup(build) {
    build.onResolve({ filter: /^node:|^(fs|path|url|os|child_process|worker_threads|stream|util|crypto)$/ }, (args) => ({
      errors: [{ text: `the playground cannot use Node's "${args.path}" (imported by ${args.importer})` }],
    }));
  },
};

/** Replaces each `<!-- name -->` of the template; a placeholder missing from it is an error. */
function fill(template: string, parts: Record<string, string>): string {
  let page = template;
  for (const [name, value] of Object.entries(parts)) {
    const placeholder = `<!-- ${name} -->`;
    if (!page.includes(placeholder)) throw new Error(`web/index.html has no ${placeholder}`);
    page = page.replace(placeholder, () => value);
  }
  return page;
}

/**
 * A script made safe to stand inside <script>: `</script` cannot end it early (`<\/` means `</` in strings,
 * templates and regular expressions alike). An HTML comment opener followed by `<script` before its `-->`
 * would hide the real end tag; the build refuses such a script rather than rewrite it.
 */
export function inlineScript(js: string): string {
  const safe = js.replace(/<\/(script)/gi, "<\\/$1");
  for (let at = safe.indexOf("<!--"); at >= 0; at = safe.indexOf("<!--", at + 4)) {
    const close = safe.indexOf("-->", at + 4);
    const between = safe.slice(at, close < 0 ? safe.length : close).toLowerCase();
    if (between.includes("<script")) throw new Error("the playground's script holds `<!--` then `<script`, which would break the page");
  }
  return safe;
}
