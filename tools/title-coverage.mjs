#!/usr/bin/env node
// title-coverage.mjs: measure how well rules/titles.yaml and rules/seniority.yaml cover real job titles.
//
// Usage: node tools/title-coverage.mjs <shared-data-dir> [--misses] [--other N]
//
// Loads rules/titles.yaml and rules/seniority.yaml, classifies the title of every posting in
// <shared-data-dir>/postings/corpus.jsonl following rules/README.md (lowercased, Porter-stemmed word tokens;
// `a|b` alternatives, `word*` prefix on the unstemmed token, `=word` exact; consecutive phrase words may have up
// to `gap` other tokens between them, default 1; classify entries are checked in order and a matched entry
// consumes its title words so later entries cannot reuse them), and prints:
//   - agreement with the hand-labelled title_family in <shared-data-dir>/labels/dev.jsonl, overall and as a
//     confusion table (rows: label, columns: prediction); with --misses, every disagreeing title;
//   - the most frequent corpus titles that classify as `other` but contain a function-looking word;
//   - the seniority distribution over the corpus (and per predicted family);
//   - sanity checks on the taxonomy (unknown families, specialisations or levels, missing core levels).
//
// Family resolution (documented at the top of rules/titles.yaml): entries with `family: other` only consume
// words; marketing + sales -> hybrid; otherwise, when several families match, the one whose match starts
// earliest in the title wins (e.g. "Sales and Service Consultant" -> sales); no match -> other.
// Seniority: the first matching `overrides` entry sets the level; else the highest level among matching `words`
// entries; else `default`.
//
// Reads the data from the path given; writes nothing.

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import YAML from "yaml";
import porter from "natural/lib/natural/stemmers/porter_stemmer.js";

const here = path.dirname(fileURLToPath(import.meta.url));
const rulesDir = path.join(here, "..", "rules");

const args = process.argv.slice(2);
const dataDir = args.find((a) => !a.startsWith("--"));
if (!dataDir) {
  console.error("usage: node tools/title-coverage.mjs <shared-data-dir> [--misses] [--other N]");
  process.exit(2);
}
const showMisses = args.includes("--misses");
const otherIdx = args.indexOf("--other");
const otherN = otherIdx >= 0 ? Number(args[otherIdx + 1]) : 40;

// ---------- phrases ----------

const stemCache = new Map();
function stem(w) {
  let s = stemCache.get(w);
  if (s === undefined) {
    s = porter.stem(w);
    stemCache.set(w, s);
  }
  return s;
}

function tokenize(text) {
  const raw = (text.toLowerCase().normalize("NFKC").match(/[\p{L}\p{N}]+/gu) || []);
  return raw.map((w) => ({ raw: w, stem: stem(w) }));
}

function compileWord(alt) {
  if (alt.startsWith("=")) {
    const exact = alt.slice(1).toLowerCase();
    return (t) => t.raw === exact;
  }
  if (alt.endsWith("*")) {
    const prefix = alt.slice(0, -1).toLowerCase();
    return (t) => t.raw.startsWith(prefix);
  }
  const s = stem(alt.toLowerCase());
  return (t) => t.stem === s;
}

function compilePhrase(phrase, gap = 1, where = "") {
  if (typeof phrase !== "string" || !phrase.trim()) throw new Error(`${where}: empty or non-string match`);
  const positions = phrase.trim().split(/\s+/).map((pos) => {
    const alts = pos.split("|").filter(Boolean);
    if (!alts.length) throw new Error(`${where}: empty alternative in "${phrase}"`);
    const fns = alts.map(compileWord);
    return (t) => fns.some((f) => f(t));
  });
  return { phrase, gap, positions };
}

// Find all non-overlapping matches of a compiled phrase, leftmost first, never using consumed tokens.
// Returns arrays of matched token indexes.
function findMatches(cp, tokens, consumed) {
  const out = [];
  const used = new Set();
  const n = tokens.length;
  const search = (k, from, acc) => {
    if (k === cp.positions.length) return acc;
    const last = k === 0 ? n - 1 : Math.min(n - 1, from + cp.gap);
    for (let i = from; i <= last; i++) {
      if (consumed[i] || used.has(i)) continue;
      if (!cp.positions[k](tokens[i])) continue;
      const r = search(k + 1, i + 1, [...acc, i]);
      if (r) return r;
    }
    return null;
  };
  for (let start = 0; start < n; start++) {
    if (consumed[start] || used.has(start)) continue;
    if (!cp.positions[0](tokens[start])) continue;
    const m = search(1, start + 1, [start]);
    if (m) {
      out.push(m);
      m.forEach((i) => used.add(i));
    }
  }
  return out;
}

// ---------- rules ----------

function loadYaml(file) {
  const text = fs.readFileSync(file, "utf8");
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    throw new Error(`${file}: ${doc.errors.map((e) => e.message).join("; ")}`);
  }
  return doc.toJS();
}

const titles = loadYaml(path.join(rulesDir, "titles.yaml"));
const seniority = loadYaml(path.join(rulesDir, "seniority.yaml"));

