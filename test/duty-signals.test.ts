import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readBuiltinSources } from "../src/cli/knowledge-files.js";
import { compileKnowledge } from "../src/lexicon/knowledge.js";
import { analyse, labelTokens, describesEmployer, oneToOneWork } from "../src/judge/evidence.js";
import { lineFeatures, readLine, reasonWords } from "../src/judge/line-model.js";
import { DEFAULT_THRESHOLDS } from "../src/judge/thresholds.js";
import { classifyTitle } from "../src/judge/title.js";
import { verdictStatus } from "../src/judge/verdict.js";
import { parseText } from "../src/parsers/text.js";
import { tokenize } from "../src/text/tokenize.js";

const sources = await readBuiltinSources();
const knowledge = compileKnowledge(sources);

describe("lines about the employer", () => {
  it("reads a line whose subject is the employer as about the company", () => {
    expect(describesEmployer(knowledge, tokenize("Our rapidly expanding organization works with local leaders and corporations."))).toBe(true);
    expect(describesEmployer(knowledge, tokenize("We are a promotional marketing firm with offices in three cities."))).toBe(true);
    expect(describesEmployer(knowledge, tokenize("Our client is a leading consumer brand."))).toBe(true);
  });

  it("finds the employer as subject after a clause put before it", () => {
    expect(describesEmployer(knowledge, tokenize("By serving the largest retailers, this firm keeps growing its clients' market share."))).toBe(true);
    expect(describesEmployer(knowledge, tokenize("By the end of your first month, you will run the weekly campaign report."))).toBe(false);
    expect(describesEmployer(knowledge, tokenize("Plan the launch, our company's biggest event of the year."))).toBe(false);
  });

  it("leaves the job's own lines alone", () => {
    expect(describesEmployer(knowledge, tokenize("The Marketing Manager will own our company blog and newsletter."))).toBe(false);
    expect(describesEmployer(knowledge, tokenize("We are looking for a content marketer to run our blog."))).toBe(false);
    expect(describesEmployer(knowledge, tokenize("Plan campaigns with the agency and report on their results."))).toBe(false);
  });

  it("counts a self-description in the duties as the company profile counts: not as marketing work", () => {
    const selfLabelled = "Marketing Coordinator\n\nDescription\n\nOur firm is a full service marketing agency that builds brand strategy and marketing campaigns for clients.\n";
    const duties = "Marketing Coordinator\n\nDescription\n\nBuild brand strategy and marketing campaigns for the product launches.\n";
    const weightOf = (text: string) => analyse(parseText(knowledge, text, "posting.txt"), knowledge, DEFAULT_THRESHOLDS).totals.marketing;
    expect(weightOf(selfLabelled)).toBeLessThan(weightOf(duties) / 2);
  });
});

describe("a function named as a trade", () => {
  const labelled = (line: string) => {
    const tokens = tokenize(line);
    return [...(labelTokens(knowledge, tokens) ?? [])].map((i) => tokens[i]!.word).join(" ");
  };

  it("finds the function words right before a trade word, joined or not", () => {
    expect(labelled("Join a growing sales and marketing firm in the city.")).toBe("sales and marketing firm");
    expect(labelled("Experience in the advertising industry is a plus.")).toBe("advertising industry");
    expect(labelled("We are a public relations agency.")).toBe("public relations agency");
  });

  it("finds a team, a department or a post named after a function", () => {
    expect(labelled("You will join our sales team in Leeds.")).toBe("sales team");
    expect(labelled("Report to the head of the marketing and communications department.")).toBe("marketing and communications department");
    expect(labelled("This marketing position is based in our head office.")).toBe("marketing position");
  });

  it("finds a person's interest or background in a function, which is no work of the job", () => {
    expect(labelled("You have a passion for marketing and a positive outlook.")).toBe("marketing");
    expect(labelled("A degree in marketing or communications is welcome.")).toBe("marketing or communications");
    expect(labelled("Anyone with an interest in sales, events or travel.")).toBe("sales");
  });

  it("leaves work words alone", () => {
    expect(labelled("Plan marketing campaigns with the agency.")).toBe("");
    expect(labelled("Work with the team on marketing campaigns.")).toBe("");
    expect(labelled("Bring your passion to our marketing campaigns.")).toBe("");
    expect(labelled("Brief the marketing, and the agency, on results.")).toBe("");
  });

  it("takes away a trade's marketing words, not the work around them", () => {
    const weightOf = (line: string) => analyse(parseText(knowledge, `Sales Representative\n\nDuties\n\n${line}\n`, "posting.txt"), knowledge, DEFAULT_THRESHOLDS).totals.marketing;
    expect(weightOf("Visit shops across the region for a leading sales and marketing firm.")).toBe(0);
    expect(weightOf("Visit shops across the region with our marketing campaigns.")).toBeGreaterThan(0);
  });
});

