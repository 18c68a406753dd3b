import { readFileSync, writeFileSync } from "node:fs";
import { Ajv2020 } from "ajv/dist/2020.js";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { SCHEMA_PATH, schemaText } from "../tools/gen-schema.js";

const F = "fixtures/config";

describe("schema/jdlint.schema.json", () => {
  it("is current with the rules' metadata (JDLINT_UPDATE_SCHEMA=1 npx vitest run test/config-schema.test.ts rewrites it)", () => {
    const text = schemaText();
    if (process.env.JDLINT_UPDATE_SCHEMA) writeFileSync(SCHEMA_PATH, text);
    expect(readFileSync(SCHEMA_PATH, "utf8")).toBe(text);
  });

  const validate = new Ajv2020({ strict: false }).compile(JSON.parse(schemaText()) as object);
  const read = (file: string) => (file.endsWith("package.json") ? (JSON.parse(readFileSync(file, "utf8")) as { jdlint: unknown }).jdlint : parse(readFileSync(file, "utf8")));

  it.each([
    "off/.jdlintrc.yaml",
    "json/.jdlintrc.json",
    "pkg/package.json",
    "nested/sub/.jdlintrc",
    "overrides/.jdlintrc.yml",
    "extends/.jdlintrc.yaml",
    "extends/base.yaml",
    "plugin/.jdlintrc.yaml",
    "vocabulary/.jdlintrc.yaml",
  ])("accepts %s", (file) => {
    expect(validate(read(`${F}/${file}`)), JSON.stringify(validate.errors)).toBe(true);
  });

  it.each(["bad/unknown-option.yaml", "bad/bad-severity.json", "bad/threshold.yaml"])("rejects %s", (file) => {
    expect(validate(read(`${F}/${file}`))).toBe(false);
  });
});
