import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { InputError } from "../src/data/errors.js";
import { parse as parseYaml } from "yaml";
import type { Knowledge } from "../src/lexicon/knowledge.js";
import { compilePhrase } from "../src/lexicon/phrase.js";
import { TermSet, type Term } from "../src/lexicon/termset.js";
import type { PostingDocument, SectionKind } from "../src/model/document.js";
import { parseColumnMapping, readCsv } from "../src/parsers/csv.js";
import { detectFormat, detectShape, parsePostings, type ParseOptions } from "../src/parsers/index.js";
import { MAX_JSON_DEPTH, parseJsonLocated } from "../src/parsers/json-located.js";

// Parsers use only the section headings of what jdlint knows. Compiling just rules/sections.yaml keeps these
// tests independent of the lexicon and title files, which change while they are being written.
let knowledge: Knowledge;
beforeAll(() => {
  const file = "rules/sections.yaml";
  const { headings } = parseYaml(readFileSync(file, "utf8")) as { headings: Record<SectionKind, Array<string | { phrase: string; gap?: number }>> };
  const terms: Term<SectionKind>[] = Object.entries(headings).flatMap(([kind, list]) =>
    list.map((entry) => ({
      phrase: typeof entry === "string" ? compilePhrase(entry) : compilePhrase(entry.phrase, entry.gap),
      tag: kind as SectionKind,
      weight: 1,
      origin: file,
    })),
  );
  knowledge = { sections: { headings: new TermSet(terms) } } as unknown as Knowledge;
});

const EDGE = "fixtures/formats/edge";

function parse(text: string, file: string, opts: ParseOptions = {}): PostingDocument[] {
  return [...parsePostings(knowledge, text, file, opts)].map((d) => {
    if (d instanceof InputError) throw d;
    return d;
  });
}

function parseFile(path: string, opts: ParseOptions = {}): PostingDocument[] {
  return parse(readFileSync(path, "utf8"), path, opts);
}

/** Each sentence as "kind|•text" (• for bullets), to compare structure in one glance. */
function outline(doc: PostingDocument): string[] {
  return doc.sentences.map((s) => `${doc.sections[s.section]!.kind}|${s.bullet ? "•" : ""}${s.text}`);
}

/** The source text at a sentence's reported start. */
function sourceAt(source: string, doc: PostingDocument, i: number): string {
  const { line, column } = doc.locator.locate(doc.sentences[i]!.span);
  return source.split(/\r?\n/)[line - 1]!.slice(column - 1);
}

