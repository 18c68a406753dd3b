/**
 * A share link carries the posting in the address's fragment (after `#`), which a browser never sends to a
 * server: `#z=<deflated, base64url>` where the browser can compress, else `#t=<base64url>`; `&name=` keeps
 * the file name, whose ending says the format.
 */

export interface Shared {
  text: string;
  name: string | null;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

type ByteStream = TransformStream<Uint8Array, Uint8Array>;

async function through(bytes: Uint8Array, stream: ByteStream): Promise<Uint8Array> {
  const out = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(out).arrayBuffer());
}

const canCompress = typeof CompressionStream === "function" && typeof DecompressionStream === "function";

/** The fragment (with its `#`) that carries a posting. */
export async function shareFragment(shared: Shared): Promise<string> {
  const bytes = new TextEncoder().encode(shared.text);
  const body = canCompress ? `z=${toBase64Url(await through(bytes, new CompressionStream("deflate-raw") as ByteStream))}` : `t=${toBase64Url(bytes)}`;
  return `#${body}${shared.name ? `&name=${encodeURIComponent(shared.name)}` : ""}`;
}

/** The posting a fragment carries; null when it carries none. Throws when it is damaged. */
export async function readFragment(fragment: string): Promise<Shared | null> {
  const params = new URLSearchParams(fragment.replace(/^#/, ""));
  const name = params.get("name");
  const plain = params.get("t");
  const packed = params.get("z");
  if (plain !== null) return { text: new TextDecoder("utf-8", { fatal: true }).decode(fromBase64Url(plain)), name };
  if (packed === null) return null;
  if (!canCompress) throw new Error("this browser cannot open a compressed share link");
  const bytes = await through(fromBase64Url(packed), new DecompressionStream("deflate-raw") as ByteStream);
  return { text: new TextDecoder("utf-8", { fatal: true }).decode(bytes), name };
}
