import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyDirectives, commentDirectives, UNUSED_DIRECTIVE } from "../src/engine/directives.js";
import type { LintResult } from "../src/engine/result.js";
import type { LintMessage } from "../src/engine/types.js";
import type { TextComment } from "../src/model/document.js";
import { jdlint } from "./helpers/cli.js";

// Directives in structured inputs stand in the posting's text fields, in the form Markdown takes:
// `<!-- jdlint-disable-next-line rule -->` before a line of a description, a CSV cell or a JSON-LD list.
// Each format below holds the same posting: a marketing title over two selling duties, the first with a quota.

const TITLE = "Marketing Director";
const QUOTA_LINE = "Make 50 cold calls a day to book meetings.";
const DUTIES = [QUOTA_LINE, "Close deals with new customers and hit your sales quota."];
const MISMATCH = "title-duty-mismatch";
const QUOTA = "activity-quota";

/** The duties as lines of a field's text, with comments among them (by the index of the duty they stand before). */
type Comments = Record<number, string>;
const lines = (c: Comments) => ["Responsibilities", ...DUTIES.flatMap((d, i) => [...(c[i] ? [c[i]!] : []), `- ${d}`]), ...(c[DUTIES.length] ? [c[DUTIES.length]!] : [])];
const html = (c: Comments) => `<h2>Responsibilities</h2><ul>${DUTIES.map((d, i) => `${c[i] ?? ""}<li>${d}</li>`).join("")}</ul>${c[DUTIES.length] ?? ""}`;
const escapeHtml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
const jsonLd = (c: Comments) => ({
  "@context": "https://schema.org",
  "@type": "JobPosting",
  title: TITLE,
  // A list: a comment is an item of its own, and its next line is the next item.
  responsibilities: [...DUTIES.flatMap((d, i) => [...(c[i] ? [c[i]!] : []), d]), ...(c[DUTIES.length] ? [c[DUTIES.length]!] : [])],
});

/** Each structured format, by file name: the posting with the comments given. */
const FORMATS: Record<string, (c: Comments) => string> = {
  "record.json": (c) => JSON.stringify({ id: "r1", title: TITLE, description: lines(c).join("\n") }, null, 2),
  "sections.json": (c) => JSON.stringify({ id: "r2", title: TITLE, sections: { responsibilities: lines(c).join("\r\n") } }),
  "posting.jsonld": (c) => JSON.stringify(jsonLd(c), null, 2),
  "greenhouse.json": (c) => JSON.stringify({ id: 7, title: TITLE, content: escapeHtml(html(c)) }),
  "lever.json": (c) => JSON.stringify({ id: "l1", text: TITLE, lists: [{ text: "What you'll do", content: `${DUTIES.map((d, i) => `${c[i] ?? ""}<li>${d}</li>`).join("")}${c[DUTIES.length] ?? ""}` }] }),
  "feed.jsonl": (c) => `${JSON.stringify({ id: "other", title: "Sales Representative", description: "Sell vans." })}\n${JSON.stringify({ id: "j1", title: TITLE, description: lines(c).join("\n") })}\n`,
  "rows.csv": (c) => `id,title,description\nc1,${TITLE},"${lines(c).join("\n").replace(/"/g, '""')}"\n`,
  "page.html": (c) => `<!doctype html>\n<html><head>\n<script type="application/ld+json">\n${JSON.stringify(jsonLd(c), null, 1)}\n</script>\n</head><body><h1>${TITLE}</h1></body></html>\n`,
};

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "jdlint-directives-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function lintText(name: string, text: string, extra: string[] = []): Promise<{ result: LintResult; stderr: string }> {
  writeFileSync(join(dir, name), text);
  const { stdout, stderr } = await jdlint(["--format", "json", "--no-config", ...extra, name], { cwd: dir });
  const results = JSON.parse(stdout) as LintResult[];
  return { result: results.find((r) => r.title === TITLE)!, stderr };
}

const rulesOf = (r: LintResult) => r.messages.map((m) => m.ruleId);

