import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FuzzReader, inputsReport, runs, TIME_LIMIT_MS, type PostingFacts } from "./helpers/fuzz.js";
import { grammarPosting, RENDERINGS } from "./helpers/posting-grammar.js";

// The same posting, generated from a small grammar of titles, headings and duty lines, written as Markdown, as an
// HTML page, as schema.org JSON-LD and as a feed's record: each reads to one posting with the same verdict (title family, duty
// family, status) and the same rules reporting. Read on a worker thread, within fast-check's time limit.

let reader: FuzzReader;
const startedAt = performance.now();
beforeAll(async () => {
  reader = await FuzzReader.start("property-render");
}, 60_000);
afterAll(async () => {
  console.log(inputsReport("property-render", reader.inputs, startedAt));
  await reader.close();
});

async function verdictOf(file: string, text: string): Promise<PostingFacts["verdict"]> {
  const reply = await reader.read({ text, file, format: file.endsWith(".md") ? "markdown" : file.endsWith(".html") ? "html" : "json" });
  if ("crash" in reply) expect.fail(`${file} crashed: ${reply.crash}`);
  const postings = reply.items.flatMap((item) => ("posting" in item ? [item.posting] : []));
  expect(reply.items, `${file} reads as one posting`).toHaveLength(1);
  return postings[0]!.verdict;
}

describe("one posting in Markdown, HTML, JSON-LD and a JSON record", () => {
  it("gets the same verdict and the same rules reporting in each", async () => {
    await fc.assert(
      fc.asyncProperty(grammarPosting, async (posting) => {
        const verdicts: Record<string, PostingFacts["verdict"]> = {};
        for (const [file, render] of Object.entries(RENDERINGS)) verdicts[file] = await verdictOf(file, render(posting));
        const [first, ...rest] = Object.values(verdicts);
        for (const v of rest) expect(v, JSON.stringify(verdicts, null, 1)).toEqual(first);
      }),
      { numRuns: runs(120), timeout: TIME_LIMIT_MS },
    );
  });
});
