import { parseFragment, type DefaultTreeAdapterTypes as T } from "parse5";
import { decodeHTML } from "entities";
import { scanBlocks, type Block } from "./blocks.js";
import { type OffsetMap, type TextBuilder } from "./source-map.js";

/** Where the readable text of some HTML goes: the analysed text, its blocks, and how headings are recognised. */
export interface BlockSink {
  out: TextBuilder;
  blocks: Block[];
  isHeading: (text: string) => boolean;
}

type Container = "paragraph" | "bullet" | "heading";

// Not part of the posting's text: code, page furniture, and things a reader never sees.
const SKIPPED = new Set([
  "script", "style", "noscript", "template", "nav", "footer", "svg", "iframe", "object", "canvas", "button", "select",
  "textarea", "head", "math",
]);
const BLOCK = new Set([
  "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "div", "dl", "dt",
  "fieldset", "figcaption", "figure", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li",
  "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
]);
const HEADING_TAG = /^h[1-6]$/;
const TOKEN = /(&(?:#[xX][0-9a-fA-F]+|#\d+|[a-zA-Z][a-zA-Z0-9]*);?)|(\s+)|([^&\s]+|&)/g;

export function isElement(node: T.Node): node is T.Element {
  return "tagName" in node;
}

export function isHidden(el: T.Element): boolean {
  return SKIPPED.has(el.tagName) || el.attrs.some((a) => a.name === "hidden" || (a.name === "aria-hidden" && a.value === "true"));
}

/** Elements in document order, for finding the <h1>, the <title> and JSON-LD scripts. */
export function* elements(node: T.Node): Generator<T.Element> {
  if (isElement(node)) yield node;
  const children = "childNodes" in node ? node.childNodes : [];
  for (const child of children) yield* elements(child);
  if (node.nodeName === "template") yield* elements((node as T.Template).content);
}

/**
 * Turns parsed HTML into lines of readable text. Headings become heading blocks, list items bullets (a nested
 * list's items their own bullets), other block elements paragraphs, read line by line like plain text so
 * that "<p><b>Responsibilities</b></p>" is a heading too. Whitespace collapses as a browser shows it.
 */
export class HtmlWriter {
  private lineStart = -1;
  /** The current line's text, kept apart so that scanning it does not read the whole text so far. */
  private line = "";
  private lineType: Container = "paragraph";
  private space: { at: number; exact: boolean } | null = null;

  /** `html` is the string the nodes were parsed from; `map` says where its characters are in the source. */
  constructor(
    private readonly sink: BlockSink,
    private readonly html: string,
    private readonly map: OffsetMap,
  ) {}

  /** Writes the text under `node`, skipping `skip` (the title's element, already written). */
  write(node: T.Node, container: Container = "paragraph", skip: T.Node | null = null): void {
    if (node === skip || node.nodeName === "#comment" || node.nodeName === "#documentType") return;
    if (node.nodeName === "#text") return this.text(node as T.TextNode, container);
    if (!isElement(node)) {
      for (const child of (node as T.ParentNode).childNodes ?? []) this.write(child, container, skip);
      return;
    }
    if (isHidden(node)) return;
    const tag = node.tagName;
    if (tag === "br") return this.lineBreak(node.sourceCodeLocation?.startOffset ?? 0);
    if (!BLOCK.has(tag)) {
      for (const child of node.childNodes) this.write(child, container, skip);
      return;
    }
    this.flush();
    const inner: Container = HEADING_TAG.test(tag) ? "heading" : tag === "li" ? "bullet" : container;
    for (const child of node.childNodes) this.write(child, inner, skip);
    this.flush();
  }

  /** Ends the current line and records it as a block. */
  flush(): void {
    this.space = null;
    if (this.lineStart < 0) return;
    const start = this.lineStart;
    this.lineStart = -1;
    if (this.lineType === "paragraph") {
      for (const b of scanBlocks(this.line, 0, this.line.length, { markdown: false, isHeading: this.sink.isHeading }))
        this.sink.blocks.push({ ...b, start: start + b.start, end: start + b.end });
    } else {
      this.sink.blocks.push({ type: this.lineType, start, end: start + this.line.length });
    }
    this.line = "";
    this.sink.out.separate("\n");
  }

  private lineBreak(at: number): void {
    // A <br> inside a heading is only layout.
    if (this.lineStart < 0 || this.lineType === "heading") return;
    this.space = null;
    this.append("\n", at, false);
  }

  private append(text: string, at: number, exact: boolean): void {
    this.sink.out.addMapped(text, at, exact, this.map);
    this.line += text;
  }

  private text(node: T.TextNode, container: Container): void {
    const loc = node.sourceCodeLocation;
    if (!loc) return;
    let pieces = sourcePieces(this.html.slice(loc.startOffset, loc.endOffset), loc.startOffset);
    // parse5 merges whitespace around end tags into one node whose location spans the tags: when the source
    // does not read as the node's text, take the text, pointing at where the node starts.
    if (readable(pieces.map((p) => p.text).join("")) !== readable(node.value)) {
      pieces = [{ text: node.value, at: loc.startOffset, exact: false }];
    }
    for (const piece of pieces) this.emit(piece, container);
  }

  /** Appends a piece, collapsing whitespace as a browser shows it. */
  private emit({ text, at, exact }: Piece, container: Container): void {
    const out = this.sink.out;
    const body = text.trim();
    const atLineStart = this.lineStart < 0 || out.endsWith("\n");
    if (!body) {
      if (!atLineStart) this.space ??= { at, exact: exact && text === " " };
      return;
    }
    if (text.trimStart() !== text && !atLineStart) this.space ??= { at, exact: false };
    if (this.lineStart < 0) {
      this.lineStart = out.length;
      this.lineType = container;
    } else if (this.space) {
      this.append(" ", this.space.at, this.space.exact);
    }
    this.space = null;
    this.append(exact ? body : body.replace(/\s+/g, " "), at, exact);
    if (text.trimEnd() !== text) this.space = { at: at + text.length - 1, exact: false };
  }
}

interface Piece {
  text: string;
  at: number;
  exact: boolean;
}

/** A text node's source as pieces: runs of text (exact), whitespace, and decoded entities. */
function sourcePieces(raw: string, offset: number): Piece[] {
  const pieces: Piece[] = [];
  for (const m of raw.matchAll(TOKEN)) {
    const at = offset + (m.index ?? 0);
    if (m[1]) {
      const decoded = decodeHTML(m[1]).replace(/\u00a0/g, " ");
      pieces.push({ text: decoded, at, exact: decoded === m[1] });
    } else pieces.push({ text: m[0], at, exact: true });
  }
  return pieces;
}

function readable(text: string): string {
  return text.replace(/[\s\u00a0]+/g, " ").trim();
}

/** Appends an HTML fragment (a field's value) as blocks. */
export function appendHtmlFragment(sink: BlockSink, html: string, map: OffsetMap): void {
  const fragment = parseFragment(html, { sourceCodeLocationInfo: true });
  const writer = new HtmlWriter(sink, html, map);
  writer.write(fragment);
  writer.flush();
}

const TAG = /<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?\/?>/;
const ESCAPED_TAG = /&lt;\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[\s\S]*?)?\/?&gt;/;

/** Whether a field's text is HTML. */
export function looksLikeHtml(text: string): boolean {
  return TAG.test(text);
}

/** Whether a field holds HTML escaped once more, as Greenhouse's job board API returns it. */
export function looksLikeEscapedHtml(text: string): boolean {
  return !TAG.test(text) && ESCAPED_TAG.test(text);
}