const FAMILIES = ["marketing", "sales", "customer_service"];
const classify = titles.classify.map((e, i) => {
  const where = `titles.yaml classify[${i}]`;
  if (!["marketing", "sales", "customer_service", "other"].includes(e.family)) {
    throw new Error(`${where}: unknown family ${e.family}`);
  }
  return { ...e, index: i, cp: compilePhrase(e.match, e.gap ?? 1, where) };
});

const levels = seniority.levels;
const rank = Object.fromEntries(levels.map((l, i) => [l, i]));
const senWords = seniority.words.map((e, i) => {
  if (!(e.level in rank)) throw new Error(`seniority.yaml words[${i}]: unknown level ${e.level}`);
  return { ...e, cp: compilePhrase(e.match, e.gap ?? 1, `seniority.yaml words[${i}]`) };
});
const senOverrides = (seniority.overrides || []).map((e, i) => {
  if (!(e.level in rank)) throw new Error(`seniority.yaml overrides[${i}]: unknown level ${e.level}`);
  return { ...e, cp: compilePhrase(e.match, e.gap ?? 1, `seniority.yaml overrides[${i}]`) };
});

function classifyTitle(title) {
  const tokens = tokenize(title);
  const consumed = new Array(tokens.length).fill(false);
  const hits = [];
  for (const e of classify) {
    const ms = findMatches(e.cp, tokens, consumed);
    for (const m of ms) {
      m.forEach((i) => (consumed[i] = true));
      hits.push({ entry: e, start: m[0] });
    }
  }
  const fam = hits.filter((h) => h.entry.family !== "other");
  const fams = new Set(fam.map((h) => h.entry.family));
  let family;
  if (fams.size === 0) family = "other";
  else if (fams.has("marketing") && fams.has("sales")) family = "hybrid";
  else family = fam.reduce((a, b) => (b.start < a.start ? b : a)).entry.family;
  let specialisation = null;
  let ambiguous = null;
  if (family !== "other" && family !== "hybrid") {
    const own = fam.filter((h) => h.entry.family === family).sort((a, b) => a.entry.index - b.entry.index);
    specialisation = own.find((h) => h.entry.specialisation)?.entry.specialisation ?? "general";
    ambiguous = own.find((h) => h.entry.ambiguous)?.entry.ambiguous ?? null;
  }
  return { family, specialisation, ambiguous, hits };
}

function seniorityOf(title) {
  const tokens = tokenize(title);
  const none = new Array(tokens.length).fill(false);
  for (const o of senOverrides) if (findMatches(o.cp, tokens, none).length) return o.level;
  let best = null;
  for (const w of senWords) {
    if (findMatches(w.cp, tokens, none).length && (best === null || rank[w.level] > rank[best])) best = w.level;
  }
  return best ?? seniority.default;
}

// ---------- data ----------