describe("HTML", () => {
  const path = `${EDGE}/entities-nested.html`;
  const source = readFileSync(path, "utf8");

  it("takes the <h1> as the title, decoding entities, and points at it", () => {
    const [doc] = parseFile(path);
    expect(doc!.title).toBe("Brand & Content Manager");
    expect(doc!.locator.locate(doc!.titleSpan!)).toMatchObject({ line: 5, column: 23 });
  });

  it("reads headings, bold lines and nested lists as sections and bullets, leaving hidden text out", () => {
    const [doc] = parseFile(path);
    expect(outline(doc!)).toEqual([
      "other|We’re a small studio making “slow” furniture – and we tell its story.",
      "duties|•Plan the content calendar",
      "duties|•Write two blog posts a week",
      "duties|•Edit product photography",
      "duties|•Run <brand> campaigns across social media",
      "benefits|Four day week",
      "benefits|Pension & health cover",
    ]);
  });

  it("points every sentence at its source line, exactly where no entity was decoded", () => {
    const [doc] = parseFile(path);
    expect(sourceAt(source, doc!, 1)).toMatch(/^Plan the content calendar/);
    expect(sourceAt(source, doc!, 2)).toMatch(/^Write two blog posts a week<\/li>/);
    expect(sourceAt(source, doc!, 6)).toMatch(/^Pension &amp; health cover/);
    expect(doc!.locator.locate(doc!.sentences[0]!.span).line).toBe(9);
  });

  it("ignores script, style, nav and footer, and uses <title> without the site name when there is no <h1>", () => {
    const html = [
      "<!doctype html><html><head><title>Account Manager | Acme Careers</title><style>.x{}</style></head><body>",
      "<nav>Sales jobs</nav><p>Look after our retail customers.</p>",
      "<footer>Cold calls</footer><script>cold()</script></body></html>",
    ].join("\n");
    const [doc] = parse(html, "page.html");
    expect(doc!.title).toBe("Account Manager");
    expect(doc!.sentences.map((s) => s.text)).toEqual(["Look after our retail customers."]);
    expect(doc!.locator.locate(doc!.sentences[0]!.span)).toMatchObject({ line: 2, column: 25 });
  });

  it("prefers the page's JobPosting JSON-LD over its body", () => {
    const [doc] = parseFile("fixtures/formats/same-posting/posting-jsonld.html");
    expect(doc!.title).toBe("Marketing Coordinator");
    expect(doc!.recordId).toBe("bw-101");
    expect(doc!.sentences.some((s) => /careers page is loading/.test(s.text))).toBe(false);
    // Positions point into the script inside the page.
    const duty = doc!.sentences.find((s) => s.text.startsWith("Make 80 cold calls"))!;
    const { line } = doc!.locator.locate(duty.span);
    expect(readFileSync("fixtures/formats/same-posting/posting-jsonld.html", "utf8").split("\n")[line - 1]).toContain('"responsibilities"');
  });

  it("passes over a JSON-LD script that is not valid JSON and reads the body", () => {
    const html = '<html><head><script type="application/ld+json">{ broken</script></head><body><h1>Sales Rep</h1><p>Sell.</p></body></html>';
    const [doc] = parse(html, "x.html");
    expect(doc!.title).toBe("Sales Rep");
  });

  it("is detected by <!doctype or <html, or by its file ending", () => {
    expect(detectFormat("page", "  <!DOCTYPE html><html></html>")).toBe("html");
    expect(detectFormat("page", "<html lang=en>")).toBe("html");
    expect(detectFormat("page.htm", "Sales rep")).toBe("html");
    expect(detectFormat("notes.txt", "<html>")).toBe("text");
    expect(detectFormat("posting", "Sales <b>rep</b>")).toBe("text");
  });
});

describe("JSON-LD", () => {
  it("finds the JobPosting in an @graph and follows its hiringOrganization reference", () => {
    const docs = parseFile(`${EDGE}/graph.jsonld`);
    expect(docs).toHaveLength(1);
    const doc = docs[0]!;
    expect(doc.format).toBe("jsonld");
    expect(doc.title).toBe("Marketing Executive");
    expect(doc.meta).toMatchObject({ company: "Northwind Lettings", baseSalary: "GBP 21000-24000 per year", employmentType: ["FULL_TIME"] });
    expect(outline(doc)).toEqual([
      "other|Northwind Lettings rents out flats in the city centre.",
      "duties|•Phone landlords every day to win new instructions",
      "duties|•Negotiate fees and close deals",
      "requirements|•Negotiation",
      "requirements|•Cold calling",
      "requirements|One year in a target-driven role",
      "benefits|Monthly commission on every let agreed",
      "benefits|GBP 21000-24000 per year",
    ]);
  });

  it("points each field's text at where its value starts", () => {
    const source = readFileSync(`${EDGE}/graph.jsonld`, "utf8");
    const [doc] = parseFile(`${EDGE}/graph.jsonld`);
    const lineOf = (i: number) => source.split("\n")[doc!.locator.locate(doc!.sentences[i]!.span).line - 1]!;
    expect(lineOf(1)).toContain('"description"');
    expect(lineOf(4)).toContain('"Cold calling"');
    expect(lineOf(6)).toContain('"incentiveCompensation"');
  });

  it("reads an array of JobPostings, each with its own lines", () => {
    const text = JSON.stringify(
      [
        { "@context": "https://schema.org", "@type": "JobPosting", title: "Sales Rep", description: "Sell vans." },
        { "@context": "https://schema.org", "@type": "JobPosting", title: "Support Agent", description: "Answer calls." },
      ],
      null,
      2,
    );
    const docs = parse(text, "jobs.json");
    expect(docs.map((d) => [d.title, d.recordId, d.locator.locate(d.sentences[0]!.span).line])).toEqual([
      ["Sales Rep", "1", 6],
      ["Support Agent", "2", 12],
    ]);
  });
});

