import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lines } from "../src/cli/inputs.js";
import { InputError } from "../src/data/errors.js";
import type { LintResult } from "../src/engine/result.js";
import type { Knowledge } from "../src/lexicon/knowledge.js";
import type { PostingDocument } from "../src/model/document.js";
import type { Location } from "../src/model/span.js";
import { parsePostings } from "../src/parsers/index.js";
import { jdlint } from "./helpers/cli.js";
import { sectionsKnowledge } from "./helpers/sections-knowledge.js";

// A line ends at \n, at \r\n or at a lone \r, as editors show it. Every format must agree on it: the same
// posting written with any of these line ends is read the same, and every position names the line and column
// where its text stands. Line starts are found here with a regex of their own, not with the code under test.

let knowledge: Knowledge;
beforeAll(() => {
  knowledge = sectionsKnowledge();
});

const ENDS = { lf: ["\n"], crlf: ["\r\n"], cr: ["\r"], mixed: ["\n", "\r\n", "\r"] } as const;
type Ends = keyof typeof ENDS;

/** Joins lines with the line ends named, taken in turn. */
function joinLines(lines: string[], ends: Ends): string {
  const eol = ENDS[ends];
  return lines.map((l, i) => l + eol[i % eol.length]).join("");
}

function lineStartsOf(source: string): number[] {
  return [0, ...[...source.matchAll(/\r\n|\r|\n/g)].map((m) => m.index + m[0].length)];
}

/** The source offset a 1-based line and column name. */
function offsetAt(source: string, line: number, column: number): number {
  const starts = lineStartsOf(source);
  expect(line, `line ${line} of ${starts.length}`).toBeLessThanOrEqual(starts.length);
  return starts[line - 1]! + column - 1;
}

/** The source text between a location's start and end. */
function sourceText(source: string, at: Location): string {
  return source.slice(offsetAt(source, at.line, at.column), offsetAt(source, at.endLine, at.endColumn));
}

function parse(text: string, file: string): PostingDocument[] {
  return [...parsePostings(knowledge, text, file)].map((d) => {
    if (d instanceof InputError) throw d;
    return d;
  });
}

function outline(doc: PostingDocument): string[] {
  return doc.sentences.map((s) => `${doc.sections[s.section]!.kind}|${s.bullet ? "•" : ""}${s.text}`);
}

const POSTING = {
  title: "Sales Representative",
  duties: ["Make 80 cold calls a day.", "Close deals with new customers."],
  about: "We sell vans to fleets.",
};
const EXPECTED_OUTLINE = [
  "duties|•Make 80 cold calls a day.",
  "duties|•Close deals with new customers.",
  "company|We sell vans to fleets.",
];

/** The posting in a line-based format, as lines. */
const LINES: Record<string, string[]> = {
  "posting.md": [`# ${POSTING.title}`, "", "## Responsibilities", "", ...POSTING.duties.map((d) => `- ${d}`), "", "## About us", POSTING.about],
  "posting.txt": [`Title: ${POSTING.title}`, "", "Responsibilities", ...POSTING.duties.map((d) => `- ${d}`), "", "About us", POSTING.about],
  "posting.html": [
    "<!doctype html>",
    "<html><body>",
    `<h1>${POSTING.title}</h1>`,
    "<h2>Responsibilities</h2>",
    "<ul>",
    ...POSTING.duties.map((d) => `  <li>${d}</li>`),
    "</ul>",
    "<h2>About us</h2>",
    `<p>${POSTING.about}</p>`,
    "</body></html>",
  ],
};

describe("Markdown, text and HTML read alike with \\n, \\r\\n, lone \\r and mixed line ends", () => {
  for (const file of Object.keys(LINES)) {
    for (const ends of Object.keys(ENDS) as Ends[]) {
      it(`${file}, ${ends}`, () => {
        const source = joinLines(LINES[file]!, ends);
        const [doc] = parse(source, file);
        expect(doc!.title).toBe(POSTING.title);
        expect(outline(doc!)).toEqual(EXPECTED_OUTLINE);
        expect(sourceText(source, doc!.locator.locate(doc!.titleSpan!))).toBe(POSTING.title);
        for (const s of doc!.sentences) expect(sourceText(source, doc!.locator.locate(s.span))).toBe(s.text);
      });
    }
  }
});

