#!/usr/bin/env node
// lexicon-candidates: the evidence behind rules/lexicons/*.yaml.
//
// Lists stemmed 1-3 word phrases that are distinctive of one function family (marketing, sales,
// customer_service), from two sources:
//   - O*NET 30.1 task statements of the family's occupations (one task statement = one document);
//   - corpus postings whose title clearly names the family (one posting = one document), against the other
//     families and against postings clearly outside these functions (software, healthcare, engineering...).
// Distinctiveness is the z-score of the log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
// Quinn 2008), computed on document frequencies, for the family against everything else. The two z-scores
// (O*NET, corpus) are summed. The labelled postings (labels/dev.jsonl) are left out, so that they stay a fair
// test of the lexicons. The output is a candidate list to curate by hand, not a lexicon.
//
// Usage: node tools/lexicon-candidates.mjs <shared-data-dir> [--family sales] [--top 150] [--min 5]
// Columns: score, z O*NET, z corpus, O*NET tasks (family / rest), postings (family / other families / outside).

import fs from "node:fs";
import path from "node:path";
import porter from "natural/lib/natural/stemmers/porter_stemmer.js";

const ONET = {
  marketing: ["11-2011", "11-2021", "11-2032", "13-1161", "13-1161.01", "27-3031"],
  sales: ["11-2022", "41-1011", "41-1012", "41-2031", "41-3011", "41-3021", "41-3031", "41-3091", "41-4011",
    "41-4011.07", "41-4012", "41-9011", "41-9021", "41-9022", "41-9031", "41-9041", "41-9091"],
  customer_service: ["43-4051", "43-4151", "43-4141"],
};
// Title patterns that put a corpus posting in a family; a posting matching two families is left out.
const TITLE = {
  marketing: /\b(marketing|brand|seo|sem|ppc|content|social media|communications|public relations|pr|campaign)\b/i,
  sales: /\b(sales|salesperson|account executive|business development|bdr|sdr|telesales|telemarketer)\b/i,
  customer_service: /\b(customer (service|support|success|care|experience)|call cent(er|re)|help ?desk|client services)\b/i,
};
// Titles that are near these functions without naming one of them: neither family nor "outside".
const NEAR = /\b(account|business|commercial|customer|client|retail|store|promot\w*|advertis\w*|event|merchand\w*|representative|agent|consultant|ambassador|growth|product manager|recruit\w*)\b/i;
const FAMILIES = Object.keys(ONET);

const STOP = new Set(("a an the and or of to in on for with by at from as is are be will you your our we us "
  + "their they this that it its all any can may must have has not who which what such into per etc "
  + "other more also well new").split(" "));

const args = process.argv.slice(2);
const dataDir = args[0];
if (!dataDir) {
  console.error("usage: node tools/lexicon-candidates.mjs <shared-data-dir> [--family f] [--top n] [--min n]");
  process.exit(2);
}
const opt = (name, dflt) => (args.includes(`--${name}`) ? args[args.indexOf(`--${name}`) + 1] : dflt);
const onlyFamily = opt("family", null);
const top = Number(opt("top", 150));
const minDf = Number(opt("min", 5));