/** The 1-based line and column of `offset` in `text`, lines ending at \n, \r\n or a lone \r. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const breaks = [...before.matchAll(/\r\n|\r|\n/g)];
  const last = breaks[breaks.length - 1];
  return { line: breaks.length + 1, column: offset - (last ? last.index + last[0].length : 0) + 1 };
}

describe.each(Object.keys(FORMATS))("directives in %s", (name) => {
  const render = FORMATS[name]!;

  it("without directives, the title and the quota are both reported", async () => {
    const { result, stderr } = await lintText(name, render({}));
    expect(stderr).toBe("");
    expect(rulesOf(result)).toEqual(expect.arrayContaining([MISMATCH, QUOTA]));
  });

  it("disable-next-line before a line of text silences that line only", async () => {
    const { result } = await lintText(name, render({ 0: `<!-- jdlint-disable-next-line ${QUOTA} -- agreed with the client -->` }));
    expect(rulesOf(result)).toContain(MISMATCH);
    expect(rulesOf(result)).not.toContain(QUOTA);
    // Before the other line, it silences nothing.
    const { result: other } = await lintText(name, render({ 1: `<!-- jdlint-disable-next-line ${QUOTA} -->` }));
    expect(rulesOf(other)).toContain(QUOTA);
  });

  it("a disable anywhere in a field covers the whole record, title included", async () => {
    const { result } = await lintText(name, render({ [DUTIES.length]: `<!-- jdlint-disable ${MISMATCH} -->` }));
    expect(rulesOf(result)).not.toContain(MISMATCH);
    expect(rulesOf(result)).toContain(QUOTA);
  });

  it("an unused directive is reported where it stands in the file", async () => {
    const comment = "<!-- jdlint-disable-next-line no-such-rule -->";
    const text = render({ 1: comment });
    const { result } = await lintText(name, text, ["--report-unused-disable-directives"]);
    const unused = result.messages.filter((m) => m.ruleId === UNUSED_DIRECTIVE);
    const stored = [comment, escapeHtml(comment), JSON.stringify(comment).slice(1, -1)].map((c) => text.indexOf(c)).find((i) => i >= 0)!;
    expect(unused.map((m) => ({ line: m.line, column: m.column }))).toEqual([positionOf(text, stored)]);
  });
});

describe("directives in a page around its JSON-LD posting", () => {
  it("a page comment's disable covers the page's postings, wherever it stands", async () => {
    const page = FORMATS["page.html"]!({}).replace("<h1>", `<!-- jdlint-disable ${MISMATCH} -->\n<h1>`);
    const { result } = await lintText("page.html", page);
    expect(rulesOf(result)).not.toContain(MISMATCH);
    expect(rulesOf(result)).toContain(QUOTA);
  });

  it("is read from a page fetched by URL, and from JSON a URL serves", async () => {
    const next = { 0: `<!-- jdlint-disable-next-line ${QUOTA} -->` };
    const bodies: Record<string, [string, string]> = {
      "/job": ["text/html", FORMATS["page.html"]!(next)],
      "/api/job": ["application/json", FORMATS["greenhouse.json"]!(next)],
    };
    const server: Server = createServer((req, res) => {
      const [type, body] = bodies[req.url ?? ""] ?? ["text/plain", ""];
      res.writeHead(type === "text/plain" ? 404 : 200, { "content-type": type });
      res.end(body);
    });
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    try {
      const { port } = server.address() as { port: number };
      for (const path of Object.keys(bodies)) {
        const { stdout, stderr } = await jdlint(["--format", "json", "--no-config", `http://127.0.0.1:${port}${path}`]);
        expect(stderr).toBe("");
        const [result] = JSON.parse(stdout) as LintResult[];
        expect(rulesOf(result!), path).toContain(MISMATCH);
        expect(rulesOf(result!), path).not.toContain(QUOTA);
      }
    } finally {
      await new Promise((done) => server.close(done));
    }
  });
});

describe("commentDirectives", () => {
  const at = (line: number, column: number) => ({ line, column, endLine: line, endColumn: column + 10 });
  const comment = (text: string, line: number, column: number, field: number | null, nextLine: TextComment["nextLine"] = null): TextComment => ({
    text,
    location: at(line, column),
    nextLine,
    field,
  });
  const msg = (ruleId: string, line: number, column: number): LintMessage => ({ ruleId, messageId: "m", severity: "error", message: "m", line, column, endLine: line, endColumn: column + 1 });

  it("a disable with a jdlint-enable after it in its field covers only what stands between them", () => {
    const directives = commentDirectives([
      comment("<!-- jdlint-disable a -->", 1, 10, 0),
      comment("<!-- jdlint-enable a -->", 1, 50, 0),
      comment("<!-- jdlint-disable b -->", 1, 70, 1),
      comment("<!-- not a directive -->", 1, 80, 1),
    ]);
    expect(directives.map((d) => [d.kind, d.rules, d.wholeRecord ?? false])).toEqual([
      ["disable", ["a"], false],
      ["enable", ["a"], false],
      ["disable", ["b"], true],
    ]);
    const messages = [msg("a", 1, 5), msg("a", 1, 20), msg("a", 1, 60), msg("b", 1, 2)];
    expect(applyDirectives(messages, directives).map((m) => `${m.ruleId}@${m.column}`)).toEqual(["a@5", "a@60"]);
  });

  it("a disable-next-line covers the range its next line stands at, and nothing without one", () => {
    const directives = commentDirectives([
      comment("<!-- jdlint-disable-next-line -->", 3, 10, 0, { line: 3, column: 40, endLine: 3, endColumn: 80 }),
      comment("<!-- jdlint-disable-next-line -->", 3, 90, 0, null),
    ]);
    const messages = [msg("a", 3, 39), msg("a", 3, 40), msg("b", 3, 80), msg("a", 3, 81), msg("a", 4, 1)];
    const kept = applyDirectives(messages, directives, true);
    expect(kept.map((m) => `${m.ruleId}@${m.line}:${m.column}`)).toEqual(["a@3:39", "a@3:81", `${UNUSED_DIRECTIVE}@3:90`, "a@4:1"]);
  });
});
