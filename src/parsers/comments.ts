const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;

/**
 * Blanks out HTML comments (directives, fixture expectations) while keeping every offset and line break,
 * so positions in the analysed text are still positions in the file.
 */
export function maskComments(text: string): string {
  if (!text.includes("<!--")) return text;
  return text.replace(HTML_COMMENT, (c) => c.replace(/[^\r\n]/g, " "));
}
