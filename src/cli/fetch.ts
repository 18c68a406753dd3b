/** How far jdlint goes to fetch a page: a posting is small, and a careers site should answer quickly. */
export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  maxRedirects: number;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024, maxRedirects: 5 };

export interface FetchedPage {
  /** The URL the page came from, after redirects. */
  url: string;
  bytes: Uint8Array;
  /** The media type without parameters ("text/html"), and the declared charset, if any. */
  mediaType: string | null;
  charset: string | null;
}

/** A page that could not be fetched; the message is one line for the user. */
export class FetchError extends Error {}

export function isUrl(arg: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(arg);
}

function checkScheme(url: URL): void {
  if (url.protocol !== "http:" && url.protocol !== "https:")
    throw new FetchError(`only http and https URLs can be fetched, not ${url.protocol.replace(/:$/, "")}`);
}

/** Fetches a page with a timeout, a size cap and a bounded number of redirects, each of them http or https. */
export async function fetchPage(address: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<FetchedPage> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new FetchError("not a valid URL");
  }
  checkScheme(url);
  const signal = AbortSignal.timeout(limits.timeoutMs);
  try {
    for (let redirects = 0; ; redirects++) {
      const response = await fetch(url, {
        redirect: "manual",
        signal,
        headers: { "user-agent": "jdlint (job posting linter)", accept: "text/html,application/ld+json,application/json;q=0.9,*/*;q=0.5" },
      });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && location) {
        await response.body?.cancel();
        if (redirects >= limits.maxRedirects) throw new FetchError(`too many redirects (more than ${limits.maxRedirects})`);
        url = new URL(location, url);
        checkScheme(url);
        continue;
      }
      if (!response.ok) {
        await response.body?.cancel();
        throw new FetchError(`the server answered HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ""}`);
      }
      const type = response.headers.get("content-type");
      const mediaType = type?.split(";")[0]?.trim().toLowerCase() || null;
      if (mediaType && !isTextType(mediaType)) {
        await response.body?.cancel();
        throw new FetchError(`the server sent ${mediaType}, not a posting (expected HTML, JSON or text)`);
      }
      return {
        url: url.href,
        bytes: await readCapped(response, limits.maxBytes),
        mediaType,
        charset: /charset\s*=\s*"?([\w.:-]+)/i.exec(type ?? "")?.[1]?.toLowerCase() ?? null,
      };
    }
  } catch (e) {
    if (e instanceof FetchError) throw e;
    if (signal.aborted) throw new FetchError(`timed out after ${Math.round(limits.timeoutMs / 100) / 10} s`);
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new FetchError(`cannot fetch (${cause?.code ?? cause?.message ?? (e as Error).message})`);
  }
}

/** Media types a posting can come as: pages, JSON (JSON-LD, job board APIs), and text of any kind. */
function isTextType(mediaType: string): boolean {
  return /^text\//.test(mediaType) || /^application\/(?:[\w.-]+\+)?(?:json|xml)$/.test(mediaType) || /^application\/(?:x-)?ndjson$/.test(mediaType) || mediaType === "application/jsonl";
}

async function readCapped(response: Response, maxBytes: number): Promise<Uint8Array> {
  const tooLarge = () => new FetchError(`the page is larger than ${Math.round(maxBytes / 1024)} KB`);
  if (Number(response.headers.get("content-length") ?? 0) > maxBytes) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of response.body ?? []) {
    size += chunk.length;
    if (size > maxBytes) throw tooLarge();
    parts.push(chunk);
  }
  return Buffer.concat(parts);
}
