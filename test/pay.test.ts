import { describe, expect, it } from "vitest";
import { readBuiltinSources } from "../src/cli/knowledge-files.js";
import { compileKnowledge } from "../src/lexicon/knowledge.js";
import { parseAmount, payFacts, postingJurisdictions } from "../src/judge/pay.js";
import { parseMarkdown } from "../src/parsers/markdown.js";
import { parseText } from "../src/parsers/text.js";

const knowledge = compileKnowledge(await readBuiltinSources());

/** The pay a posting with this body states, as a result reports it. */
function payOf(body: string, title = "Account Manager") {
  const doc = parseText(knowledge, `${title}\n\nAbout the job\n\n${body}\n`, "posting.txt");
  const p = payFacts(doc, knowledge).pay;
  return p && { min: p.min, max: p.max, currency: p.currency, period: p.period, basis: p.basis, text: doc.text.slice(p.span.start, p.span.end) };
}

const cuesOf = (body: string) => {
  const doc = parseText(knowledge, `Account Manager\n\nAbout the job\n\n${body}\n`, "posting.txt");
  return payFacts(doc, knowledge).cues.map((c) => c.kind);
};

describe("pay figures: currency, amount, range, period", () => {
  it.each([
    ["The salary is $55,000-$70,000 a year.", { min: 55000, max: 70000, currency: "USD", period: "year" }],
    ["Pay: £12.50/hour, paid weekly.", { min: 12.5, max: 12.5, currency: "GBP", period: "hour" }],
    ["We pay KES 40,000 per month.", { min: 40000, max: 40000, currency: "KES", period: "month" }],
    ["Salary: £30k - £35k per annum", { min: 30000, max: 35000, currency: "GBP", period: "year" }],
    ["Compensation $55-70k per year plus benefits (a k range)", { min: 55000, max: 70000, currency: "USD", period: "year" }],
    ["Starting at $18 to $22 an hour.", { min: 18, max: 22, currency: "USD", period: "hour" }],
    ["Hourly rate of $25.", { min: 25, max: 25, currency: "USD", period: "hour" }],
    ["Gehalt: €55.000 - €65.000 pro Jahr, annual", { min: 55000, max: 65000, currency: "EUR", period: "year" }],
    ["Monthly salary of KSh 60,000 to 80,000", { min: 60000, max: 80000, currency: "KES", period: "month" }],
    ["Salary 45,000 USD yearly", { min: 45000, max: 45000, currency: "USD", period: "year" }],
    ["CTC ₹6,00,000 per annum", { min: 600000, max: 600000, currency: "INR", period: "year" }],
    ["Earn $900 a week.", { min: 900, max: 900, currency: "USD", period: "week" }],
    ["Pay is $150 per day for each event.", { min: 150, max: 150, currency: "USD", period: "day" }],
    ["Immediate start, $31.50 p/h with a view to a permanent role.", { min: 31.5, max: 31.5, currency: "USD", period: "hour" }],
    ["The current range for this role is $125,000 - $195,000 + bonus + equity.", { min: 125000, max: 195000, currency: "USD", period: "year" }],
    ["The base compensation range for this role is EUR 78,000 - EUR 93,000.", { min: 78000, max: 93000, currency: "EUR", period: "year" }],
    ["The expected salary is between PLN 181 000 and 271 000 gross/year.", { min: 181000, max: 271000, currency: "PLN", period: "year" }],
    ["Annual compensation of £40-65,000 depending on experience.", { min: 40000, max: 65000, currency: "GBP", period: "year" }],
    ["Salary: CAD $90,000 - $110,000 per year", { min: 90000, max: 110000, currency: "CAD", period: "year" }],
    ["Base salary range: $111,000/year to $185,000/year.", { min: 111000, max: 185000, currency: "USD", period: "year" }],
  ])("%s", (body, expected) => {
    expect(payOf(body)).toMatchObject({ ...expected, basis: "base" });
  });

  it("assumes a yearly salary when a salary figure names no period and is large enough, and leaves a small one open", () => {
    expect(payOf("Salary: £28,000 - £32,000 depending on experience")).toMatchObject({ min: 28000, max: 32000, currency: "GBP", period: "year" });
    expect(payOf("Salary: $4,000 plus benefits")).toMatchObject({ min: 4000, period: null });
  });

  it("tells hourly from yearly by the words next to the figure, not elsewhere in the line", () => {
    expect(payOf("Work 40 hours a week for $52,000 a year.")).toMatchObject({ min: 52000, period: "year" });
    expect(payOf("Paid $21 per hour, 37.5 hours a week.")).toMatchObject({ min: 21, period: "hour" });
  });

  it("reads a figure on a line after one about pay, with the currency repeated in the range", () => {
    const doc = parseText(knowledge, "Engineer\n\nPay\n\nOur pay varies by location.\nStarting pay depends on skills.\nZone A: USD $180,000 - USD $270,000\n", "p.txt");
    expect(payFacts(doc, knowledge).pay).toMatchObject({ min: 180000, max: 270000, currency: "USD", period: "year" });
  });

  it("joins a range that the sentence splitter cut at its dash", () => {
    expect(payOf("The range for this position is expected to be $150k - $210k per year.")).toMatchObject({ min: 150000, max: 210000, period: "year" });
  });

  it("takes the period from the next line when a figure stands alone on its line", () => {
    const doc = parseText(knowledge, "Sales Director\n\nManchester\n\n£81,764\n\nper year\n\nLead the sales team.\n", "p.txt");
    expect(payFacts(doc, knowledge).pay).toMatchObject({ min: 81764, currency: "GBP", period: "year" });
    const alone = parseText(knowledge, "Sales Director\n\nManchester\n\n£81,764\n\nLead the sales team.\n", "p.txt");
    expect(payFacts(alone, knowledge).pay).toBeNull();
  });

  it("reads OTE and base as the basis of each figure", () => {
    expect(payOf("Basic salary £25,000, OTE £45,000.")).toMatchObject({ min: 25000, basis: "base" });
    const doc = parseText(knowledge, "Sales Executive\n\nPay\n\nOTE of $90k per year.\n", "p.txt");
    expect(payFacts(doc, knowledge).figures.map((f) => [f.min, f.basis])).toEqual([[90000, "ote"]]);
    expect(payFacts(doc, knowledge).pay).toMatchObject({ basis: "ote", min: 90000 });
  });

  it("reads a commission-only figure as commission", () => {
    expect(payOf("This is a commission only role: earn $1,000 a week.")).toMatchObject({ basis: "commission", min: 1000, period: "week" });
  });

  it("leaves out figures that are not pay: funding, revenue, budgets, allowances, bonuses for referrals, prices", () => {
    for (const body of [
      "We raised $20 million last year.",
      "Manage a marketing budget of $500,000 per year.",
      "A $100 monthly allowance for your phone.",
      "We have $5 billion in assets under management.",
      "Hit a sales target of $1,000,000 per year.",
      "Tickets cost £15 per day.",
      "The team manages 401k plans for 200 clients.",
      "Work 40 hours per week in 2 shifts.",
      "Up to $1,500 per year towards wellness and learning.",
      "Our games make more than $20m per year.",
      "Join our referral bonus program and earn $500 - $1,000 per hire.",
    ])
      expect(payOf(body), body).toBeNull();
  });

  it("needs a currency: a bare number is not pay", () => {
    expect(payOf("The salary is 50,000 a year.")).toBeNull();
  });

  it("puts the figure's line and text in the facts", () => {
    const doc = parseMarkdown(knowledge, "# Barista\n\n## Pay\n\n- £12.50/hour plus tips\n", "posting.md");
    const p = payFacts(doc, knowledge).pay!;
    expect(doc.text.slice(p.span.start, p.span.end)).toBe("£12.50");
    expect(doc.locator.locate(p.span)).toMatchObject({ line: 5, column: 3 });
  });
});

