/**
 * A fake Bot Framework connector on 127.0.0.1 (node:http): the `serviceUrl`
 * of test activities. Records what the bot sends back
 * (POST /v3/conversations/:id/activities[/:replyToId]).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ConnectorCall {
  path: string;
  activity: Record<string, unknown>;
}

export interface FakeConnector {
  url: string;
  calls: ConnectorCall[];
  /** Message activities only (typing indicators left out). */
  messages(): Record<string, unknown>[];
  waitForMessages(n: number, timeoutMs?: number): Promise<Record<string, unknown>[]>;
  /** While true, message activities are read but never answered (kept in `held`); typing still is. */
  holdMessages: boolean;
  held: ConnectorCall[];
  close(): Promise<void>;
}

export async function startFakeConnector(): Promise<FakeConnector> {
  const calls: ConnectorCall[] = [];
  const held: ConnectorCall[] = [];
  const state = { holdMessages: false };
  let id = 0;
  const server: Server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const call = { path: req.url ?? '', activity: raw ? JSON.parse(raw) : {} };
    if (state.holdMessages && call.activity.type === 'message') {
      held.push(call);
      return;
    }
    calls.push(call);
    res.setHeader('content-type', 'application/json');
    if (req.method === 'POST' && /^\/v3\/conversations\/[^/]+\/activities/.test(req.url ?? '')) {
      id += 1;
      res.end(JSON.stringify({ id: `reply-${id}` }));
      return;
    }
    res.statusCode = 404;
    res.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const messages = () => calls.filter((c) => c.activity.type === 'message').map((c) => c.activity);
  return {
    url,
    calls,
    held,
    get holdMessages() {
      return state.holdMessages;
    },
    set holdMessages(v: boolean) {
      state.holdMessages = v;
    },
    messages,
    waitForMessages: async (n, timeoutMs = 10_000) => {
      const end = Date.now() + timeoutMs;
      while (messages().length < n) {
        if (Date.now() > end) throw new Error(`timed out waiting for ${n} messages (have ${messages().length})`);
        await new Promise((r) => setTimeout(r, 20));
      }
      return messages();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
