import type { OptionSchema, RuleMeta } from "../engine/types.js";
import { DEFAULT_THRESHOLDS, type Thresholds } from "../judge/thresholds.js";
import { describeDefault, PRESETS } from "./presets.js";
import { thresholdRange } from "./thresholds.js";

const SEVERITY = { enum: ["off", "info", "warn", "warning", "error", 0, 1, 2] };

function optionSchema(o: OptionSchema): Record<string, unknown> {
  const { default: def, ...rest } = o;
  return { ...rest, type: o.type === "integer" ? "integer" : o.type, default: def };
}

function ruleSetting(meta: RuleMeta): Record<string, unknown> {
  const options = {
    type: "object",
    additionalProperties: false,
    properties: Object.fromEntries(Object.entries(meta.options).map(([k, o]) => [k, optionSchema(o)])),
  };
  return {
    description: `${meta.description} (default: ${describeDefault(meta)})`,
    oneOf: [
      { $ref: "#/$defs/severity" },
      { type: "array", prefixItems: [{ $ref: "#/$defs/severity" }, options], items: false, minItems: 1, maxItems: 2 },
    ],
  };
}

const fileList = {
  oneOf: [
    { type: "array", items: { type: "string" } },
    {
      type: "object",
      additionalProperties: false,
      properties: { mode: { enum: ["extend", "replace"], default: "extend" }, files: { type: "array", items: { type: "string" } } },
      required: ["files"],
    },
  ],
};

/** The JSON Schema (2020-12) of a jdlint config file, from the rules' metadata. Plugin rules are allowed by any id. */
export function configSchema(rules: RuleMeta[]): Record<string, unknown> {
  const rulesSchema = {
    type: "object",
    description: "Rule id -> off | info | warn | error, or [severity, options].",
    properties: Object.fromEntries(rules.map((m) => [m.id, ruleSetting(m)])),
    propertyNames: { pattern: "^[a-z0-9][a-z0-9-]*(/[a-z0-9][a-z0-9-]*)?$" },
    additionalProperties: {
      description: "A plugin's rule.",
      oneOf: [{ $ref: "#/$defs/severity" }, { type: "array", prefixItems: [{ $ref: "#/$defs/severity" }, { type: "object" }], items: false, minItems: 1 }],
    },
  };
  const thresholds = Object.fromEntries(
    (Object.keys(DEFAULT_THRESHOLDS) as (keyof Thresholds)[]).map((k) => {
      const r = thresholdRange(k);
      return [k, { type: r.integer ? "integer" : "number", minimum: r.min, maximum: r.max, default: DEFAULT_THRESHOLDS[k] }];
    }),
  );
  const names = { oneOf: [{ type: "string" }, { type: "array", items: { type: "string" } }] };
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: "jdlint configuration",
    description: "A .jdlintrc(.json|.yaml|.yml) file, or the jdlint key of package.json. See docs/configuration.md.",
    type: "object",
    additionalProperties: false,
    $defs: { severity: SEVERITY },
    properties: {
      $schema: { type: "string" },
      extends: { ...names, description: `Presets (${[...PRESETS.keys()].join(", ")}), packages or paths; later ones win.` },
      plugins: { type: "array", items: { type: "string" }, description: "Packages or paths of plugins that add rules." },
      rules: rulesSchema,
      overrides: {
        type: "array",
        items: {
          type: "object",
          additionalProperties: false,
          required: ["files"],
          properties: { files: names, rules: rulesSchema },
        },
      },
      thresholds: { type: "object", additionalProperties: false, properties: thresholds },
      lexicons: { ...fileList, description: "Lexicon files (rules/lexicons format) that extend or replace the built-in ones." },
      titles: { ...fileList, description: "Titles files (rules/titles.yaml format); extend puts their classify entries first." },
      maxPostingSize: {
        description: "The largest posting read (a posting file, or a record's text): bytes, or a size like \"5MB\" or \"512KB\". Default 5MB.",
        oneOf: [{ type: "integer", minimum: 1 }, { type: "string", pattern: "^\\s*\\d+(\\.\\d+)?\\s*([bB]|[bB]ytes?|[kKmMgG]|[kKmMgG][bB]|[kKmMgG]i[bB])?\\s*$" }],
      },
    },
  };
}
