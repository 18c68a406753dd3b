import type { Fix, Location, Log, Region, ReportingDescriptor, Result } from "sarif";
import type { LintResult } from "../engine/result.js";
import type { LintMessage, RuleMeta, Severity } from "../engine/types.js";
import { familyName } from "../engine/messages.js";
import { inPreset, recommendedSeverity } from "../config/presets.js";
import { artifactUri, docsUrl, PROJECT_URL } from "./shared.js";
import type { Formatter } from "./types.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = { error: "error", warning: "warning", info: "note" };

function ruleDescriptor(rule: RuleMeta): ReportingDescriptor {
  const url = docsUrl(rule);
  return {
    id: rule.id,
    shortDescription: { text: rule.description },
    fullDescription: { text: `${rule.description}.` },
    help: {
      text: `${rule.description}. See ${url} for what it reports, examples and options.`,
      markdown: `${rule.description}.\n\nSee the [rule documentation](${url}) for what it reports, examples and options.`,
    },
    helpUri: url,
    // Rules outside jdlint:recommended run only when a config turns them on.
    defaultConfiguration: { level: LEVEL[recommendedSeverity({ meta: rule }) ?? rule.defaultSeverity], ...(inPreset(rule, "recommended") ? {} : { enabled: false }) },
  };
}

function region(at: { line: number; column: number; endLine: number; endColumn: number }): Region {
  return { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn };
}

/** The top suggested title as a replacement of the title, when the message's region is exactly the title. */
function retitleFix(r: LintResult, m: LintMessage, uri: string): Fix[] {
  const top = m.suggestions?.find((s) => s.title);
  // A record's title may sit in escaped JSON, where the region is only its start: no safe replacement then.
  const exact = r.title !== null && m.line === m.endLine && m.endColumn - m.column === r.title.length;
  if (!top?.title || !exact) return [];
  return [
    {
      description: { text: top.desc },
      artifactChanges: [{ artifactLocation: { uri }, replacements: [{ deletedRegion: region(m), insertedContent: { text: top.title } }] }],
    },
  ];
}

function sarifResult(r: LintResult, m: LintMessage, uri: string, ruleIndex: Map<string, number>): Result {
  // The verdict's evidence lines are why a message on the title was reported.
  const related: Location[] = r.verdict.evidence.map((e, i) => ({
    id: i + 1,
    physicalLocation: { artifactLocation: { uri }, region: region(e) },
    message: { text: `${familyName(e.family)}: ${e.text}` },
  }));
  const index = ruleIndex.get(m.ruleId);
  const fixes = retitleFix(r, m, uri);
  return {
    ruleId: m.ruleId,
    ...(index === undefined ? {} : { ruleIndex: index }),
    level: LEVEL[m.severity],
    message: { text: m.message },
    locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(m) } }],
    ...(related.length ? { relatedLocations: related } : {}),
    ...(fixes.length ? { fixes } : {}),
    properties: {
      recordId: r.recordId,
      status: r.verdict.status,
      finding: r.verdict.finding,
      titleFamily: r.verdict.titleFamily,
      dutyFamily: r.verdict.dutyFamily,
      dutyMix: r.verdict.dutyMix,
      suggestedTitles: r.verdict.suggestedTitles.map((s) => s.title),
    },
  };
}

/** SARIF 2.1.0, as GitHub code scanning and other static-analysis viewers read it. */
export const sarif: Formatter = (results, ctx) => {
  const rules: ReportingDescriptor[] = (ctx.rules ?? []).map(ruleDescriptor);
  // A message from a rule the context did not describe still needs a descriptor.
  for (const id of new Set(results.flatMap((r) => r.messages.map((m) => m.ruleId)))) {
    if (!rules.some((d) => d.id === id)) rules.push({ id });
  }
  const ruleIndex = new Map(rules.map((d, i) => [d.id, i]));
  const log: Log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: { name: "jdlint", informationUri: PROJECT_URL, ...(ctx.version ? { version: ctx.version } : {}), rules },
        },
        columnKind: "utf16CodeUnits",
        results: results.flatMap((r) => {
          const uri = artifactUri(r.filePath, ctx.cwd);
          return r.messages.map((m) => sarifResult(r, m, uri, ruleIndex));
        }),
      },
    ],
  };
  return JSON.stringify(log, null, 2) + "\n";
};
