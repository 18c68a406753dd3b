/**
 * The bench's playground section (tools/bench.ts): the page's size, and how long a pasted posting takes to show
 * its verdict in headless Chromium, from the paste to the next frame drawn. The page is built afresh into a
 * temporary folder; without Chromium only its size is measured.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { CHROMIUM, CHROMIUM_ARGS } from "./chromium.js";
import { buildPlayground, PAGE_BUDGET } from "./playground.js";

/** The verdict must show within this long of a paste. */
export const PASTE_BUDGET_MS = 300;

export interface PlaygroundFigures {
  pageBytes: number;
  scriptBytes: number;
  /** Null without Chromium. */
  browser: { version: string; loadMs: number[]; firstPasteMs: number[]; pasteMs: number[] } | null;
}

/** The sample postings, pasted in turn. */
function samples(root: string): string[] {
  const dir = join(root, "fixtures", "postings");
  return readdirSync(dir)
    .filter((f) => /\.(md|txt)$/.test(f))
    .sort()
    .map((f) => readFileSync(join(dir, f), "utf8"));
}

/** Pastes as the browser does (the input event a paste fires) and waits for the frame that shows the verdict. */
async function pasteAndTime(page: import("playwright-core").Page, text: string): Promise<number> {
  return page.evaluate(async (t) => {
    const area = document.querySelector<HTMLTextAreaElement>("#posting")!;
    const start = performance.now();
    area.value = t;
    area.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
    if (!document.querySelector("#results article.posting")) throw new Error("no verdict shown after the paste");
    await new Promise((done) => requestAnimationFrame(() => setTimeout(done, 0)));
    return performance.now() - start;
  }, text);
}

export async function measurePlayground(root: string, runs: number): Promise<PlaygroundFigures> {
  const dir = mkdtempSync(join(tmpdir(), "jdlint-bench-playground-"));
  try {
    const built = await buildPlayground(root, join(dir, "index.html"));
    const figures: PlaygroundFigures = { pageBytes: built.bytes, scriptBytes: built.scriptBytes, browser: null };
    if (!existsSync(CHROMIUM)) return figures;
    const { chromium } = await import("playwright-core");
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    try {
      const texts = samples(root);
      const loadMs: number[] = [];
      const firstPasteMs: number[] = [];
      const pasteMs: number[] = [];
      for (let run = 0; run < runs; run++) {
        const page = await browser.newPage();
        const started = performance.now();
        await page.goto(pathToFileURL(built.file).href);
        loadMs.push(performance.now() - started);
        // The first paste of a fresh page, then every sample pasted over the last.
        firstPasteMs.push(await pasteAndTime(page, texts[run % texts.length]!));
        for (const text of texts) pasteMs.push(await pasteAndTime(page, text));
        await page.close();
      }
      figures.browser = { version: browser.version(), loadMs, firstPasteMs, pasteMs };
    } finally {
      await browser.close();
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const kilobytes = (n: number) => `${Math.round(n / 1024).toLocaleString("en")} KB`;

/** The figures as rows of the bench's table; `spread` shows a list of times as the bench does. */
export function playgroundRows(f: PlaygroundFigures, spread: (xs: number[]) => string, median: (xs: number[]) => number): string[] {
  const ok = (pass: boolean) => (pass ? "✅ met" : "❌ not met");
  const rows = [
    `| Playground: the page (web/dist/index.html), one file | ${kilobytes(f.pageBytes)} | of which the script, knowledge included, ${kilobytes(f.scriptBytes)} | ≤ ${kilobytes(PAGE_BUDGET)} | ${ok(f.pageBytes <= PAGE_BUDGET)} |`,
  ];
  const b = f.browser;
  if (!b) return [...rows, `| Playground: paste to verdict | not measured: no Chromium at ${CHROMIUM} | | ≤ ${PASTE_BUDGET_MS} ms | |`];
  const slowest = Math.max(median(b.firstPasteMs), median(b.pasteMs));
  return [
    ...rows,
    `| Playground: paste to verdict, headless Chromium ${b.version} | first paste after loading ${spread(b.firstPasteMs)}; then ${spread(b.pasteMs)} (${b.pasteMs.length} pastes) | page load from file:// ${spread(b.loadMs)} | ≤ ${PASTE_BUDGET_MS} ms | ${ok(slowest <= PASTE_BUDGET_MS)} |`,
  ];
}
