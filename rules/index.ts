import type { Rule } from "../src/engine/types.js";
import titleDutyMismatch from "./title-duty-mismatch.js";

/** The built-in rules, in the order they run. Adding a rule: its file, a line here, a doc page, fixtures. */
export const builtinRules: Rule[] = [titleDutyMismatch];