describe("Markdown front matter with every line end", () => {
  for (const ends of Object.keys(ENDS) as Ends[]) {
    it(`${ends}: its title, and the line of a YAML error`, () => {
      const good = joinLines(["---", `title: ${POSTING.title}`, "team: sales", "---", "", "## Responsibilities", `- ${POSTING.duties[0]}`], ends);
      const [doc] = parse(good, "posting.md");
      expect([doc!.title, doc!.meta.team]).toEqual([POSTING.title, "sales"]);
      expect(sourceText(good, doc!.locator.locate(doc!.titleSpan!))).toBe(POSTING.title);
      const bad = joinLines(["---", "team: sales", "title: [unclosed", "---", "# Sales Rep"], ends);
      expect(() => parse(bad, "posting.md")).toThrowError(expect.objectContaining({ line: 3, reason: expect.stringMatching(/^front matter is not valid YAML/) }));
    });
  }
});

describe("CSV rows and quoted cells with every line end", () => {
  for (const ends of Object.keys(ENDS) as Ends[]) {
    it(ends, () => {
      const eol = ENDS[ends];
      // A quoted cell holds a line end of each kind too.
      const cell = `"Responsibilities${eol[0]}${POSTING.duties.map((d) => `- ${d}`).join(eol[eol.length - 1])}"`;
      const source = joinLines(["id,title,description", `a,${POSTING.title},${cell}`, "b,Account Executive,Close deals with new customers."], ends);
      const docs = parse(source, "postings.csv");
      expect(docs.map((d) => [d.recordId, d.title])).toEqual([
        ["a", POSTING.title],
        ["b", "Account Executive"],
      ]);
      expect(outline(docs[0]!)).toEqual(EXPECTED_OUTLINE.slice(0, 2));
      for (const doc of docs) {
        expect(sourceText(source, doc.locator.locate(doc.titleSpan!))).toBe(doc.title);
        for (const s of doc.sentences) expect(sourceText(source, doc.locator.locate(s.span))).toBe(s.text);
      }
      expect(docs[1]!.locator.locate(docs[1]!.sentences[0]!.span).line).toBe(5);
    });
  }
});

/** JSONL records: a lone \r between a record's tokens is a line break there too, and \r escaped in a string is not. */
function jsonlSource(ends: Ends): string {
  const a = JSON.stringify({ id: "a", title: POSTING.title, description: `Responsibilities\r- ${POSTING.duties.join("\r\n- ")}` });
  const b = JSON.stringify({ id: "b", title: "Account Executive", description: "Close deals with new customers." });
  // Records end at \n or \r\n (JSON Lines); the lone \r stands inside record a, before its description.
  const records = ends === "cr" || ends === "mixed" ? [a.replace(',"description"', ',\r"description"'), b] : [a, b];
  const eol = ends === "crlf" ? "\r\n" : "\n";
  return records.map((r) => r + eol).join("");
}

