/**
 * Writes rules/common-words.txt: the words job postings use most, whose stems the build works out once
 * (dist/stems.txt) so that a run does not Porter-stem them again (see src/text/stem.ts).
 *
 *   npm run build && node dist/tools/common-words.js ../shared/data/postings/corpus.jsonl
 *
 * A word is kept when at least --min-postings postings use it (names, typos and codes rarely do). Only the
 * even-numbered postings are read: the others are held out, and the coverage printed is measured on them.
 */
import { createReadStream, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { packageRoot } from "../src/cli/knowledge-files.js";

// Plain ASCII words as the tokenizer reads them, lowercased; shorter than 3 letters, the stemmer keeps them.
const WORD = /[a-z]{3,}(?:'[a-z]+)?/g;
// A possessive is stemmed without its 's (see src/text/words.ts).
const POSSESSIVE = /'s$/;

function wordsOf(record: { title?: string; sections?: Record<string, string | null> }): Set<string> {
  const text = [record.title ?? "", ...Object.values(record.sections ?? {}).map((s) => s ?? "")].join("\n").toLowerCase();
  return new Set((text.match(WORD) ?? []).filter((w) => !POSSESSIVE.test(w)));
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { "min-postings": { type: "string", default: "5" } } });
  const corpus = positionals[0] ?? (process.env.JDLINT_DATA ? join(process.env.JDLINT_DATA, "postings/corpus.jsonl") : undefined);
  if (!corpus) {
    console.error("usage: node dist/tools/common-words.js <corpus.jsonl> [--min-postings N] (or set JDLINT_DATA)");
    process.exitCode = 2;
    return;
  }
  const minPostings = Number(values["min-postings"]);
  const postingsWith = new Map<string, number>();
  const heldOut: Set<string>[] = [];
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(corpus), crlfDelay: Infinity })) {
    if (!line.trim()) continue;
    const words = wordsOf(JSON.parse(line) as Parameters<typeof wordsOf>[0]);
    if (n++ % 2 === 0) for (const w of words) postingsWith.set(w, (postingsWith.get(w) ?? 0) + 1);
    else heldOut.push(words);
  }
  const common = [...postingsWith].filter(([, count]) => count >= minPostings).map(([w]) => w).sort();
  const known = new Set(common);
  let seen = 0;
  let covered = 0;
  for (const words of heldOut) for (const w of words) (seen++, known.has(w) && covered++);
  const out = join(packageRoot(), "rules", "common-words.txt");
  writeFileSync(
    out,
    `# The words job postings use most (in at least ${minPostings} of ${Math.ceil(n / 2)} real postings), one per line; written by\n` +
      `# tools/common-words.ts. The build stems them once (dist/stems.txt). Any word may be added or removed.\n` +
      `${common.join("\n")}\n`,
  );
  console.log(`${out}: ${common.length} words; they are ${((100 * covered) / seen).toFixed(1)}% of the distinct words of each held-out posting`);
}

await main();
