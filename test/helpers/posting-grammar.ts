import fc from "fast-check";

// A small grammar of job postings: a title, an optional opening paragraph, and sections of a heading and lines
// (bullets or paragraphs). The same posting renders as Markdown, an HTML page and schema.org JSON-LD, which must
// read to the same verdict. The lines are plain sentences, so that no rendering needs escapes the others lack.

const TITLES = [
  "Marketing Manager", "Senior Marketing Manager", "Marketing Coordinator", "Brand Manager", "Content Marketing Specialist",
  "Growth Marketing Lead", "Sales Representative", "Account Executive", "Inside Sales Representative", "Business Development Representative",
  "Regional Sales Manager", "Customer Service Representative", "Customer Support Specialist", "Client Success Manager", "Call Centre Agent",
  "Marketing Director", "Junior Marketing Assistant", "Sales and Marketing Executive", "Office Manager", "Software Engineer",
];

const HEADINGS = [
  "Responsibilities", "What you'll do", "Key duties", "The role", "Your day to day", "Requirements", "What you bring", "Qualifications",
  "Benefits", "What we offer", "About us", "Who we are",
];

const LINES = [
  // selling
  "Make 60 outbound calls a day to new prospects.", "Close deals with small business owners.", "Hit a monthly revenue quota.",
  "Book meetings for the field sales team.", "Negotiate contracts and renewals with existing accounts.", "Prospect new accounts on the phone and by email.",
  "Knock on doors in your territory to sign up new customers.", "Grow your pipeline and forecast it every week.",
  // marketing
  "Plan and run email campaigns for our product launches.", "Write blog posts and social media content.", "Manage the brand guidelines and the website.",
  "Analyse campaign performance and report on it.", "Run paid search and social advertising budgets.", "Organise trade shows and webinars.",
  // service
  "Answer customer questions by phone, chat and email.", "Resolve complaints and issue refunds.", "Help customers set up their accounts.",
  "Log every support ticket and follow it up.",
  // requirements, benefits, company
  "Two years of experience in a similar role.", "Excellent written English.", "A driving licence.", "25 days of holiday and a pension.",
  "A bonus paid every quarter.", "We are a family business founded in 1998.", "Our team of forty works from Leeds and York.",
];

export interface GrammarSection {
  heading: string;
  lines: string[];
  bullets: boolean;
}

export interface GrammarPosting {
  title: string;
  intro: string | null;
  sections: GrammarSection[];
}

const section: fc.Arbitrary<GrammarSection> = fc.record({
  heading: fc.constantFrom(...HEADINGS),
  lines: fc.uniqueArray(fc.constantFrom(...LINES), { minLength: 1, maxLength: 5 }),
  bullets: fc.boolean(),
});

export const grammarPosting: fc.Arbitrary<GrammarPosting> = fc.record({
  title: fc.constantFrom(...TITLES),
  intro: fc.option(fc.constantFrom(...LINES), { nil: null }),
  sections: fc.array(section, { minLength: 1, maxLength: 4 }),
});

export function toMarkdown(p: GrammarPosting): string {
  const out = [`# ${p.title}`, ""];
  if (p.intro) out.push(p.intro, "");
  for (const s of p.sections) out.push(`## ${s.heading}`, "", ...s.lines.map((l) => (s.bullets ? `- ${l}` : l)), "");
  return out.join("\n");
}

/** The sections as HTML, as a page's body or a JSON-LD description holds them. */
function sectionsHtml(p: GrammarPosting): string {
  const parts = p.intro ? [`<p>${p.intro}</p>`] : [];
  for (const s of p.sections) {
    parts.push(`<h2>${s.heading}</h2>`);
    parts.push(s.bullets ? `<ul>${s.lines.map((l) => `<li>${l}</li>`).join("")}</ul>` : s.lines.map((l) => `<p>${l}</p>`).join("\n"));
  }
  return parts.join("\n");
}

export function toHtml(p: GrammarPosting): string {
  return `<!doctype html>\n<html><head><title>${p.title} | Acme Careers</title></head>\n<body>\n<nav><a href="/">Jobs</a></nav>\n<h1>${p.title}</h1>\n${sectionsHtml(p)}\n<footer>Acme Ltd</footer>\n</body></html>\n`;
}

export function toJsonLd(p: GrammarPosting): string {
  return JSON.stringify({ "@context": "https://schema.org", "@type": "JobPosting", title: p.title, description: sectionsHtml(p), datePosted: "2024-05-01" }, null, 2);
}

/** A feed's record: the title, and the rest as Markdown in its description. */
export function toRecord(p: GrammarPosting): string {
  return JSON.stringify({ id: "g1", title: p.title, description: toMarkdown(p).replace(/^# .*\n\n/, "") });
}

/** The renderings that must read alike, by the name each is read as. */
export const RENDERINGS: Record<string, (p: GrammarPosting) => string> = {
  "posting.md": toMarkdown,
  "posting.html": toHtml,
  "posting.jsonld": toJsonLd,
  "record.json": toRecord,
};
