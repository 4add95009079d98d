/**
 * The pieces of the OpenID Connect sign-in without a provider: the OIDC_*
 * variables, who is allowed, how the officer is named in the audit trail and
 * in the buyer's labels, and the session cookie that carries the officer.
 */
import { describe, expect, it } from 'vitest';
import { actorOf, WEB_ACTOR } from '../../src/admin/auth.js';
import { actorLabel } from '../../src/admin/labels.js';
import { isAllowedOfficer, officerFrom } from '../../src/admin/oidcSignIn.js';
import { SessionStore } from '../../src/admin/sessions.js';
import { readEnv } from '../../src/config/env.js';

const OIDC = {
  OIDC_ISSUER_URL: 'https://login.microsoftonline.com/tenant-id/v2.0',
  OIDC_CLIENT_ID: 'client-id',
  OIDC_CLIENT_SECRET: 'client-secret',
  OIDC_ALLOWED: ' myndighet.se , @Kommun.se,,3f2b9c1e-group ',
};

describe('OIDC_* variables', () => {
  it('reads all four, the allow-list trimmed and without "@"', () => {
    expect(readEnv(OIDC).oidc).toEqual({
      issuerUrl: OIDC.OIDC_ISSUER_URL,
      clientId: 'client-id',
      clientSecret: 'client-secret',
      allowed: ['myndighet.se', 'Kommun.se', '3f2b9c1e-group'],
    });
    expect(readEnv({}).oidc).toBeUndefined();
  });

  it('refuses half a configuration, naming what is missing, and a bad issuer or an empty allow-list', () => {
    const { OIDC_ALLOWED: _allowed, ...withoutAllowed } = OIDC;
    expect(() => readEnv(withoutAllowed)).toThrow(/saknas: OIDC_ALLOWED/);
    expect(() => readEnv({ ...OIDC, OIDC_ISSUER_URL: 'login.example' })).toThrow(/OIDC_ISSUER_URL är ogiltig/);
    expect(() => readEnv({ ...OIDC, OIDC_ALLOWED: ' , ,' })).toThrow(/OIDC_ALLOWED är ogiltig/);
  });
});

describe('who is allowed', () => {
  const allowed = ['myndighet.se', 'grp-upphandlare'];

  it('by e-mail domain (any case), also from Entra ID’s preferred_username', () => {
    expect(isAllowedOfficer({ email: 'anna.berg@Myndighet.SE' }, allowed)).toBe(true);
    expect(isAllowedOfficer({ preferred_username: 'anna.berg@myndighet.se' }, allowed)).toBe(true);
    expect(isAllowedOfficer({ email: 'anna@undermyndighet.se' }, allowed)).toBe(false);
    expect(isAllowedOfficer({ email: 'anna@myndighet.se.example' }, allowed)).toBe(false);
  });

  it('by group id, whatever the domain', () => {
    expect(isAllowedOfficer({ email: 'konsult@exempel.se', groups: ['x', 'grp-upphandlare'] }, allowed)).toBe(true);
    expect(isAllowedOfficer({ email: 'konsult@exempel.se', groups: ['x'] }, allowed)).toBe(false);
  });

  it('not by an e-mail the provider says is unverified', () => {
    expect(isAllowedOfficer({ email: 'anna@myndighet.se', email_verified: false }, allowed)).toBe(false);
  });
});

describe('the officer in the audit trail', () => {
  it('takes name and e-mail from the ID token, on one line and without angle brackets', () => {
    expect(officerFrom({ name: 'Anna Berg', email: 'anna.berg@myndighet.se' })).toEqual({
      name: 'Anna Berg',
      email: 'anna.berg@myndighet.se',
    });
    expect(officerFrom({ given_name: 'Bo', family_name: 'Ek', upn: 'bo.ek@myndighet.se' })?.name).toBe('Bo Ek');
    expect(officerFrom({ name: 'Eva\n<script>', email: 'eva@myndighet.se' })?.name).toBe('Eva script');
    expect(officerFrom({ email: 'utan.namn@myndighet.se' })?.name).toBe('utan.namn@myndighet.se');
    expect(officerFrom({ name: 'Ingen E-post' })).toBeUndefined();
  });

  it('records the officer as the actor; a token sign-in or a script stays buyer:web', () => {
    const store = new SessionStore(() => 'a-secret-of-sixteen-chars');
    const officer = store.promote(undefined, { name: 'Anna Berg', email: 'anna.berg@myndighet.se' });
    expect(actorOf({ kind: 'session', session: officer })).toBe('buyer:web:Anna Berg <anna.berg@myndighet.se>');
    expect(actorOf({ kind: 'session', session: store.promote(undefined) })).toBe(WEB_ACTOR);
    expect(actorOf({ kind: 'bearer' })).toBe(WEB_ACTOR);
  });

  it('labels the officer by name, and the old actors as before', () => {
    expect(actorLabel('buyer:web:Anna Berg <anna.berg@myndighet.se>')).toBe(
      'Anna Berg <anna.berg@myndighet.se>, upphandlande myndighet (Webb)',
    );
    expect(actorLabel('buyer:web:Dr: Ek <ek@myndighet.se>')).toBe(
      'Dr: Ek <ek@myndighet.se>, upphandlande myndighet (Webb)',
    );
    expect(actorLabel('buyer:web')).toBe('Upphandlande myndighet (Webb)');
    expect(actorLabel('buyer:cli')).toBe('Upphandlande myndighet (Kommandorad)');
    expect(actorLabel('supplier:slack')).toBe('Leverantör (Slack)');
  });
});

describe('the session cookie carries the officer', () => {
  const store = new SessionStore(() => 'a-secret-of-sixteen-chars');

  it('round-trips name and e-mail (also non-ASCII) under the MAC', () => {
    const session = store.promote(undefined, { name: 'Åsa Öberg', email: 'asa.oberg@myndighet.se' });
    const cookie = store.encode(session);
    expect(cookie.split('.')).toHaveLength(7);
    expect(store.decode(cookie)?.officer).toEqual({ name: 'Åsa Öberg', email: 'asa.oberg@myndighet.se' });
    // A token sign-in's cookie keeps the old shape.
    expect(store.encode(store.promote(undefined)).split('.')).toHaveLength(6);
  });

  it('refuses a cookie whose officer was swapped or added', () => {
    const anna = store.encode(store.promote(undefined, { name: 'Anna', email: 'anna@myndighet.se' }));
    const parts = anna.split('.');
    parts[5] = Buffer.from(JSON.stringify(['Mallory', 'mallory@myndighet.se'])).toString('base64url');
    expect(store.decode(parts.join('.'))).toBeUndefined();
    const plain = store.encode(store.promote(undefined)).split('.');
    plain.splice(5, 0, parts[5] ?? '');
    expect(store.decode(plain.join('.'))).toBeUndefined();
  });

  it('seals the sign-in flow: a changed value or another key is refused', () => {
    const sealed = store.seal('flow-value');
    expect(store.unseal(sealed)).toBe('flow-value');
    expect(store.unseal(sealed.replace('flow', 'flaw'))).toBeUndefined();
    expect(new SessionStore(() => 'another-secret-sixteen').unseal(sealed)).toBeUndefined();
    expect(new SessionStore(() => undefined).unseal(sealed)).toBeUndefined();
  });
});
