import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jdlint } from "./helpers/cli.js";
import { CHROMIUM, CHROMIUM_ARGS as ARGS } from "./setup/browser.js";

const available = existsSync(CHROMIUM);
if (!available) console.warn(`browser test skipped: ${CHROMIUM} not found (test/setup/browser.ts installs it on Debian as root)`);

describe.skipIf(!available)("the HTML report in headless Chromium", () => {
  const dir = mkdtempSync(join(tmpdir(), "jdlint-browser-"));
  const report = join(dir, "report.html");
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    const run = await jdlint(["--format", "html", "-o", report, "fixtures/formats/same-posting/posting.md", "fixtures/postings/software-engineer.md"]);
    expect(run.code).toBe(1);
    context = await chromium.launchPersistentContext(join(dir, "profile"), { executablePath: CHROMIUM, headless: true, args: ARGS });
    page = await context.newPage();
    page.setDefaultTimeout(5000);
    await page.goto(pathToFileURL(report).href);
    if (process.env.JDLINT_SCREENSHOT) await page.screenshot({ path: process.env.JDLINT_SCREENSHOT, fullPage: true });
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("shows a failing verdict row with the title and its retitles", async () => {
    const row = page.locator("tr.verdict-row", { hasText: "Marketing Coordinator" });
    await expect(row.isVisible()).resolves.toBe(true);
    expect(await row.locator(".badge").innerText()).toMatch(/fail/i);
    expect(await row.locator(".suggested-title").first().innerText()).toBe("Junior Account Executive");
    const passing = page.locator("tr.verdict-row", { hasText: "Senior Backend Engineer" });
    expect(await passing.locator(".badge").innerText()).toMatch(/pass/i);
  });

  it("draws the duty mix as a bar a person can see: all sales", async () => {
    const bar = page.locator("tr.verdict-row", { hasText: "Marketing Coordinator" }).locator(".duty-mix");
    const whole = (await bar.boundingBox())!;
    const sales = (await bar.locator(".segment.sales").boundingBox())!;
    expect(whole.width).toBeGreaterThan(50);
    expect(sales.width).toBeCloseTo(whole.width, 0);
    expect(sales.height).toBeGreaterThan(5);
    const colour = await bar.locator(".segment.sales").evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(colour).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
  });

  it("highlights the evidence lines in the posting's details", async () => {
    const marks = page.locator("#posting-1 mark.evidence.sales");
    expect(await marks.count()).toBeGreaterThan(2);
    await expect(marks.first().isVisible()).resolves.toBe(true);
    expect(await marks.first().innerText()).toBe("Make 80 cold calls a day to homeowners from a lead list");
    const background = await marks.first().evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).not.toMatch(/rgba\(0, 0, 0, 0\)|transparent/);
  });
});
