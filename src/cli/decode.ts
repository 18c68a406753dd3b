const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Bytes to text: UTF-8 (with or without BOM) or UTF-16 with a BOM. Returns an error reason for bytes that
 * are not text, so that no verdict is given on mojibake.
 */
export function decodeText(bytes: Uint8Array): { text: string } | { error: string } {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes.subarray(2), "utf-16le");
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes.subarray(2), "utf-16be");
  const start = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  if (body.includes(0)) return { error: "binary file (contains NUL bytes), not a posting" };
  try {
    return { text: utf8.decode(body) };
  } catch {
    return { error: "not valid UTF-8 text (save it as UTF-8, or UTF-16 with a byte-order mark)" };
  }
}

function utf16(body: Uint8Array, label: "utf-16le" | "utf-16be"): { text: string } | { error: string } {
  try {
    return { text: new TextDecoder(label, { fatal: true }).decode(body) };
  } catch {
    return { error: `not valid ${label.toUpperCase()} text` };
  }
}
