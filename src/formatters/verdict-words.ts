import type { EvidenceReport, VerdictReport } from "../engine/result.js";
import { familyName } from "../engine/messages.js";

/**
 * The verdict in words a job seeker can follow, as `jdlint explain` and the browser playground say it. Pure and
 * free of Node's modules, so that the page can use it as it is.
 */

/** The duty families in the order every format shows the duty mix. */
export const MIX_ORDER = ["marketing", "sales", "customer_service"] as const;

export function percent(n: number): string {
  return `${Math.round(n * 100)}%`;
}

/** The verdict's status as a heading: "Misleading title". */
export const VERDICT_WORD: Record<VerdictReport["status"], string> = { pass: "Fits", warn: "Worth a look", fail: "Misleading title" };

/** What a duty line shows besides its family: its sub-functions, and the duty-line model's reason in the line's own words. */
export function dutyLineNotes(e: EvidenceReport): string[] {
  const kinds = e.subfunctions.map((s) => s.split(".")[1]!.replace(/_/g, " "));
  if (e.reading?.words.length) kinds.push(`reads as ${familyName(e.family)} work: ${e.reading.words.map((w) => `"${w}"`).join(", ")}`);
  return kinds;
}

function titleClaim(v: VerdictReport): string {
  if (v.titleFamily === "unknown") return "No title was found, so there is nothing to compare the duties with.";
  const level = v.titleLevel && v.titleLevel !== "unknown" ? ` at ${v.titleLevel} level` : "";
  const specialisation = v.titleSpecialisation ? ` (${v.titleSpecialisation.replace(/_/g, " ")})` : "";
  return `The title names ${familyName(v.titleFamily)} work${specialisation}${level}.`;
}

/** The verdict in sentences a job seeker can follow; with the quotas, unless they are shown apart. */
export function why(v: VerdictReport, withQuotas = true): string[] {
  const lines = [titleClaim(v)];
  const duties = familyName(v.dutyFamily);
  switch (v.finding) {
    case "match":
      lines.push(`The duties are ${duties} work too: the title says what the job is.`);
      break;
    case "thin":
      lines.push("The posting says too little about its duties to tell what the job really is.");
      break;
    case "no-title":
      break;
    case "mismatch":
      lines.push(`But the duties are ${duties} work: someone applying for the title would find a different job.`);
      break;
    case "partial":
      lines.push(`The title promises ${familyName(v.titleFamily)} work, but the duties are ${duties} only.`);
      break;
    case "leans":
      lines.push(`The duties mix functions, and most of them are not ${familyName(v.titleFamily)} work.`);
      break;
    case "pitch":
      lines.push("But the posting recruits the way direct-sales firms do: its marketing words most likely describe selling.");
      break;
    case "absent": {
      // Other work far outweighs a line or two of the title's function: say so, not that there is none.
      const own = v.evidence.filter((e) => e.family === v.titleFamily).length;
      lines.push(
        own === 0
          ? `None of the duties is ${familyName(v.titleFamily)} work.`
          : `Hardly any of the duties is ${familyName(v.titleFamily)} work (${own} line${own > 1 ? "s" : ""}); the rest is other work.`,
      );
      break;
    }
    case "outside":
      lines.push(`But the duties are clearly ${duties} work.`);
      break;
  }
  if (withQuotas) for (const q of v.quotas) lines.push(`Line ${q.line} sets a selling quota: "${q.text}".`);
  return lines;
}

/** Why a suggested title fits: "sales work is 100% of the duties; entry level, as the posting asks; fit 92%". */
export function retitleReason(v: VerdictReport, s: VerdictReport["suggestedTitles"][number]): string {
  const share = v.dutyMix[s.family as keyof VerdictReport["dutyMix"]];
  const fits = share !== undefined ? `${familyName(s.family)} work is ${percent(share)} of the duties` : `a ${familyName(s.family)} title`;
  const level = v.fittingLevel && v.fittingLevel !== "unknown" ? `; ${v.fittingLevel} level, as the posting asks` : "";
  return `${fits}${level}; fit ${percent(s.score)}`;
}
