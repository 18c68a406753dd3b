const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
// A plain-text directive stands on a line of its own: "# jdlint-disable rule-id".
const HASH_DIRECTIVE = /^[ \t]*#[ \t]*jdlint-(?:disable-next-line|disable|enable)\b[^\r\n]*/gm;

/** Blanks out plain-text directive lines the same way, so they are neither a title nor posting text. */
export function maskDirectiveLines(text: string): string {
  if (!text.includes("jdlint-")) return text;
  return text.replace(HASH_DIRECTIVE, (line) => " ".repeat(line.length));
}

/**
 * Blanks out HTML comments (directives, fixture expectations) while keeping every offset and line break,
 * so positions in the analysed text are still positions in the file.
 */
export function maskComments(text: string): string {
  if (!text.includes("<!--")) return text;
  return text.replace(HTML_COMMENT, (c) => c.replace(/[^\r\n]/g, " "));
}

/** The HTML comments in a text (one left open runs to the end), with their offsets. */
export function commentsIn(text: string): Array<{ start: number; end: number; text: string }> {
  if (!text.includes("<!--")) return [];
  return [...text.matchAll(HTML_COMMENT)].map((m) => ({ start: m.index, end: m.index + m[0].length, text: m[0] }));
}
