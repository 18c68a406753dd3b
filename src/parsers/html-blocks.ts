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
  private lineType: Container = "paragraph";
  private space: { at: number; exact: boolean } | null = null;
  /** Where the last text came from: line breaks between blocks point there. */
  private lastAt = 0;

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
    if (tag === "br") return this.lineBreak(node.sourceCodeLocation?.startOffset ?? this.lastAt);
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
    const out = this.sink.out;
    const start = this.lineStart;
    const end = out.length;
    this.lineStart = -1;
    if (this.lineType === "paragraph") {
      this.sink.blocks.push(...scanBlocks(out.text, start, end, { markdown: false, isHeading: this.sink.isHeading }));
    } else {
      this.sink.blocks.push({ type: this.lineType, start, end });
    }
    out.addMapped("\n", this.lastAt, false, this.map);
  }

  private lineBreak(at: number): void {
    // A <br> inside a heading is only layout.
    if (this.lineStart < 0 || this.lineType === "heading") return;
    this.space = null;
    this.sink.out.addMapped("\n", at, false, this.map);
  }

  private text(node: T.TextNode, container: Container): void {
    const loc = node.sourceCodeLocation;
    if (!loc) return;
    const out = this.sink.out;
    const raw = this.html.slice(loc.startOffset, loc.endOffset);
    const atLineStart = () => this.lineStart < 0 || out.text.endsWith("\n");
    for (const m of raw.matchAll(TOKEN)) {
      const at = loc.startOffset + (m.index ?? 0);
      let piece = m[3] ?? "";
      let exact = true;
      if (m[1]) {
        piece = decodeHTML(m[1]).replace(/\u00a0/g, " ");
        exact = piece === m[1];
      }
      if (m[2] !== undefined || (m[1] && !piece.trim())) {
        if (!atLineStart()) this.space ??= { at, exact: m[0] === " " };
        continue;
      }
      if (this.lineStart < 0) {
        this.lineStart = out.length;
        this.lineType = container;
      } else if (this.space) {
        out.addMapped(" ", this.space.at, this.space.exact, this.map);
      }
      this.space = null;
      // A decoded entity may itself hold spaces ("&nbsp;" mid-word); keep them single.
      out.addMapped(exact ? piece : piece.replace(/\s+/g, " "), at, exact, this.map);
      this.lastAt = at + m[0].length;
    }
  }
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
