import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { builtinRules } from "../rules/index.js";
import { readBuiltinSources } from "../src/cli/knowledge-files.js";
import { PRESETS } from "../src/config/presets.js";
import { compileKnowledge } from "../src/lexicon/knowledge.js";
import { lintText } from "../src/index.js";
import { quotedRanges } from "../rules/lib/language.js";

const dir = mkdtempSync(join(tmpdir(), "jdlint-language-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The messages of one rule for a Markdown posting, with the given rule settings laid over no config. */
async function messages(text: string, id: string, rules: Record<string, unknown> = {}) {
  const [result] = await lintText(text, { filePath: join(dir, "posting.md"), config: { configFile: false, rules } });
  return result!.messages.filter((m) => m.ruleId === id);
}

const posting = (title: string, ...lines: string[]) => `# ${title}\n\n## The role\n\n${lines.map((l) => `- ${l}`).join("\n")}\n`;

describe("presets and default severities", () => {
  const rule = (id: string) => builtinRules.find((r) => r.meta.id === id)!;
  const severity = (preset: string, id: string) => PRESETS.get(preset)!(rule(id));

  it("with no config (jdlint:recommended): pay-transparency warns, gendered-wording informs, the others are off", () => {
    expect(severity("jdlint:recommended", "pay-transparency")).toBe("warning");
    expect(severity("jdlint:recommended", "gendered-wording")).toBe("info");
    expect(severity("jdlint:recommended", "exclusionary-language")).toBeNull();
    expect(severity("jdlint:recommended", "unrealistic-expectations")).toBeNull();
    expect(severity("jdlint:recommended", "title-duty-mismatch")).toBe("error");
  });

  it("jdlint:inclusive turns the language rules on at their defaults and keeps the title rules", () => {
    for (const id of ["exclusionary-language", "unrealistic-expectations", "gendered-wording", "pay-transparency"]) expect(severity("jdlint:inclusive", id)).toBe("warning");
    expect(severity("jdlint:inclusive", "title-duty-mismatch")).toBe("error");
  });

  it("jdlint:strict has every rule at error", () => {
    for (const r of builtinRules) expect(severity("jdlint:strict", r.meta.id)).toBe("error");
  });

  it("a config extending jdlint:inclusive reports exclusionary wording that no config leaves alone", async () => {
    const text = posting("Backend Developer", "We need a rockstar developer for our payments team.");
    expect(await messages(text, "exclusionary-language")).toEqual([]);
    const cfg = join(dir, "inclusive.yaml");
    writeFileSync(cfg, "extends: jdlint:inclusive\n");
    const [result] = await lintText(text, { filePath: join(dir, "posting.md"), config: { configFile: cfg } });
    expect(result!.messages.filter((m) => m.ruleId === "exclusionary-language").map((m) => m.severity)).toEqual(["warning"]);
  });
});

describe("pay-transparency by jurisdiction", () => {
  const denver = "# Customer Success Manager\n\nLocation: Denver, Colorado\n\n## The role\n\n- Onboard new customers and run quarterly reviews.\n";
  const options = { jurisdictions: ["US-CO", "US-NY", "US-CA", "US-WA", "EU"] };

  it("is a warning where no law requires a range, an error where the config names the posting's jurisdiction", async () => {
    expect((await messages(denver, "pay-transparency")).map((m) => m.severity)).toEqual(["warning"]);
    const [m] = await messages(denver, "pay-transparency", { "pay-transparency": ["warning", options] });
    expect(m!.severity).toBe("error");
    expect(m!.message).toContain("Colorado");
    const london = denver.replace("Denver, Colorado", "London, UK");
    expect((await messages(london, "pay-transparency", { "pay-transparency": ["warning", options] })).map((m) => m.severity)).toEqual(["warning"]);
  });

  it("asks for a range, not one figure, in such a jurisdiction, and takes the site's own jurisdiction for postings that name none", async () => {
    const single = posting("Support Agent", "Answer customer emails.", "Pay: $52,000 a year.");
    expect(await messages(single, "pay-transparency", { "pay-transparency": ["warning", options] })).toEqual([]);
    const [m] = await messages(single, "pay-transparency", { "pay-transparency": ["warning", { ...options, location: "US-NY" }] });
    expect(m).toMatchObject({ messageId: "noRange", severity: "error" });
    const range = posting("Support Agent", "Answer customer emails.", "Pay: $52,000-$60,000 a year.");
    expect(await messages(range, "pay-transparency", { "pay-transparency": ["warning", { ...options, location: "US-NY" }] })).toEqual([]);
  });

  it("rejects an unknown requirement in the options", async () => {
    await expect(messages(denver, "pay-transparency", { "pay-transparency": ["warning", { require: "everything" }] })).rejects.toThrow(/require/);
  });
});

describe("the pay in the JSON result", () => {
  it("is the stated figure, or null", async () => {
    const [paid] = await lintText(posting("Barista", "Make coffee.", "£12.50/hour plus tips."), { filePath: join(dir, "p.md"), config: { configFile: false } });
    expect(paid!.pay).toMatchObject({ min: 12.5, max: 12.5, currency: "GBP", period: "hour", basis: "base", line: 6, text: "£12.50" });
    const [unpaid] = await lintText(posting("Barista", "Make coffee."), { filePath: join(dir, "p.md"), config: { configFile: false } });
    expect(unpaid!.pay).toBeNull();
  });
});

describe("negation, quotation and the company profile", () => {
  const on = { "exclusionary-language": "warn", "unrealistic-expectations": "warn" };

  it("leaves negated and quoted terms alone", async () => {
    expect(await messages(posting("Developer", "We are not a bro culture and we do not want rockstars."), "exclusionary-language", on)).toEqual([]);
    expect(await messages(posting("Developer", 'Our old ad said "work hard, play hard"; we dropped it.'), "exclusionary-language", on)).toEqual([]);
    expect(await messages(posting("Developer", "We are a bro culture."), "exclusionary-language", on)).toHaveLength(1);
  });

  it("reports the company profile one step lower", async () => {
    const text = "# Developer\n\n## About us\n\nWe are a rockstar team.\n\n## The role\n\n- Write code.\n";
    expect((await messages(text, "exclusionary-language", on)).map((m) => m.severity)).toEqual(["info"]);
  });

  it("finds quoted parts of a line, and no quote in an apostrophe", () => {
    const text = `She said "work hard" and 'play hard', but don't quote the UK's rules.`;
    expect(quotedRanges(text).map(([a, b]) => text.slice(a, b + 1))).toEqual([`"work hard"`, `'play hard'`]);
  });
});

describe("the language word lists", () => {
  it("are rejected with the file and line of a mistake", async () => {
    const sources = await readBuiltinSources();
    const bad = (file: string, text: string) => () => compileKnowledge({ ...sources, [file]: { file: `${file}.yaml`, text } });
    expect(bad("exclusionary", "legal_basis: [law]\nentries:\n  - match: rockstar\n    kind: culture\n    reason: x\nage_limit: {}\n")).toThrow(/exclusionary\.yaml:3.*rewrite/);
    expect(bad("pay", "currencies:\n  usd: { symbols: [\"$\"] }\n")).toThrow(/pay\.yaml:2.*ISO 4217/);
    expect(bad("gendered", "balance: { min_words: 4, lean: 0.8 }\ncoded:\n  masculine: [a||b]\n  feminine: []\nnot_traits: []\ncandidate_cues: []\nterms: []\n")).toThrow(/gendered\.yaml:3/);
    expect(bad("expectations", "hollow_perks: { perks: [], colour: red }\n")).toThrow(/expectations\.yaml:1.*colour/);
  });

  it("are optional: without them the language rules stay quiet", async () => {
    const sources = await readBuiltinSources();
    const k = compileKnowledge({ ...sources, gendered: undefined, exclusionary: undefined, expectations: undefined, pay: undefined });
    expect(k.language).toEqual({});
  });
});
