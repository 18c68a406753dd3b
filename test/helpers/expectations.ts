import { parse } from "yaml";

/** What a fixture says it should produce, from its `<!-- expect ... -->` comment. */
export interface Expectation {
  status?: "pass" | "warn" | "fail";
  titleFamily?: string;
  dutyFamily?: string;
  /** "rule-id severity line:column" for every message, in order. */
  messages?: string[];
  /** At least one suggested title is among these. */
  suggests?: string[];
}

export function readExpectation(text: string, file: string): Expectation {
  const m = /<!--\s*expect\s*\n([\s\S]*?)-->/.exec(text);
  if (!m) throw new Error(`${file} has no <!-- expect ... --> comment`);
  return parse(m[1]!) as Expectation;
}