describe("ATS exports", () => {
  it("reads a Greenhouse job board listing, unescaping its HTML content once", () => {
    const docs = parseFile(`${EDGE}/greenhouse-board.json`);
    expect(docs.map((d) => [d.format, d.recordId, d.title])).toEqual([
      ["greenhouse", "501", "Customer Support Specialist"],
      ["greenhouse", "502", "Marketing Analyst"],
    ]);
    expect(outline(docs[0]!)).toEqual([
      "other|Acme builds R&D tools for labs.",
      "duties|•Answer customer tickets by email and chat",
      "duties|•Troubleshoot account issues & escalate bugs",
    ]);
    expect(docs[0]!.meta).toMatchObject({ departments: ["Customer Experience"], location: "Remote" });
  });

  it("reads a Lever posting: its lists under their own headings, and the additional text", () => {
    const lever = {
      id: "lev-1",
      text: "Growth Marketer",
      categories: { team: "Marketing", commitment: "Full-time" },
      descriptionPlain: "We make bikes.\n",
      description: "<div>We make <b>bikes</b>.</div>",
      lists: [
        { text: "What you'll do", content: "<li>Run paid social campaigns</li><li>Report on funnel metrics</li>" },
        { text: "About you", content: "<li>Three years in digital marketing</li>" },
      ],
      additional: "<div>We are an equal opportunity employer.</div>",
    };
    const [doc] = parse(JSON.stringify(lever), "lever.json");
    expect(doc!.format).toBe("lever");
    expect(doc!.recordId).toBe("lev-1");
    expect(doc!.title).toBe("Growth Marketer");
    expect(outline(doc!)).toEqual([
      "other|We make bikes.",
      "duties|•Run paid social campaigns",
      "duties|•Report on funnel metrics",
      "requirements|•Three years in digital marketing",
      "other|We are an equal opportunity employer.",
    ]);
  });

  it("falls back to Lever's plain description", () => {
    const [doc] = parse(JSON.stringify({ text: "Sales Rep", descriptionPlain: "Sell vans to fleets.", lists: [] }), "x.json");
    expect(doc!.sentences.map((s) => s.text)).toEqual(["Sell vans to fleets."]);
  });

  it("tells the shapes apart by their keys", () => {
    const shape = (value: unknown) => detectShape(parseJsonLocated(JSON.stringify(value), "x"));
    expect(shape({ "@type": "JobPosting", title: "A" })).toBe("jsonld");
    expect(shape({ "@type": ["JobPosting"], title: "A", content: "x" })).toBe("jsonld");
    expect(shape({ title: "A", content: "&lt;p&gt;x&lt;/p&gt;", departments: [] })).toBe("greenhouse");
    expect(shape({ text: "A", lists: [], categories: {} })).toBe("lever");
    expect(shape({ title: "A", description: "x", sections: { duties: "y" } })).toBe("record");
    expect(shape({ title: "A", text: "x" })).toBe("record");
  });

  it("reads a shape that --input-format names even when the keys would say otherwise", () => {
    const text = JSON.stringify({ title: "Sales Rep", content: "Sell vans." });
    expect(parse(text, "x.json")[0]!.format).toBe("greenhouse");
    expect(parse(text, "x.json", { format: "record" })[0]!.sentences).toHaveLength(0);
  });
});

