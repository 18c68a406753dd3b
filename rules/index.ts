import type { Rule } from "../src/engine/types.js";
import activityQuota from "./activity-quota.js";
import activityTargets from "./activity-targets.js";
import disguisedSales from "./disguised-sales.js";
import exclusionaryLanguage from "./exclusionary-language.js";
import genderedWording from "./gendered-wording.js";
import hybridRole from "./hybrid-role.js";
import kpiMismatch from "./kpi-mismatch.js";
import payTransparency from "./pay-transparency.js";
import selfSourcedPipeline from "./self-sourced-pipeline.js";
import titleDutyMismatch from "./title-duty-mismatch.js";
import titleInflation from "./title-inflation.js";
import unrealisticExpectations from "./unrealistic-expectations.js";

/** The built-in rules, in the order they run. Adding a rule: its file, a line here, a doc page, fixtures. */
export const builtinRules: Rule[] = [
  titleDutyMismatch,
  hybridRole,
  kpiMismatch,
  selfSourcedPipeline,
  activityQuota,
  activityTargets,
  titleInflation,
  disguisedSales,
  payTransparency,
  genderedWording,
  exclusionaryLanguage,
  unrealisticExpectations,
];