describe("pay cues", () => {
  it("finds commission only, uncapped earnings, OTE, base and vague pay, not when negated", () => {
    expect(cuesOf("Pay is commission only.")).toEqual(["commission_only"]);
    expect(cuesOf("Uncapped earnings for the right person.")).toEqual(["uncapped"]);
    expect(cuesOf("We offer a competitive salary.")).toEqual(["vague"]);
    expect(cuesOf("On target earnings of about 40k.")).toEqual(["ote"]);
    expect(cuesOf("This is not a commission only role.")).toEqual([]);
  });
});

describe("parseAmount", () => {
  it.each([
    ["55,000", undefined, 55000],
    ["55.000", undefined, 55000],
    ["12.50", undefined, 12.5],
    ["12,50", undefined, 12.5],
    ["1,00,000", undefined, 100000],
    ["55", "k", 55000],
    ["1.5", "K", 1500],
    ["2", "m", 2000000],
  ])("%s%s", (text, suffix, n) => {
    expect(parseAmount(text, suffix)).toBe(n);
  });
});

describe("jurisdictions", () => {
  const where = (text: string, meta: Record<string, unknown> = {}) => {
    const doc = parseText(knowledge, text, "p.txt");
    return postingJurisdictions({ ...doc, meta }, knowledge);
  };
  it("reads the location field, then the title, then a line saying where the job is", () => {
    expect(where("Sales Rep\n\nSell things.\n", { location: "Denver, CO" })).toEqual(["US-CO"]);
    expect(where("Sales Rep - Seattle, WA\n\nSell things.\n")).toEqual(["US-WA"]);
    expect(where("Sales Rep\n\nLocation: Berlin, Germany\n\nSell things.\n")).toEqual(["EU"]);
    expect(where("Sales Rep\n\nSell things to people in Paris.\n")).toEqual([]);
  });
});
