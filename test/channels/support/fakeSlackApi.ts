/**
 * A fake Slack Web API on 127.0.0.1 (node:http) that records every call:
 * auth.test, users.info, chat.postMessage, chat.postEphemeral, apps.connections.open (Socket Mode)
 * and response_url posts (/respond/...).
 * Bolt's WebClient is pointed here through SLACK_API_URL.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

export interface FakeSlackApi {
  url: string;
  calls: SlackCall[];
  posts(): Record<string, unknown>[];
  responds(): Record<string, unknown>[];
  /** Where apps.connections.open sends Socket Mode clients. */
  socketUrl: string | null;
  /** While true, every Web API call answers HTTP 503 (Slack unreachable); calls are still recorded. */
  down: boolean;
  /** While true, calls get no answer at all (packets dropped); set false, the held ones get a 503. */
  hang: boolean;
  /**
   * While true, chat.postMessage is read but never answered (kept in `heldPosts`, not in `calls`):
   * the bot cannot know whether a post arrived, as when it is killed mid-post.
   */
  holdPosts: boolean;
  heldPosts: SlackCall[];
  /** Answers `method` only once the returned function is called (the call is recorded at once). */
  gate(method: string): () => void;
  /** Resolves when `n` calls of `method` have been recorded. */
  waitFor(method: string, n: number, timeoutMs?: number): Promise<SlackCall[]>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const raw = Buffer.concat(chunks).toString('utf8');
  if ((req.headers['content-type'] ?? '').includes('application/json')) return raw ? JSON.parse(raw) : {};
  const args: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(raw)) {
    // The WebClient form-encodes arrays and objects (blocks) as JSON strings.
    args[k] = /^[[{]/.test(v) ? JSON.parse(v) : v;
  }
  return args;
}

export async function startFakeSlackApi(users: Record<string, string> = {}): Promise<FakeSlackApi> {
  const calls: SlackCall[] = [];
  let ts = 1_700_000_000;
  const waiters: (() => void)[] = [];
  const state = { socketUrl: null as string | null, down: false, holdPosts: false, hang: false };
  const held: ServerResponse[] = [];
  const heldPosts: SlackCall[] = [];
  const gates = new Map<string, Promise<void>>();
  const server: Server = createServer(async (req, res) => {
    const args = await readBody(req);
    const method = (req.url ?? '/').replace(/^\/(api\/)?/, '').split('?')[0] ?? '';
    if (state.holdPosts && method === 'chat.postMessage') {
      heldPosts.push({ method, args });
      return;
    }
    calls.push({ method: method.startsWith('respond/') ? 'respond' : method, args });
    for (const w of waiters.splice(0)) w();
    await gates.get(method);
    if (state.hang) {
      held.push(res);
      return;
    }
    if (state.down) {
      res.statusCode = 503;
      res.end('Service Unavailable');
      return;
    }
    res.setHeader('content-type', 'application/json');
    if (method.startsWith('respond/')) {
      // A response URL lasts 30 minutes and five uses; "respond/expired..." plays one that is used up.
      if (method.startsWith('respond/expired')) res.statusCode = 404;
      res.end(
        JSON.stringify(method.startsWith('respond/expired') ? { ok: false, error: 'expired_url' } : { ok: true }),
      );
      return;
    }
    switch (method) {
      case 'auth.test':
        res.end(JSON.stringify({ ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1', user: 'avropsbot' }));
        return;
      case 'users.info': {
        const id = String(args.user ?? '');
        const name = users[id];
        res.end(
          JSON.stringify(
            name
              ? { ok: true, user: { id, name: id.toLowerCase(), real_name: name, profile: { real_name: name } } }
              : { ok: false, error: 'user_not_found' },
          ),
        );
        return;
      }
      case 'apps.connections.open':
        res.end(
          JSON.stringify(state.socketUrl ? { ok: true, url: state.socketUrl } : { ok: false, error: 'no_socket' }),
        );
        return;
      case 'chat.postEphemeral':
        ts += 1;
        res.end(JSON.stringify({ ok: true, message_ts: `${ts}.000100` }));
        return;
      case 'chat.postMessage':
        ts += 1;
        res.end(JSON.stringify({ ok: true, channel: args.channel, ts: `${ts}.000100` }));
        return;
      default:
        res.end(JSON.stringify({ ok: false, error: 'unknown_method' }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  const of = (method: string) => calls.filter((c) => c.method === method);
  return {
    url,
    calls,
    get socketUrl() {
      return state.socketUrl;
    },
    set socketUrl(v: string | null) {
      state.socketUrl = v;
    },
    get down() {
      return state.down;
    },
    set down(v: boolean) {
      state.down = v;
    },
    get hang() {
      return state.hang;
    },
    set hang(v: boolean) {
      state.hang = v;
      if (v) return;
      for (const res of held.splice(0)) {
        res.statusCode = 503;
        res.end('Service Unavailable');
      }
    },
    get holdPosts() {
      return state.holdPosts;
    },
    set holdPosts(v: boolean) {
      state.holdPosts = v;
    },
    heldPosts,
    gate(method) {
      let open = () => {};
      gates.set(
        method,
        new Promise<void>((resolve) => {
          open = resolve;
        }),
      );
      return () => {
        gates.delete(method);
        open();
      };
    },
    posts: () => of('chat.postMessage').map((c) => c.args),
    responds: () => of('respond').map((c) => c.args),
    waitFor: (method, n, timeoutMs = 10_000) =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`timed out waiting for ${n} × ${method} (have ${of(method).length})`)),
          timeoutMs,
        );
        const check = () => {
          if (of(method).length >= n) {
            clearTimeout(timer);
            resolve(of(method));
          } else waiters.push(check);
        };
        check();
      }),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
