import { describe, expect, it } from "vitest";
import { lintText, type LintResult } from "../src/index.js";
import { why } from "../src/formatters/verdict-words.js";

const MAILROOM = (serviceLine: string) => `# Customer Service Assistant

## What you will do

- Sort and deliver the incoming mail for every floor, and run the mailroom's postage meter.
- Scan documents into the imaging system and keep the filing room in order.
- Do the data entry for supplier invoices and reconcile the invoices against orders.
- Pack packages for shipping, book couriers and keep the shipping log.
- Purge files from the records room in line with the retention schedule.
- Keep the bookkeeping ledger for petty cash up to date.
${serviceLine}
`;

async function verdictOf(text: string): Promise<LintResult["verdict"]> {
  const [r] = (await lintText(text, { filePath: "posting.md" })) as [LintResult];
  return r.verdict;
}

describe("why a verdict is given, in words", () => {
  it("says none of the duties is the title's work when none is, and hardly any when a line or two is", async () => {
    const none = await verdictOf(MAILROOM(""));
    expect(none.finding).toBe("absent");
    expect(why(none)).toContain("None of the duties is customer service work.");
    const one = await verdictOf(MAILROOM("- Answer phone calls from customers about their orders and resolve billing queries."));
    expect(one.finding).toBe("absent");
    expect(why(one).join("\n")).toMatch(/Hardly any of the duties is customer service work \(1 line\)/);
  });
});
