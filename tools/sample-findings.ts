/**
 * Precision sampling of the language rules: lints a seeded random sample of real postings with the language and
 * pay rules on, then prints a random sample of each rule's findings with the words around them, to be read and
 * judged right or wrong by a person. The figures go in each rule's doc page ("Measured precision").
 *
 *   npm run build && node dist/tools/sample-findings.js <corpus.jsonl> [--postings 1000] [--per-rule 100] [--seed 1]
 *     [--rules gendered-wording,pay-transparency] [--counts]
 *
 * The corpus is a JSONL file of postings (or $JDLINT_DATA/postings/corpus.jsonl). --counts prints only how many
 * findings each rule and message has, for comparing word lists quickly.
 */
import { createReadStream, existsSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { builtinRules } from "../rules/index.js";
import { codedWords } from "../rules/gendered-wording.js";
import { readBuiltinSources } from "../src/cli/knowledge-files.js";
import { lintDocument } from "../src/engine/linter.js";
import type { LintMessage, Report, Rule } from "../src/engine/types.js";
import type { Span } from "../src/model/span.js";
import { DEFAULT_THRESHOLDS } from "../src/judge/thresholds.js";
import { compileKnowledge } from "../src/lexicon/knowledge.js";
import type { PostingDocument } from "../src/model/document.js";
import { parseJsonlLine } from "../src/parsers/index.js";

const LANGUAGE_RULES = builtinRules.filter((r) => r.meta.topic === "language");

/** A small seeded generator (mulberry32): the same seed draws the same sample. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `k` distinct items of `list`, drawn with `rand`, in their original order. */
function sample<T>(list: T[], k: number, rand: () => number): T[] {
  if (list.length <= k) return list.slice();
  const idx = list.map((_, i) => i);
  for (let i = idx.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [idx[i], idx[j]] = [idx[j]!, idx[i]!];
  }
  return idx
    .slice(0, k)
    .sort((a, b) => a - b)
    .map((i) => list[i]!);
}

async function readLines(path: string): Promise<string[]> {
  const out: string[] = [];
  for await (const line of createInterface({ input: createReadStream(path), crlfDelay: Infinity })) if (line.trim()) out.push(line);
  return out;
}

interface Finding {
  id: string;
  title: string | null;
  message: LintMessage;
  doc: PostingDocument;
  /** The reported span in doc.text, when the report had one. */
  span: Span | null;
}

const clip = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);
const oneLine = (s: string) => s.replace(/\s+/g, " ").trim();

/** The words around a finding's span, the span marked [[...]] (the words the finding matched). */
function context(doc: PostingDocument, span: Span | null): string {
  if (!span) return "(no span)";
  const t = doc.text;
  return oneLine(`${t.slice(Math.max(0, span.start - 160), span.start)}[[${t.slice(span.start, span.end)}]]${t.slice(span.end, span.end + 160)}`);
}

/** For a missing-pay finding: every line that speaks of money, so that a reader can check none states pay. */
const MONEY = /[$£€₹₦¥]|\b(?:salary|salaries|pay|wage|wages|compensation|remuneration|ote|usd|gbp|eur|kes|ksh|per hour|hourly|per annum|stipend|earn|earnings|commission)\b/i;

function details(f: Finding): string[] {
  const out: string[] = [];
  if (f.message.ruleId === "gendered-wording" && f.message.messageId === "balance") {
    const coded = codedWords(f.doc, compiled!);
    for (const side of ["masculine", "feminine"] as const) {
      for (const h of coded[side].hits) {
        const s = h.sentence.text;
        const a = h.span.start - h.sentence.span.start;
        const b = h.span.end - h.sentence.span.start;
        out.push(`    ${side[0]} ${h.section.padEnd(12)} ${oneLine(s.slice(Math.max(0, a - 60), a))}[[${s.slice(a, b)}]]${oneLine(s.slice(b, b + 60))}`);
      }
    }
  }
  if (f.message.ruleId === "pay-transparency") {
    for (const s of f.doc.sentences) if (MONEY.test(s.text)) out.push(`    $ ${clip(oneLine(s.text), 220)}`);
  }
  return out;
}

