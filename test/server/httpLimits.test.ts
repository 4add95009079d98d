/**
 * The serve process's HTTP limits: a client that never finishes its headers or
 * its body is answered 408 and disconnected, and connections beyond the cap
 * are closed unread. The limits are shortened through the server options; the
 * assertions are on what the client receives, never on how long it took.
 */
import net from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_HTTP_LIMITS, HEADERS_TIMEOUT_MS, REQUEST_TIMEOUT_MS } from '../../src/server/httpLimits.js';
import { type Harness, startHarness } from '../channels/support/harness.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** A raw connection that records everything it receives and whether the server ended it. */
function rawClient(port: number) {
  const socket = net.connect(port, '127.0.0.1');
  let received = '';
  socket.setEncoding('latin1');
  socket.on('data', (d: string) => {
    received += d;
  });
  // A reset by the server is a way of closing too; the 'close' event follows it.
  socket.on('error', () => {});
  const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
  const connected = new Promise<void>((resolve) => socket.once('connect', () => resolve()));
  return {
    socket,
    connected,
    closed,
    received: () => received,
    /** Waits for one complete response with a Content-Length body. */
    async response(): Promise<string> {
      for (;;) {
        const m = /^([\s\S]*?\r\n\r\n)/.exec(received);
        const length = m ? Number(/content-length: *(\d+)/i.exec(m[1] ?? '')?.[1] ?? 0) : -1;
        if (m && received.length >= (m[1]?.length ?? 0) + length) {
          const all = received;
          received = '';
          return all;
        }
        await new Promise<void>((resolve, reject) => {
          socket.once('data', () => resolve());
          socket.once('close', () => reject(new Error(`closed before a whole response: ${received}`)));
        });
      }
    },
  };
}

describe('HTTP limits of serve', () => {
  it('has named production limits well below Node’s five minutes', () => {
    expect(REQUEST_TIMEOUT_MS).toBeLessThanOrEqual(60_000);
    expect(HEADERS_TIMEOUT_MS).toBeLessThanOrEqual(REQUEST_TIMEOUT_MS);
    expect(DEFAULT_HTTP_LIMITS.maxConnections).toBeGreaterThan(0);
  });

  it('answers 408 and closes the connection when a body stops half-way', async () => {
    h = await startHarness({
      slack: false,
      // Teams without an app id only with the local-testing switch.
      env: { TEAMS_ALLOW_UNAUTHENTICATED: '1' },
      server: { httpLimits: { requestTimeoutMs: 300, headersTimeoutMs: 300, checkIntervalMs: 50 } },
    });
    const client = rawClient(h.server.port);
    await client.connected;
    const partial = '{"type":"message","text":"Hur';
    client.socket.write(
      'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
        `Content-Length: 1000\r\n\r\n${partial}`,
    );
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);

    // The server goes on serving everyone else.
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
  });

  it('answers 408 and closes the connection when the headers never end', async () => {
    h = await startHarness({
      slack: false,
      server: { httpLimits: { requestTimeoutMs: 300, headersTimeoutMs: 300, checkIntervalMs: 50 } },
    });
    const client = rawClient(h.server.port);
    await client.connected;
    client.socket.write('GET /admin HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ');
    await client.closed;
    expect(client.received()).toMatch(/^HTTP\/1\.1 408 /);
  });

  it('closes connections beyond the cap unread, and keeps serving the ones it holds', async () => {
    h = await startHarness({ slack: false, server: { httpLimits: { maxConnections: 2 } } });
    const request = 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n';
    const held = [rawClient(h.server.port), rawClient(h.server.port)];
    // A whole request answered on each: both are established and counted by the server.
    for (const c of held) {
      c.socket.write(request);
      expect(await c.response()).toMatch(/^HTTP\/1\.1 200 /);
    }

    const extra = rawClient(h.server.port);
    extra.socket.write(request);
    await extra.closed;
    expect(extra.received()).toBe('');

    held[0]!.socket.write(request);
    expect(await held[0]!.response()).toMatch(/^HTTP\/1\.1 200 /);
    for (const c of held) c.socket.destroy();
  });
});
