/**
 * /admin over plain HTTP against the real App (SQLite register, bundled
 * call-off, fixed clock): who gets in, the security headers, CSRF, the
 * sign-in backoff, escaping, and the buyer's actions through the forms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/admin/securityHeaders.js';
import { ADMIN_TOKEN, type AdminHarness, seedSampleQuestions, startAdminHarness } from './fixture.js';
import { csrfOf, FormClient, visibleText } from './httpClient.js';

const bearer = { authorization: `Bearer ${ADMIN_TOKEN}` };
const XSS = '<script>alert("x")</script><img src=x onerror=alert(1)> Gäller vitet även vid sjukdom?';

function expectSecurityHeaders(res: Response) {
  expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('x-frame-options')).toBe('DENY');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  expect(res.headers.get('x-powered-by')).toBeNull();
}

describe('admin over HTTP', () => {
  let h: AdminHarness;
  let c: string;
  let routes: { get: string[]; post: string[] };

  beforeAll(async () => {
    h = await startAdminHarness();
    c = h.callOffId;
    await seedSampleQuestions(h);
    await h.ask(XSS, { channel: 'slack', userId: 'U0XSS', name: 'Eva Ek', org: 'Ek & Co AB' });
    routes = {
      get: [
        '/admin',
        '/admin/',
        '/admin/kontroll',
        `/admin/${c}`,
        `/admin/${c}?status=received`,
        `/admin/${c}/faq`,
        `/admin/${c}/faq.pdf`,
        `/admin/${c}/faq.json`,
        `/admin/${c}/fragor/F-0001`,
        '/admin/finns-inte',
      ],
      post: [`/admin/${c}/fragor/F-0001`, `/admin/${c}/fragor/F-0001/avpublicera`, '/admin/logga-ut'],
    };
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses every route to a script without credentials (401) and sends browsers to sign in', async () => {
    for (const path of routes.get) {
      const script = await fetch(h.origin + path, { redirect: 'manual' });
      expect(script.status, path).toBe(401);
      expect(script.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await script.text()).toContain('Inloggning krävs');
      expectSecurityHeaders(script);
      const browser = await fetch(h.origin + path, { redirect: 'manual', headers: { accept: 'text/html' } });
      expect(browser.status, path).toBe(303);
      const location = browser.headers.get('location') ?? '';
      expect(location.startsWith('/admin/logga-in?next=')).toBe(true);
      expect(decodeURIComponent(location.split('next=')[1] ?? '')).toBe(path);
    }
    for (const path of routes.post) {
      const res = await fetch(h.origin + path, { method: 'POST', body: 'action=publish', redirect: 'manual' });
      expect(res.status, path).toBe(401);
    }
    // Nothing happened to the register.
    expect((await h.app.buyer.show(c, 'F-0001')).entry.status).toBe('received');
  });

  it('lets a script in with the bearer token (200) on every page, and refuses a wrong one', async () => {
    for (const path of routes.get.filter((p) => !p.includes('finns-inte'))) {
      const res = await fetch(h.origin + path, { headers: bearer });
      expect(res.status, path).toBe(200);
      expectSecurityHeaders(res);
      if ((res.headers.get('content-type') ?? '').startsWith('text/html')) {
        expect(res.headers.get('cache-control')).toBe('no-store');
        const page = await res.text();
        expect(page).toContain('<html lang="sv">');
        expect(page).not.toContain(ADMIN_TOKEN);
      } else {
        await res.arrayBuffer();
      }
    }
    const missing = await fetch(`${h.origin}/admin/finns-inte`, { headers: bearer });
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain('finns inget avrop');
    const wrong = await fetch(`${h.origin}/admin/`, { headers: { authorization: 'Bearer fel-nyckel-0000000000' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Fel åtkomstnyckel');
  });

  it('shows the queue: deadline, a server-side countdown, counts, newest first, Swedish time', async () => {
    const page = await (await fetch(`${h.origin}/admin/`, { headers: bearer })).text();
    const text = visibleText(page);
    expect(text).toContain('Sista dag för frågor 2026-01-29 (hela dagen)');
    // 2026-01-26 10:00 -> end of 2026-01-29 Stockholm.
    expect(text).toContain('3 dagar 14 timmar kvar');
    expect(text).toContain('Nya (5)');
    expect(page).not.toMatch(/<script/i);
    const order = [...page.matchAll(/fragor\/(F-\d{4})"/g)].map((m) => m[1]);
    expect(order).toEqual(['F-0005', 'F-0004', 'F-0003', 'F-0002', 'F-0001']);
    // F-0001 arrived 2026-01-23 09:14 Stockholm time (08:14 UTC).
    expect(text).toMatch(/F-0001 2026-01-23 09:14 Slack/);
    const filtered = await (await fetch(`${h.origin}/admin/${c}?status=published`, { headers: bearer })).text();
    expect(filtered).toContain('Inga frågor matchar urvalet.');
    // The counts are of the whole call-off, whatever the filter shows.
    expect(visibleText(filtered)).toContain('Nya (5)');
  });

  it('says when the question period has closed instead of counting down', async () => {
    h.clock.set('2026-01-30T00:00');
    try {
      const text = visibleText(await (await fetch(`${h.origin}/admin/`, { headers: bearer })).text());
      expect(text).toContain('Frågetiden har gått ut.');
      expect(text).not.toContain('kvar');
    } finally {
      h.clock.set('2026-01-26T10:00');
    }
    h.clock.set('2026-01-29T23:59:30');
    try {
      const text = visibleText(await (await fetch(`${h.origin}/admin/`, { headers: bearer })).text());
      expect(text).toContain('mindre än en minut kvar');
    } finally {
      h.clock.set('2026-01-26T10:00');
    }
  });

  it('refuses an oversized form with a Swedish message and changes nothing', async () => {
    const res = await fetch(`${h.origin}/admin/${c}/fragor/F-0004`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ answer: 'å'.repeat(300_000), action: 'save' }).toString(),
    });
    expect(res.status).toBe(413);
    expect(await res.text()).toContain('för mycket text');
    expect((await h.app.buyer.show(c, 'F-0004')).entry.answer).toBeNull();
  });

  it('renders a question with <script> and onerror as text, everywhere', async () => {
    const queue = await (await fetch(`${h.origin}/admin/`, { headers: bearer })).text();
    const question = await (await fetch(`${h.origin}/admin/${c}/fragor/F-0005`, { headers: bearer })).text();
    for (const page of [queue, question]) {
      expect(page).not.toContain('<script>alert');
      expect(page).not.toContain('<img src=x');
      expect(page).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    }
    expect(visibleText(question)).toContain('Ek & Co AB');
  });

  it('shows the question page: original, asker, proposal with masked parts, bot answer, history', async () => {
    const page = await (await fetch(`${h.origin}/admin/${c}/fragor/F-0003`, { headers: bearer })).text();
    const text = visibleText(page);
    expect(text).toContain('anna.berg@exempel.se');
    expect(text).toContain('Anna Berg');
    expect(text).toContain('Bergs Konsult AB');
    expect(text).toContain('2026-01-25 16:05:00 (svensk tid)');
    // The e-mail address is masked in the proposal and marked.
    expect(page).toMatch(/<mark title="Maskerat: e-postadress">[^<]+<\/mark>/);
    const proposal = /<textarea id="publicQuestion"[^>]*>([^<]*)<\/textarea>/.exec(page)?.[1] ?? '';
    expect(proposal).not.toContain('anna.berg');
    expect(text).toMatch(/Historik .* Frågan mottogs .* Boten svarade/);
  });

  it('answers and publishes through the form as a script, then shows the LOU warning when late', async () => {
    const res = await fetch(`${h.origin}/admin/${c}/fragor/F-0002`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        publicQuestion: 'Hur stor del av arbetstiden får konsulten arbeta på distans?',
        answer: 'Upp till 49 % av arbetstiden räknat över ett år, efter överenskommelse med ansvarig chef.',
        action: 'publish',
      }).toString(),
    });
    expect(res.status).toBe(200);
    const text = visibleText(await res.text());
    expect(text).toContain('F-0002 är publicerad som fråga nr 1');
    expect(text).not.toContain('Varning');
    const { entry, events } = await h.app.buyer.show(c, 'F-0002');
    expect(entry.status).toBe('published');
    expect(entry.answer).toBe(
      'Upp till 49 % av arbetstiden räknat över ett år, efter överenskommelse med ansvarig chef.',
    );
    expect(entry.publicQuestion).toBe('Hur stor del av arbetstiden får konsulten arbeta på distans?');
    expect(events.filter((e) => e.actor === 'buyer:web').map((e) => e.type)).toEqual(['answered', 'published']);

    // Five days before the tender deadline: published, with the LOU 12:11 warning.
    h.clock.set('2026-01-28T12:00');
    try {
      await h.app.buyer.answer(c, 'F-0004', { answer: 'Nej, ett anbud avser en konsult.' }, 'buyer:cli');
      const late = await fetch(`${h.origin}/admin/${c}/fragor/F-0004`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=publish',
      });
      const lateText = visibleText(await late.text());
      expect(lateText).toContain('är publicerad som fråga nr 2');
      expect(lateText).toContain('LOU 12 kap. 11 §');
      // The FAQ page is not a publication: no timing warning there.
      const faq = visibleText(await (await fetch(`${h.origin}/admin/${c}/faq`, { headers: bearer })).text());
      expect(faq).not.toContain('LOU 12 kap. 11 §');
      expect(faq).toMatch(/Fråga 1 Hur stor del av arbetstiden .* Svar Upp till 49 % av arbetstiden/);
    } finally {
      h.clock.set('2026-01-26T10:00');
    }
  });

  it('tells the buyer when the wording they saved was masked', async () => {
    const res = await fetch(`${h.origin}/admin/${c}/fragor/F-0001`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        publicQuestion: 'Johan Andersson undrar när anbudet senast ska vara inlämnat. Ring 070-123 45 67.',
        action: 'save',
      }).toString(),
    });
    expect(res.status).toBe(200);
    expect(visibleText(await res.text())).toContain('De har maskerats');
    const { entry } = await h.app.buyer.show(c, 'F-0001');
    expect(entry.publicQuestion).not.toMatch(/Johan|Andersson|070-123/);
    expect(entry.status).toBe('received');
  });

  it('keeps what the buyer typed when an action is refused', async () => {
    const res = await fetch(`${h.origin}/admin/${c}/fragor/F-0001`, {
      method: 'POST',
      headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ publicQuestion: 'Min <egen> formulering', answer: '', action: 'publish' }).toString(),
    });
    expect(res.status).toBe(409);
    const page = await res.text();
    expect(visibleText(page)).toContain('har inget officiellt svar ännu');
    expect(page).toContain('Min &lt;egen&gt; formulering</textarea>');
  });

  it('serves each FAQ format as an attachment', async () => {
    const { FAQ_CONTENT_TYPES, FAQ_FORMATS } = await import('../../src/faq/export.js');
    for (const format of FAQ_FORMATS) {
      const r = await fetch(`${h.origin}/admin/${c}/faq.${format}`, { headers: bearer });
      expect(r.status, format).toBe(200);
      expect(r.headers.get('content-type')).toBe(FAQ_CONTENT_TYPES[format]);
      expect(r.headers.get('content-disposition')).toBe(`attachment; filename=fragor-och-svar-${c}.${format}`);
      expect((await r.arrayBuffer()).byteLength).toBeGreaterThan(100);
    }
    const res = await fetch(`${h.origin}/admin/${c}/faq.json`, { headers: bearer });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="?fragor-och-svar-.+\.json"?$/);
    const doc = (await res.json()) as { callOff: string; items: { number: number; question: string }[] };
    expect(doc.callOff).toBe(c);
    expect(doc.items.map((i) => i.number)).toEqual([1, 2]);
    const unknown = await fetch(`${h.origin}/admin/${c}/faq.exe`, { headers: bearer });
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain('Okänt format');
  });

  it('previews the FAQ as the HTML export has it, with hostile text inert', async () => {
    await h.app.buyer.answer(
      c,
      'F-0005',
      { answer: 'Ja. <img src=x onerror=alert(1)> gäller "alltid" & överallt.' },
      'buyer:cli',
    );
    await h.app.buyer.publish(c, ['F-0005'], 'buyer:cli');
    const page = await (await fetch(`${h.origin}/admin/${c}/faq`, { headers: bearer })).text();
    expect(page).not.toMatch(/<img|<script/i);
    const exported = await (await fetch(`${h.origin}/admin/${c}/faq.html`, { headers: bearer })).text();
    const exportedMain = /<main>([\s\S]*)<\/main>/.exec(exported)?.[1] ?? '';
    // Same markup as the export, headings two levels down under "Förhandsvisning".
    const demoted = exportedMain.replace(/<(\/?)h([1-4])\b/g, (_m, sl: string, l: string) => `<${sl}h${Number(l) + 2}`);
    expect(demoted.length).toBeGreaterThan(100);
    expect(page).toContain(demoted);
    expect(visibleText(page)).toContain('Ja. <img src=x onerror=alert(1)> gäller "alltid" & överallt.');
    const headings = [...page.matchAll(/<h(\d)/g)].map((m) => Number(m[1]));
    for (let i = 1; i < headings.length; i += 1) expect(headings[i]! - headings[i - 1]!).toBeLessThanOrEqual(1);
  });

  it('checks the register chain', async () => {
    const text = visibleText(await (await fetch(`${h.origin}/admin/kontroll`, { headers: bearer })).text());
    expect(text).toContain('hashkedjan är obruten');
    // The head to note in the diary, the same the FAQ downloads carry.
    const shown = /Registrets kontrollsumma\s*(\d+:[0-9a-f]{64})/.exec(text)?.[1];
    expect(shown).toBeDefined();
    const faq = (await (await fetch(`${h.origin}/admin/${c}/faq.json`, { headers: bearer })).json()) as {
      registerHead: { seq: number; hash: string };
    };
    expect(`${faq.registerHead.seq}:${faq.registerHead.hash}`).toBe(shown);
    const md = await (await fetch(`${h.origin}/admin/${c}/faq.md`, { headers: bearer })).text();
    expect(md).toContain(`Registrets kontrollsumma: ${shown}`);
  });

  it('publishes several at once for a script, refusing while one has no official answer', async () => {
    const asker = { channel: 'cli' as const, name: 'Per Gran', org: 'Gran Data AB' };
    const a = (await h.ask('Gäller ramavtalets villkor även för underkonsulter?', asker)).question?.id ?? '';
    const b = (await h.ask('Får anbudet lämnas på engelska?', asker)).question?.id ?? '';
    await h.app.buyer.answer(c, a, { answer: 'Ja, se avsnitt 4.2.' }, 'buyer:cli');
    const post = (body: string) =>
      fetch(`${h.origin}/admin/${c}/publicera`, {
        method: 'POST',
        headers: { ...bearer, 'content-type': 'application/x-www-form-urlencoded' },
        body,
      });
    const none = await post('');
    expect(none.status).toBe(400);
    expect(visibleText(await none.text())).toContain('Markera minst en fråga att publicera.');
    const refused = await post(`id=${a}&id=${b}`);
    expect(refused.status).toBe(409);
    expect(visibleText(await refused.text())).toContain(`Inget publicerades. ${b} har inget officiellt svar ännu.`);
    expect((await h.app.buyer.show(c, a)).entry.status).toBe('answered');

    await h.app.buyer.answer(c, b, { answer: 'Nej, på svenska.' }, 'buyer:cli');
    const done = await post(`id=${b}&id=${a.toLowerCase()}`);
    expect(done.status).toBe(200);
    const [ea, eb] = [(await h.app.buyer.show(c, a)).entry, (await h.app.buyer.show(c, b)).entry];
    expect(visibleText(await done.text())).toContain(
      `Publicerade i frågor och svar: ${a} (nr ${ea.faqNumber}) och ${b} (nr ${eb.faqNumber}).`,
    );
    expect([ea.status, eb.status]).toEqual(['published', 'published']);
  });

  it('serves the register for the diary, with personal data only when asked for', async () => {
    const csv = await fetch(`${h.origin}/admin/${c}/register.csv`, { headers: bearer });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toContain(`frageregister-${c}.csv`);
    const plain = await csv.text();
    expect(plain).toContain('F-0001;');
    expect(plain).not.toContain('Eva Ek');
    const personal = await (
      await fetch(`${h.origin}/admin/${c}/register.csv?personuppgifter=1`, { headers: bearer })
    ).text();
    expect(personal).toContain('Eva Ek');
    const pdf = await fetch(`${h.origin}/admin/${c}/register.pdf`, { headers: bearer });
    expect(pdf.headers.get('content-type')).toBe('application/pdf');
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    expect((await fetch(`${h.origin}/admin/${c}/register.docx`, { headers: bearer })).status).toBe(404);
  });

  it('says on the FAQ page that the tender period has ended, without the LOU warning', async () => {
    h.clock.set('2026-02-03T10:00');
    try {
      const faq = visibleText(await (await fetch(`${h.origin}/admin/${c}/faq`, { headers: bearer })).text());
      expect(faq).toContain('Anbudstiden har gått ut (sista anbudsdag var 2026-02-02 23:59).');
      expect(faq).not.toContain('LOU 12 kap. 11 §');
    } finally {
      h.clock.set('2026-01-26T10:00');
    }
  });
});

describe('admin sign-in, sessions and CSRF', () => {
  let h: AdminHarness;
  let c: string;

  beforeAll(async () => {
    h = await startAdminHarness({ trustProxy: true });
    c = h.callOffId;
    await seedSampleQuestions(h);
  });
  afterAll(async () => {
    await h?.close();
  });

  it('sets an HttpOnly, SameSite=Strict session cookie, Secure behind HTTPS, and a new id on sign-in', async () => {
    const browser = new FormClient(h.origin);
    const form = await browser.get('/admin/logga-in');
    expect(form.res.status).toBe(200);
    expect(form.text).toContain('<label for="token">');
    const before = browser.cookie;
    expect(browser.lastSetCookie[0]).toMatch(/HttpOnly/);
    expect(browser.lastSetCookie[0]).toMatch(/SameSite=Strict/);
    expect(browser.lastSetCookie[0]).toMatch(/Path=\/admin/);
    expect(browser.lastSetCookie[0]).not.toMatch(/Secure/);
    const signed = await browser.post('/admin/logga-in', {
      _csrf: csrfOf(form.text),
      next: `/admin/${c}/fragor/F-0002`,
      token: ADMIN_TOKEN,
    });
    expect(signed.res.status).toBe(303);
    expect(signed.res.headers.get('location')).toBe(`/admin/${c}/fragor/F-0002`);
    expect(browser.cookie).not.toBe(before);
    expect((await browser.get('/admin/')).res.status).toBe(200);

    const https = new FormClient(h.origin, { 'x-forwarded-proto': 'https' });
    await https.get('/admin/logga-in');
    expect(https.lastSetCookie[0]).toMatch(/; Secure/);
  });

  it('keeps the buyer signed in on another instance with the same ADMIN_TOKEN (no sticky sessions needed)', async () => {
    const browser = new FormClient(h.origin);
    await browser.signIn(ADMIN_TOKEN);
    const other = await startAdminHarness();
    try {
      const res = await fetch(`${other.origin}/admin/`, {
        headers: { cookie: browser.cookie ?? '' },
        redirect: 'manual',
      });
      expect(res.status).toBe(200);
      const csrf = csrfOf(await res.text());
      expect(csrf).toBe(csrfOf((await browser.get('/admin/')).text));
    } finally {
      await other.close();
    }
    const stranger = await startAdminHarness({ adminToken: 'another-admin-token-000000' });
    try {
      const res = await fetch(`${stranger.origin}/admin/`, {
        headers: { cookie: browser.cookie ?? '' },
        redirect: 'manual',
      });
      expect(res.status).toBe(401);
    } finally {
      await stranger.close();
    }
  });

  it("ignores a proxy's Basic authorization header: the session cookie decides, nothing is counted as a failure", async () => {
    const browser = new FormClient(h.origin, { authorization: 'Basic dXNlcjpwYXNz' });
    for (let i = 0; i < 5; i += 1) {
      const res = await browser.get('/admin/');
      expect(res.res.status).toBe(303);
    }
    const signed = await browser.signIn(ADMIN_TOKEN);
    expect(signed.res.status).toBe(303);
    expect((await browser.get('/admin/')).res.status).toBe(200);
  });

  it('never redirects off the admin page after sign-in', async () => {
    const browser = new FormClient(h.origin);
    const form = await browser.get('/admin/logga-in');
    const res = await browser.post('/admin/logga-in', {
      _csrf: csrfOf(form.text),
      next: 'https://evil.example/',
      token: ADMIN_TOKEN,
    });
    expect(res.res.headers.get('location')).toBe('/admin/');
  });

  it('never redirects to another route of this server through dot segments', async () => {
    for (const next of ['/admin/../slack/events', '/admin/%2e%2e/api/messages', '/admin/..%2fslack/events']) {
      const browser = new FormClient(h.origin);
      const form = await browser.get(`/admin/logga-in?next=${encodeURIComponent(next)}`);
      expect(form.text).not.toContain('slack/events');
      const res = await browser.post('/admin/logga-in', { _csrf: csrfOf(form.text), next, token: ADMIN_TOKEN });
      expect(res.res.status).toBe(303);
      expect(res.res.headers.get('location')).toBe('/admin/');
    }
  });

  it('refuses a POST without the CSRF token, or with a wrong one, with 403 and changes nothing', async () => {
    const browser = new FormClient(h.origin);
    await browser.signIn(ADMIN_TOKEN);
    const page = await browser.get(`/admin/${c}/fragor/F-0003`);
    const token = csrfOf(page.text);
    const forged: Record<string, string>[] = [
      { answer: 'Förfalskat svar', action: 'publish' },
      {
        answer: 'Förfalskat svar',
        action: 'publish',
        _csrf: `${token.slice(0, -1)}${token.endsWith('x') ? 'y' : 'x'}`,
      },
    ];
    for (const body of forged) {
      const res = await browser.post(`/admin/${c}/fragor/F-0003`, body);
      expect(res.res.status).toBe(403);
      expect(visibleText(res.text)).toContain('saknar giltig säkerhetstoken (CSRF)');
    }
    expect((await h.app.buyer.show(c, 'F-0003')).entry.status).toBe('received');
    // Another session's token is no good either.
    const other = new FormClient(h.origin);
    await other.signIn(ADMIN_TOKEN);
    const res = await other.post(`/admin/${c}/fragor/F-0003`, { answer: 'x', _csrf: token });
    expect(res.res.status).toBe(403);
  });

  it('saves, publishes and unpublishes through the forms with notices after the redirect', async () => {
    const browser = new FormClient(h.origin);
    await browser.signIn(ADMIN_TOKEN);
    const path = `/admin/${c}/fragor/F-0003`;
    const csrf = csrfOf((await browser.get(path)).text);
    const saved = await browser.post(path, {
      _csrf: csrf,
      publicQuestion: 'Måste konsulten vara säkerhetsprövad innan uppdraget startar?',
      answer: 'Ja, säkerhetsprövning ska vara genomförd innan uppdraget startar.',
      action: 'save',
    });
    expect(saved.res.status).toBe(303);
    expect(saved.res.headers.get('location')).toBe(path);
    const after = await browser.get(path);
    expect(visibleText(after.text)).toContain('Det officiella svaret på F-0003 är sparat.');
    // One-shot: the notice is gone on the next load.
    expect(visibleText((await browser.get(path)).text)).not.toContain('är sparat');
    const published = await browser.post(path, { _csrf: csrf, action: 'publish' });
    expect(published.res.status).toBe(303);
    expect(visibleText((await browser.get(path)).text)).toContain('F-0003 är publicerad som fråga nr 1');
    const withdrawn = await browser.post(`${path}/avpublicera`, { _csrf: csrf });
    expect(withdrawn.res.status).toBe(303);
    const entry = (await h.app.buyer.show(c, 'F-0003')).entry;
    expect(entry.status).toBe('answered');
    expect(entry.faqNumber).toBe(1);
    expect(visibleText((await browser.get(path)).text)).toContain('F-0003 är avpublicerad');
    const faq = visibleText((await browser.get(`/admin/${c}/faq`)).text);
    expect(faq).toContain('0 publicerade frågor');
    expect(faq).toContain('Inga frågor har publicerats ännu.');
  });

  it('signs out: the old session cookie no longer opens anything', async () => {
    const browser = new FormClient(h.origin);
    await browser.signIn(ADMIN_TOKEN);
    const session = browser.cookie;
    const csrf = csrfOf((await browser.get('/admin/')).text);
    const out = await browser.post('/admin/logga-ut', { _csrf: csrf });
    expect(out.res.status).toBe(303);
    expect(out.res.headers.get('location')).toBe('/admin/logga-in?utloggad=1');
    expect(browser.lastSetCookie[0]).toMatch(/Max-Age=0/);
    const replay = await fetch(`${h.origin}/admin/`, { headers: { cookie: session ?? '' }, redirect: 'manual' });
    expect(replay.status).toBe(401);
  });

  it('slows down repeated failed sign-ins from one IP, even with the right token', async () => {
    const browser = new FormClient(h.origin);
    const attempt = async (token: string) => {
      const form = await browser.get('/admin/logga-in');
      return browser.post('/admin/logga-in', { _csrf: csrfOf(form.text), token, next: '/admin/' });
    };
    for (let i = 0; i < 3; i += 1) {
      const res = await attempt('fel-nyckel-1234567890');
      expect(res.res.status).toBe(401);
      expect(visibleText(res.text)).toContain('Fel åtkomstnyckel');
    }
    const blocked = await attempt(ADMIN_TOKEN);
    expect(blocked.res.status).toBe(429);
    expect(Number(blocked.res.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(visibleText(blocked.text)).toContain('För många misslyckade inloggningsförsök');
    const script = await fetch(`${h.origin}/admin/`, { headers: bearer });
    expect(script.status).toBe(429);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await attempt(ADMIN_TOKEN)).res.status).toBe(303);
  });

  it('refuses a sign-in form without its CSRF token', async () => {
    const browser = new FormClient(h.origin);
    await browser.get('/admin/logga-in');
    const res = await browser.post('/admin/logga-in', { token: ADMIN_TOKEN });
    expect(res.res.status).toBe(403);
    expect(browser.lastSetCookie.join()).not.toMatch(/Max-Age=43200/);
  });
});

describe('admin without ADMIN_TOKEN', () => {
  let h: AdminHarness;
  beforeAll(async () => {
    h = await startAdminHarness({ adminToken: null });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('refuses everyone on every route and says how to turn it on', async () => {
    for (const path of ['/admin', '/admin/logga-in', `/admin/${h.callOffId}/faq`, '/admin/admin.css']) {
      const variants: Record<string, string>[] = [{}, bearer, { accept: 'text/html' }];
      for (const headers of variants) {
        const res = await fetch(h.origin + path, { headers, redirect: 'manual' });
        expect(res.status, path).toBe(503);
        expect(await res.text()).toContain('ADMIN_TOKEN');
        expectSecurityHeaders(res);
      }
    }
    const post = await fetch(`${h.origin}/admin/logga-in`, { method: 'POST', body: 'token=x' });
    expect(post.status).toBe(503);
  });
});
