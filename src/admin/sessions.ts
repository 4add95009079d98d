/**
 * Browser sessions for /admin, carried in a signed cookie so that any
 * instance behind a load balancer (several instances share one PostgreSQL
 * register) and any restart accepts them: "s1.<kind>.<id>.<issued>.<seen>[.<officer>].<mac>",
 * HMAC-SHA256 with a key derived from ADMIN_TOKEN, or without one from the
 * OIDC client secret (changing it signs everyone out). An officer signed in
 * through OpenID Connect is carried in the cookie itself (name and e-mail,
 * base64url JSON under the MAC), so every instance knows who acts. The CSRF token is derived from the session id (synchroniser
 * token without server state). A session exists before sign-in too, so the
 * sign-in form carries a CSRF token; signing in issues a new id (no fixation).
 * Sign-out records the id in the register's database (RevocationStore), so
 * every instance on it, and this one after a restart, refuses the cookie
 * until it would have expired anyway; each signed-in request is one lookup
 * there, with this instance's own sign-outs cached in memory in front of it.
 * One-shot notices live in this instance's memory (best effort across
 * instances). Real time, not the app's clock: a fixed demo clock must not
 * freeze expiry.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { RevocationStore } from './revocationStore.js';
import { randomToken } from './secrets.js';

export type NoticeKind = 'ok' | 'warning' | 'error';
export interface Notice {
  kind: NoticeKind;
  text: string;
}

/** One-shot messages for the session's next page. */
export interface NoticeBox {
  add(...notices: Notice[]): void;
  /** The pending notices, removed. */
  take(): Notice[];
}

/** A named officer, from the ID token of an OpenID Connect sign-in. */
export interface Officer {
  name: string;
  email: string;
}

export interface Session {
  id: string;
  /** Who signed in through OpenID Connect; absent for ADMIN_TOKEN sign-ins. */
  officer?: Officer;
  csrf: string;
  signedIn: boolean;
  /** Milliseconds since the epoch. */
  issuedAt: number;
  lastSeen: number;
  notices: NoticeBox;
}

export interface SessionLimits {
  /** A signed-in session ends after this long without a request. */
  idleMs: number;
  /** And after this long in any case. */
  absoluteMs: number;
  /** Bound on memory for notices and the cache of revoked ids on this instance. */
  maxTracked: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  idleMs: 2 * 60 * 60 * 1000,
  absoluteMs: 12 * 60 * 60 * 1000,
  maxTracked: 5000,
};

/** Anonymous sessions only carry the sign-in form's CSRF token: an hour is plenty. */
const ANONYMOUS_MS = 60 * 60 * 1000;
const VERSION = 's1';

function encodeOfficer(officer: Officer): string {
  return Buffer.from(JSON.stringify([officer.name, officer.email]), 'utf8').toString('base64url');
}

function decodeOfficer(part: string): Officer | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && typeof parsed[0] === 'string' && typeof parsed[1] === 'string') {
      return { name: parsed[0], email: parsed[1] };
    }
  } catch {
    // A MAC-checked cookie we wrote ourselves: unreadable only if the format changed.
  }
  return undefined;
}

/** A Map that forgets its oldest keys beyond a size: memory stays bounded. */
class BoundedMap<V> extends Map<string, V> {
  constructor(private readonly max: number) {
    super();
  }
  override set(key: string, value: V): this {
    this.delete(key);
    super.set(key, value);
    while (this.size > this.max) {
      const oldest = this.keys().next().value;
      if (oldest === undefined) break;
      this.delete(oldest);
    }
    return this;
  }
}

export class SessionStore {
  private readonly notices: BoundedMap<Notice[]>;
  private readonly revoked: BoundedMap<number>;

  constructor(
    /** The signing secret (ADMIN_TOKEN); sessions are refused while it is unset. */
    private readonly secret: () => string | undefined,
    private readonly limits: SessionLimits = DEFAULT_SESSION_LIMITS,
    private readonly now: () => number = Date.now,
    /**
     * Where sign-outs are shared between instances. Without it (benchmarks,
     * unit tests) a sign-out holds on this instance only: the admin router
     * always passes the register's.
     */
    private readonly shared?: RevocationStore,
  ) {
    this.notices = new BoundedMap(limits.maxTracked);
    this.revoked = new BoundedMap(limits.maxTracked);
  }

  create(signedIn = false): Session {
    const t = this.now();
    return this.session(randomToken().slice(0, 32), signedIn, t, t);
  }

  /** Signing in: a fresh id (and so a fresh CSRF token); notices carry over. */
  promote(old: Session | undefined, officer?: Officer): Session {
    const fresh = this.create(true);
    if (officer) fresh.officer = { name: officer.name, email: officer.email };
    if (old) fresh.notices.add(...old.notices.take());
    return fresh;
  }

  /**
   * Sign-out: this id is refused from now on until it would have expired
   * anyway, here at once and, once the promise resolves, on every instance on
   * the shared store. Rejects when the shared store cannot be written.
   */
  async destroy(session: Session): Promise<void> {
    const until = session.issuedAt + this.limits.absoluteMs;
    this.notices.delete(session.id);
    this.revoked.set(session.id, until);
    await this.shared?.revoke(session.id, new Date(until), new Date(this.now()));
  }

