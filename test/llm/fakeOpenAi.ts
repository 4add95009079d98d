/**
 * A small OpenAI-compatible server on 127.0.0.1 (random port) for tests and
 * benchmarks: /v1/chat/completions (plain text, json_schema / json_object
 * response formats and forced function calls), /v1/embeddings (float or
 * base64), scripted failures (status codes with headers, hangs, latency), and a
 * log of every request body so tests can assert what was sent.
 */
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRequest {
  method: string;
  /** Path without the query string. */
  path: string;
  /** Path and query as received. */
  url: string;
  headers: http.IncomingHttpHeaders;
  body: Record<string, unknown>;
}

/** What the fake does with one chat request. */
export type ChatReply =
  /** The structured object, delivered as the request asks: tool call or JSON content. */
  | { kind: 'structured'; value: unknown }
  /** Raw assistant content, as is. */
  | { kind: 'text'; content: string }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Accepts the request and never answers (until the server closes). */
  | { kind: 'hang' };

export type ChatHandler = (req: FakeRequest, index: number) => ChatReply | Promise<ChatReply>;

export interface FakeOpenAiOptions {
  chat?: ChatHandler;
  /** Embedding size; default 64. */
  dimensions?: number;
  /** 'request' (default) answers in the requested encoding_format (absent = float, like the API). */
  embeddingFormat?: 'request' | 'float' | 'base64';
  /** Added to every response. */
  latencyMs?: number;
}

export interface FakeOpenAi {
  /** Base URL including /v1, for OPENAI_BASE_URL. */
  readonly url: string;
  /** http://127.0.0.1:port, for Azure-style paths (/openai/v1, /openai/deployments/...). */
  readonly origin: string;
  readonly requests: FakeRequest[];
  chatRequests(): FakeRequest[];
  embeddingRequests(): FakeRequest[];
  setChat(handler: ChatHandler): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export async function startFakeOpenAi(options: FakeOpenAiOptions = {}): Promise<FakeOpenAi> {
  let chat: ChatHandler = options.chat ?? (() => ({ kind: 'text', content: 'ok' }));
  let latencyMs = options.latencyMs ?? 0;
  const dimensions = options.dimensions ?? 64;
  const requests: FakeRequest[] = [];
  let chatCount = 0;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void (async () => {
        let body: Record<string, unknown> = {};
        try {
          body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as Record<string, unknown>;
        } catch {
          return send(res, 400, { error: { message: 'invalid JSON', type: 'invalid_request_error' } });
        }
        const path = (req.url ?? '').split('?')[0] ?? '';
        const record: FakeRequest = { method: req.method ?? '', path, url: req.url ?? '', headers: req.headers, body };
        requests.push(record);
        if (latencyMs > 0) await sleep(latencyMs);
        if (path.endsWith('/chat/completions')) {
          const reply = await chat(record, chatCount++);
          return answerChat(res, body, reply);
        }
        if (path.endsWith('/embeddings')) return answerEmbeddings(res, body, dimensions, options.embeddingFormat);
        send(res, 404, { error: { message: `no route ${path}`, type: 'invalid_request_error' } });
      })().catch((err: unknown) => send(res, 500, { error: { message: String(err), type: 'server_error' } }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    origin: `http://127.0.0.1:${port}`,
    requests,
    chatRequests: () => requests.filter((r) => r.path.endsWith('/chat/completions')),
    embeddingRequests: () => requests.filter((r) => r.path.endsWith('/embeddings')),
    setChat(handler) {
      chat = handler;
    },
    setLatency(ms) {
      latencyMs = ms;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function answerChat(res: http.ServerResponse, body: Record<string, unknown>, reply: ChatReply): void {
  if (reply.kind === 'hang') return;
  if (reply.kind === 'status') {
    send(
      res,
      reply.status,
      reply.body ?? { error: { message: `status ${reply.status}`, type: 'server_error' } },
      reply.headers,
    );
    return;
  }
  const model = typeof body['model'] === 'string' ? body['model'] : 'fake';
  const message: Record<string, unknown> = { role: 'assistant', content: null };
  let finish = 'stop';
  if (reply.kind === 'text') {
    message['content'] = reply.content;
  } else if (Array.isArray(body['tools']) && body['tools'].length > 0) {
    // Forced function calling: answer with a call to the named (or only) tool.
    const choice = body['tool_choice'] as { function?: { name?: string } } | undefined;
    const first = body['tools'][0] as { function?: { name?: string } };
    const name = choice?.function?.name ?? first.function?.name ?? 'extract';
    message['tool_calls'] = [
      { id: 'call_1', type: 'function', function: { name, arguments: JSON.stringify(reply.value) } },
    ];
    finish = 'tool_calls';
  } else {
    message['content'] = JSON.stringify(reply.value);
  }
  send(res, 200, {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [{ index: 0, message, finish_reason: finish, logprobs: null }],
    usage: { prompt_tokens: 10, completion_tokens: 10, total_tokens: 20 },
  });
}

function answerEmbeddings(
  res: http.ServerResponse,
  body: Record<string, unknown>,
  dimensions: number,
  format: FakeOpenAiOptions['embeddingFormat'],
): void {
  const input = body['input'];
  const texts = Array.isArray(input) ? input.map(String) : [String(input ?? '')];
  const requested = body['encoding_format'] === 'base64' ? 'base64' : 'float';
  const encoding = format === undefined || format === 'request' ? requested : format;
  const data = texts.map((text, index) => {
    const vector = fakeEmbedding(text, dimensions);
    const embedding = encoding === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  send(res, 200, {
    object: 'list',
    data,
    model: body['model'] ?? 'fake-embedding',
    usage: { prompt_tokens: texts.length, total_tokens: texts.length },
  });
}

/**
 * Deterministic, meaningful vectors: hashed character trigrams of the lower-cased
 * words, L2-normalised, so texts sharing words are close (retrieval tests work).
 */
export function fakeEmbedding(text: string, dimensions: number): number[] {
  const v = new Array<number>(dimensions).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const h = createHash('md5')
        .update(padded.slice(i, i + 3))
        .digest();
      const slot = h.readUInt32LE(0) % dimensions;
      v[slot] = (v[slot] as number) + ((h[4] as number) & 1 ? 1 : -1);
    }
  }
  const norm = Math.sqrt(v.reduce((s, x) => s + x * x, 0)) || 1;
  return v.map((x) => Math.fround(x / norm));
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if (res.writableEnded || res.destroyed) return;
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
