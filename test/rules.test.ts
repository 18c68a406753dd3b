import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { findSignals } from "../rules/lib/signals.js";
import { readBuiltinSources } from "../src/cli/knowledge-files.js";
import type { LintResult } from "../src/engine/result.js";
import type { Rule } from "../src/engine/types.js";
import { compileKnowledge } from "../src/lexicon/knowledge.js";
import { inPreset } from "../src/config/presets.js";
import { jdlint } from "./helpers/cli.js";
import { readExpectation } from "./helpers/expectations.js";

const FIXTURES = "fixtures/rules";
const POSTING = /\.(md|txt)$/;

function fixtureFiles(id: string): string[] {
  const dir = join(FIXTURES, id);
  return existsSync(dir) ? readdirSync(dir).filter((f) => POSTING.test(f)).sort().map((f) => join(dir, f)) : [];
}

/** The messageId string literals a rule's source passes to ctx.report: `messageId: "x"` or `messageId: c ? "x" : "y"`. */
function literalMessageIds(source: string): string[] {
  return [...source.matchAll(/messageId:\s*([^,\n]+)/g)].flatMap((m) => {
    const expr = m[1]!;
    // In a conditional, only the branches are ids: `tf === "hybrid" ? "combinedTitle" : "hybridDuties"`.
    const branches = expr.includes("?") ? expr.slice(expr.indexOf("?") + 1) : expr;
    return [...branches.matchAll(/"(\w+)"/g)].map((l) => l[1]!);
  });
}

/**
 * What a rule is missing to be a complete built-in rule: a doc page at meta.docs with what/why/examples/options,
 * a fixture folder with a posting where it fires and one where it stays quiet, templates for its messageIds.
 */
function problemsOf(rule: Rule, sourceOf: (id: string) => string | null = (id) => {
  const path = `rules/${id}.ts`;
  return existsSync(path) ? readFileSync(path, "utf8") : null;
}): string[] {
  const { id, docs, messages } = rule.meta;
  const problems: string[] = [];
  if (docs !== `rules/docs/${id}.md`) problems.push(`meta.docs should be rules/docs/${id}.md, is ${docs}`);
  if (!existsSync(docs)) problems.push(`no doc page at ${docs}`);
  else {
    const doc = readFileSync(docs, "utf8");
    if (!doc.startsWith(`# ${id}\n`)) problems.push(`${docs} should start with "# ${id}"`);
    for (const heading of ["## Why", "## Examples", "## Options"]) if (!doc.includes(`\n${heading}`)) problems.push(`${docs} has no "${heading}" section`);
  }
  const files = fixtureFiles(id);
  const expected = files.map((f) => readExpectation(readFileSync(f, "utf8"), f).messages ?? []);
  if (!expected.some((m) => m.some((line) => line.startsWith(`${id} `)))) problems.push(`no fixture under ${FIXTURES}/${id}/ where it fires`);
  if (!expected.some((m) => m.length === 0)) problems.push(`no fixture under ${FIXTURES}/${id}/ where it stays quiet`);
  if (Object.keys(messages).length === 0) problems.push("no message templates");
  const source = sourceOf(id);
  if (source === null) problems.push(`no rules/${id}.ts`);
  else for (const mid of literalMessageIds(source)) if (!(mid in messages)) problems.push(`messageId "${mid}" has no template`);
  return problems;
}