  /**
   * The live session in a cookie value, like `decode`, and for a signed-in
   * one also not signed out on another instance (one lookup in the shared
   * store; a revocation found there is cached). Rejects when the shared store
   * cannot be read: the caller must refuse, not let the session through.
   */
  async open(value: string | undefined): Promise<Session | undefined> {
    const session = this.decode(value);
    if (!session?.signedIn || !this.shared) return session;
    if (!(await this.shared.isRevoked(session.id, new Date(this.now())))) return session;
    this.revoked.set(session.id, session.issuedAt + this.limits.absoluteMs);
    this.notices.delete(session.id);
    return undefined;
  }

  /** The cookie value for a session, stamped as seen now. */
  encode(session: Session): string {
    const seen = this.now();
    session.lastSeen = seen;
    const payload = [
      VERSION,
      session.signedIn ? 's' : 'a',
      session.id,
      session.issuedAt.toString(36),
      seen.toString(36),
      ...(session.officer ? [encodeOfficer(session.officer)] : []),
    ].join('.');
    return `${payload}.${this.mac(payload)}`;
  }

  /**
   * The session in a cookie value; undefined when forged, expired or signed
   * out as far as this instance knows. Only `open` asks the shared store.
   */
  decode(value: string | undefined): Session | undefined {
    const key = this.secret();
    if (!value || !key) return undefined;
    const parts = value.split('.');
    if ((parts.length !== 6 && parts.length !== 7) || parts[0] !== VERSION) return undefined;
    const [, kind = '', id = '', issued36 = '', seen36 = ''] = parts;
    const mac = parts[parts.length - 1] ?? '';
    if (!this.macMatches(parts.slice(0, -1).join('.'), mac)) return undefined;
    const officer = parts.length === 7 ? decodeOfficer(parts[5] ?? '') : undefined;
    if (parts.length === 7 && !officer) return undefined;
    const issuedAt = Number.parseInt(issued36, 36);
    const lastSeen = Number.parseInt(seen36, 36);
    const t = this.now();
    const signedIn = kind === 's';
    const lifetime = signedIn ? this.limits.absoluteMs : ANONYMOUS_MS;
    if (!Number.isFinite(issuedAt) || !Number.isFinite(lastSeen) || issuedAt > t + 60_000) return undefined;
    if (t - issuedAt > lifetime || (signedIn && t - lastSeen > this.limits.idleMs)) return undefined;
    const revokedUntil = this.revoked.get(id);
    if (revokedUntil !== undefined) {
      if (revokedUntil > t) return undefined;
      this.revoked.delete(id);
    }
    const session = this.session(id, signedIn, issuedAt, lastSeen);
    if (officer) session.officer = officer;
    return session;
  }

  /** A value signed with the session key (e.g. the OIDC flow's state), tamper-evident. */
  seal(value: string): string {
    return `${value}.${this.mac(`seal.${value}`)}`;
  }

  /** The value `seal` signed, or undefined when forged or without a key. */
  unseal(sealed: string | undefined): string | undefined {
    if (!sealed || !this.secret()) return undefined;
    const dot = sealed.lastIndexOf('.');
    if (dot < 0) return undefined;
    const value = sealed.slice(0, dot);
    return this.macMatches(`seal.${value}`, sealed.slice(dot + 1)) ? value : undefined;
  }

  /** Seconds a cookie for this session should live in the browser. */
  maxAgeSeconds(session: Session): number {
    const lifetime = session.signedIn ? this.limits.absoluteMs : ANONYMOUS_MS;
    return Math.max(0, Math.floor((session.issuedAt + lifetime - this.now()) / 1000));
  }

  /** Whether the idle clock is worth re-stamping (not on every request: fewer Set-Cookie headers). */
  needsRefresh(session: Session): boolean {
    return session.signedIn && this.now() - session.lastSeen > 60_000;
  }

  private session(id: string, signedIn: boolean, issuedAt: number, lastSeen: number): Session {
    // Memory only for sessions that have something to show: visitors cost nothing.
    const notices: NoticeBox = {
      add: (...items) => {
        if (items.length > 0) this.notices.set(id, [...(this.notices.get(id) ?? []), ...items]);
      },
      take: () => {
        const items = this.notices.get(id) ?? [];
        this.notices.delete(id);
        return items;
      },
    };
    return { id, csrf: this.mac(`csrf.${id}`), signedIn, issuedAt, lastSeen, notices };
  }

  private key(): Buffer {
    // Derived, so the raw ADMIN_TOKEN is never used as a MAC key for anything else.
    return createHmac('sha256', this.secret() ?? '')
      .update('avropsbot admin session v1')
      .digest();
  }

  private mac(payload: string): string {
    return createHmac('sha256', this.key()).update(payload).digest('base64url');
  }

  private macMatches(payload: string, given: string): boolean {
    const expected = Buffer.from(this.mac(payload));
    const actual = Buffer.from(given);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }
}
