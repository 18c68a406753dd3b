/**
 * Writes rules/models/duty-lines.yaml: a linear model (multinomial logistic regression) that reads a duty line
 * as marketing, sales, customer service or other work. It learns from what occupations do, not from labelled
 * postings: O*NET 30.1 task statements by occupation code, and ESCO occupation descriptions split into
 * sentences, each sentence labelled with its occupation's function.
 *
 *   npm run build && node dist/tools/train-duty-model.js ../shared/data      (or set JDLINT_DATA)
 *
 * --check compares what training gives with the committed file instead of writing it (exit 1 on drift).
 * Training is deterministic: the same data gives the same file.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { packageRoot } from "../src/cli/knowledge-files.js";
import { readCsv } from "../src/parsers/csv.js";
import { splitSentences } from "../src/parsers/sentences.js";
import { lineFeatures, MODEL_CLASSES, type ModelClass } from "../src/judge/line-model.js";
import { tokenize } from "../src/text/tokenize.js";

/** O*NET occupation codes by function; every other code is "other". */
const ONET: Array<[ModelClass, RegExp]> = [
  // Advertising and promotions, marketing, public relations managers; market research analysts and search
  // marketing strategists; public relations specialists.
  ["marketing", /^(11-2011|11-2021|11-2032|13-1161|27-3031)/],
  // Sales managers and every sales occupation (41-).
  ["sales", /^(11-2022|41-)/],
  // Customer service representatives; reservation agents; concierges (service to a customer in front of them).
  ["customer_service", /^(43-4051|43-4181|39-6012)/],
];
/** Fundraising managers and other neighbours whose tasks would blur a class: left out of training. */
const ONET_SKIP = /^(11-2033)/;

/** ESCO occupations by ISCO group, for the three functions (other groups are "other"). */
const ESCO: Array<[ModelClass, RegExp]> = [
  ["marketing", /^(2431|2432)/],
  ["sales", /^(3322|3323|3324|3339|5211|5212|522|524)/],
  ["customer_service", /^(4222|4225|4229)/],
];
/** ESCO labels inside those groups that name another function ("business developer" is filed under 2431). */
const ESCO_MISFILED = /sales|seller|business develop|network market|pricing|revenue/;

const HYPER = {
  epochs: 40,
  /** AdaGrad step. */
  rate: 0.3,
  /** L2 penalty per update. */
  l2: 1e-5,
  /** A feature seen in fewer training sentences than this is left out. */
  minCount: 3,
  /** Weights smaller than this in every class are not written. */
  minWeight: 0.3,
};

interface Example {
  label: number;
  features: number[];
}

function classOf(table: Array<[ModelClass, RegExp]>, code: string): ModelClass {
  for (const [c, re] of table) if (re.test(code)) return c;
  return "other";
}

function tsv(path: string): Array<Record<string, string>> {
  const [head, ...rows] = readFileSync(path, "utf8").split(/\r?\n/).filter(Boolean);
  const names = head!.split("\t");
  return rows.map((r) => Object.fromEntries(r.split("\t").map((v, i) => [names[i]!, v])));
}

function sentencesOf(text: string): string[] {
  return splitSentences(text, 0, text.length).map((s) => text.slice(s.start, s.end));
}

/** Labelled sentences: O*NET task statements and ESCO descriptions. */
function readTrainingSentences(data: string): Array<{ label: ModelClass; text: string }> {
  const out: Array<{ label: ModelClass; text: string }> = [];
  for (const row of tsv(join(data, "onet", "task_statements.txt"))) {
    const code = row["O*NET-SOC Code"] ?? "";
    if (!row.Task || ONET_SKIP.test(code)) continue;
    out.push({ label: classOf(ONET, code), text: row.Task });
  }
  const esco = readFileSync(join(data, "esco", "occupations_en.csv"), "utf8");
  const rows = [...readCsv(esco, "occupations_en.csv", ",")];
  const header = rows[0]!.cells.map((c) => c.value);
  const at = (name: string) => header.indexOf(name);
  for (const row of rows.slice(1)) {
    const cell = (name: string) => row.cells[at(name)]?.value ?? "";
    let label = classOf(ESCO, cell("iscoGroup"));
    if (label !== "other" && ESCO_MISFILED.test(cell("preferredLabel")) && label === "marketing") label = "sales";
    for (const text of sentencesOf(cell("description"))) out.push({ label, text });
  }
  return out;
}

