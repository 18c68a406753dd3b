import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { evaluate } from "../tools/eval.js";

// The shared data lives beside the project; a user's clone without it skips this test.
const DATA = process.env.JDLINT_DATA ?? join(process.cwd(), "..", "shared", "data");
const corpusPath = join(DATA, "postings", "corpus.jsonl");
const labelsPath = join(DATA, "labels", "dev.jsonl");
const haveData = existsSync(corpusPath) && existsSync(labelsPath);

describe.skipIf(!haveData)("accuracy on the hand-labelled real postings (npm run eval)", () => {
  it("meets the targets: recall and precision of mismatches, duty family, title swap, quiet outside the functions", { timeout: 240_000 }, async () => {
    const { figures } = await evaluate({ corpusPath, labelsPath });
    expect(figures.majorRecall).toBeGreaterThanOrEqual(0.85);
    expect(figures.precision).toBeGreaterThanOrEqual(0.85);
    expect(figures.dutyFamilyAccuracyHigh).toBeGreaterThanOrEqual(0.85);
    expect(figures.titleSwap).toBeGreaterThanOrEqual(0.9);
    expect(figures.outsideFlagRate).toBeLessThanOrEqual(0.01);
  });
});