let compiled: ReturnType<typeof compileKnowledge> | null = null;

async function main(): Promise<void> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      postings: { type: "string", default: "1000" },
      "per-rule": { type: "string", default: "100" },
      seed: { type: "string", default: "1" },
      rules: { type: "string" },
      counts: { type: "boolean", default: false },
    },
  });
  const path = positionals[0] ?? (process.env.JDLINT_DATA ? join(process.env.JDLINT_DATA, "postings/corpus.jsonl") : undefined);
  if (!path || !existsSync(path)) {
    console.error("usage: node dist/tools/sample-findings.js <corpus.jsonl> (or set JDLINT_DATA)");
    process.exitCode = 2;
    return;
  }
  const wanted = values.rules ? values.rules.split(",") : LANGUAGE_RULES.map((r) => r.meta.id);
  const rules = LANGUAGE_RULES.filter((r) => wanted.includes(r.meta.id));
  const knowledge = (compiled = compileKnowledge(await readBuiltinSources()));
  // Each rule's reports are kept with their spans, to show the words around them (a message has only line:column).
  let reports: Array<{ ruleId: string; messageId: string; span: Span | null }> = [];
  const watched: Rule[] = rules.map((rule) => ({
    meta: rule.meta,
    check: (doc, ctx) =>
      rule.check(doc, {
        ...ctx,
        report: (r: Report) => {
          reports.push({ ruleId: rule.meta.id, messageId: r.messageId, span: r.span });
          ctx.report(r);
        },
      }),
  }));
  const settings = { knowledge, thresholds: DEFAULT_THRESHOLDS, rules: watched.map((rule) => ({ rule, severity: rule.meta.defaultSeverity, options: {} })) };
  const rand = random(Number(values.seed));
  const all = await readLines(path);
  const chosen = sample(all.map((line, i) => ({ line, i })), Number(values.postings), rand);
  const byRule = new Map<string, Finding[]>(rules.map((r) => [r.meta.id, []]));
  for (const { line, i } of chosen) {
    let doc: PostingDocument;
    try {
      doc = parseJsonlLine(knowledge, line, path, i + 1);
    } catch {
      continue;
    }
    reports = [];
    const result = lintDocument(doc, path, settings);
    for (const message of result.messages) {
      const at = reports.findIndex((r) => {
        if (r.ruleId !== message.ruleId || r.messageId !== message.messageId) return false;
        const where = r.span ? doc.locator.locate(r.span) : { line: 1, column: 1 };
        return where.line === message.line && where.column === message.column;
      });
      const span = at >= 0 ? reports.splice(at, 1)[0]!.span : null;
      byRule.get(message.ruleId)!.push({ id: doc.recordId ?? String(i + 1), title: doc.title, message, doc, span });
    }
  }
  console.log(`# ${chosen.length} postings (seed ${values.seed}) from ${path}`);
  for (const [id, findings] of byRule) {
    const byMessage = new Map<string, number>();
    for (const f of findings) byMessage.set(f.message.messageId, (byMessage.get(f.message.messageId) ?? 0) + 1);
    console.log(`\n## ${id}: ${findings.length} findings in ${new Set(findings.map((f) => f.id)).size} postings (${[...byMessage].map(([m, n]) => `${m} ${n}`).join(", ")})`);
    if (values.counts) continue;
    const shown = sample(findings, Number(values["per-rule"]), rand);
    shown.forEach((f, n) => {
      console.log(`\n[${id} ${n + 1}] ${f.id} "${clip(f.title ?? "(no title)", 80)}" ${f.message.severity} ${f.message.line}:${f.message.column} ${f.message.messageId}`);
      console.log(`  ${f.message.message}`);
      console.log(`  > ${context(f.doc, f.span)}`);
      for (const d of details(f)) console.log(d);
    });
  }
}

await main();
