import type { Knowledge } from "../lexicon/knowledge.js";
import type { Block } from "../parsers/blocks.js";
import { splitSentences } from "../parsers/sentences.js";
import { BoundedCache, detached } from "../text/bounded-cache.js";
import { tokenize } from "../text/tokenize.js";
import type { PostingDocument, Section, SectionKind, Sentence, TextComment } from "./document.js";
import type { Locator } from "./locator.js";
import type { Span } from "./span.js";

export interface BuildInput {
  text: string;
  format: string;
  title: string | null;
  titleSpan: Span | null;
  blocks: Block[];
  meta?: Record<string, unknown>;
  recordId?: string | null;
  locator: Locator;
  raw?: string | null;
  comments?: TextComment[];
}

/** Heading kinds by text, per heading set: the same few dozen headings open most postings of a feed. */
const headingKinds = new WeakMap<object, BoundedCache<string, SectionKind | "none">>();

/** The kind a heading names ("Key Responsibilities" -> duties), or null when it names none. */
export function classifyHeading(knowledge: Knowledge, heading: string): SectionKind | null {
  const { headings } = knowledge.sections;
  let known = headingKinds.get(headings);
  if (!known) headingKinds.set(headings, (known = new BoundedCache(2_000)));
  let kind = known.get(heading);
  if (kind === undefined) {
    let best: { kind: SectionKind; rank: number } | null = null;
    for (const m of headings.matchAll(tokenize(heading))) {
      const rank = headings.terms.indexOf(m.term);
      if (!best || rank < best.rank) best = { kind: m.term.tag, rank };
    }
    kind = best?.kind ?? "none";
    known.set(detached(heading), kind);
  }
  return kind === "none" ? null : kind;
}

/** Turns a parser's blocks into sections and sentences: the one document model every format shares. */
export function buildDocument(knowledge: Knowledge, input: BuildInput): PostingDocument {
  const { text } = input;
  const sections: Section[] = [];
  const sentences: Sentence[] = [];
  let fieldKind: SectionKind = "other";
  let current = -1;
  const open = (kind: SectionKind, heading: string | null, headingSpan: Span | null, start: number) => {
    sections.push({ kind, heading, headingSpan, span: { start, end: headingSpan?.end ?? start } });
    current = sections.length - 1;
  };
  for (const block of input.blocks) {
    if (block.type === "heading") {
      const heading = text.slice(block.start, block.end);
      if (block.kind) fieldKind = block.kind;
      const kind = block.kind ?? classifyHeading(knowledge, heading) ?? fieldKind;
      open(kind, heading, { start: block.start, end: block.end }, block.start);
      continue;
    }
    if (current < 0) open(fieldKind, null, null, block.start);
    const section = sections[current]!;
    section.span.end = Math.max(section.span.end, block.end);
    for (const s of splitSentences(text, block.start, block.end)) {
      sentences.push({ span: s, text: text.slice(s.start, s.end), section: current, bullet: block.type === "bullet" });
    }
  }
  return {
    text,
    format: input.format,
    title: input.title,
    titleSpan: input.titleSpan,
    sections,
    sentences,
    meta: input.meta ?? {},
    recordId: input.recordId ?? null,
    locator: input.locator,
    raw: input.raw ?? null,
    ...(input.comments?.length ? { comments: input.comments } : {}),
  };
}
