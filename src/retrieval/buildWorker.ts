/**
 * The index build process (a child of `serve`, see offThreadBuilder.ts):
 * ingest, analysis, BM25 and the vector index are CPU work that would stall
 * `serve`'s event loop for seconds, so they run here. The worker writes the index to the data dir
 * (the same atomic generations as an in-process build) and answers with a
 * summary; the server loads the index from disk when a question needs it.
 *
 * A remote embedder (an HTTP endpoint with its cache and circuit breaker)
 * stays in the main thread: the worker asks for vectors by message. The
 * offline hashed embedder is pure CPU, so the worker runs its own.
 */
import type { Embedder, LogFields, Logger } from '../core/ports.js';
import type { CallOff } from '../core/types.js';
import { HashedEmbedder } from './hashedEmbedder.js';
import { KnowledgeBase } from './knowledgeBase.js';
import { BUILD_WORKER_DATA, type BuildWorkerData, type FromWorker, type ToWorker } from './offThreadBuilder.js';

const ipc = process.send?.bind(process);
const raw = process.env[BUILD_WORKER_DATA];
if (!ipc || !raw) throw new Error('buildWorker runs only as the child process of an index builder');
const data = JSON.parse(raw) as BuildWorkerData;

const send = (message: FromWorker) => {
  ipc(message);
};
// The server went away (crash, kill -9): nothing left to build for.
process.on('disconnect', () => process.exit(0));

const log =
  (level: 'debug' | 'info' | 'warn' | 'error') =>
  (msg: string, fields?: LogFields): void =>
    send({ type: 'log', level, msg, ...(fields ? { fields } : {}) });
const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };

const waiting = new Map<number, { resolve: (v: number[][]) => void; reject: (e: Error) => void }>();
let nextRequest = 0;

/** The main thread's embedder, by message: same id and size, so the index key is the same. */
function remoteEmbedder(id: string, dimensions: number): Embedder {
  return {
    id,
    dimensions,
    embed(texts: string[]): Promise<number[][]> {
      const request = ++nextRequest;
      return new Promise((resolve, reject) => {
        waiting.set(request, { resolve, reject });
        send({ type: 'embed', request, texts });
      });
    },
  };
}

const embedder =
  data.embedder.kind === 'hashed' ? new HashedEmbedder() : remoteEmbedder(data.embedder.id, data.embedder.dimensions);
// One index at a time and none kept: the process's memory is released when it ends.
const kb = new KnowledgeBase({ dataDir: data.dataDir, logger, embedder, maxLoaded: 1 });

async function build(job: number, callOff: CallOff, force: boolean): Promise<void> {
  try {
    const result = await kb.buildOnDisk(callOff, force);
    send({ type: 'done', job, result });
  } catch (err) {
    const e = err as Error & { code?: string };
    send({ type: 'failed', job, error: e.message, ...(typeof e.code === 'string' ? { code: e.code } : {}) });
  }
}

process.on('message', (message: ToWorker) => {
  if (message.type === 'build') {
    void build(message.job, message.callOff, message.force);
    return;
  }
  const waiter = waiting.get(message.request);
  if (!waiter) return;
  waiting.delete(message.request);
  if (message.vectors) waiter.resolve(message.vectors);
  else waiter.reject(new Error(message.error ?? 'embedding failed'));
});
