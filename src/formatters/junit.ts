import type { LintResult } from "../engine/result.js";
import type { LintMessage } from "../engine/types.js";
import { familyName } from "../engine/messages.js";
import { displayPath, dutyMixLabel, escapeXml as x, escapeXmlAttribute as attr, postingName } from "./shared.js";
import type { Formatter } from "./types.js";

function messageLine(m: LintMessage): string {
  return `${m.line}:${m.column} ${m.severity} ${m.message} (${m.ruleId})`;
}

/** The verdict in lines of text: why a posting failed, for the failure body. */
function verdictLines(r: LintResult): string[] {
  const v = r.verdict;
  const lines = [`${v.status}: ${v.summary}`, `duty mix: ${dutyMixLabel(v)}`];
  for (const e of v.evidence) lines.push(`  ${e.line}:${e.column} ${familyName(e.family)}: ${e.text}`);
  if (v.suggestedTitles.length) lines.push(`retitle as: ${v.suggestedTitles.map((s) => s.title).join(", ")}`);
  return lines;
}

function testcase(r: LintResult, cwd: string): string {
  const errors = r.messages.filter((m) => m.severity === "error");
  const others = r.messages.filter((m) => m.severity !== "error");
  const head = `    <testcase classname="${attr(displayPath(r.filePath, cwd))}" name="${attr(postingName(r))}"`;
  const body: string[] = [];
  if (errors.length) {
    // One <failure> per testcase (the JUnit schema allows one): the first error, then every error in the body.
    const first = errors[0]!;
    const message = errors.length === 1 ? first.message : `${errors.length} errors; first: ${first.message}`;
    const text = [...errors.map(messageLine), "", ...verdictLines(r)].join("\n");
    body.push(`      <failure message="${attr(message)}" type="${attr(first.ruleId)}">${x(text)}</failure>`);
  }
  if (others.length) body.push(`      <system-out>${x(others.map(messageLine).join("\n"))}</system-out>`);
  return body.length ? `${head}>\n${body.join("\n")}\n    </testcase>` : `${head}/>`;
}

/**
 * JUnit XML: a testcase per posting, failed by its errors. Warnings and infos do not fail a testcase
 * (as they do not fail the exit code); they are listed in its <system-out>.
 */
export const junit: Formatter = (results, ctx) => {
  const failures = results.filter((r) => r.messages.some((m) => m.severity === "error")).length;
  const counts = `tests="${results.length}" failures="${failures}" errors="0" skipped="0"`;
  return [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<testsuites name="jdlint" ${counts}>`,
    `  <testsuite name="jdlint" ${counts}>`,
    ...results.map((r) => testcase(r, ctx.cwd)),
    `  </testsuite>`,
    `</testsuites>`,
    "",
  ].join("\n");
};
