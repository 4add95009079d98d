/** Pure parts of the admin page: escaping, countdown, masked highlights, backoff, sessions, return paths. */
import { describe, expect, it } from 'vitest';
import { timeLeft } from '../../src/admin/countdown.js';
import { highlightMasked } from '../../src/admin/highlight.js';
import { escapeHtml, html, raw } from '../../src/admin/html.js';
import { actorLabel } from '../../src/admin/labels.js';
import { safeReturnPath } from '../../src/admin/paths.js';
import type { RevocationStore } from '../../src/admin/revocationStore.js';
import { sameSecret } from '../../src/admin/secrets.js';
import { SessionStore } from '../../src/admin/sessions.js';
import { SignInThrottle } from '../../src/admin/signInThrottle.js';

describe('html escaping', () => {
  it('escapes every interpolated string, also inside attributes', () => {
    const evil = `<img src=x onerror="alert(1)">'&`;
    const out = html`<p title="${evil}">${evil}</p>`.toString();
    expect(out).toBe(
      '<p title="&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;">&lt;img src=x onerror=&quot;alert(1)&quot;&gt;&#39;&amp;</p>',
    );
    expect(escapeHtml('<script>')).toBe('&lt;script&gt;');
  });

  it('keeps nested safe markup and arrays, drops null and false', () => {
    const items = ['a<b', 'c'];
    const out = html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>${null}${false}${raw('<hr>')}`.toString();
    expect(out).toBe('<ul><li>a&lt;b</li><li>c</li></ul><hr>');
  });
});

describe('countdown', () => {
  const cutoff = new Date('2026-01-29T23:00:00Z');
  const ahead = (ms: number) => new Date(cutoff.getTime() - ms);
  const H = 3_600_000;
  it('says days and hours, rounded down, in Swedish', () => {
    expect(timeLeft(ahead(3 * 24 * H + 4 * H + 59 * 60_000), cutoff)).toBe('3 dagar 4 timmar kvar');
    expect(timeLeft(ahead(24 * H + H), cutoff)).toBe('1 dag 1 timme kvar');
    expect(timeLeft(ahead(2 * 24 * H), cutoff)).toBe('2 dagar kvar');
    expect(timeLeft(ahead(5 * H + 30 * 60_000), cutoff)).toBe('5 timmar 30 minuter kvar');
    expect(timeLeft(ahead(45 * 60_000 + 59_000), cutoff)).toBe('45 minuter kvar');
    expect(timeLeft(ahead(60_000), cutoff)).toBe('1 minut kvar');
    expect(timeLeft(ahead(59_000), cutoff)).toBe('mindre än en minut kvar');
  });
  it('is null once the deadline has passed', () => {
    expect(timeLeft(cutoff, cutoff)).toBeNull();
    expect(timeLeft(new Date(cutoff.getTime() + 1), cutoff)).toBeNull();
  });
});

describe('highlightMasked', () => {
  it('marks each span and escapes the text around it', () => {
    const text = 'Fråga från [namn] <b> på [leverantören].';
    const at = (s: string) => text.indexOf(s);
    const spans = [
      { start: at('[namn]'), end: at('[namn]') + 6, kind: 'name' as const },
      { start: at('[leverantören]'), end: at('[leverantören]') + 14, kind: 'org' as const },
    ];
    const out = highlightMasked(text, spans).toString();
    expect(out).toContain('<mark title="Maskerat: namn">[namn]</mark>');
    expect(out).toContain('<mark title="Maskerat: organisation">[leverantören]</mark>');
    expect(out).toContain('&lt;b&gt;');
  });
  it('survives out-of-range, empty and overlapping spans', () => {
    const out = highlightMasked('abcdef', [
      { start: 4, end: 99, kind: 'url' },
      { start: 2, end: 2, kind: 'email' },
      { start: 0, end: 3, kind: 'phone' },
      { start: 1, end: 2, kind: 'name' },
    ]).toString();
    expect(out.replace(/<[^>]+>|\s*\(maskerat: [^)]+\)/g, '')).toBe('abcdef');
    expect(out.match(/<mark/g)?.length).toBe(2);
  });
});

describe('actorLabel', () => {
  it('names who did it in Swedish', () => {
    expect(actorLabel('buyer:web')).toBe('Upphandlande myndighet (Webb)');
    expect(actorLabel('supplier:slack:U1')).toBe('Leverantör (Slack)');
    expect(actorLabel('system')).toBe('Systemet');
  });
});

describe('sameSecret', () => {
  it('compares exactly, whatever the lengths', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abc', 'abd')).toBe(false);
    expect(sameSecret('ab', 'abc')).toBe(false);
    expect(sameSecret('', 'abc')).toBe(false);
  });
});

describe('SignInThrottle', () => {
  it('lets two typos pass, then doubles the wait per failure up to the cap, per IP', () => {
    let t = 0;
    const th = new SignInThrottle(
      { freeFailures: 2, baseDelayMs: 1000, maxDelayMs: 4000, forgetAfterMs: 60_000, maxTracked: 100 },
      () => t,
    );
    th.failed('1.1.1.1');
    th.failed('1.1.1.1');
    expect(th.waitMs('1.1.1.1')).toBe(0);
    th.failed('1.1.1.1');
    expect(th.waitMs('1.1.1.1')).toBe(1000);
    expect(th.waitMs('2.2.2.2')).toBe(0);
    t += 1000;
    th.failed('1.1.1.1');
    expect(th.waitMs('1.1.1.1')).toBe(2000);
    th.failed('1.1.1.1');
    th.failed('1.1.1.1');
    expect(th.waitMs('1.1.1.1')).toBe(4000);
    th.succeeded('1.1.1.1');
    expect(th.waitMs('1.1.1.1')).toBe(0);
  });
  it('forgets old failures and stays bounded in memory', () => {
    let t = 0;
    const th = new SignInThrottle(
      { freeFailures: 0, baseDelayMs: 1000, maxDelayMs: 10_000, forgetAfterMs: 5000, maxTracked: 3 },
      () => t,
    );
    th.failed('a');
    t += 6000;
    expect(th.waitMs('a')).toBe(0);
    for (const ip of ['b', 'c', 'd', 'e']) th.failed(ip);
    expect(th.waitMs('b')).toBe(0); // evicted, oldest first
    expect(th.waitMs('e')).toBe(1000);
  });
});

/** Changes the last character to a different one (a fixed replacement would sometimes equal it). */
function changeLast(text: string): string {
  const last = text.slice(-1);
  return `${text.slice(0, -1)}${last === 'x' ? 'y' : 'x'}`;
}

describe('SessionStore (signed cookies)', () => {
  const limits = { idleMs: 1000, absoluteMs: 3000, maxTracked: 10 };
  const secret = 'admin-token-for-sessions-0001';

  it('round-trips a session through its cookie; any change to the cookie is refused', () => {
    let t = 1_000_000;
    const store = new SessionStore(
      () => secret,
      limits,
      () => t,
    );
    const s = store.create(true);
    const cookie = store.encode(s);
    const back = store.decode(cookie);
    expect(back?.id).toBe(s.id);
    expect(back?.signedIn).toBe(true);
    expect(back?.csrf).toBe(s.csrf);
    // Flip the anonymous/signed-in flag, or the id, or the MAC: all refused.
    expect(store.decode(cookie.replace('.s.', '.a.'))).toBeUndefined();
    expect(store.decode(cookie.replace(s.id, changeLast(s.id)))).toBeUndefined();
    expect(store.decode(changeLast(cookie))).toBeUndefined();
    expect(store.decode('s1.s.abc.1.1')).toBeUndefined();
    // Another instance with the same ADMIN_TOKEN accepts it; a changed token signs everyone out.
    expect(
      new SessionStore(
        () => secret,
        limits,
        () => t,
      ).decode(cookie)?.id,
    ).toBe(s.id);
    expect(
      new SessionStore(
        () => `${secret}x`,
        limits,
        () => t,
      ).decode(cookie),
    ).toBeUndefined();
    expect(
      new SessionStore(
        () => undefined,
        limits,
        () => t,
      ).decode(cookie),
    ).toBeUndefined();
    t += 1;
  });

  it('expires idle and old signed-in sessions; re-stamping keeps an active one alive', () => {
    let t = 1_000_000;
    const store = new SessionStore(
      () => secret,
      limits,
      () => t,
    );
    const s = store.create(true);
    let cookie = store.encode(s);
    t += 900;
    const seen = store.decode(cookie)!;
    cookie = store.encode(seen);
    t += 900;
    expect(store.decode(cookie)).toBeDefined();
    t += 1001;
    expect(store.decode(cookie)).toBeUndefined();
    const old = store.create(true);
    cookie = store.encode(old);
    for (let i = 0; i < 3; i += 1) {
      t += 900;
      cookie = store.encode(store.decode(cookie)!);
    }
    t += 900;
    expect(store.decode(cookie)).toBeUndefined(); // 3.6 s > absolute 3 s
  });

  it('gives a new id and CSRF token on sign-in, carrying notices over', () => {
    const store = new SessionStore(() => secret, limits);
    const anon = store.create();
    anon.notices.add({ kind: 'ok', text: 'hej' });
    const signed = store.promote(anon);
    expect(signed.id).not.toBe(anon.id);
    expect(signed.csrf).not.toBe(anon.csrf);
    expect(signed.signedIn).toBe(true);
    expect(store.decode(store.encode(signed))!.notices.take()).toEqual([{ kind: 'ok', text: 'hej' }]);
    expect(signed.notices.take()).toEqual([]);
  });

  it('refuses a signed-out session on this instance, and bounds what it remembers', async () => {
    const store = new SessionStore(() => secret, limits);
    const s = store.create(true);
    const cookie = store.encode(s);
    await store.destroy(s);
    expect(store.decode(cookie)).toBeUndefined();
    const others = Array.from({ length: 20 }, () => store.create(true));
    for (const o of others) o.notices.add({ kind: 'ok', text: o.id });
    // Only the newest ten notices are kept; the oldest revocation was pushed out too.
    expect(others[0]!.notices.take()).toEqual([]);
    expect(others[19]!.notices.take()).toEqual([{ kind: 'ok', text: others[19]!.id }]);
    for (const o of others) await store.destroy(o);
    expect(store.decode(cookie)?.id).toBe(s.id);
  });

  /** A shared store in memory that counts its lookups and can be made to fail. */
  function sharedStore() {
    const rows = new Map<string, number>();
    const calls = { revoke: 0, isRevoked: 0 };
    const state = { down: false };
    const store: RevocationStore = {
      async revoke(id, until) {
        calls.revoke += 1;
        if (state.down) throw new Error('database down');
        rows.set(id, until.getTime());
      },
      async isRevoked(id, now) {
        calls.isRevoked += 1;
        if (state.down) throw new Error('database down');
        return (rows.get(id) ?? 0) > now.getTime();
      },
    };
    return { store, rows, calls, state };
  }

  it('records a sign-out in the shared store before it resolves, until the session would have expired', async () => {
    const t = 1_000_000;
    const shared = sharedStore();
    const store = new SessionStore(
      () => secret,
      limits,
      () => t,
      shared.store,
    );
    const s = store.create(true);
    await store.destroy(s);
    expect(shared.rows.get(s.id)).toBe(s.issuedAt + limits.absoluteMs);
  });

  it('asks the shared store once per signed-in request; sign-outs known here cost no lookup', async () => {
    const t = 1_000_000;
    const shared = sharedStore();
    const make = () =>
      new SessionStore(
        () => secret,
        limits,
        () => t,
        shared.store,
      );
    const a = make();
    const b = make();
    const s = a.create(true);
    const cookie = a.encode(s);
    expect((await b.open(cookie))?.id).toBe(s.id);
    expect(shared.calls.isRevoked).toBe(1);
    // Visitors before sign-in are never looked up.
    expect((await b.open(b.encode(b.create())))?.signedIn).toBe(false);
    expect(shared.calls.isRevoked).toBe(1);

    await a.destroy(s);
    // The revoking instance: refused from its own memory, repeatedly, without a lookup.
    for (let i = 0; i < 3; i += 1) expect(await a.open(cookie)).toBeUndefined();
    expect(shared.calls.isRevoked).toBe(1);
    // Another instance finds it in the shared store once, then remembers it.
    for (let i = 0; i < 3; i += 1) expect(await b.open(cookie)).toBeUndefined();
    expect(shared.calls.isRevoked).toBe(2);
    expect(b.decode(cookie)).toBeUndefined();
  });

  it('fails closed: a shared store that cannot be read rejects, it never lets the session through', async () => {
    const shared = sharedStore();
    const store = new SessionStore(() => secret, limits, Date.now, shared.store);
    const cookie = store.encode(store.create(true));
    shared.state.down = true;
    await expect(store.open(cookie)).rejects.toThrow('database down');
    // A failed sign-out is reported, and this instance refuses the session all the same.
    const s = store.create(true);
    const other = store.encode(s);
    await expect(store.destroy(s)).rejects.toThrow('database down');
    shared.state.down = false;
    expect(await store.open(other)).toBeUndefined();
    expect(shared.rows.has(s.id)).toBe(false);
  });
});

describe('safeReturnPath', () => {
  it('only returns paths inside the admin page', () => {
    expect(safeReturnPath('/admin', '/admin/af-1/fragor/F-0001')).toBe('/admin/af-1/fragor/F-0001');
    expect(safeReturnPath('/admin', '/admin?status=received')).toBe('/admin?status=received');
    for (const bad of [
      'https://evil.example/',
      '//evil.example',
      '/admin//evil',
      '/admin/\\evil',
      '/other',
      42,
      '/admin/logga-ut',
    ]) {
      expect(safeReturnPath('/admin', bad)).toBe('/admin/');
    }
  });

  // Each way a path that starts with /admin can still land elsewhere once a browser or proxy resolves it.
  it.each([
    ['dot segments', '/admin/../slack/events'],
    ['dot segments after a sub-path', '/admin/af-1/../../api/messages'],
    ['a bare parent', '/admin/..'],
    ['percent-encoded dots', '/admin/%2e%2e/slack/events'],
    ['mixed-case, half-encoded dots', '/admin/.%2E/slack/events'],
    ['an encoded slash after the dots', '/admin/..%2fslack/events'],
    ['an encoded backslash', '/admin/..%5cslack/events'],
    ['double-encoded dots', '/admin/%252e%252e/slack/events'],
    ['a backslash', '/admin\\..\\slack'],
    ['a backslash host', '/\\evil.example'],
    ['double slashes', '/admin//evil.example'],
    ['a protocol-relative host', '//evil.example/admin'],
    ['an encoded double slash', '/admin/%2F%2Fevil.example'],
    ['a tab browsers drop', '/\t/evil.example/admin'],
    ['a relative path', 'admin/af-1'],
    ['a malformed escape', '/admin/%E0%A4%A'],
    ['too many encoding layers', '/admin/%2525252e'],
    ['a sign-in page reached through dots', '/admin/x/../logga-ut'],
    ['a prefix that is not the admin path', '/administrator'],
  ])('refuses %s', (_what, next) => {
    expect(safeReturnPath('/admin', next)).toBe('/admin/');
  });

  it('keeps an honest path, normalised, with its query', () => {
    expect(safeReturnPath('/admin', '/admin/af-1/./fragor/F-0002')).toBe('/admin/af-1/fragor/F-0002');
    expect(safeReturnPath('/admin', '/admin/af-1/x/../faq')).toBe('/admin/af-1/faq');
    expect(safeReturnPath('/admin', '/admin/af-1?status=received')).toBe('/admin/af-1?status=received');
    expect(safeReturnPath('/admin', '/admin')).toBe('/admin');
  });
});
