import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { stylish } from "../src/formatters/stylish.js";
import { lintText } from "../src/index.js";
import { jdlint } from "./helpers/cli.js";

const SELF_SOURCED = `# Account Executive

## Responsibilities
- Find and qualify new leads yourself through cold calling and networking.
- Negotiate prices, close deals and hit your monthly sales target.
- Manage your own book of business and upsell existing accounts.
`;

const CLEAN = `# Account Executive

## Responsibilities
- Work the inbound leads our marketing team qualifies for you.
- Negotiate prices, close deals and hit your monthly sales target.
- Manage your book of business and upsell existing accounts.

## Pay
- $60,000-$75,000 a year plus commission.
`;

const report = async (text: string) => stylish(await lintText(text, { filePath: "posting.md", config: { configFile: false } }), { cwd: process.cwd(), color: false });

describe("stylish", () => {
  it("does not mark a posting as passing when other rules found problems: its title is ok, no more", async () => {
    const out = await report(SELF_SOURCED);
    expect(out).toContain("⚠ title ok  title says sales");
    expect(out).not.toMatch(/✔ pass/);
    expect(out).toMatch(/self-sourced-pipeline/);
    expect(out).toMatch(/in 1 posting, 1 flagged$/m);
  });

  it("marks a posting with no problems as passing", async () => {
    const out = await report(CLEAN);
    expect(out).toContain("✔ pass  title says sales");
    expect(out).toMatch(/^✔ 1 posting linted, no problems$/m);
  });

  it("counts in its summary the inputs that could not be read, which fail the run", async () => {
    const dir = mkdtempSync(join(tmpdir(), "jdlint-stylish-"));
    try {
      writeFileSync(join(dir, "ok.md"), CLEAN);
      writeFileSync(join(dir, "bad.json"), "{not json");
      const r = await jdlint([".", "missing.md"], { cwd: dir });
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split("\n")).toHaveLength(2);
      expect(r.stdout).toMatch(/^✖ 1 posting linted, no problems; 2 inputs could not be read \(reported on standard error\)$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
