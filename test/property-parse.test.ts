import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { decodeText } from "../src/cli/decode.js";
import { loadBuiltinKnowledge } from "../src/cli/knowledge-files.js";
import { checkOptions } from "../src/config/rules.js";
import { InputError } from "../src/data/errors.js";
import { documentDirectives, frontMatterSettings } from "../src/engine/directives.js";
import { lintDocument, type LintSettings } from "../src/engine/linter.js";
import type { LintResult } from "../src/engine/result.js";
import { DEFAULT_THRESHOLDS } from "../src/judge/thresholds.js";
import { lineStarts } from "../src/model/locator.js";
import { INPUT_FORMATS, parsePostings, type InputFormat } from "../src/parsers/index.js";
import { jdlint } from "./helpers/cli.js";

// For any text or bytes, in every input format: parsing and linting never throw (but an InputError, which the
// CLI reports as one line), always finish, report every position inside the input, and give the same answer
// twice. The bulk runs on the pure core; a few hundred cases go through the real command line.
// JDLINT_PROPERTY_RUNS scales the number of cases (the default runs about 17,000 here; property-regex.test.ts runs 27,000 more).

const SCALE = Number(process.env.JDLINT_PROPERTY_RUNS ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)) });

let settings: LintSettings;
beforeAll(async () => {
  const knowledge = await loadBuiltinKnowledge();
  settings = { knowledge, rules: builtinRules.map((rule) => ({ rule, severity: rule.meta.defaultSeverity, options: checkOptions(rule, {}) })), thresholds: DEFAULT_THRESHOLDS };
});

// Pieces of postings and of every format's syntax, so that random strings reach deep into the parsers.
const PIECES = [
  "Sales Representative", "Marketing Manager", "Customer Service Agent", "Responsibilities", "Requirements:", "What you'll do",
  "Make 80 cold calls a day.", "Close deals", "manage social media campaigns", "answer customer tickets", "quota", "$120k OTE",
  "# ", "## ", "- ", "* ", "1. ", "**", "__", "---", "title: ", "---\n", "```", "<!-- jdlint-disable -->", "<!-- jdlint-disable-next-line title-duty-mismatch -->",
  "# jdlint-disable", "jdlint:\n  expect: sales\n", "<h1>", "</h1>", "<p>", "</p>", "<li>", "<ul>", "<br>", "<div hidden>", "<script type=\"application/ld+json\">",
  "</script>", "<!doctype html>", "<html>", "&amp;", "&lt;b&gt;", "&#x27;", "&nbsp;", "{", "}", "[", "]", ":", ",", "\"", "\\", "\"title\"", "\"description\"",
  "\"@type\": \"JobPosting\"", "\"content\"", "\"text\"", "\"lists\"", "\"sections\"", "title,description", ";", "\t", "\n", "\r\n", "\r", " ", "  ", "\u2028",
  "\uFEFF", "é", "中文", "😀", "\u0000", "\uD800", ".", "!", "?", "e.g.", "Inc.", "when neededMaintain", "growth.Responsibilities:Perform",
];
const pieceText = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((a) => a.join(""));
const anyText = fc.oneof(pieceText, fc.string({ unit: "binary", maxLength: 200 }), fc.string({ unit: "grapheme-ascii", maxLength: 200 }));
const field = fc.oneof(pieceText, fc.string({ maxLength: 40 }), fc.array(pieceText, { maxLength: 3 }), fc.integer(), fc.constant(null));

/** Structured postings, so that JSON, JSONL and CSV inputs are not all rejected at the first character. */
const jsonPosting = fc.oneof(
  fc.record({ id: fc.oneof(fc.string(), fc.integer()), title: field, description: field, sections: fc.dictionary(fc.string({ maxLength: 12 }), field, { maxKeys: 3 }) }, { requiredKeys: [] }),
  fc.record({ "@context": fc.constant("https://schema.org"), "@type": fc.constant("JobPosting"), title: field, description: field, responsibilities: field, qualifications: field }, { requiredKeys: ["@type"] }),
  fc.record({ id: fc.integer(), title: field, content: pieceText }, { requiredKeys: ["content"] }),
  fc.record({ id: fc.string(), text: pieceText, descriptionPlain: field, lists: fc.array(fc.record({ text: field, content: field }), { maxLength: 3 }) }, { requiredKeys: ["text"] }),
);
const structured: Record<string, fc.Arbitrary<string>> = {
  json: fc.oneof(jsonPosting.map((p) => JSON.stringify(p, null, 2)), fc.array(jsonPosting, { maxLength: 4 }).map((a) => JSON.stringify(a, null, 1))),
  jsonl: fc.array(fc.oneof(jsonPosting.map((p) => JSON.stringify(p)), pieceText), { maxLength: 5 }).map((a) => a.join("\n")),
  csv: fc
    .tuple(fc.constantFrom("title,description", "id;title;responsibilities", "Job Name\tBody"), fc.array(fc.array(fc.oneof(pieceText, pieceText.map((t) => `"${t.replace(/"/g, '""')}"`)), { maxLength: 3 }), { maxLength: 4 }))
    .map(([head, rows]) => [head, ...rows.map((r) => r.join(head.includes(";") ? ";" : head.includes("\t") ? "\t" : ","))].join("\n")),
};
structured.jsonld = structured.json!;
structured.greenhouse = structured.json!;
structured.lever = structured.json!;
structured.record = structured.json!;

