import { describe, expect, it } from "vitest";
import type { LintResult } from "../src/engine/result.js";
import { jdlint } from "./helpers/cli.js";

const F = "fixtures/config";
const MISMATCH = "title-duty-mismatch";

async function lint(args: string[], env: Record<string, string> = {}) {
  const run = await jdlint(["--format", "json", ...args], { env: { NO_COLOR: "1", ...env } });
  const results = run.stdout ? (JSON.parse(run.stdout) as LintResult[]) : [];
  return { ...run, results };
}

/** The severity title-duty-mismatch has in a file's result, or null when it did not report. */
function mismatch(results: LintResult[], file: string): string | null {
  const r = results.find((x) => x.filePath.endsWith(file));
  if (!r) throw new Error(`no result for ${file}`);
  return r.messages.find((m) => m.ruleId === MISMATCH)?.severity ?? null;
}

describe("config files are found from each linted file's folder upward", () => {
  it("no config: title-duty-mismatch at its default (error)", async () => {
    const { results, stderr } = await lint([`${F}/postings/director.md`]);
    expect(stderr).toBe("");
    expect(mismatch(results, "director.md")).toBe("error");
  });

  it.each([
    ["off", null], // .jdlintrc.yaml
    ["json", "info"], // .jdlintrc.json
    ["pkg", "warning"], // package.json#jdlint
    ["json/site", "info"], // a package.json without a jdlint key is passed over: the .jdlintrc.json above applies
    ["js", "info"], // jdlint.config.mjs
    ["nested/sub", "info"], // .jdlintrc (no extension); the nearest config wins
    ["nested", null],
    // extends jdlint:strict and ./base.yaml, own rules last (warn); base.yaml's errorConfidence 0.9 makes this
    // verdict a "warn", which reports one step lower: info.
    ["extends", "info"],
  ])("%s", async (dir, severity) => {
    const { results, stderr } = await lint([`${F}/${dir}/director.md`]);
    expect(stderr).toBe("");
    expect(mismatch(results, `${dir}/director.md`)).toBe(severity);
  });

  it("each file gets its own folder's config in one run", async () => {
    const { results } = await lint([`${F}/off/director.md`, `${F}/json/director.md`, `${F}/postings/director.md`]);
    expect(results.map((r) => mismatch(results, r.filePath))).toEqual([null, "info", "error"]);
  });

  it("overrides apply by glob, relative to the config's folder", async () => {
    const { results } = await lint([`${F}/overrides/director.md`, `${F}/overrides/legacy/director.md`]);
    expect(mismatch(results, "overrides/director.md")).toBe("warning");
    expect(mismatch(results, "legacy/director.md")).toBe(null);
  });

  it("extends: jdlint:strict puts every other rule at error", async () => {
    const { stdout } = await jdlint(["--print-config", `${F}/extends/director.md`]);
    const printed = JSON.parse(stdout) as { rules: Record<string, unknown>; thresholds: Record<string, number> };
    expect(printed.rules[MISMATCH]).toBe("warning");
    for (const [id, s] of Object.entries(printed.rules)) if (id !== MISMATCH) expect([Array.isArray(s) ? s[0] : s, id]).toEqual(["error", id]);
    expect(printed.thresholds.errorConfidence).toBe(0.9);
  });
});

