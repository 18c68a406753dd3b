import { existsSync, readFileSync } from "node:fs";
import { parse, type DefaultTreeAdapterMap } from "parse5";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import type { LintResult } from "../src/engine/result.js";
import { html } from "../src/formatters/html.js";
import { jdlint } from "./helpers/cli.js";

type Node = DefaultTreeAdapterMap["node"];
type Element = DefaultTreeAdapterMap["element"];

const load = (name: string) => JSON.parse(readFileSync(`fixtures/results/${name}.json`, "utf8")) as LintResult[];
const ctx = { color: false, cwd: "/repo", rules: builtinRules.map((r) => r.meta), version: "0.1.0" };
const canLint = existsSync("rules/titles.yaml");

/** Parses as a browser does, failing on any HTML parse error (the spec's list, which parse5 reports). */
function page(text: string): Element[] {
  const errors: string[] = [];
  const doc = parse(text, { onParseError: (e) => void errors.push(`${e.code} at ${e.startLine}:${e.startCol}`) });
  expect(errors).toEqual([]);
  const all: Element[] = [];
  const walk = (n: Node) => {
    if ("tagName" in n) all.push(n);
    const kids = "content" in n ? (n.content as Node).childNodes : "childNodes" in n ? n.childNodes : [];
    for (const c of kids ?? []) walk(c);
  };
  walk(doc);
  return all;
}

const attr = (e: Element, name: string) => e.attrs.find((a) => a.name === name)?.value;
const classes = (e: Element) => (attr(e, "class") ?? "").split(/\s+/);
const select = (els: Element[], tag: string | null, cls?: string) => els.filter((e) => (!tag || e.tagName === tag) && (!cls || classes(e).includes(cls)));
function text(n: Node): string {
  if (n.nodeName === "#text") return (n as DefaultTreeAdapterMap["textNode"]).value;
  return "childNodes" in n ? n.childNodes.map(text).join("") : "";
}
const within = (e: Element, tag: string | null, cls?: string) => select(descendants(e), tag, cls);
function descendants(e: Element): Element[] {
  const out: Element[] = [];
  for (const c of e.childNodes) if ("tagName" in c) out.push(c, ...descendants(c));
  return out;
}

describe("html format", () => {
  it("is one self-contained page: no scripts, no external assets", () => {
    const els = page(html(load("sample"), ctx));
    expect(select(els, "script")).toEqual([]);
    expect(select(els, "link")).toEqual([]);
    expect(els.filter((e) => attr(e, "src") !== undefined)).toEqual([]);
    expect(select(els, "style")).toHaveLength(1);
    expect(text(select(els, "title")[0]!)).toBe("jdlint report");
  });

  it("shows totals and a verdict row per posting with badge, families, duty mix and retitles", () => {
    const els = page(html(load("sample"), ctx));
    expect(text(select(els, "p", "totals")[0]!).replace(/\s+/g, " ")).toBe("3 postings · 2 flagged · 1 error · 1 warning");
    const rows = select(els, "tr", "verdict-row");
    expect(rows.map((r) => attr(r, "data-status"))).toEqual(["fail", "warn", "pass"]);
    const [fail] = rows;
    const cell = (cls: string) => text(within(fail!, null, cls)[0]!);
    expect(cell("badge")).toBe("fail");
    expect(cell("title")).toBe("Marketing Director");
    expect(cell("file")).toBe("jobs/marketing-director-outbound.md");
    expect(cell("families")).toBe("marketing vs sales");
    expect(cell("duty-mix-label")).toBe("marketing 0% · sales 100% · customer service 0%");
    const segments = within(fail!, "span", "segment");
    expect(segments.map((s) => [classes(s)[1], attr(s, "style")])).toEqual([
      ["marketing", "width:0.0%"],
      ["sales", "width:100.0%"],
      ["customer_service", "width:0.0%"],
    ]);
    expect(within(fail!, "li", "suggested-title").map(text)).toEqual(["Inside Sales Representative", "Business Development Representative", "Account Executive"]);
    const mixed = within(rows[2]!, "span", "segment").map((s) => attr(s, "style"));
    expect(mixed).toEqual(["width:45.0%", "width:50.0%", "width:5.0%"]);
  });

  it("details each posting with its evidence highlighted by family, with line and column", () => {
    const els = page(html(load("sample"), ctx));
    const sections = select(els, "section", "posting");
    expect(sections.map((s) => attr(s, "id"))).toEqual(["posting-1", "posting-2", "posting-3"]);
    const lines = within(sections[0]!, "li", "evidence-line");
    expect(lines.map((l) => text(within(l, "span", "location")[0]!))).toEqual(["13:3", "16:3"]);
    const marks = within(sections[0]!, "mark", "evidence");
    expect(marks.map((m) => classes(m))).toEqual([["evidence", "sales"], ["evidence", "sales"]]);
    expect(text(marks[0]!)).toBe("Make 50 outbound calls and send 50 cold emails a day to fleet managers in your territory.");
    const link = within(sections[0]!, "a", undefined).find((a) => text(a) === "title-duty-mismatch");
    expect(attr(link!, "href")).toMatch(/^https:\/\/.*\/rules\/docs\/title-duty-mismatch\.md$/);
  });

  it("shows hostile text as text", () => {
    const [hostile] = load("hostile");
    const out = html([hostile!], ctx);
    expect(out).not.toMatch(/<script|<img|<b>/i);
    const els = page(out);
    expect(select(els, "script")).toEqual([]);
    expect(select(els, "img")).toEqual([]);
    expect(select(els, "b")).toEqual([]);
    const row = select(els, "tr", "verdict-row")[0]!;
    expect(text(within(row, "td", "title")[0]!)).toBe(`${hostile!.title} (${hostile!.recordId})`);
    expect(text(within(row, "li", "suggested-title")[0]!)).toBe('Sales <b>Rep</b> | "Closer"');
    const mark = select(els, "mark", "evidence")[0]!;
    expect(text(mark)).toBe("Cold call <img src=x onerror=alert(1)> 100% of\nleads | [link](javascript:alert(1)) ]]> & more");
  });

  it.skipIf(!canLint)("reports the bundled postings (through the CLI)", async () => {
    const { stdout, stderr } = await jdlint(["--format", "html", "fixtures/postings"]);
    expect(stderr).toBe("");
    const results = JSON.parse((await jdlint(["--format", "json", "fixtures/postings"])).stdout) as LintResult[];
    const els = page(stdout);
    const rows = select(els, "tr", "verdict-row");
    expect(rows.map((r) => attr(r, "data-status"))).toEqual(results.map((r) => r.verdict.status));
    expect(select(els, "div", "duty-mix")).toHaveLength(results.length);
    expect(select(els, "mark", "evidence")).toHaveLength(results.reduce((s, r) => s + r.verdict.evidence.length, 0));
  });
});
