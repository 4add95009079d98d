/** The /admin URLs, built in one place so pages and router agree. */
export const callOffPath = (base: string, callOff: string) => `${base}/${encodeURIComponent(callOff)}`;
export const questionPath = (base: string, callOff: string, id: string) =>
  `${callOffPath(base, callOff)}/fragor/${encodeURIComponent(id)}`;
export const faqPath = (base: string, callOff: string) => `${callOffPath(base, callOff)}/faq`;
export const faqDownloadPath = (base: string, callOff: string, format: string) =>
  `${callOffPath(base, callOff)}/faq.${format}`;
export const publishManyPath = (base: string, callOff: string) => `${callOffPath(base, callOff)}/publicera`;
export const recordsDownloadPath = (base: string, callOff: string, format: string, personal = false) =>
  `${callOffPath(base, callOff)}/register.${format}${personal ? '?personuppgifter=1' : ''}`;

/** Only used to resolve a return path the way a browser would; never contacted. */
const RESOLVE_ORIGIN = 'http://admin.invalid';
/** Enough for any honest link; a longer one is not worth parsing. */
const MAX_RETURN_PATH = 500;
/** Percent-decoding rounds before a path counts as hostile ("%25252e" is encoded three times). */
const MAX_DECODE_ROUNDS = 4;

/**
 * Where to go after signing in: only a path inside /admin, so the sign-in
 * form cannot be used to send a buyer to another site or to another route of
 * this server. The path is checked as the browser will resolve it ("..",
 * "%2e%2e", "\\", "//host") and as a proxy that percent-decodes first would
 * ("..%2f"); the normalised path is what the redirect uses.
 */
export function safeReturnPath(base: string, next: unknown): string {
  const home = `${base}/`;
  if (typeof next !== 'string' || next.length > MAX_RETURN_PATH) return home;
  // Browsers drop tabs and line breaks inside URLs, so "/\t/evil.example" would become "//evil.example".
  if (!next.startsWith('/') || /[\u0000-\u001F\u007F]/.test(next)) return home;
  const decoded = fullyDecoded(next);
  if (decoded === null) return home;
  for (const form of [next, decoded]) {
    if (form.includes('\\') || form.includes('//') || /[\u0000-\u001F\u007F]/.test(form)) return home;
  }
  const resolved = resolveInside(base, next);
  if (resolved === null || resolveInside(base, decoded) === null) return home;
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

/** The URL as a browser resolves `path` on this site, or null when it leaves `base` or is a sign-in page. */
function resolveInside(base: string, path: string): URL | null {
  let url: URL;
  try {
    url = new URL(path, RESOLVE_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== RESOLVE_ORIGIN) return null;
  if (url.pathname !== base && !url.pathname.startsWith(`${base}/`)) return null;
  if (url.pathname.startsWith(`${base}/logga-`)) return null;
  return url;
}

/** Percent-decodes until nothing changes; null for malformed escapes or too many layers. */
function fullyDecoded(text: string): string | null {
  let current = text;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return null;
    }
    if (next === current) return current;
    current = next;
  }
  return null;
}