describe("work aimed at one person at a time", () => {
  it("finds selling to the person in front of you, a booked appointment, pay per sale", () => {
    for (const line of [
      "Approach shoppers at the stand and explain the offer.",
      "Book appointments for the consultants with homeowners.",
      "Pay is per sale, with weekly bonuses.",
      "Communicate directly with consumers to build a positive brand image.",
      "Present our client's products and services to customers in a friendly manner.",
      "Hold one-to-one consultations with homeowners in their kitchens.",
    ]) {
      expect(oneToOneWork(knowledge, tokenize(line)).length, line).toBeGreaterThan(0);
    }
  });

  it("leaves one-to-many work and negated selling alone", () => {
    expect(oneToOneWork(knowledge, tokenize("Engage customers on social media with a weekly content calendar."))).toEqual([]);
    expect(oneToOneWork(knowledge, tokenize("This is not a door to door role."))).toEqual([]);
    expect(oneToOneWork(knowledge, tokenize("Write the copy for the spring email campaign."))).toEqual([]);
    // Face to face says where the work is done, not that it is selling: service is face to face too.
    expect(oneToOneWork(knowledge, tokenize("Help visitors face to face at the front desk and answer their questions."))).toEqual([]);
    // Greeting the customer who comes in or calls is service: the seller is the one who approaches.
    expect(oneToOneWork(knowledge, tokenize("Greet customers warmly and find out why they are calling."))).toEqual([]);
    // One to one with a patient, a pupil or a colleague is no selling.
    expect(oneToOneWork(knowledge, tokenize("Provide one-on-one physical therapy sessions to each patient."))).toEqual([]);
    expect(oneToOneWork(knowledge, tokenize("Regular one-to-one time with your manager to discuss your progress."))).toEqual([]);
    // "security consultants" is no secured consultation.
    expect(oneToOneWork(knowledge, tokenize("Monitor the work of the information security consultants."))).toEqual([]);
  });

  it("turns a marketing-worded line aimed at one customer into selling", () => {
    const doc = parseText(knowledge, "Marketing Assistant\n\nDuties\n\nPromote the brand to shoppers face to face at retail events and sign them up.\n", "posting.txt");
    const a = analyse(doc, knowledge, DEFAULT_THRESHOLDS);
    const line = a.lines.find((l) => l.sentence.text.startsWith("Promote"))!;
    expect(line.family).toBe("sales");
    expect(line.scores.sales).toBeGreaterThan(line.scores.marketing);
  });
});

describe("the duty-line model (rules/models/duty-lines.yaml)", () => {
  const model = knowledge.dutyModel!;

  it("is part of the built-in knowledge", () => {
    expect(model.classes).toEqual(["marketing", "sales", "customer_service", "other"]);
    expect(model.features.length).toBeGreaterThan(1000);
    expect(model.weights.length).toBe(model.features.length * model.classes.length);
  });

  it("reads what a line's work is, with the words that weighed most", () => {
    const selling = readLine(model, tokenize("Sell merchandise to customers and negotiate the price of each sale."))!;
    expect(selling.top).toBe("sales");
    expect(reasonWords(model, selling).length).toBeGreaterThan(0);
    expect(readLine(model, tokenize("Plan advertising campaigns and media buying for the brand."))!.top).toBe("marketing");
    expect(readLine(model, tokenize("Inspect welds and repair the hydraulic pumps."))!.top).toBe("other");
    const p = selling.p;
    expect(p.marketing + p.sales + p.customer_service + p.other).toBeCloseTo(1, 6);
  });

  it("says nothing of a line with no word it knows", () => {
    expect(readLine(model, tokenize("Zqxv blorp."))).toBeNull();
  });

  it("makes features of stems and neighbouring stem pairs, numbers alike, filler left out", () => {
    expect(lineFeatures(tokenize("Make 50 calls"))).toEqual(["make", "#", "make #", "call", "# call"]);
    expect(lineFeatures(tokenize("the calls"))).toEqual(["call"]);
  });

  it("rejects a malformed model file, naming the file and line", () => {
    const bad = { file: "rules/models/duty-lines.yaml", text: "classes: [marketing, sales, customer_service, other]\nbias: [0, 0, 0, 0]\nfeatures:\n  sell: [1, 2]\n" };
    expect(() => compileKnowledge({ ...sources, dutyModel: bad })).toThrow(/duty-lines\.yaml:4.*4 weights/);
    const classes = { file: "m.yaml", text: "classes: [sales, marketing]\nbias: [0, 0]\nfeatures: {}\n" };
    expect(() => compileKnowledge({ ...sources, dutyModel: classes })).toThrow(/m\.yaml:1/);
  });

  it("can be left out: the verdict then rests on the lexicons", () => {
    const without = compileKnowledge({ ...sources, dutyModel: undefined });
    expect(without.dutyModel).toBeUndefined();
    const doc = parseText(without, "Sales Representative\n\nDuties\n\nCold call prospects and close deals.\n", "posting.txt");
    expect(analyse(doc, without, DEFAULT_THRESHOLDS).totals.sales).toBeGreaterThan(0);
  });
});