describe("every built-in rule is complete: file, registry line, doc page, fixtures", () => {
  it("has unique ids", () => {
    const ids = builtinRules.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  for (const rule of builtinRules) {
    it(rule.meta.id, () => {
      expect(problemsOf(rule)).toEqual([]);
    });
  }

  it("every fixture folder names a registered rule", () => {
    const ids = new Set(builtinRules.map((r) => r.meta.id));
    const folders = readdirSync(FIXTURES).filter((f) => statSync(join(FIXTURES, f)).isDirectory());
    expect(folders.filter((f) => !ids.has(f))).toEqual([]);
  });

  it("reports what a rule without a doc, fixtures or templates is missing", () => {
    const bare: Rule = {
      meta: { id: "no-such-rule", description: "", docs: "rules/docs/elsewhere.md", defaultSeverity: "warning", messages: {}, options: {} },
      check: () => undefined,
    };
    const problems = problemsOf(bare, () => 'ctx.report({ messageId: ok ? "found" : "lost", span: null });');
    expect(problems).toEqual([
      "meta.docs should be rules/docs/no-such-rule.md, is rules/docs/elsewhere.md",
      "no doc page at rules/docs/elsewhere.md",
      `no fixture under ${FIXTURES}/no-such-rule/ where it fires`,
      `no fixture under ${FIXTURES}/no-such-rule/ where it stays quiet`,
      "no message templates",
      'messageId "found" has no template',
      'messageId "lost" has no template',
    ]);
  });
});

describe("rule fixtures produce the messages their expectations list for their rule (through the CLI)", () => {
  const folders = readdirSync(FIXTURES).filter((f) => statSync(join(FIXTURES, f)).isDirectory()).sort();
  for (const id of folders) {
    const rule = builtinRules.find((r) => r.meta.id === id);
    for (const file of fixtureFiles(id)) {
      it(file, async () => {
        const expected = readExpectation(readFileSync(file, "utf8"), file);
        expect(expected.messages, `${file} must list its messages for ${id}`).toBeInstanceOf(Array);
        // A rule outside jdlint:recommended (off with no config) is turned on at its default severity.
        const on = rule && !inPreset(rule.meta, "recommended") ? ["--rule", `${id}: ${rule.meta.defaultSeverity}`] : [];
        const { stdout, stderr } = await jdlint(["--format", "json", ...on, file]);
        expect(stderr).toBe("");
        const [result] = JSON.parse(stdout) as LintResult[];
        const mine = result!.messages.filter((m) => m.ruleId === id);
        expect(mine.map((m) => `${m.ruleId} ${m.severity} ${m.line}:${m.column}`)).toEqual(expected.messages);
        for (const m of mine) {
          expect(Object.keys(rule!.meta.messages)).toContain(m.messageId);
          // Every placeholder filled, and short enough to read in a terminal.
          expect(m.message).not.toMatch(/\{\{/);
          expect(m.message.length).toBeLessThan(400);
        }
      });
    }
  }
});

describe("rule messages carry their evidence", () => {
  const messagesOf = async (file: string, id: string) => {
    const [result] = JSON.parse((await jdlint(["--format", "json", file])).stdout) as LintResult[];
    return result!.messages.filter((m) => m.ruleId === id);
  };

  it("activity-quota lists each target it found", async () => {
    const [m] = await messagesOf(`${FIXTURES}/activity-quota/fires-service-title-outbound-calls.md`, "activity-quota");
    expect(m!.message).toContain("80 calls a day");
    expect(m!.message).toContain("customer service title");
    expect(m!.suggestions?.some((s) => s.title && /sales|telesales/i.test(s.title))).toBe(true);
  });

  it("activity-targets shows calls and meetings with their periods", async () => {
    const [m] = await messagesOf(`${FIXTURES}/activity-targets/fires-sdr-targets.md`, "activity-targets");
    expect(m!.message).toBe("Activity targets: 60 calls a day, 10 meetings a week (line 8).");
  });

  it("hybrid-role says which duties belong to which role and suggests one title for each", async () => {
    const [m] = await messagesOf(`${FIXTURES}/hybrid-role/fires-marketing-and-sales-duties.md`, "hybrid-role");
    expect(m!.message).toMatch(/marketing work \(.*brand.*lines 8, 9 and 10\)/);
    expect(m!.message).toMatch(/sales work \(.*prospecting.*lines 11, 12 and 13\)/);
    expect(m!.suggestions).toHaveLength(2);
    expect(m!.suggestions![0]!.desc).toMatch(/^Split off a marketing role for the marketing duties \(lines 8, 9 and 10\)/);
    expect(m!.suggestions![1]!.desc).toMatch(/^Split off a sales role for the sales duties \(lines 11, 12 and 13\)/);
  });

  it("kpi-mismatch quotes the measures", async () => {
    const [m] = await messagesOf(`${FIXTURES}/kpi-mismatch/fires-sales-on-brand-awareness.md`, "kpi-mismatch");
    expect(m!.message).toContain('"brand awareness", "website traffic" (line 10)');
  });

  it("self-sourced-pipeline quotes the phrases, and says so more strongly when no leads are provided", async () => {
    const [own] = await messagesOf(`${FIXTURES}/self-sourced-pipeline/fires-generate-own-leads.md`, "self-sourced-pipeline");
    expect(own!.messageId).toBe("selfSourced");
    expect(own!.message).toContain('"generate your own leads", "Bring your existing book of business" (lines 9 and 10)');
    const [none] = await messagesOf(`${FIXTURES}/self-sourced-pipeline/fires-no-leads-provided.md`, "self-sourced-pipeline");
    expect(none!.messageId).toBe("noSupport");
  });

  it("disguised-sales names every sign it found and sits on the pay line", async () => {
    const [m] = await messagesOf(`${FIXTURES}/disguised-sales/fires-brand-ambassador.md`, "disguised-sales");
    expect(m!.message).toMatch(/selling duties, commission-based pay, on-the-spot selling .*, no experience needed \(lines 6, 10 and 15\)/);
    expect(m!.line).toBe(15);
  });

  it("title-inflation suggests titles at the level of the work", async () => {
    const [m] = await messagesOf(`${FIXTURES}/title-inflation/fires-director-cold-calling.md`, "title-inflation");
    expect(m!.message).toContain("70 calls a day");
    expect(m!.suggestions!.length).toBeGreaterThan(0);
    expect(m!.suggestions!.every((s) => !/director|head|vp/i.test(s.title ?? ""))).toBe(true);
  });
});

describe("rules/lexicons/rule-signals.yaml", () => {
  it("compiles into the groups the rules read", async () => {
    const knowledge = compileKnowledge(await readBuiltinSources());
    expect(Object.keys(knowledge.ruleSignals ?? {})).toEqual(
      expect.arrayContaining(["self_sourced", "no_marketing_support", "leads_provided", "sales_outcomes", "supporting_sales",
        "marketing_metrics", "measure_cues", "commission_pay", "no_experience", "door_to_door", "event_selling"]),
    );
  });

  it("rejects a malformed group with the file and line", async () => {
    const sources = await readBuiltinSources();
    const bad = { file: "rule-signals.yaml", text: "groups:\n  broken:\n    description: x\n    terms:\n      - phrase: a||b\n" };
    expect(() => compileKnowledge({ ...sources, ruleSignals: bad })).toThrow(/rule-signals\.yaml:5/);
    const unknownKey = { file: "rule-signals.yaml", text: "groups:\n  g:\n    description: x\n    words: [a]\n" };
    expect(() => compileKnowledge({ ...sources, ruleSignals: unknownKey })).toThrow(/rule-signals\.yaml:4/);
  });

  it("is optional, and a rule asking for a missing group fails loudly", async () => {
    const sources = await readBuiltinSources();
    const without = compileKnowledge({ ...sources, ruleSignals: undefined });
    expect(without.ruleSignals).toBeUndefined();
    const doc = { sentences: [], sections: [] } as never;
    expect(findSignals(doc, without, "self_sourced")).toEqual([]);
    const withSignals = compileKnowledge(sources);
    expect(() => findSignals(doc, withSignals, "no_such_group")).toThrow(/no group "no_such_group"/);
  });
});
