import type { Locator } from "./locator.js";
import type { Location, Span } from "./span.js";

/** What a part of a posting is about; duties weigh most when judging what the job is. */
export type SectionKind = "duties" | "requirements" | "company" | "benefits" | "other";

export const SECTION_KINDS: readonly SectionKind[] = ["duties", "requirements", "company", "benefits", "other"];

export interface Section {
  kind: SectionKind;
  heading: string | null;
  headingSpan: Span | null;
  /** From the heading (or the section's first text) to its last text. */
  span: Span;
}

/** A sentence or a bullet item: the unit that evidence is reported on. */
export interface Sentence {
  span: Span;
  text: string;
  section: number;
  bullet: boolean;
}

/**
 * A comment (`<!-- ... -->`) in a structured posting's text, or in the page around a posting, located in the file:
 * where directives stand in inputs whose own text is not the posting's (JSON, JSONL, CSV, JSON-LD in a page).
 */
export interface TextComment {
  /** The comment, from `<!--` to `-->`. */
  text: string;
  location: Location;
  /**
   * Where the line after the comment stands in the file: in a field, its text's next line (the next paragraph,
   * heading or list item of HTML); in a page, the next line of the file. Null when nothing follows.
   */
  nextLine: Location | null;
  /** Which of the posting's text fields holds it (0, 1...), or null for a comment of the page around the posting. */
  field: number | null;
}

/**
 * One posting, whatever format it came in. Offsets refer to `text`; `locator` turns them into
 * line/column in the source file.
 */
export interface PostingDocument {
  /** The analysed text: for text and Markdown, the file itself. */
  text: string;
  format: string;
  title: string | null;
  titleSpan: Span | null;
  sections: Section[];
  sentences: Sentence[];
  /** Front matter and other metadata the format carries. */
  meta: Record<string, unknown>;
  /** A record's id inside a multi-posting file, else null. */
  recordId: string | null;
  locator: Locator;
  /** The file's own text where comments can carry directives (text, Markdown, HTML); else null. */
  raw: string | null;
  /** Comments in a structured posting's text fields (and in the page around it), when it has any. */
  comments?: TextComment[];
}
