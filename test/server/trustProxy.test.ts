/**
 * TRUST_PROXY: how the value is read, and what it changes in the real server.
 * The admin sign-in backoff keys on req.ip; behind a proxy every buyer would
 * share the proxy's address unless X-Forwarded-For is trusted, and without a
 * proxy X-Forwarded-For must be ignored (anyone can send it).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { parseTrustProxy, readEnv } from '../../src/config/env.js';
import { type Harness, startHarness } from '../channels/support/harness.js';

const ADMIN_TOKEN = 'trust-proxy-token-0123456789abcdef';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

describe('TRUST_PROXY is read', () => {
  it('unset or empty is false; true/false, a hop count and address lists are what Express accepts', () => {
    expect(readEnv({}).trustProxy).toBe(false);
    expect(readEnv({ TRUST_PROXY: ' ' }).trustProxy).toBe(false);
    expect(readEnv({ TRUST_PROXY: 'true' }).trustProxy).toBe(true);
    expect(readEnv({ TRUST_PROXY: 'FALSE' }).trustProxy).toBe(false);
    expect(readEnv({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(readEnv({ TRUST_PROXY: 'loopback, 10.0.0.0/8,192.168.1.5' }).trustProxy).toEqual([
      'loopback',
      '10.0.0.0/8',
      '192.168.1.5',
    ]);
    expect(parseTrustProxy('fd00::/8,::1')).toEqual(['fd00::/8', '::1']);
    expect(parseTrustProxy('10.0.0.0/255.0.0.0')).toEqual(['10.0.0.0/255.0.0.0']);
  });

  it('refuses anything else with a Swedish message naming the variable', () => {
    for (const bad of ['yes', '10.0.0.0/33', 'proxy.example.se', '10.0.0.1,', '1.2.3', '::1/129']) {
      expect(parseTrustProxy(bad), bad).toBeNull();
      expect(() => readEnv({ TRUST_PROXY: bad }), bad).toThrow(/Miljövariabeln TRUST_PROXY är ogiltig: ska vara true/);
    }
  });
});

/** Wrong bearer tokens from one forwarded address until the backoff answers 429. */
async function failUntilBlocked(url: string, forwardedFor: string): Promise<number> {
  for (let i = 1; i <= 10; i++) {
    const res = await fetch(`${url}/admin`, {
      headers: { authorization: 'Bearer wrong-token-0123456789', 'x-forwarded-for': forwardedFor },
    });
    await res.arrayBuffer();
    if (res.status === 429) return i;
    expect(res.status).toBe(401);
  }
  throw new Error(`never blocked: ${forwardedFor}`);
}

async function statusWithWrongToken(url: string, forwardedFor: string): Promise<number> {
  const res = await fetch(`${url}/admin`, {
    headers: { authorization: 'Bearer wrong-token-0123456789', 'x-forwarded-for': forwardedFor },
  });
  await res.arrayBuffer();
  return res.status;
}

describe('TRUST_PROXY in the server', () => {
  it('with TRUST_PROXY=1, two X-Forwarded-For addresses have independent sign-in backoff', async () => {
    h = await startHarness({ slack: false, env: { ADMIN_TOKEN, TRUST_PROXY: '1' } });
    expect(await failUntilBlocked(h.url, '203.0.113.7')).toBeGreaterThan(1);
    expect(await statusWithWrongToken(h.url, '203.0.113.7')).toBe(429);
    // Another buyer behind the same proxy is not locked out by the guesser.
    expect(await statusWithWrongToken(h.url, '198.51.100.20')).toBe(401);
    const ok = await fetch(`${h.url}/admin`, {
      headers: { authorization: `Bearer ${ADMIN_TOKEN}`, 'x-forwarded-for': '198.51.100.20' },
    });
    expect(ok.status).toBe(200);
    expect(h.logLines.join('\n')).toContain('"ip":"203.0.113.7"');
  });

  it('without TRUST_PROXY, X-Forwarded-For is ignored: a new header does not escape the backoff', async () => {
    h = await startHarness({ slack: false, env: { ADMIN_TOKEN } });
    await failUntilBlocked(h.url, '203.0.113.7');
    expect(await statusWithWrongToken(h.url, '198.51.100.20')).toBe(429);
    expect(h.logLines.join('\n')).not.toContain('203.0.113.7');
  });
});