describe("JSONL with lone \\r in a record, \\r escaped in a string, and \\n or \\r\\n between records", () => {
  for (const ends of Object.keys(ENDS) as Ends[]) {
    it(`${ends}, in the core and streamed through the CLI`, async () => {
      const source = jsonlSource(ends);
      const lineOfB = ends === "cr" || ends === "mixed" ? 3 : 2;
      const lineOfDescription = ends === "cr" || ends === "mixed" ? 2 : 1;
      const docs = parse(source, "postings.jsonl");
      expect(docs.map((d) => d.recordId)).toEqual(["a", "b"]);
      expect(outline(docs[0]!)).toEqual(EXPECTED_OUTLINE.slice(0, 2));
      expect(docs[0]!.sentences.map((s) => docs[0]!.locator.locate(s.span).line)).toEqual([lineOfDescription, lineOfDescription]);
      expect(docs[1]!.locator.locate(docs[1]!.sentences[0]!.span).line).toBe(lineOfB);
      // The CLI streams a JSONL file line by line: the same lines.
      const dir = mkdtempSync(join(tmpdir(), "jdlint-ends-"));
      try {
        writeFileSync(join(dir, "postings.jsonl"), source);
        const { stdout, stderr } = await jdlint(["--format", "json", "--no-config", "postings.jsonl"], { cwd: dir });
        expect(stderr).toBe("");
        const results = JSON.parse(stdout) as LintResult[];
        expect(results.map((r) => [r.recordId, r.verdict.evidence.map((e) => e.line)])).toEqual([
          ["a", [lineOfDescription, lineOfDescription]],
          ["b", [lineOfB]],
        ]);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }

  it("reports a malformed record after a lone \\r by the line it stands on", async () => {
    const source = `${JSON.stringify({ id: "a", title: "x" }).replace(",", ",\r")}\n{"title": oops}\n`;
    const errors = [...parsePostings(knowledge, source, "postings.jsonl")].filter((d) => d instanceof InputError);
    expect(errors.map((e) => e.line)).toEqual([3]);
  });

  it("counts a raw \\r inside a JSON string (not valid JSON) as a line break when naming the error's line", () => {
    const errors = [...parsePostings(knowledge, `{"title": "ok"}\n{"title": "Sales\rRep"}\n`, "postings.jsonl")].filter((d) => d instanceof InputError);
    expect(errors.map((e) => [e.line, e.reason])).toEqual([[2, expect.stringMatching(/not valid JSON/)]]);
  });
});

describe("a JSON array of postings with lone \\r line ends", () => {
  it("gives each posting its own lines", () => {
    const records = [
      { id: "a", title: POSTING.title, description: POSTING.duties[0] },
      { id: "b", title: "Account Executive", description: POSTING.duties[1] },
    ];
    const source = JSON.stringify(records, null, 2).replace(/\n/g, "\r");
    const docs = parse(source, "postings.json");
    const lines = docs.map((d) => d.locator.locate(d.sentences[0]!.span).line);
    const expected = records.map((r) => source.slice(0, source.indexOf(JSON.stringify(r.description))).split("\r").length);
    expect(lines).toEqual(expected);
  });
});

describe("the CLI's JSONL line reader numbers lines as the locator does", () => {
  async function collect(chunks: Array<string | Buffer>, max?: number) {
    async function* source() {
      for (const c of chunks) yield typeof c === "string" ? Buffer.from(c) : c;
    }
    const out: Array<[number, string]> = [];
    for await (const l of lines(source(), max)) out.push([l.line, "text" in l ? l.text : "error"]);
    return out;
  }

  it("counts a lone \r inside a line, and not the \r of a \r\n split across chunks", async () => {
    expect(await collect(["a\r", "\nb\rc\n", "\r\rd\r", "\ne"])).toEqual([
      [1, "a"],
      [2, "b\rc"],
      [4, "\r\rd"],
      [7, "e"],
    ]);
  });

  it("counts the lone \r of a line too long to hold, and of a UTF-16 stream", async () => {
    expect(await collect(["xx\rxx", "\rxx\nok\n"], 4)).toEqual([
      [1, "error"],
      [4, "ok"],
    ]);
    const utf16 = (t: string) => Buffer.from(t, "utf16le");
    expect(await collect([Buffer.from([0xff, 0xfe]), utf16("a\rb\r"), utf16("\nc\n")])).toEqual([
      [1, "a\rb"],
      [3, "c"],
    ]);
    expect(await collect([Buffer.from([0xff, 0xfe]), utf16("xx\rxx\r"), utf16("xx\r"), utf16("\nok\n")], 8)).toEqual([
      [1, "error"],
      [4, "ok"],
    ]);
  });
});
