import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { YamlFile } from "../src/data/yaml-file.js";
import { DataError } from "../src/data/errors.js";
import { jdlint } from "./helpers/cli.js";

// A repository's config is untrusted input too, when jdlint runs in CI on a stranger's pull request: it must not
// exhaust memory, pollute objects, hang the linter, or run code under --untrusted.

const POSTING = readFileSync("fixtures/formats/same-posting/posting.md", "utf8");
let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "jdlint-config-"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A folder with a posting and the given files; returns its name under `dir`. */
function project(name: string, files: Record<string, string>): string {
  mkdirSync(join(dir, name), { recursive: true });
  writeFileSync(join(dir, name, "posting.md"), POSTING);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, name, file), text);
  return name;
}

async function lint(args: string[], env: Record<string, string> = {}) {
  return jdlint(["--format", "json", ...args], { cwd: dir, env: { NO_COLOR: "1", ...env } });
}

function expectOneLine(run: { code: number; stderr: string; stdout: string }, message: RegExp) {
  expect(run.code).toBe(2);
  expect(run.stderr).toMatch(message);
  expect(run.stderr.trim().split("\n")).toHaveLength(1);
  expect(run.stderr).not.toMatch(/\n\s+at /);
}

describe("YAML limits (src/data/yaml-file.ts)", () => {
  it("refuses an alias bomb, naming the file", () => {
    const bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 12 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`)].join("\n");
    expect(() => YamlFile.parse(bomb, "bomb.yaml").value()).toThrowError(DataError);
    expect(() => YamlFile.parse(bomb, "bomb.yaml").value()).toThrowError(/^bomb\.yaml: .*alias/i);
  });

  it("refuses a document over 2 MB before parsing it", () => {
    const big = `rules:\n${"  # padding\n".repeat(200_000)}`;
    const started = Date.now();
    expect(() => YamlFile.parse(big, "big.yaml")).toThrowError(/^big\.yaml: file is larger than 2097152 bytes/);
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("reports nesting too deep to parse as a YAML error, not a crash", () => {
    expect(() => YamlFile.parse(`rules: ${"[".repeat(50_000)}${"]".repeat(50_000)}`, "deep.yaml").value()).toThrowError(DataError);
  });

  it("through the CLI: an oversized, an alias-bomb and a deeply nested config each fail with one line", async () => {
    const bomb = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 12 }, (_, i) => `a${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`)].join("\n");
    const cases: Array<[string, string, RegExp]> = [
      ["big", `rules: {}\n${"# padding\n".repeat(250_000)}`, /^jdlint: big\/\.jdlintrc\.yaml: file is larger than/],
      ["bomb", bomb, /^jdlint: bomb\/\.jdlintrc\.yaml: .*alias/i],
      ["deep", `rules: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`, /^jdlint: deep\/\.jdlintrc\.yaml(:\d+)?: /],
    ];
    for (const [name, text, message] of cases) {
      project(name, { ".jdlintrc.yaml": text });
      expectOneLine(await lint([`${name}/posting.md`]), message);
    }
  });
});

describe("a package.json that is not JSON", () => {
  it("is reported, naming the file, when jdlint looks for its config there", async () => {
    project("broken-package", { "package.json": '{ "name": "x", ' });
    expectOneLine(await lint(["broken-package/posting.md"]), /^jdlint: broken-package\/package\.json:1: /);
  });
});

describe("__proto__ and constructor keys cannot pollute objects", () => {
  afterAll(() => {
    // Nothing anywhere may have touched Object.prototype.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [".jdlintrc.yaml", "rules:\n  __proto__:\n    polluted: 1\n", /\.jdlintrc\.yaml:\d+: key "__proto__" is not allowed/],
    [".jdlintrc.json", '{ "rules": { "constructor": { "prototype": { "polluted": 1 } } } }', /\.jdlintrc\.json:1: key "constructor" is not allowed/],
    [".jdlintrc.yml", "thresholds:\n  __proto__: { polluted: 1 }\n", /\.jdlintrc\.yml:2: key "__proto__" is not allowed/],
    ["package.json", '{ "name": "x", "jdlint": { "__proto__": { "polluted": 1 } } }', /package\.json:1: key "__proto__" is not allowed/],
  ])("in %s", async (file, text, message) => {
    const name = `proto-${file.replace(/\W/g, "")}`;
    project(name, { [file]: text });
    expectOneLine(await lint([`${name}/posting.md`]), message);
  });

  it("in a lexicon file a config names", async () => {
    const name = project("proto-lexicon", {
      ".jdlintrc.yaml": "lexicons: [./evil.yaml]\n",
      "evil.yaml": "family: sales\n__proto__:\n  polluted: 1\nsubfunctions: {}\n",
    });
    expectOneLine(await lint([`${name}/posting.md`]), /^jdlint: proto-lexicon\/evil\.yaml:\d+: key "__proto__" is not allowed/);
  });

  it("in --rule", async () => {
    for (const rule of ['{"__proto__": {"title-duty-mismatch": "off"}}', "__proto__: { polluted: 1 }", '{"constructor": {"prototype": {"polluted": 1}}}']) {
      expectOneLine(await lint(["--rule", rule, "--no-config", "proto-lexicon/posting.md"]), /^jdlint: --rule: key "(__proto__|constructor)" is not allowed/);
    }
  });
});

describe("a hostile lexicon cannot hang the linter", () => {
  it("phrases are matched token by token (no regexes): the widest legal phrases on a long posting finish quickly", async () => {
    // Eight-word phrases of one-letter-prefix wildcards with the widest gap: the worst a lexicon can ask for.
    const terms = Array.from({ length: 50 }, (_, i) => `      - { phrase: "${Array(8).fill(`${String.fromCharCode(97 + (i % 26))}a*`).join(" ")}", weight: 3, gap: 6 }`);
    const name = project("hostile-lexicon", {
      ".jdlintrc.yaml": "lexicons: [./hostile.yaml]\n",
      "hostile.yaml": `family: sales\ndescription: hostile\nsubfunctions:\n  prospecting:\n    label: Hostile\n    terms:\n${terms.join("\n")}\n`,
    });
    writeFileSync(join(dir, name, "posting.md"), `# Sales Representative\n\n${"aa ba ca da ea fa ga ha ".repeat(40_000)}\n`);
    const started = Date.now();
    const run = await lint([`${name}/posting.md`]);
    expect(run.stderr).toBe("");
    expect([0, 1]).toContain(run.code);
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it("a phrase longer than eight words or with a gap over six is refused, naming the file", async () => {
    const name = project("long-phrase", {
      ".jdlintrc.yaml": "lexicons: [./long.yaml]\n",
      "long.yaml": "family: sales\ndescription: long\nsubfunctions:\n  prospecting:\n    label: Long\n    terms:\n      - { phrase: a b c d e f g h i, weight: 1 }\n",
    });
    expectOneLine(await lint([`${name}/posting.md`]), /^jdlint: long-phrase\/long\.yaml(:\d+)?: .*more than 8 words/);
  });
});

describe("--untrusted and JDLINT_UNTRUSTED refuse to run code, and run none", () => {
  // Each JavaScript file leaves a mark when it runs: under --untrusted none may be left.
  const marker = (name: string) => join(dir, name, "ran");
  const code = (name: string) => `import { writeFileSync } from "node:fs";\nwriteFileSync(${JSON.stringify(marker(name))}, "ran");\nexport default { rules: {} };\nexport const rules = [];\n`;

  it.each([
    ["js-config", { "jdlint.config.mjs": "CODE" }, /jdlint\.config\.mjs: JavaScript configs run code; refused because of --untrusted/],
    ["js-extends", { ".jdlintrc.yaml": "extends: ./shared.mjs\n", "shared.mjs": "CODE" }, /\.jdlintrc\.yaml:1: "\.\/shared\.mjs" is a JavaScript config; refused/],
    ["js-plugin", { ".jdlintrc.yaml": "plugins: [./plugin.mjs]\n", "plugin.mjs": "CODE" }, /\.jdlintrc\.yaml:1: plugin "\.\/plugin\.mjs" is JavaScript; refused/],
    ["js-config-cjs", { "jdlint.config.cjs": "CODE" }, /jdlint\.config\.cjs: JavaScript configs run code; refused/],
  ])("%s", async (name, files, message) => {
    project(name, Object.fromEntries(Object.entries(files).map(([f, t]) => [f, t === "CODE" ? code(name).replace(/^import (.*) from "node:fs";/, f.endsWith(".cjs") ? "const $1 = require(\"node:fs\");" : "$&").replace(/export default (.*);\nexport const rules = \[\];/, f.endsWith(".cjs") ? "module.exports = $1;" : "$&") : t])));
    expectOneLine(await lint(["--untrusted", `${name}/posting.md`]), message);
    expectOneLine(await lint([`${name}/posting.md`], { JDLINT_UNTRUSTED: "1" }), message);
    expect(existsSync(marker(name))).toBe(false);
  });

  it("--config naming a JavaScript file is refused too", async () => {
    expectOneLine(await lint(["--untrusted", "--config", "js-config/jdlint.config.mjs", "js-config/posting.md"]), /refused because of --untrusted/);
    expect(existsSync(marker("js-config"))).toBe(false);
  });

  it("without --untrusted the same config does run (the marker proves the test can see it)", async () => {
    await lint(["js-config/posting.md"]);
    expect(existsSync(marker("js-config"))).toBe(true);
  });
});