describe("located JSON", () => {
  it("refuses nesting deeper than MAX_JSON_DEPTH with the line of the first bracket too deep, and reads it up to there", () => {
    const nested = (depth: number) => `{"title": "Sales Rep",\n "x": ${"[".repeat(depth - 1)}1${"]".repeat(depth - 1)}}`;
    expect(parseJsonLocated(nested(MAX_JSON_DEPTH), "ok.json").props!.get("title")!.value).toBe("Sales Rep");
    expect(() => parseJsonLocated(nested(MAX_JSON_DEPTH + 1), "deep.json")).toThrowError(new InputError("deep.json", `JSON is nested more than ${MAX_JSON_DEPTH} levels deep`, 2));
  });
});

describe("generic records", () => {
  it("keeps each section's kind from its name and points at its value", () => {
    const text = '{"id": 7,\n "title": "Sales Rep",\n "sections": {"company_profile": "We sell vans.",\n  "responsibilities": "- Call fleets\\n- Close deals"}}';
    const [doc] = parse(text, "r.json");
    expect(doc!.recordId).toBe("7");
    expect(outline(doc!)).toEqual(["company|We sell vans.", "duties|•Call fleets", "duties|•Close deals"]);
    expect(doc!.locator.locate(doc!.sentences[2]!.span).line).toBe(4);
  });

  it("names the line of invalid JSON", () => {
    const lineOf = (text: string) => {
      try {
        parse(text, "bad.json");
      } catch (e) {
        expect((e as InputError).reason).toMatch(/^not valid JSON/);
        return (e as InputError).line;
      }
      return null;
    };
    expect(lineOf('{\n  "title": "A",\n  "description": oops\n}')).toBe(3);
    expect(lineOf('{\n  "title": "A",\n  "description": "x",\n}')).toBe(4);
    expect(lineOf('{\n  "title": "A",\n')).toBe(3);
  });

  it("reports a malformed JSONL line with its number and reads the others", () => {
    const path = `${EDGE}/bad-lines.jsonl`;
    const items = [...parsePostings(knowledge, readFileSync(path, "utf8"), path)];
    expect(items.map((d) => (d instanceof InputError ? `error ${d.line}` : `${d.recordId} ${d.title}`))).toEqual([
      "ok-1 Sales Representative",
      "error 2",
      "error 4",
      "5 Customer Service Advisor",
    ]);
  });
});

