import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decodeText } from "../src/cli/decode.js";
import type { LintResult } from "../src/engine/result.js";
import { lineStarts } from "../src/model/locator.js";
import type { Location } from "../src/model/span.js";
import { decodeHTML } from "entities";
import { unglue, unglueMapped } from "../src/parsers/fields.js";
import { INPUT_FORMATS, type InputFormat } from "../src/parsers/index.js";
import { parseJsonLocated, prop } from "../src/parsers/json-located.js";
import { decodeEntitiesMapped, exactMap, type MappedText } from "../src/parsers/source-map.js";
import { jdlint } from "./helpers/cli.js";
import { FuzzReader, inputsReport, runs, TIME_LIMIT_MS, type FuzzReply } from "./helpers/fuzz.js";
import { grammarPosting, toHtml, toJsonLd, toMarkdown, type GrammarPosting } from "./helpers/posting-grammar.js";

// For any text or bytes, in every input format: parsing and linting never throw (but an InputError, which the
// CLI reports as one line), always finish (within fast-check's time limit for a run: inputs are read on a worker
// thread, so that a hang is caught, not waited for), report every position inside the input (every span inside
// the analysed text), and give the same answer twice. The bulk runs on the pure core; a few hundred cases go
// through the real command line. JDLINT_PROPERTY_RUNS scales the number of cases: about 18,800 in `npm test`,
// eight times as many in `npm run fuzz` (property-regex.test.ts and property-render.test.ts run more). Each file
// logs how many inputs it ran.

let reader: FuzzReader;
const startedAt = performance.now();
/** Inputs not read on the worker: through the CLI, and the source maps' own. */
let inThreadInputs = 0;
beforeAll(async () => {
  reader = await FuzzReader.start("property-parse");
}, 60_000);
afterAll(async () => {
  console.log(inputsReport("property-parse", reader.inputs + inThreadInputs, startedAt));
  await reader.close();
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

/** Every line/column a result reports. */
function locationsOf(r: LintResult): Array<[string, Location]> {
  const out: Array<[string, Location]> = [];
  for (const m of r.messages) out.push([`message ${m.ruleId}`, m]);
  for (const e of r.verdict.evidence) out.push(["evidence", e]);
  for (const q of r.verdict.quotas) out.push(["quota", { line: q.line, column: q.column, endLine: q.line, endColumn: q.column }]);
  return out;
}

/** Every format, JSONL too, numbers lines as the locator does: a line ends at \n, \r\n or a lone \r. */
function expectInside(text: string, locations: Array<[string, Location]>): void {
  const starts = lineStarts(text);
  const lengthOf = (line: number) => {
    const start = starts[line - 1]!;
    const next = starts[line] ?? text.length + 1;
    // Without its line break: \n, \r\n or a lone \r.
    const end = next - 1 - (text[next - 2] === "\r" && text[next - 1] === "\n" ? 1 : 0);
    return Math.min(end, text.length) - start;
  };
  const inside = (what: string, line: number, column: number) => {
    expect(Number.isInteger(line) && line >= 1 && line <= starts.length, `${what} line ${line} of ${starts.length}`).toBe(true);
    expect(Number.isInteger(column) && column >= 1 && column <= lengthOf(line) + 1, `${what} column ${column} on line ${line} (${lengthOf(line)} long)`).toBe(true);
  };
  for (const [what, at] of locations) {
    inside(what, at.line, at.column);
    inside(`${what} end`, at.endLine, at.endColumn);
    expect(at.endLine > at.line || (at.endLine === at.line && at.endColumn >= at.column), `${what} ends before it starts`).toBe(true);
  }
}

/** The properties for one input's reading: no crash, the same twice, every span and position inside. */
function expectSound(text: string, reply: FuzzReply): void {
  if ("crash" in reply) expect.fail(`crashed: ${reply.crash}`);
  expect(reply.sameTwice, "a second reading differs").toBe(true);
  const lines = lineStarts(text).length;
  for (const item of reply.items) {
    if ("error" in item) {
      expect(item.line === null || (item.line >= 1 && item.line <= lines), `${item.error} at line ${item.line} of ${lines}`).toBe(true);
      continue;
    }
    const { spans, textLength, locations } = item.posting;
    for (const [what, start, end] of spans)
      expect(Number.isInteger(start) && start >= 0 && start <= end && end <= textLength, `${what} span ${start}-${end} of ${textLength}`).toBe(true);
    expectInside(text, locations);
  }
}

async function check(text: string, format: InputFormat): Promise<void> {
  expectSound(text, await reader.read({ text, format, file: `posting.${EXT[format]}` }));
}

const property = <T>(arb: fc.Arbitrary<T>, run: (value: T) => Promise<void>, numRuns: number) =>
  fc.assert(fc.asyncProperty(arb, run), { numRuns: runs(numRuns), timeout: TIME_LIMIT_MS });

/** A posting of the grammar with pieces of syntax dropped in at random places: near-valid input, deep in each parser. */
function withNoise(render: (p: GrammarPosting) => string): fc.Arbitrary<string> {
  return fc.tuple(grammarPosting, fc.array(fc.tuple(fc.nat(), fc.constantFrom(...PIECES)), { maxLength: 6 })).map(([posting, noise]) => {
    let text = render(posting);
    for (const [at, piece] of noise) {
      const i = at % (text.length + 1);
      text = text.slice(0, i) + piece + text.slice(i);
    }
    return text;
  });
}
const NEAR_VALID: Partial<Record<InputFormat, fc.Arbitrary<string>>> = {
  markdown: withNoise(toMarkdown),
  text: withNoise(toMarkdown),
  html: withNoise(toHtml),
  jsonld: withNoise(toJsonLd),
};

describe("any text, in every input format, through the pure core", () => {
  it.each([...INPUT_FORMATS])("%s", async (format) => {
    await property(anyText, (text) => check(text, format), 1000);
    const shaped = structured[format];
    if (shaped) await property(shaped, (text) => check(text, format), 500);
    const near = NEAR_VALID[format];
    if (near) await property(near, (text) => check(text, format), 150);
  });

  it("any bytes, decoded as the CLI decodes them, with the format found from the content", async () => {
    await property(
      fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.constantFrom(...INPUT_FORMATS)),
      async ([bytes, format]) => {
        const decoded = decodeText(bytes);
        if ("text" in decoded) await check(decoded.text, format);
      },
      2000,
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
          inThreadInputs++;
          const stdin = { piped: true, async *chunks() { yield bytes; } };
          const { code, stdout, stderr } = await jdlint(["--format", "json", "--no-config", "--stdin-filename", `posting.${ext}`, "-"], { stdin });
          expect([0, 1, 2]).toContain(code);
          for (const line of stderr.split("\n").filter(Boolean)) expect(line).toMatch(/^jdlint: posting\.\w+(:\d+)?: (?!internal error)/);
          if (stderr) expect(code).toBe(2);
          const results = JSON.parse(stdout) as LintResult[];
          const decoded = decodeText(bytes);
          if ("text" in decoded) for (const r of results) expectInside(decoded.text, locationsOf(r));
        },
      ),
      { numRuns: runs(300), timeout: TIME_LIMIT_MS },
    );
  });
});