function train(examples: Example[], featureCount: number): { bias: number[]; weights: Float64Array } {
  const k = MODEL_CLASSES.length;
  // Classes weighted so that each counts as much as the others: "other" has thirty times the sentences.
  const perClass = new Array<number>(k).fill(0);
  for (const e of examples) perClass[e.label]!++;
  const classWeight = perClass.map((n) => Math.sqrt(examples.length / (k * Math.max(n, 1))));
  const w = new Float64Array(featureCount * k);
  const g2 = new Float64Array(featureCount * k).fill(1e-8);
  const bias = new Array<number>(k).fill(0);
  const biasG2 = new Array<number>(k).fill(1e-8);
  // A fixed shuffle: a linear congruential generator, so that training gives the same file every time.
  let seed = 12345;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const order = examples.map((_, i) => i);
  const logits = new Array<number>(k);
  for (let epoch = 0; epoch < HYPER.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const idx of order) {
      const e = examples[idx]!;
      for (let c = 0; c < k; c++) {
        let l = bias[c]!;
        for (const f of e.features) l += w[f * k + c]!;
        logits[c] = l;
      }
      const max = Math.max(...logits);
      let sum = 0;
      for (let c = 0; c < k; c++) sum += logits[c] = Math.exp(logits[c]! - max);
      const cw = classWeight[e.label]!;
      for (let c = 0; c < k; c++) {
        const grad = cw * (logits[c]! / sum - (c === e.label ? 1 : 0));
        biasG2[c]! += grad * grad;
        bias[c]! -= (HYPER.rate * grad) / Math.sqrt(biasG2[c]!);
        for (const f of e.features) {
          const at = f * k + c;
          const g = grad + HYPER.l2 * w[at]!;
          g2[at]! += g * g;
          w[at]! -= (HYPER.rate * g) / Math.sqrt(g2[at]!);
        }
      }
    }
  }
  return { bias, weights: w };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function modelYaml(features: string[], bias: number[], weights: Float64Array, counts: Record<string, number>): string {
  const k = MODEL_CLASSES.length;
  const lines = [
    "# A duty-line model: multinomial logistic regression over word stems and neighbouring stem pairs.",
    "# Written by tools/train-duty-model.ts from O*NET 30.1 task statements and ESCO occupation descriptions;",
    "# do not edit by hand (train it again). Each feature lists one weight per class, in the order of `classes`.",
    "# This product includes information from O*NET 30.1 Database by the U.S. Department of Labor, Employment and",
    "# Training Administration (USDOL/ETA), used under the CC BY 4.0 license. ESCO classification of the European",
    "# Commission, used under the CC BY 4.0 license.",
    `classes: [${MODEL_CLASSES.join(", ")}]`,
    `sentences: { ${Object.entries(counts).map(([c, n]) => `${c}: ${n}`).join(", ")} }`,
    `bias: [${bias.map(round).join(", ")}]`,
    "features:",
  ];
  features.forEach((f, i) => {
    const row = Array.from(weights.subarray(i * k, i * k + k), round);
    if (row.every((x) => Math.abs(x) < HYPER.minWeight)) return;
    lines.push(`  ${JSON.stringify(f)}: [${row.join(", ")}]`);
  });
  return lines.join("\n") + "\n";
}

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { check: { type: "boolean", default: false } } });
  const data = positionals[0] ?? process.env.JDLINT_DATA;
  if (!data) {
    console.error("usage: node dist/tools/train-duty-model.js <shared data folder> [--check]  (or set JDLINT_DATA)");
    process.exitCode = 2;
    return;
  }
  const sentences = readTrainingSentences(data);
  const featureCounts = new Map<string, number>();
  const featured = sentences.map((s) => ({ label: s.label, features: [...new Set(lineFeatures(tokenize(s.text)))] }));
  for (const s of featured) for (const f of s.features) featureCounts.set(f, (featureCounts.get(f) ?? 0) + 1);
  const features = [...featureCounts.entries()].filter(([, n]) => n >= HYPER.minCount).map(([f]) => f).sort();
  const index = new Map(features.map((f, i) => [f, i]));
  const examples: Example[] = featured
    .map((s) => ({ label: MODEL_CLASSES.indexOf(s.label), features: s.features.map((f) => index.get(f)).filter((i): i is number => i !== undefined) }))
    .filter((e) => e.features.length > 0);
  const counts = Object.fromEntries(MODEL_CLASSES.map((c, i) => [c, examples.filter((e) => e.label === i).length]));
  const { bias, weights } = train(examples, features.length);
  const yaml = modelYaml(features, bias, weights, counts);
  const target = join(packageRoot(), "rules", "models", "duty-lines.yaml");
  if (values.check) {
    const same = readFileSync(target, "utf8") === yaml;
    console.log(same ? `${target}: up to date` : `${target}: differs from what training gives`);
    process.exitCode = same ? 0 : 1;
    return;
  }
  writeFileSync(target, yaml);
  console.log(`${target}: ${yaml.split("\n").length - 11} features, trained on ${examples.length} sentences (${JSON.stringify(counts)})`);
}

await main();
