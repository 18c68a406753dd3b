import { existsSync, readFileSync } from "node:fs";
import { marked, type Tokens } from "marked";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import type { LintResult } from "../src/engine/result.js";
import { escapeMarkdown, markdown } from "../src/formatters/markdown.js";
import { isFlagged } from "../src/formatters/shared.js";
import { jdlint } from "./helpers/cli.js";

const load = (name: string) => JSON.parse(readFileSync(`fixtures/results/${name}.json`, "utf8")) as LintResult[];
const ctx = { color: false, cwd: "/repo", rules: builtinRules.map((r) => r.meta) };
const canLint = existsSync("rules/titles.yaml");

/** The summary table as GitHub-flavoured Markdown parses it: header and the cells' text. */
function table(md: string): { header: string[]; rows: string[][] } {
  const t = marked.lexer(md, { gfm: true }).find((tok): tok is Tokens.Table => tok.type === "table");
  expect(t, "a table").toBeDefined();
  return { header: t!.header.map((c) => c.text), rows: t!.rows.map((r) => r.map((c) => c.text)) };
}

/** What a reader sees: the rendered HTML with tags removed and entities decoded. */
function visibleText(md: string): string {
  const html = marked.parse(md, { gfm: true, async: false });
  return html.replace(/<[^>]*>/g, "").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#64;/g, "@").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

describe("markdown format", () => {
  it("has a summary table with a row per posting and five columns", () => {
    const md = markdown(load("sample"), ctx);
    const { header, rows } = table(md);
    expect(header).toEqual(["File", "Title", "Verdict", "Duty mix", "Suggested titles"]);
    expect(rows).toHaveLength(3);
    for (const row of rows) expect(row).toHaveLength(5);
    expect(md).toContain("| jobs/marketing-director-outbound.md | [Marketing Director](#posting-1) | ❌ fail mismatch |");
    expect(visibleText(md)).toContain("marketing 0% · sales 100% · customer service 0%");
    expect(visibleText(md)).toContain("Inside Sales Representative, Business Development Representative, Account Executive");
    expect(md).toMatch(/^3 postings, 2 flagged: 1 error, 1 warning\.$/m);
  });

  it("details a posting whose title passes but that another rule warns about, and counts it as flagged", () => {
    const [passing] = load("sample").filter((r) => r.verdict.status === "pass");
    const warned: LintResult = {
      ...passing!,
      warningCount: 1,
      messages: [{ ruleId: "self-sourced-pipeline", messageId: "selfSourced", severity: "warning", message: "The seller must find every lead alone.", line: 3, column: 1, endLine: 3, endColumn: 5 }],
    };
    const md = markdown([warned], ctx);
    expect(md).toMatch(/^1 posting, 1 flagged: 0 errors, 1 warning\.$/m);
    expect(visibleText(md)).toContain("The seller must find every lead alone.");
  });

  it("details each flagged posting with its messages, evidence and retitles", () => {
    const md = markdown(load("sample"), ctx);
    const headings = marked.lexer(md).filter((t): t is Tokens.Heading => t.type === "heading").map((h) => visibleText(h.raw).trim());
    expect(headings).toEqual(["jdlint report", "Details", "Marketing Director", "Customer Service Associate (cs-12)"]);
    const text = visibleText(md);
    expect(text).toContain("13:3 sales: Make 50 outbound calls and send 50 cold emails a day to fleet managers in your territory.");
    expect(text).toContain("13:8 50 calls per day");
    expect(text).toContain("Retitle as: Inside Sales Representative");
    expect(marked.parse(md, { async: false })).toMatch(/<a href="https:\/\/[^"]*\/rules\/docs\/title-duty-mismatch\.md">title-duty-mismatch<\/a>/);
  });

  it("keeps hostile text inside its cell and shows it as text, not markup", () => {
    const [hostile] = load("hostile");
    const md = markdown([hostile!], ctx);
    const { rows } = table(md);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveLength(5);
    const html = marked.parse(md, { gfm: true, async: false });
    expect(html).not.toMatch(/<script|<img|<b>|href="javascript/i);
    const text = visibleText(md);
    expect(text).toContain("<script>alert('x')</script> | Growth % Hacker ]]> @everyone (r<1>|&)");
    expect(text).toContain("Cold call <img src=x onerror=alert(1)> 100% of leads | [link](javascript:alert(1)) ]]> & more");
    expect(md).not.toContain("@everyone");
  });

  it("escapes one value onto one line", () => {
    expect(escapeMarkdown("a|b\r\n  *c*")).toBe("a\\|b \\*c\\*");
  });

  it.skipIf(!canLint)("summarises the bundled postings (through the CLI)", async () => {
    const { stdout, stderr } = await jdlint(["--format", "markdown", "fixtures/postings"]);
    expect(stderr).toBe("");
    const results = JSON.parse((await jdlint(["--format", "json", "fixtures/postings"])).stdout) as LintResult[];
    const { rows } = table(stdout);
    expect(rows).toHaveLength(results.length);
    for (const row of rows) expect(row).toHaveLength(5);
    const flagged = results.filter(isFlagged).length;
    expect(marked.lexer(stdout).filter((t) => t.type === "heading" && t.depth === 3)).toHaveLength(flagged);
  });
});
