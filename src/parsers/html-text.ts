// Job boards leave HTML remnants and entities in plain-text fields; this turns them into readable text.
const ENTITIES: Record<string, string> = {
  amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", ndash: "–", mdash: "—", rsquo: "’", lsquo: "‘",
  rdquo: "”", ldquo: "“", hellip: "…", bull: "•", middot: "·", pound: "£", euro: "€", copy: "©", reg: "®", trade: "™",
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, code: string) => {
    if (code[0] === "#") {
      const n = code[1] === "x" || code[1] === "X" ? parseInt(code.slice(2), 16) : parseInt(code.slice(1), 10);
      return Number.isFinite(n) && n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : whole;
    }
    return ENTITIES[code.toLowerCase()] ?? whole;
  });
}

/** Light clean-up of a text field that may hold HTML: block tags become line breaks, list items bullets. */
export function htmlToText(text: string): string {
  if (!/[<&]/.test(text)) return text;
  return decodeEntities(
    text
      .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
      .replace(/<li\b[^>]*>/gi, "\n- ")
      .replace(/<(br|\/p|p|\/div|div|\/h[1-6]|\/li|\/ul|\/ol|tr)\b[^>]*>/gi, "\n")
      .replace(/<h[1-6]\b[^>]*>/gi, "\n")
      .replace(/<[^>]{0,500}>/g, " "),
  )
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n");
}