const corpus = fs
  .readFileSync(path.join(dataDir, "postings", "corpus.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));
const byId = new Map(corpus.map((p) => [p.id, p]));
const labels = fs
  .readFileSync(path.join(dataDir, "labels", "dev.jsonl"), "utf8")
  .split("\n")
  .filter(Boolean)
  .map((l) => JSON.parse(l));

const pad = (s, n) => String(s).padEnd(n);
const padl = (s, n) => String(s).padStart(n);

// ---------- agreement ----------

const cols = ["marketing", "sales", "customer_service", "hybrid", "other"];
const conf = Object.fromEntries(cols.map((r) => [r, Object.fromEntries(cols.map((c) => [c, 0]))]));
let agree = 0;
const misses = [];
for (const l of labels) {
  const p = byId.get(l.id);
  if (!p) continue;
  const got = classifyTitle(p.title).family;
  conf[l.title_family][got]++;
  if (got === l.title_family) agree++;
  else misses.push({ title: p.title, label: l.title_family, got });
}
console.log(`# Agreement with labels/dev.jsonl title_family`);
console.log(`${agree}/${labels.length} = ${((100 * agree) / labels.length).toFixed(1)}%\n`);
console.log(`label \\ predicted  ${cols.map((c) => padl(c, 17)).join("")}   recall`);
for (const r of cols) {
  const tot = cols.reduce((s, c) => s + conf[r][c], 0);
  console.log(
    `${pad(r, 18)} ${cols.map((c) => padl(conf[r][c], 17)).join("")}   ${tot ? ((100 * conf[r][r]) / tot).toFixed(1) : "-"}%`,
  );
}
const prec = cols.map((c) => {
  const tot = cols.reduce((s, r) => s + conf[r][c], 0);
  return tot ? `${((100 * conf[c][c]) / tot).toFixed(1)}%` : "-";
});
console.log(`${pad("precision", 18)} ${prec.map((p) => padl(p, 17)).join("")}`);
if (showMisses) {
  console.log(`\n## Disagreements (${misses.length})`);
  for (const m of misses.sort((a, b) => a.label.localeCompare(b.label) || a.title.localeCompare(b.title))) {
    console.log(`  label=${pad(m.label, 16)} got=${pad(m.got, 16)} ${m.title}`);
  }
}

// ---------- corpus: family and other-with-function-words ----------

const FUNCTION_WORDS =
  /\b(market\w*|sales?|sell\w*|brand\w*|customer|client|account|business develop\w*|promot\w*|seo|sem|ppc|media|content|communicat\w*|pr|public relations|events?|growth|demand|support|service|call|contact|retail|tele\w*|advertis\w*|campaign|merchandis\w*|ambassador|partner\w*|relationship|success|help ?desk|store|shop|estate|insurance|agent|representative|rep|consultant|advisor|adviser|commercial|commission)\b/i;

const famCount = Object.fromEntries(cols.map((c) => [c, 0]));
const otherTitles = new Map();
const senCount = Object.fromEntries(levels.map((l) => [l, 0]));
const senByFam = Object.fromEntries(cols.map((c) => [c, Object.fromEntries(levels.map((l) => [l, 0]))]));
const specCount = new Map();
for (const p of corpus) {
  const r = classifyTitle(p.title);
  famCount[r.family]++;
  const s = seniorityOf(p.title);
  senCount[s]++;
  senByFam[r.family][s]++;
  if (r.specialisation) {
    const k = `${r.family}.${r.specialisation}`;
    specCount.set(k, (specCount.get(k) || 0) + 1);
  }
  if (r.family === "other" && FUNCTION_WORDS.test(p.title)) {
    const k = p.title.trim().toLowerCase().replace(/\s+/g, " ");
    otherTitles.set(k, (otherTitles.get(k) || 0) + 1);
  }
}
console.log(`\n# Corpus (${corpus.length} titles) by predicted family`);
for (const c of cols) console.log(`  ${pad(c, 18)} ${padl(famCount[c], 6)}`);
console.log(`\n# Corpus by specialisation`);
for (const [k, v] of [...specCount].sort((a, b) => b[1] - a[1])) console.log(`  ${pad(k, 36)} ${padl(v, 6)}`);

console.log(`\n# Most frequent corpus titles classified 'other' that contain a function-looking word (top ${otherN})`);
for (const [t, n] of [...otherTitles].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, otherN)) {
  console.log(`  ${padl(n, 4)}  ${t}`);
}

console.log(`\n# Seniority distribution (title words)`);
console.log(`${pad("level", 10)} ${padl("all", 7)} ${cols.map((c) => padl(c.slice(0, 10), 11)).join("")}`);
for (const l of levels) {
  console.log(`${pad(l, 10)} ${padl(senCount[l], 7)} ${cols.map((c) => padl(senByFam[c][l], 11)).join("")}`);
}

// ---------- taxonomy checks ----------

const SPECS = {
  sales: ["prospecting", "closing", "account_management", "field", "telesales", "retail", "targets", "general"],
  marketing: [
    "research", "brand", "content", "digital", "product_marketing", "communications", "events",
    "demand_generation", "analytics", "strategy", "general",
  ],
  customer_service: ["support", "onboarding", "retention", "general"],
};
const CORE = ["entry", "mid", "senior", "manager", "director"];
const problems = [];
let titleCount = 0;
for (const [fam, specs] of Object.entries(titles.taxonomy || {})) {
  if (!SPECS[fam]) problems.push(`taxonomy: unknown family ${fam}`);
  for (const [spec, byLevel] of Object.entries(specs || {})) {
    if (SPECS[fam] && !SPECS[fam].includes(spec)) problems.push(`taxonomy.${fam}: unknown specialisation ${spec}`);
    for (const [lvl, ts] of Object.entries(byLevel || {})) {
      if (!(lvl in rank)) problems.push(`taxonomy.${fam}.${spec}: unknown level ${lvl}`);
      if (!Array.isArray(ts) || ts.length < 1 || ts.length > 4) problems.push(`taxonomy.${fam}.${spec}.${lvl}: need 1-4 titles`);
      else titleCount += ts.length;
    }
    for (const lvl of CORE) if (!byLevel?.[lvl]) problems.push(`taxonomy.${fam}.${spec}: missing level ${lvl}`);
  }
  for (const spec of SPECS[fam] || []) if (!specs?.[spec]) problems.push(`taxonomy.${fam}: missing specialisation ${spec}`);
}
for (const e of classify) {
  if (e.specialisation && !(SPECS[e.family] || []).includes(e.specialisation)) {
    problems.push(`classify[${e.index}] "${e.match}": unknown specialisation ${e.specialisation} for ${e.family}`);
  }
}
// Every taxonomy title should classify back into its own family.
for (const [fam, specs] of Object.entries(titles.taxonomy || {})) {
  for (const [spec, byLevel] of Object.entries(specs || {})) {
    for (const ts of Object.values(byLevel || {})) {
      for (const t of ts || []) {
        const got = classifyTitle(t).family;
        if (got !== fam) problems.push(`taxonomy.${fam}.${spec}: "${t}" classifies as ${got}`);
      }
    }
  }
}
console.log(
  `\n# Rules: ${classify.length} classify entries, ${titleCount} taxonomy titles, ` +
    `${senWords.length} seniority words, ${senOverrides.length} overrides`,
);
console.log(problems.length ? problems.map((p) => `  ! ${p}`).join("\n") : "  taxonomy checks: ok");
