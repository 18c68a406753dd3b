import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { compileKnowledge, type Knowledge, type KnowledgeSources } from "../lexicon/knowledge.js";
import { readSnapshot } from "../lexicon/snapshot.js";
import { useStemTable } from "../text/stem.js";

/** The package's own folder: where rules/ is, whether running from src/ or from dist/. */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(dir, "rules", "lexicons"))) return dir;
    dir = dirname(dir);
  }
  throw new Error("cannot find jdlint's rules/ folder");
}

// Read synchronously: small files of the package's own, which a run cannot start without.
function source(root: string, path: string) {
  return { file: relative(process.cwd(), join(root, path)) || path, text: readFileSync(join(root, path), "utf8") };
}

/** Reads the built-in YAML under rules/ (the IO part); compiling it is pure. */
export async function readBuiltinSources(root = packageRoot()): Promise<KnowledgeSources> {
  const [marketing, sales, service, otherWork, signals, sections, titles, seniority, ruleSignals, dutyModel, gendered, exclusionary, expectations, pay] = [
    "rules/lexicons/marketing.yaml",
    "rules/lexicons/sales.yaml",
    "rules/lexicons/customer_service.yaml",
    "rules/lexicons/other_work.yaml",
    "rules/lexicons/signals.yaml",
    "rules/sections.yaml",
    "rules/titles.yaml",
    "rules/seniority.yaml",
    "rules/lexicons/rule-signals.yaml",
    "rules/models/duty-lines.yaml",
    "rules/lexicons/gendered.yaml",
    "rules/lexicons/exclusionary.yaml",
    "rules/lexicons/expectations.yaml",
    "rules/lexicons/pay.yaml",
  ].map((p) => source(root, p));
  return {
    lexicons: [marketing!, sales!, service!],
    otherWork: otherWork!,
    signals: signals!,
    sections: sections!,
    titles: titles!,
    seniority: seniority!,
    ruleSignals: ruleSignals!,
    dutyModel: dutyModel!,
    gendered: gendered!,
    exclusionary: exclusionary!,
    expectations: expectations!,
    pay: pay!,
  };
}

/** Where the build writes the compiled built-in knowledge (see src/lexicon/snapshot.ts). */
export function snapshotPath(root = packageRoot()): string {
  return join(root, "dist", "knowledge.snapshot");
}

/** Where the build writes the stems of the common words (see src/text/stem.ts). */
export function stemTablePath(root = packageRoot()): string {
  return join(root, "dist", "stems.txt");
}

/** The common words whose stems the build works out (rules/common-words.txt: one a line, # for comments). */
export function readCommonWords(root = packageRoot()): string[] {
  return readFileSync(join(root, "rules", "common-words.txt"), "utf8")
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith("#"));
}

/** The built-in knowledge from the build's snapshot, when there is one compiled from these very sources. */
function fromSnapshot(sources: KnowledgeSources): Knowledge | null {
  let json: string;
  try {
    json = readFileSync(snapshotPath(), "utf8");
  } catch {
    return null;
  }
  return readSnapshot(json, sources);
}

let cached: { knowledge: Knowledge; sources: KnowledgeSources } | null = null;

/** The built-in knowledge, and the YAML it is compiled from, read once. */
export async function loadBuiltins(): Promise<{ knowledge: Knowledge; sources: KnowledgeSources }> {
  if (!cached) {
    try {
      useStemTable(readFileSync(stemTablePath()));
    } catch {
      // No table (not built): every word is stemmed as it comes.
    }
    const sources = await readBuiltinSources();
    cached = { knowledge: fromSnapshot(sources) ?? compileKnowledge(sources), sources };
  }
  return cached;
}

export async function loadBuiltinKnowledge(): Promise<Knowledge> {
  return (await loadBuiltins()).knowledge;
}