const EXT: Record<InputFormat, string> = { text: "txt", markdown: "md", html: "html", json: "json", jsonl: "jsonl", csv: "csv", jsonld: "json", greenhouse: "json", lever: "json", record: "json" };

/** Every line/column a result reports, each checked against the input's lines. */
function positionsOf(r: LintResult): Array<[string, number, number]> {
  const out: Array<[string, number, number]> = [];
  for (const m of r.messages) out.push(["message", m.line, m.column], ["message end", m.endLine, m.endColumn]);
  for (const e of r.verdict.evidence) out.push(["evidence", e.line, e.column], ["evidence end", e.endLine, e.endColumn]);
  for (const q of r.verdict.quotas) out.push(["quota", q.line, q.column]);
  return out;
}

/** Every format, JSONL too, numbers lines as the locator does: a line ends at \n, \r\n or a lone \r. */
function expectInside(text: string, r: LintResult): void {
  const starts = lineStarts(text);
  const lengthOf = (line: number) => {
    const start = starts[line - 1]!;
    const next = starts[line] ?? text.length + 1;
    // Without its line break: \n, \r\n or a lone \r.
    const end = next - 1 - (text[next - 2] === "\r" && text[next - 1] === "\n" ? 1 : 0);
    return Math.min(end, text.length) - start;
  };
  for (const [what, line, column] of positionsOf(r)) {
    expect(Number.isInteger(line) && line >= 1 && line <= starts.length, `${what} line ${line} of ${starts.length}`).toBe(true);
    expect(Number.isInteger(column) && column >= 1 && column <= lengthOf(line) + 1, `${what} column ${column} on line ${line} (${lengthOf(line)} long)`).toBe(true);
  }
}

/** Parses and lints as the CLI does; an InputError is a reported input problem, anything else thrown fails. */
function lintAll(text: string, format: InputFormat): Array<LintResult | string> {
  const out: Array<LintResult | string> = [];
  try {
    for (const doc of parsePostings(settings.knowledge, text, `posting.${EXT[format]}`, { format })) {
      if (doc instanceof InputError) {
        out.push(`${doc.line}: ${doc.reason}`);
        continue;
      }
      frontMatterSettings(doc.meta);
      const directives = documentDirectives(doc.raw, doc.format, doc.meta, doc.comments);
      out.push(lintDocument(doc, "posting", settings, { directives, reportUnused: true }));
    }
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    out.push(`${e.line}: ${e.reason}`);
  }
  return out;
}

function check(text: string, format: InputFormat): void {
  const first = lintAll(text, format);
  for (const r of first) if (typeof r !== "string") expectInside(text, r);
  expect(JSON.stringify(lintAll(text, format))).toBe(JSON.stringify(first));
}

describe("any text, in every input format, through the pure core", () => {
  it.each([...INPUT_FORMATS])("%s", (format) => {
    fc.assert(fc.property(anyText, (text) => check(text, format)), runs(1000));
    const shaped = structured[format];
    if (shaped) fc.assert(fc.property(shaped, (text) => check(text, format)), runs(500));
  });

  it("any bytes, decoded as the CLI decodes them, with the format found from the content", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...INPUT_FORMATS), (bytes, format) => {
        const decoded = decodeText(bytes);
        if ("text" in decoded) check(decoded.text, format);
      }),
      runs(2000),
    );
  });
});

describe("any bytes through the real command line", () => {
  it("exits 0, 1 or 2 with one line per problem, valid JSON on stdout, and positions inside the input", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.uint8Array({ maxLength: 200 }), anyText.map((t) => new TextEncoder().encode(t)), structured.json!.map((t) => new TextEncoder().encode(t))),
        fc.constantFrom(...Object.values(EXT)),
        async (bytes, ext) => {
          const stdin = { piped: true, async *chunks() { yield bytes; } };
          const { code, stdout, stderr } = await jdlint(["--format", "json", "--no-config", "--stdin-filename", `posting.${ext}`, "-"], { stdin });
          expect([0, 1, 2]).toContain(code);
          for (const line of stderr.split("\n").filter(Boolean)) expect(line).toMatch(/^jdlint: posting\.\w+(:\d+)?: (?!internal error)/);
          if (stderr) expect(code).toBe(2);
          const results = JSON.parse(stdout) as LintResult[];
          const decoded = decodeText(bytes);
          if ("text" in decoded) for (const r of results) expectInside(decoded.text, r);
        },
      ),
      runs(300),
    );
  });
});
