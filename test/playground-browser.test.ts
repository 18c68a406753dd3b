import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LintResult } from "../src/engine/result.js";
import { fileFormat } from "../src/parsers/index.js";
import { buildPlayground } from "../tools/playground.js";
import { jdlint } from "./helpers/cli.js";
import { CHROMIUM, CHROMIUM_ARGS } from "./setup/browser.js";

const available = existsSync(CHROMIUM);
if (!available) console.warn(`playground browser test skipped: ${CHROMIUM} not found (test/setup/browser.ts installs it on Debian as root)`);

/** Where the screenshots go (not the repository): $JDLINT_SCREENSHOT_DIR, else a folder in the temporary directory. */
const SHOTS = process.env.JDLINT_SCREENSHOT_DIR ?? join(tmpdir(), "jdlint-playground");

// The sample postings whose format pasted text is read as (told from its first characters) is the one their name says.
const PASTED = ["fixtures/postings", "fixtures/duty-classes"]
  .flatMap((dir) => readdirSync(dir).filter((f) => /\.(md|txt)$/.test(f) && f !== "README.md").sort().map((f) => `${dir}/${f}`))
  .filter((f) => fileFormat("posting", readFileSync(f, "utf8")) === fileFormat(f, readFileSync(f, "utf8")));
const OPENED = ["fixtures/formats/same-posting/posting.html", "fixtures/formats/same-posting/greenhouse.json", "fixtures/postings/registered-nurse.txt"];

/** What the page shows of each posting, read from the DOM. */
interface Shown {
  title: string;
  status: string;
  summary: string;
  mix: Record<string, number>;
  retitles: string[];
  findings: string[];
  marks: string[];
}

async function shown(page: Page): Promise<Shown[]> {
  return page.$$eval("#results article.posting", (cards) =>
    cards.map((card) => {
      const bar = card.querySelector(".mix")!.getBoundingClientRect().width;
      const mix: Record<string, number> = {};
      for (const s of card.querySelectorAll<HTMLElement>(".mix .segment")) mix[s.classList[1]!] = s.getBoundingClientRect().width / bar;
      return {
        title: card.querySelector(".title")!.textContent!,
        status: card.querySelector(".badge")!.getAttribute("data-status")!,
        summary: card.querySelector(".summary")!.textContent!,
        mix,
        retitles: [...card.querySelectorAll(".suggested-title")].map((e) => e.textContent!),
        findings: [...card.querySelectorAll<HTMLElement>(".finding")].map((e) => `${e.dataset.rule} ${e.dataset.line}:${e.dataset.column}`),
        marks: [...card.ownerDocument.querySelectorAll(".text-view .tag:not(.legend .tag)")].map((e) => e.textContent!),
      };
    }),
  );
}

/** What the page should show, from the CLI's JSON. */
function expected(results: LintResult[]) {
  return results.map((r) => ({
    title: r.title ?? "(no title found)",
    status: r.verdict.status,
    summary: r.verdict.summary,
    retitles: r.verdict.suggestedTitles.map((s) => s.title),
    findings: r.messages.filter((m) => m.ruleId !== "title-duty-mismatch").map((m) => `${m.ruleId} ${m.line}:${m.column}`),
  }));
}

async function paste(page: Page, text: string): Promise<void> {
  await page.locator("#posting").focus();
  await page.evaluate((t) => {
    const area = document.querySelector<HTMLTextAreaElement>("#posting")!;
    area.value = t;
    area.dispatchEvent(new InputEvent("input", { inputType: "insertFromPaste", bubbles: true }));
  }, text);
}

describe.skipIf(!available)("the playground page in headless Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "jdlint-playground-"));
  const file = join(dir, "index.html");
  const cli = new Map<string, LintResult[]>();
  const outside: string[] = [];
  const errors: string[] = [];
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    await buildPlayground(process.cwd(), file);
    const run = await jdlint(["--no-config", "--format", "json", ...PASTED, ...OPENED]);
    for (const r of JSON.parse(run.stdout) as LintResult[]) cli.set(r.filePath, [...(cli.get(r.filePath) ?? []), r]);
    context = await chromium.launchPersistentContext(join(dir, "profile"), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    context.on("request", (r) => void (/^(file|data|blob):/.test(r.url()) || outside.push(r.url())));
    page = await context.newPage();
    page.on("pageerror", (e) => errors.push(e.message));
    page.setDefaultTimeout(10_000);
    await page.goto(pathToFileURL(file).href);
  }, 120_000);

  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("has postings to paste", () => {
    expect(PASTED.length).toBeGreaterThanOrEqual(15);
  });

  it("shows what to do before anything is pasted", async () => {
    await expect(page.locator("#results .empty").isVisible()).resolves.toBe(true);
    await expect(page.locator("label[for=posting]").isVisible()).resolves.toBe(true);
  });

  it("gives the CLI's verdict on every pasted sample posting", async () => {
    for (const path of PASTED) {
      await paste(page, readFileSync(path, "utf8"));
      const got = await shown(page);
      const want = cli.get(path)!;
      expect(got.map(({ mix: _, marks: __, ...rest }) => rest), path).toEqual(expected(want));
      // The duty mix bar: each family's share of its width; and a family tag for each duty line in the text.
      for (const [family, share] of Object.entries(want[0]!.verdict.dutyMix)) expect(got[0]!.mix[family] ?? 0, `${path} ${family}`).toBeCloseTo(share, 1);
      expect(got[0]!.marks.length, path).toBe(want[0]!.verdict.evidence.length);
    }
  }, 60_000);

  it("reads an opened file as its name says, as the CLI does", async () => {
    for (const path of OPENED) {
      await page.setInputFiles("#file", path);
      await page.waitForFunction((name) => document.querySelector("#format")!.textContent!.includes(name), path.split("/").pop()!);
      expect((await shown(page)).map(({ mix: _, marks: __, ...rest }) => rest), path).toEqual(expected(cli.get(path)!));
    }
  });

  it("marks each duty line in the text with its family", async () => {
    await page.click("#example");
    const marks = page.locator(".text-view mark.duty.sales");
    expect(await marks.count()).toBeGreaterThanOrEqual(5);
    expect(await marks.first().innerText()).toBe("Make 50 outbound calls and send 50 cold emails a day to fleet managers in your territory.");
    const background = await marks.first().evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
    mkdirSync(SHOTS, { recursive: true });
    await page.setViewportSize({ width: 1360, height: 900 });
    await page.screenshot({ path: join(SHOTS, "playground.png"), fullPage: true });
    expect(statSync(join(SHOTS, "playground.png")).size).toBeGreaterThan(20_000);
  });

  it("carries the posting in a share link's fragment, and opens it from there", async () => {
    const text = readFileSync("fixtures/duty-classes/marketing-manager-personal-quota.md", "utf8");
    await paste(page, text);
    const before = await shown(page);
    await page.click("#share");
    await page.waitForFunction(() => location.hash.length > 1);
    const link = page.url();
    const fragment = new URL(link).hash;
    expect(fragment).toMatch(/^#z=[\w-]+$/);
    expect(decodeURIComponent(fragment)).not.toContain("Marketing");
    const other = await context.newPage();
    await other.goto(link);
    await other.waitForSelector("#results article.posting");
    expect(await other.locator("#posting").inputValue()).toBe(text);
    const withoutWidths = (list: Shown[]) => list.map(({ mix: _, ...rest }) => rest);
    expect(withoutWidths(await shown(other))).toEqual(withoutWidths(before));
    await other.close();
  });

  it("fetches nothing and throws nothing", () => {
    expect(outside).toEqual([]);
    expect(errors).toEqual([]);
  });
});
