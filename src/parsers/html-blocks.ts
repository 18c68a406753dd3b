import type { DefaultTreeAdapterTypes as T } from "parse5";
import { entityDecoder, htmlParser } from "../deps/lazy.js";
import { scanBlocks, type Block } from "./blocks.js";
import type { FieldComment } from "./field-comments.js";
import { mapOffset, type OffsetMap, type TextBuilder } from "./source-map.js";

/** Where the readable text of some HTML goes: the analysed text, its blocks, and how headings are recognised. */
export interface BlockSink {
  out: TextBuilder;
  blocks: Block[];
  isHeading: (text: string) => boolean;
  /** Where the comments of a structured posting's fields are collected, when they are (for directives). */
  comments?: FieldComment[];
  /** The field being written, for the comments found in it. */
  field?: number;
  /** Comments of the field whose next line is the first one its next part writes (a list's next item, say). */
  pendingNext?: FieldComment[];
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
  for (const { el } of elementsWithAncestry(node)) yield el;
}

/**
 * Elements in document order (a template's content after its children), each with whether an element around
 * it (up to the nearest document or fragment) is hidden, <head> excepted. Walked with a stack of its own, not
 * by recursion, so that a page nested 100,000 levels deep does not overflow the call stack.
 */
export function* elementsWithAncestry(root: T.Node): Generator<{ el: T.Element; hiddenAbove: boolean }> {
  const stack: Array<{ node: T.Node; hiddenAbove: boolean }> = [{ node: root, hiddenAbove: false }];
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { node, hiddenAbove } = top;
    let below = false;
    if (isElement(node)) {
      yield { el: node, hiddenAbove };
      below = hiddenAbove || (isHidden(node) && node.tagName !== "head");
    }
    if (node.nodeName === "template") stack.push({ node: (node as T.Template).content, hiddenAbove: false });
    const children = "childNodes" in node ? node.childNodes : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, hiddenAbove: below });
  }
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
  /** Lines written so far, and the comments waiting for the line after them (by that line's number). */
  private linesWritten = 0;
  private waiting: Array<{ comment: FieldComment; line: number }> = [];

  /** `html` is the string the nodes were parsed from; `map` says where its characters are in the source. */
  constructor(
    private readonly sink: BlockSink,
    private readonly html: string,
    private readonly map: OffsetMap,
  ) {}

  /**
   * Writes the text under `node`, skipping `skip` (the title's element, already written). Walked with a stack of
   * its own, not by recursion, so that deep nesting cannot overflow the call stack.
   */
  write(root: T.Node, rootContainer: Container = "paragraph", skip: T.Node | null = null): void {
    // A block element's end is a "flush" entry, under its children.
    const stack: Array<{ node: T.Node; container: Container } | "flush"> = [{ node: root, container: rootContainer }];
    const pushChildren = (children: T.ChildNode[], container: Container) => {
      for (let i = children.length - 1; i >= 0; i--) stack.push({ node: children[i]!, container });
    };
    for (let top = stack.pop(); top; top = stack.pop()) {
      if (top === "flush") {
        this.flush();
        continue;
      }
      const { node, container } = top;
      if (node.nodeName === "#comment" && node !== skip) {
        this.comment(node as T.CommentNode);
        continue;
      }
      if (node === skip || node.nodeName === "#documentType") continue;
      if (node.nodeName === "#text") {
        this.text(node as T.TextNode, container);
        continue;
      }
      if (!isElement(node)) {
        pushChildren((node as T.ParentNode).childNodes ?? [], container);
        continue;
      }
      if (isHidden(node)) continue;
      const tag = node.tagName;
      if (tag === "br") {
        this.lineBreak(node.sourceCodeLocation?.startOffset ?? 0);
        continue;
      }
      if (!BLOCK.has(tag)) {
        pushChildren(node.childNodes, container);
        continue;
      }
      this.flush();
      stack.push("flush");
      pushChildren(node.childNodes, HEADING_TAG.test(tag) ? "heading" : tag === "li" ? "bullet" : container);
    }
  }

  /** Collects a comment of a field's HTML: the line after it is the next one written after the current one. */
  private comment(node: T.CommentNode): void {
    const loc = node.sourceCodeLocation;
    if (!this.sink.comments || !loc) return;
    const comment: FieldComment = {
      text: this.html.slice(loc.startOffset, loc.endOffset),
      start: mapOffset(this.map, loc.startOffset),
      end: mapOffset(this.map, loc.endOffset),
      next: null,
      field: this.sink.field ?? 0,
    };
    this.sink.comments.push(comment);
    this.waiting.push({ comment, line: this.linesWritten + (this.lineStart < 0 ? 0 : 1) });
  }

  /** The comments still waiting for a line after them: none followed. */
  unresolved(): FieldComment[] {
    const left = this.waiting.map((w) => w.comment);
    this.waiting = [];
    return left;
  }

  /** Ends the current line and records it as a block. */
  flush(): void {
    this.space = null;
    if (this.lineStart < 0) return;
    const start = this.lineStart;
    this.lineStart = -1;
    if (this.waiting.length) {
      const line = this.linesWritten;
      for (const w of this.waiting) if (w.line === line) w.comment.next = { start, end: start + this.line.length };
      this.waiting = this.waiting.filter((w) => w.line > line);
    }
    this.linesWritten++;
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
      const decoded = entityDecoder().decodeHTML(m[1]).replace(/\u00a0/g, " ");
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
  const fragment = htmlParser().parseFragment(html, { sourceCodeLocationInfo: true });
  const writer = new HtmlWriter(sink, html, map);
  writer.write(fragment);
  writer.flush();
  sink.pendingNext?.push(...writer.unresolved());
}

/** Every comment node under `root`, in document order (walked with a stack: pages can nest deep). */
export function* commentNodes(root: T.Node): Generator<T.CommentNode> {
  const stack: T.Node[] = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.nodeName === "#comment") yield node as T.CommentNode;
    if (node.nodeName === "template") stack.push((node as T.Template).content);
    const children = "childNodes" in node ? node.childNodes : [];
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

const TAG = /<\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[^<>]*)?\/?>/;
// The start of an escaped tag: `&lt;name`, then `&gt;` or `/&gt;`, or a space with an `&gt;` somewhere after it.
const ESCAPED_TAG_START = /&lt;\/?[a-zA-Z][a-zA-Z0-9]*(\/?&gt;|\s)/g;

/** Whether a field's text is HTML. */
export function looksLikeHtml(text: string): boolean {
  return TAG.test(text);
}

/** Whether a field holds HTML escaped once more, as Greenhouse's job board API returns it. */
export function looksLikeEscapedHtml(text: string): boolean {
  return !TAG.test(text) && hasEscapedTag(text);
}

/** /&lt;\/?[a-zA-Z][a-zA-Z0-9]*(?:\s[\s\S]*?)?\/?&gt;/.test(text), in linear time (the lazy run was quadratic). */
export function hasEscapedTag(text: string): boolean {
  const lastClose = text.lastIndexOf("&gt;");
  if (lastClose < 0) return false;
  for (const m of text.matchAll(ESCAPED_TAG_START)) {
    if (m[1] !== undefined && m[1].endsWith("&gt;")) return true;
    if ((m.index ?? 0) + m[0].length <= lastClose) return true;
  }
  return false;
}