describe("source maps say where each character of a text stands", () => {
  /** A string written as JSON with each character escaped or not, as `escape` picks (JSON.stringify's escapes stay). */
  function jsonQuote(value: string, escape: boolean[]): string {
    let out = "";
    [...JSON.stringify(value).slice(1, -1).matchAll(/\\u[0-9a-fA-F]{4}|\\.|[^\\]/gs)].forEach(([c], i) => {
      out += c.length === 1 && escape[i % escape.length] ? `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}` : c;
    });
    return `"${out}"`;
  }

  /** Each exact piece of the map stands verbatim in the source; each other one points at what it decodes from. */
  function expectMapped(source: string, text: MappedText, inexactAt: RegExp): void {
    let at = 0;
    for (const seg of text.map) {
      expect(seg.textStart, "segments follow each other").toBe(at);
      at = seg.textEnd;
      if (seg.exact) expect(source.slice(seg.sourceStart, seg.sourceStart + seg.textEnd - seg.textStart)).toBe(text.value.slice(seg.textStart, seg.textEnd));
      else expect(source.slice(seg.sourceStart), `segment at ${seg.sourceStart}`).toMatch(inexactAt);
    }
    expect(at).toBe(text.value.length);
  }

  it("a JSON string's escapes", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 60 }), fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }), fc.nat(20), (value, escape, indent) => {
        inThreadInputs++;
        const source = `{${" ".repeat(indent)}"d": ${jsonQuote(value, escape)}}`;
        const node = prop(parseJsonLocated(source, "t.json"), "d")!;
        expect(node.value).toBe(value);
        expectMapped(source, { value, map: node.escapes ?? exactMap(value.length, node.start + 1) }, /^\\/);
      }),
      { numRuns: runs(2000) },
    );
  });

  it("lost line breaks put back, and entities decoded", () => {
    const text = fc.array(fc.constantFrom("abc", "Ab", "AB:", ".", " ", "&amp;", "&lt;", "&#x27;", "&nbsp", "&", "x", "\n"), { maxLength: 16 }).map((a) => a.join(""));
    fc.assert(
      fc.property(text, fc.nat(50), (value, at) => {
        inThreadInputs++;
        const source = " ".repeat(at) + value;
        const mapped = { value, map: exactMap(value.length, at) };
        const unglued = unglueMapped(mapped);
        expect(unglued.value).toBe(unglue(value));
        expectMapped(source, unglued, /^[A-Z]/);
        const decoded = decodeEntitiesMapped(mapped);
        expect(decoded.value).toBe(decodeHTML(value));
        if (decoded.map.length > 1 || decoded.map[0]?.exact) expectMapped(source, decoded, /^&/);
      }),
      { numRuns: runs(2000) },
    );
  });
});
