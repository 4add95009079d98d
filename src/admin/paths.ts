/** The /admin URLs, built in one place so pages and router agree. */
export const callOffPath = (base: string, callOff: string) => `${base}/${encodeURIComponent(callOff)}`;
export const questionPath = (base: string, callOff: string, id: string) =>
  `${callOffPath(base, callOff)}/fragor/${encodeURIComponent(id)}`;
export const faqPath = (base: string, callOff: string) => `${callOffPath(base, callOff)}/faq`;
export const faqDownloadPath = (base: string, callOff: string, format: string) =>
  `${callOffPath(base, callOff)}/faq.${format}`;

/**
 * Where to go after signing in: only a path inside /admin, so the sign-in
 * form cannot be used to send a buyer to another site.
 */
export function safeReturnPath(base: string, next: unknown): string {
  const home = `${base}/`;
  if (typeof next !== 'string' || next.length > 500) return home;
  if (!(next === base || next.startsWith(`${base}/`) || next.startsWith(`${base}?`))) return home;
  if (next.includes('//') || next.includes('\\') || /[\u0000-\u001F\u007F]/.test(next)) return home;
  if (next.startsWith(`${base}/logga-`)) return home;
  return next;
}