describe("command-line options", () => {
  it("--no-config ignores config files", async () => {
    const { results } = await lint(["--no-config", `${F}/off/director.md`]);
    expect(mismatch(results, "director.md")).toBe("error");
  });

  it("--config uses one file for every input", async () => {
    const { results } = await lint(["--config", `${F}/off/.jdlintrc.yaml`, `${F}/postings/director.md`, `${F}/json/director.md`]);
    expect(results.map((r) => mismatch(results, r.filePath))).toEqual([null, null]);
  });

  it("--rule sets a rule over every config, overrides included", async () => {
    const { results } = await lint(["--rule", `${MISMATCH}: info`, `${F}/postings/director.md`, `${F}/overrides/legacy/director.md`]);
    expect(results.map((r) => mismatch(results, r.filePath))).toEqual(["info", "info"]);
    const off = await lint(["--rule", `{"${MISMATCH}": "off"}`, `${F}/postings/director.md`]);
    expect(mismatch(off.results, "director.md")).toBe(null);
  });

  it("--rule with an unknown rule is exit 2, naming --rule", async () => {
    const { code, stderr } = await jdlint(["--rule", "no-such-rule: off", `${F}/postings/director.md`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^jdlint: --rule: unknown rule "no-such-rule"/);
  });

  it("--print-config prints the resolved config as JSON, with overrides applied", async () => {
    const { code, stdout } = await jdlint(["--print-config", `${F}/overrides/legacy/director.md`]);
    expect(code).toBe(0);
    const printed = JSON.parse(stdout) as Record<string, unknown>;
    expect(printed.configFile).toBe(`${F}/overrides/.jdlintrc.yml`);
    expect((printed.rules as Record<string, unknown>)[MISMATCH]).toBe("off");
    expect(printed).toHaveProperty("thresholds.hybridShare");
    expect((printed.lexicons as string[]).some((f) => f.endsWith("sales.yaml"))).toBe(true);
  });
});

describe("custom lexicons and titles", () => {
  it("an organisation's vocabulary and in-house titles change the verdict", async () => {
    const without = await lint(["--no-config", `${F}/vocabulary/growth-partner.md`]);
    expect(without.results[0]!.verdict.titleFamily).toBe("other");
    expect(without.results[0]!.verdict.evidence).toEqual([]);
    const { results, stderr } = await lint([`${F}/vocabulary/growth-partner.md`]);
    expect(stderr).toBe("");
    const v = results[0]!.verdict;
    expect(v.titleFamily).toBe("sales");
    expect(v.titleSpecialisation).toBe("prospecting");
    expect(v.evidence.length).toBeGreaterThan(0);
    expect(v.evidence.every((e) => e.family === "sales")).toBe(true);
  });

  it("--print-config lists the files in use", async () => {
    const { stdout } = await jdlint(["--print-config", `${F}/vocabulary/growth-partner.md`]);
    const printed = JSON.parse(stdout) as { lexicons: string[]; titles: string[] };
    expect(printed.lexicons.at(-1)).toBe(`${F}/vocabulary/acme-lexicon.yaml`);
    expect(printed.titles).toEqual(["rules/titles.yaml", `${F}/vocabulary/acme-titles.yaml`]);
  });
});

describe("plugins", () => {
  it("a local plugin's rule fires, with options from the config", async () => {
    const { results, stderr, code } = await lint([`${F}/plugin/rockstar.md`]);
    expect(stderr).toBe("");
    const m = results[0]!.messages.find((x) => x.ruleId === "our/no-hype-titles");
    expect(m).toMatchObject({ severity: "error", line: 1, column: 3, message: expect.stringContaining('"rockstar"') });
    expect(code).toBe(1);
    // The plugin's titles file makes "Rockstar" a sales title.
    expect(results[0]!.verdict.titleFamily).toBe("sales");
  });
});

describe("bad configs: exit 2, one line naming the file (and line), no stack trace", () => {
  it.each([
    ["unknown-rule.yaml", /^jdlint: fixtures\/config\/bad\/unknown-rule\.yaml:3: unknown rule "no-such-rule" \(known rules: .*title-duty-mismatch/],
    ["bad-option.yaml", /^jdlint: fixtures\/config\/bad\/bad-option\.yaml:5: rule "our\/no-hype-titles": option "words" must be a list of strings, got 3/],
    ["unknown-option.yaml", /^jdlint: fixtures\/config\/bad\/unknown-option\.yaml:2: rule "title-duty-mismatch" has no option "strictness"/],
    ["syntax.yaml", /^jdlint: fixtures\/config\/bad\/syntax\.yaml:2: Nested mappings are not allowed/],
    ["bad-severity.json", /^jdlint: fixtures\/config\/bad\/bad-severity\.json:3: rule "title-duty-mismatch": unknown severity "loud"/],
    ["proto.json", /^jdlint: fixtures\/config\/bad\/proto\.json:3: key "__proto__" is not allowed/],
    ["threshold.yaml", /^jdlint: fixtures\/config\/bad\/threshold\.yaml:2: threshold "hybridShare" must be a number from 0 to 0\.5, got 2/],
    ["alias-bomb.yaml", /^jdlint: fixtures\/config\/bad\/alias-bomb\.yaml: .*alias/i],
    ["plugin/.jdlintrc.yaml", /^jdlint: fixtures\/config\/bad\/plugin\/\.jdlintrc\.yaml:1: plugin "\.\/bad-plugin\.js" is malformed: rule "bad\/no-check" has no check function/],
    ["extends-missing.yaml", /^jdlint: fixtures\/config\/bad\/nowhere\.yaml: no such config file/],
    ["unknown-preset.yaml", /^jdlint: fixtures\/config\/bad\/unknown-preset\.yaml:1: unknown preset "jdlint:everything"/],
  ])("%s", async (file, message) => {
    const { code, stderr, stdout } = await jdlint(["--config", `${F}/bad/${file}`, `${F}/postings/director.md`]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(message);
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).not.toMatch(/\n\s+at /);
  });

  it("a bad config found by search fails the same way", async () => {
    const { code, stderr } = await jdlint([`${F}/bad/plugin/director.md`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^jdlint: fixtures\/config\/bad\/plugin\/\.jdlintrc\.yaml:1: plugin/);
  });
});

describe("--untrusted (or JDLINT_UNTRUSTED=1) refuses code from the repository", () => {
  it("refuses a JavaScript config", async () => {
    for (const [args, env] of [[["--untrusted"], {}], [[], { JDLINT_UNTRUSTED: "1" }]] as const) {
      const { code, stderr } = await jdlint([...args, `${F}/js/director.md`], { env: { ...env } });
      expect(code).toBe(2);
      expect(stderr).toMatch(/^jdlint: fixtures\/config\/js\/jdlint\.config\.mjs: JavaScript configs run code; refused because of --untrusted/);
    }
  });

  it("refuses plugins, naming the config and the plugin", async () => {
    const { code, stderr } = await jdlint(["--untrusted", `${F}/plugin/rockstar.md`]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^jdlint: fixtures\/config\/plugin\/\.jdlintrc\.yaml:1: plugin "\.\/our-rules\.js" is JavaScript; refused/);
  });

  it("still reads YAML and JSON configs", async () => {
    const { results, code } = await lint(["--untrusted", `${F}/off/director.md`, `${F}/json/director.md`]);
    expect(results.map((r) => mismatch(results, r.filePath))).toEqual([null, "info"]);
    expect(code).not.toBe(2);
  });
});
