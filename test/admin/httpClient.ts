/**
 * A minimal browser-like HTTP client for the admin tests: keeps the session
 * cookie, does not follow redirects (tests look at them), reads CSRF tokens.
 */
export class FormClient {
  cookie: string | null = null;
  lastSetCookie: string[] = [];

  constructor(
    readonly origin: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {}

  async request(method: string, path: string, body?: Record<string, string>, headers: Record<string, string> = {}) {
    const res = await fetch(this.origin + path, {
      method,
      redirect: 'manual',
      headers: {
        accept: 'text/html,application/xhtml+xml',
        ...this.extraHeaders,
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...headers,
      },
      ...(body ? { body: new URLSearchParams(body).toString() } : {}),
    });
    this.lastSetCookie = res.headers.getSetCookie();
    for (const c of this.lastSetCookie) {
      const [pair] = c.split(';');
      const value = pair?.split('=')[1] ?? '';
      this.cookie = value === '' ? null : pair!;
    }
    return { res, text: await res.text() };
  }

  get(path: string, headers?: Record<string, string>) {
    return this.request('GET', path, undefined, headers);
  }

  post(path: string, body: Record<string, string>, headers?: Record<string, string>) {
    return this.request('POST', path, body, headers);
  }

  /** Signs in through the form, as a browser would. */
  async signIn(token: string) {
    const form = await this.get('/admin/logga-in');
    const csrf = csrfOf(form.text);
    return this.post('/admin/logga-in', { _csrf: csrf, next: '/admin/', token });
  }
}

export function csrfOf(page: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(page);
  if (!m) throw new Error('no CSRF field on the page');
  return m[1]!;
}

/** Text of the page without tags, entities decoded: what a reader sees. */
export function visibleText(page: string): string {
  return page
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#(\d+);/g, (_m, code: string) => (code === '38' ? '&amp;' : String.fromCharCode(Number(code))))
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}