// Training is deterministic: the committed model is what the trainer gives on the shared data.
const DATA = process.env.JDLINT_DATA ?? join(process.cwd(), "..", "shared", "data");
const haveData = existsSync(join(DATA, "onet", "task_statements.txt")) && existsSync(join(DATA, "esco", "occupations_en.csv"));
const trainer = join("dist", "tools", "train-duty-model.js");

describe.skipIf(!haveData || !existsSync(trainer))("the committed duty-line model matches its training data", () => {
  it("tools/train-duty-model.ts --check", { timeout: 120_000 }, () => {
    const out = execFileSync(process.execPath, [trainer, DATA, "--check"], { encoding: "utf8" });
    expect(out).toMatch(/up to date/);
  });
});

describe("the model's reading shown as a line's reason", () => {
  it("is in the JSON evidence and in explain, in the line's own words", async () => {
    const { jdlint } = await import("./helpers/cli.js");
    const file = "fixtures/duty-classes/demand-generation-email-cadences.md";
    const [result] = JSON.parse((await jdlint(["--format", "json", file])).stdout);
    const read = result.verdict.evidence.filter((e: { reading?: { words: string[] } }) => e.reading);
    expect(read.length).toBeGreaterThan(0);
    for (const e of read) for (const w of e.reading.words) expect(e.text.toLowerCase()).toContain(w);
    expect((await jdlint(["explain", file])).stdout).toMatch(/reads as sales work: "/);
  });
});

describe("selling words read as written", () => {
  const salesOf = (line: string) => analyse(parseText(knowledge, `Engineer\n\nDuties\n\n${line}\n`, "posting.txt"), knowledge, DEFAULT_THRESHOLDS).totals.sales;

  it("takes renewals, uncapped pay and handed-out leads as selling", () => {
    expect(salesOf("Drive contract renewals with every account in your patch.")).toBeGreaterThan(0);
    expect(salesOf("The role pays uncapped commission on every deal.")).toBeGreaterThan(0);
    expect(salesOf("Warm leads are provided every morning.")).toBeGreaterThan(0);
  });

  it("leaves renewable energy, an uncapped pension match and someone who leads alone", () => {
    expect(salesOf("Design battery storage for renewable energy projects.")).toBe(0);
    expect(salesOf("Uncapped 401k retirement plan match.")).toBe(0);
    expect(salesOf("Leads and provides oversight to the site engineers.")).toBe(0);
  });
});

describe("service words read as written", () => {
  const serviceOf = (line: string) => analyse(parseText(knowledge, `Agent\n\nDuties\n\n${line}\n`, "posting.txt"), knowledge, DEFAULT_THRESHOLDS).totals.customer_service;

  it("takes calls coming in, inquiries answered and callers routed as service, whoever is named", () => {
    expect(serviceOf("Answer incoming customer calls in a friendly manner.")).toBeGreaterThan(0);
    expect(serviceOf("Respond promptly to all inquiries by phone and email.")).toBeGreaterThan(0);
    expect(serviceOf("Provide customers with information about opening hours.")).toBeGreaterThan(0);
    expect(serviceOf("Direct calls to the right department.")).toBeGreaterThan(0);
  });

  it("leaves calls made out and a service that answers requests", () => {
    expect(serviceOf("Make outbound calls to new prospects.")).toBe(0);
    expect(serviceOf("Build an API that answers pricing requests in under 50 ms.")).toBe(0);
  });
});

describe("marketing words read as written", () => {
  const marketingOf = (line: string) => analyse(parseText(knowledge, `Analyst\n\nDuties\n\n${line}\n`, "posting.txt"), knowledge, DEFAULT_THRESHOLDS).totals.marketing;

  it("takes a marketing plan as marketing, and a market's activity or performance as no marketing", () => {
    expect(marketingOf("Build the marketing plan for the spring launch.")).toBeGreaterThan(0);
    expect(marketingOf("Follow equity market activity and report on market performance each week.")).toBe(0);
  });
});

describe("a direct-sales recruiting pitch under a marketing title", () => {
  const judgeText = (text: string) => {
    const doc = parseText(knowledge, text, "posting.txt");
    const a = analyse(doc, knowledge, DEFAULT_THRESHOLDS);
    return { a, v: verdictStatus(classifyTitle(knowledge, doc.title), a, DEFAULT_THRESHOLDS) };
  };
  const duties = "Duties\n\nRun in-store marketing campaigns for retail brands.\nBuild brand awareness with each campaign's message.\nReport campaign results every week.\n";

  it("flags marketing-worded duties under the pitch, and says which lines carry it", () => {
    const { a, v } = judgeText(`Marketing Associate\n\n${duties}\nWhat we offer\n\nNo experience necessary: full training provided.\nWe promote from within.\n`);
    expect(v.dutyFamily).toBe("marketing");
    expect(v.finding).toBe("pitch");
    expect(v.status).toBe("warn");
    expect(a.pitchSentences).toHaveLength(2);
  });

  it("leaves the same duties alone without the pitch, or with one passing cue", () => {
    expect(judgeText(`Marketing Associate\n\n${duties}`).v.finding).toBe("match");
    expect(judgeText(`Marketing Associate\n\n${duties}\nBenefits\n\nWe promote from within.\n`).v.finding).toBe("match");
  });

  it("weighs the pitch against the marketing work: a long marketing job with two cues passes", () => {
    const many = Array.from({ length: 8 }, (_, i) => `Plan and run the quarter's campaign number ${i + 1} across email, paid search and social channels, with its segmentation and brand messaging.`).join("\n");
    const { a, v } = judgeText(`Marketing Manager\n\nDuties\n\n${many}\n\nBenefits\n\nWe promote from within.\nPaid training.\n`);
    expect(a.pitch).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.pitchForMarketing);
    expect(v.finding).toBe("match");
  });

  it("counts a paragraph repeated by a board once, and reads the title's cues too", () => {
    const once = judgeText(`Marketing Associate\n\n${duties}\nBenefits\n\nWe promote from within.\n`).a.pitch;
    const twice = judgeText(`Marketing Associate\n\n${duties}\nBenefits\n\nWe promote from within.\n\nAbout you\n\nWe promote from within.\n`).a.pitch;
    expect(twice).toBe(once);
    const titled = judgeText(`Marketing Associate - No Experience Necessary\n\n${duties}`).a.pitch;
    expect(titled).toBeGreaterThan(judgeText(`Marketing Associate\n\n${duties}`).a.pitch);
  });

  it("flags any pitch at all when the ad leans hard on being entry level, and not the entry level alone", () => {
    const long = Array.from({ length: 6 }, (_, i) => `Run brand campaign number ${i + 1} with its audience segments and messaging.`).join("\n");
    const beginners = "Entry level: no experience necessary, we will train you.\nFull training provided.\n";
    const pitched = judgeText(`Marketing Coordinator\n\nDuties\n\n${long}\n\nWho we want\n\n${beginners}`);
    expect(pitched.a.entry).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.entryForPitch);
    expect(pitched.a.pitch).toBeLessThan(DEFAULT_THRESHOLDS.pitchShareOfMarketing * pitched.a.totals.marketing);
    expect(pitched.v.finding).toBe("pitch");
    const plain = judgeText(`Marketing Coordinator\n\nDuties\n\n${long}\n\nWho we want\n\nThis job is entry level and we will train you. Graduates welcome.\n`);
    expect(plain.a.entry).toBeGreaterThanOrEqual(DEFAULT_THRESHOLDS.entryForPitch);
    expect(plain.a.pitch).toBe(0);
    expect(plain.v.finding).toBe("match");
  });

  it("takes uncapped earnings as pay, and unlimited potential as no pitch", () => {
    expect(judgeText("Marketing Associate\n\nBenefits\n\nUnlimited earning potential.\n").a.pitch).toBeGreaterThan(0);
    expect(judgeText("Marketing Associate\n\nBenefits\n\nUnlimited potential to grow your skills.\n").a.pitch).toBe(0);
  });
});