// Sentences -> stemmed tokens -> set of 1-3 grams that neither start nor end with a stop word.
const sentences = (text) => text.replace(/<[^>]+>|#URL_\w+#/g, " ").split(/[.!?;:•*\n\r]+|\s-\s/);
const tokens = (s) => (s.toLowerCase().match(/[a-z][a-z0-9'&+]*/g) ?? []).map((w) => porter.stem(w.replace(/'s?$/, "")));
function grams(text) {
  const out = new Set();
  for (const s of sentences(text)) {
    const t = tokens(s);
    for (let i = 0; i < t.length; i++) {
      if (STOP.has(t[i])) continue;
      for (let n = 1; n <= 3 && i + n <= t.length; n++) {
        if (!STOP.has(t[i + n - 1])) out.add(t.slice(i, i + n).join(" "));
      }
    }
  }
  return out;
}

// counts[source][group]: Map gram -> document frequency; docs[source][group]: number of documents.
const GROUPS = [...FAMILIES, "outside"];
const newCounts = () => Object.fromEntries(GROUPS.map((g) => [g, new Map()]));
const counts = { onet: newCounts(), corpus: newCounts() };
const docs = { onet: {}, corpus: {} };
function add(source, group, text) {
  docs[source][group] = (docs[source][group] ?? 0) + 1;
  const m = counts[source][group];
  for (const g of grams(text)) m.set(g, (m.get(g) ?? 0) + 1);
}

// O*NET tasks. Everything not in a family counts as "outside" for the O*NET z-score.
const taskLines = fs.readFileSync(path.join(dataDir, "onet/task_statements.txt"), "utf8").split(/\r?\n/).slice(1);
for (const line of taskLines) {
  const [code, , task] = line.split("\t");
  if (!task) continue;
  const family = FAMILIES.find((f) => ONET[f].some((c) => code === c || code === `${c}.00`));
  add("onet", family ?? "outside", task);
}

// Corpus postings, minus the labelled ones.
const labelled = new Set(fs.readFileSync(path.join(dataDir, "labels/dev.jsonl"), "utf8").trim().split("\n")
  .map((l) => JSON.parse(l).id));
for (const line of fs.readFileSync(path.join(dataDir, "postings/corpus.jsonl"), "utf8").split("\n")) {
  if (!line) continue;
  const p = JSON.parse(line);
  if (labelled.has(p.id)) continue;
  const hits = FAMILIES.filter((f) => TITLE[f].test(p.title ?? ""));
  let group = hits.length === 1 ? hits[0] : null;
  if (hits.length === 0 && !NEAR.test(p.title ?? "")) group = "outside";
  if (!group) continue;
  const { description = "", requirements = "" } = p.sections ?? {};
  add("corpus", group, `${description}\n${requirements}`); // company profile and benefits describe the employer
}

// Log-odds z-score of gram g for `family` against all other groups, Dirichlet prior from the pooled counts.
function zScores(source, family, alpha0 = 500) {
  const fam = counts[source][family];
  const rest = new Map();
  for (const g of GROUPS) if (g !== family) for (const [k, v] of counts[source][g]) rest.set(k, (rest.get(k) ?? 0) + v);
  const nF = docs[source][family] ?? 0;
  const nR = GROUPS.filter((g) => g !== family).reduce((s, g) => s + (docs[source][g] ?? 0), 0);
  const z = new Map();
  for (const [k, yF] of fam) {
    const yR = rest.get(k) ?? 0;
    const prior = (alpha0 * (yF + yR)) / (nF + nR);
    const lF = Math.log((yF + prior) / (nF + alpha0 - yF - prior));
    const lR = Math.log((yR + prior) / (nR + alpha0 - yR - prior));
    z.set(k, (lF - lR) / Math.sqrt(1 / (yF + prior) + 1 / (yR + prior)));
  }
  return z;
}

const fmt = (x) => (x === undefined ? "   -" : x.toFixed(1).padStart(5));
console.log(`documents: O*NET ${JSON.stringify(docs.onet)}; corpus ${JSON.stringify(docs.corpus)}\n`);
for (const family of onlyFamily ? [onlyFamily] : FAMILIES) {
  const zo = zScores("onet", family);
  const zc = zScores("corpus", family);
  const rows = [];
  for (const g of new Set([...zo.keys(), ...zc.keys()])) {
    const df = (src, grp) => counts[src][grp].get(g) ?? 0;
    const onF = df("onet", family);
    const onR = GROUPS.filter((x) => x !== family).reduce((s, x) => s + df("onet", x), 0);
    const coF = df("corpus", family);
    const coO = FAMILIES.filter((x) => x !== family).reduce((s, x) => s + df("corpus", x), 0);
    const coX = df("corpus", "outside");
    if (onF + coF < minDf) continue;
    rows.push({ g, score: (zo.get(g) ?? 0) + (zc.get(g) ?? 0), zo: zo.get(g), zc: zc.get(g), onF, onR, coF, coO, coX });
  }
  rows.sort((a, b) => b.score - a.score);
  console.log(`== ${family} ==`);
  console.log(" score  zO*N  zcorp  O*NET fam/rest  postings fam/other-fam/outside  phrase");
  for (const r of rows.slice(0, top)) {
    console.log(`${fmt(r.score)} ${fmt(r.zo)} ${fmt(r.zc)}  ${String(r.onF).padStart(5)}/${String(r.onR).padEnd(6)}`
      + `    ${String(r.coF).padStart(5)}/${String(r.coO).padStart(5)}/${String(r.coX).padEnd(6)}              ${r.g}`);
  }
  console.log("");
}
