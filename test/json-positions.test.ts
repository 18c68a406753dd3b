import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../src/data/errors.js";
import type { Knowledge } from "../src/lexicon/knowledge.js";
import type { PostingDocument } from "../src/model/document.js";
import { lineStarts } from "../src/model/locator.js";
import { parsePostings } from "../src/parsers/index.js";
import { decodeEntitiesMapped, insertBefore } from "../src/parsers/source-map.js";
import { sectionsKnowledge } from "./helpers/sections-knowledge.js";

// Text in a JSON string maps back to the column where it stands in the file: escapes (\n, \", \u00e9) shift
// what follows them, and the map carries that shift; an escape's own character points at its backslash.

let knowledge: Knowledge;
beforeAll(() => {
  knowledge = sectionsKnowledge();
});

function parse(text: string, file: string): PostingDocument[] {
  return [...parsePostings(knowledge, text, file)].map((d) => {
    if (d instanceof InputError) throw d;
    return d;
  });
}

/** The file's text from where a sentence's location starts to where it ends. */
function sourceOf(source: string, doc: PostingDocument, sentence: string): string {
  const s = doc.sentences.find((x) => x.text === sentence);
  expect(s, `no sentence "${sentence}" in ${JSON.stringify(doc.sentences.map((x) => x.text))}`).toBeDefined();
  const at = doc.locator.locate(s!.span);
  const starts = lineStarts(source);
  return source.slice(starts[at.line - 1]! + at.column - 1, starts[at.endLine - 1]! + at.endColumn - 1);
}

describe("JSON strings map to the file character by character", () => {
  it("past \\n, \\\" and \\u escapes, in a JSONL record", () => {
    const record = { id: "a", title: "Sales Rep", description: 'Intro to the café.\nMake 80 cold calls a day. Close "big" deals.\n\tVisit clients weekly.' };
    const line = JSON.stringify(record).replace("é", "\\u00e9");
    const source = `${JSON.stringify({ id: "z", title: "First", description: "Other." })}\n${line}\n`;
    const [, doc] = parse(source, "postings.jsonl");
    expect(sourceOf(source, doc!, "Make 80 cold calls a day.")).toBe("Make 80 cold calls a day.");
    // A sentence holding escapes spans them in the file.
    expect(sourceOf(source, doc!, 'Close "big" deals.')).toBe('Close \\"big\\" deals.');
    expect(sourceOf(source, doc!, "Intro to the café.")).toBe("Intro to the caf\\u00e9.");
    expect(sourceOf(source, doc!, "Visit clients weekly.")).toBe("Visit clients weekly.");
    expect(doc!.locator.locate(doc!.sentences[0]!.span).line).toBe(2);
  });

  it("in a pretty-printed JSON array, JSON-LD and a Lever list", () => {
    const source = JSON.stringify(
      [
        { "@context": "https://schema.org", "@type": "JobPosting", title: "Sales Rep", responsibilities: ["Make 80 cold calls a day.", "Close deals."] },
        { "@context": "https://schema.org", "@type": "JobPosting", title: "SDR", description: "<p>Book\tmeetings with prospects.</p>" },
      ],
      null,
      2,
    );
    const docs = parse(source, "postings.json");
    expect(sourceOf(source, docs[0]!, "Close deals.")).toBe("Close deals.");
    expect(sourceOf(source, docs[1]!, "Book meetings with prospects.")).toBe("Book\\tmeetings with prospects.");
    const lever = JSON.stringify({ id: "l", text: "AE", lists: [{ text: "What you'll do", content: "<li>Own a \\\"territory\\\".</li><li>Close deals.</li>" }] });
    const [doc] = parse(lever, "lever.json");
    expect(sourceOf(lever, doc!, "Close deals.")).toBe("Close deals.");
  });

  it("in HTML escaped once more (Greenhouse), and where lost line breaks are put back", () => {
    const greenhouse = JSON.stringify({ id: 1, title: "SDR", content: "&lt;p&gt;Make 80 cold calls a day &amp;amp; book meetings.&lt;/p&gt;&lt;ul&gt;&lt;li&gt;Close deals.&lt;/li&gt;&lt;/ul&gt;" });
    const [gh] = parse(greenhouse, "greenhouse.json");
    expect(sourceOf(greenhouse, gh!, "Make 80 cold calls a day & book meetings.")).toBe("Make 80 cold calls a day &amp;amp; book meetings.");
    expect(sourceOf(greenhouse, gh!, "Close deals.")).toBe("Close deals.");
    const glued = JSON.stringify({ id: 2, title: "SDR", description: "We are growing.Responsibilities:Make 80 cold calls a day" });
    const [doc] = parse(glued, "record.json");
    expect(doc!.sections.map((s) => s.kind)).toContain("duties");
    expect(sourceOf(glued, doc!, "Make 80 cold calls a day")).toBe("Make 80 cold calls a day");
  });

  it("keeps pointing a title at its string's opening quote, where --fix rewrites the string", () => {
    const source = JSON.stringify({ id: 1, title: "Sales \\u0052ep", description: "Make calls." }).replace("\\\\u0052", "\\u0052");
    const [doc] = parse(source, "record.json");
    expect(doc!.title).toBe("Sales Rep");
    const at = doc!.locator.locate(doc!.titleSpan!);
    expect(source.slice(at.column - 1)).toMatch(/^"Sales \\u0052ep"/);
  });
});

describe("mapped text transformations", () => {
  const exact = (value: string, at = 100) => ({ value, map: [{ textStart: 0, textEnd: value.length, sourceStart: at, exact: true }] });

  it("insertBefore points an inserted line break at what follows it and shifts the rest", () => {
    const out = insertBefore(exact("oneTwo"), /T/g, "\n");
    expect(out.value).toBe("one\nTwo");
    expect(out.map).toEqual([
      { textStart: 0, textEnd: 3, sourceStart: 100, exact: true },
      { textStart: 3, textEnd: 4, sourceStart: 103, exact: false },
      { textStart: 4, textEnd: 7, sourceStart: 103, exact: true },
    ]);
  });

  it("decodeEntitiesMapped decodes as a whole and maps each entity to its &", () => {
    const out = decodeEntitiesMapped(exact("a &amp; b&lt;"));
    expect(out.value).toBe("a & b<");
    expect(out.map).toEqual([
      { textStart: 0, textEnd: 2, sourceStart: 100, exact: true },
      { textStart: 2, textEnd: 3, sourceStart: 102, exact: false },
      { textStart: 3, textEnd: 5, sourceStart: 107, exact: true },
      { textStart: 5, textEnd: 6, sourceStart: 109, exact: false },
    ]);
  });
});