describe("CSV", () => {
  it("reads quoted cells with delimiters, doubled quotes and line breaks, and knows each row's line", () => {
    const rows = [...readCsv('a,b\r\n"x, ""y""","line one\nline two"\r\n\r\nlast,row', "t.csv")];
    expect(rows.map((r) => [r.line, r.cells.map((c) => c.value)])).toEqual([
      [1, ["a", "b"]],
      [2, ['x, "y"', "line one\nline two"]],
      [5, ["last", "row"]],
    ]);
  });

  it("maps a cell with doubled quotes back to the file exactly", () => {
    const text = 'h\n"say ""hi"" now"';
    const [, row] = [...readCsv(text, "t.csv")];
    const cell = row!.cells[0]!;
    // "now" is value offset 9; in the file it is after the doubled quotes.
    const seg = cell.map.find((s) => s.textStart <= 9 && 9 < s.textEnd)!;
    expect(text.slice(seg.sourceStart + 9 - seg.textStart, seg.sourceStart + 12 - seg.textStart)).toBe("now");
  });

  it("names the line of a quote that is never closed", () => {
    expect(() => [...readCsv('a,b\n1,"open\nmore', "t.csv")]).toThrowError(/never closed/);
  });

  /** The InputError reading `text` throws, or null when it reads. */
  function csvError(text: string): InputError | null {
    try {
      [...readCsv(text, "t.csv")];
      return null;
    } catch (e) {
      if (e instanceof InputError) return e;
      throw e;
    }
  }

  it("rejects a closing quote followed by text, naming the line where the quote opened", () => {
    const sameLine = csvError('title,description\n"Marketing Director,"Make 50 calls a day\n');
    expect([sameLine?.line, sameLine?.reason]).toEqual([2, expect.stringMatching(/^a quoted CSV cell opened on this line has text after its closing quote \("Make 50 calls a day"\): close it just before the comma/)]);
    // A quote left open pairs with the next quote in the file, rows later: the cell "runs to" that line.
    const later = csvError('title;description\nMarketing Director;"Make 50 calls a day\nSales Rep;"Sell"\n');
    expect([later?.line, later?.reason]).toEqual([2, expect.stringMatching(/opened on this line runs to line 3 and has text after its closing quote \("Sell""\): close it just before the semicolon/)]);
  });

  it("reads spaces after a closing quote, a quote inside an unquoted cell, and a quoted cell at the end of the file", () => {
    expect(csvError('a,b\n"x" ,"y"\t\n')).toBeNull();
    expect([...readCsv('a,b\n"x" ,"y"\t\nsay "hi",z\n"last"', "t.csv")].map((r) => r.cells.map((c) => c.value))).toEqual([
      ["a", "b"],
      ["x", "y"],
      ['say "hi"', "z"],
      ["last"],
    ]);
  });

  it("maps columns named otherwise with --csv-columns, sniffs the delimiter, and keeps the rest as metadata", () => {
    const path = `${EDGE}/quotes.csv`;
    const source = readFileSync(path, "utf8");
    const docs = parseFile(path, { csvColumns: parseColumnMapping("title=Job Name, description=Body, id=Req Ref") });
    expect(docs.map((d) => [d.recordId, d.title, d.meta])).toEqual([
      ["R-1", 'Sales "Hunter" Representative', { Location: "Leeds" }],
      ["R-2", "Marketing Assistant", { Location: "York" }],
    ]);
    expect(outline(docs[0]!)).toEqual([
      "other|Sell our vans to fleet managers; travel weekly.",
      "other|•Make 40 cold calls a day",
      "other|•Close deals, then hand over to account managers",
    ]);
    expect(docs[0]!.locator.locate(docs[0]!.sentences[2]!.span)).toMatchObject({ line: 4, column: 3, endLine: 4, endColumn: 50 });
    expect(sourceAt(source, docs[1]!, 0)).toMatch(/^Plan our newsletter/);
  });

  it("says which --csv-columns name is missing, and when no column holds posting text", () => {
    const path = `${EDGE}/quotes.csv`;
    expect(() => parseFile(path, { csvColumns: { title: "Nope" } })).toThrowError(/column "Nope"/);
    expect(() => parse("Job Name,Location\nSales Rep,Leeds\n", "x.csv")).toThrowError(/no column holds posting text/);
    expect(() => parseColumnMapping("title")).toThrowError(/field=Column/);
  });
});

describe("plain text", () => {
  it("takes a first line with heading words in its tail as the title, and a first line that is a heading as none", () => {
    const [titled] = parse("Marketing Associate - No Experience Necessary\n\nResponsibilities\n\nRun the campaigns.\n", "posting.txt");
    expect(titled!.title).toBe("Marketing Associate - No Experience Necessary");
    const [untitled] = parse("Responsibilities: what you will do\n\nRun the campaigns.\n", "posting.txt");
    expect(untitled!.title).toBeNull();
  });

  it("reads a short duty line that starts with 'Responsible for' as a sentence, not a heading", () => {
    const [doc] = parse("Sales Officer\n\nDuties\n\nResponsible for achieving sales targets\nVisit shops in the region\n", "posting.txt");
    expect(outline(doc!)).toEqual(["duties|Responsible for achieving sales targets", "duties|Visit shops in the region"]);
  });
});
