/**
 * Runs index builds in a child process (see buildWorker.ts), one call-off at
 * a time, so that `serve` keeps acking Slack and Teams and answering /healthz
 * while 50 call-offs are indexed. The process is started when there is work
 * and ended when the queue is empty. A process rather than a worker thread:
 * a thread's native allocations (PDF parsing, hnswlib graphs) stay in the
 * server's malloc arenas after it ends, ~45 MB of resident memory kept for
 * good; a process gives everything back when it exits.
 *
 * From dist/ the child runs the compiled buildWorker.js. From the sources
 * (tsx, vitest) it is started with tsx's loader.
 */
import type { ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CodedError } from '../core/errors.js';
import type { Embedder, LogFields, Logger } from '../core/ports.js';
import type { CallOff } from '../core/types.js';
import type { IndexSummary } from './knowledgeBase.js';

/** What a build leaves behind: the summary and the key the index was written under. */
export interface BuildResult {
  summary: IndexSummary;
  key: string;
  /** The knowledge files' stat signature the key was computed for. */
  signature: string;
}

export type EmbedderSpec = { kind: 'hashed' } | { kind: 'remote'; id: string; dimensions: number };

export interface BuildWorkerData {
  dataDir: string;
  embedder: EmbedderSpec;
}

export type ToWorker =
  | { type: 'build'; job: number; callOff: CallOff; force: boolean }
  | { type: 'embedded'; request: number; vectors?: number[][]; error?: string };

export type FromWorker =
  | { type: 'done'; job: number; result: BuildResult }
  | { type: 'failed'; job: number; error: string; code?: string }
  | { type: 'embed'; request: number; texts: string[] }
  | { type: 'log'; level: 'debug' | 'info' | 'warn' | 'error'; msg: string; fields?: LogFields };

export interface OffThreadBuilderOptions {
  dataDir: string;
  /** Used for vectors by message unless `hashed` (then the worker embeds by itself). */
  embedder: Embedder;
  hashed: boolean;
  logger: Logger;
}

/**
 * Builds per process before it is replaced by a fresh one. Each build leaves an
 * hnswlib graph behind (~3 MB outside the JavaScript heap, freed only when V8
 * collects its wrapper, which a small heap rarely does); ending the process
 * frees them all. Starting one costs ~0.2 s from dist/.
 */
const BUILDS_PER_WORKER = 8;

interface Job {
  id: number;
  callOff: CallOff;
  force: boolean;
  promise: Promise<BuildResult>;
  resolve: (r: BuildResult) => void;
  reject: (e: Error) => void;
}

/** The environment variable that carries BuildWorkerData to the child (JSON). */
export const BUILD_WORKER_DATA = 'AVROPSBOT_BUILD_WORKER';

export function spawnBuildWorker(data: BuildWorkerData): ChildProcess {
  const here = import.meta.url;
  // Required here, not imported at the top: node:child_process costs every `ask` ~7 ms to
  // load, and only `serve` (and a worker's first build) ever starts a child.
  const { fork } = createRequire(here)('node:child_process') as typeof import('node:child_process');
  const fromSources = here.endsWith('.ts');
  const entry = fileURLToPath(new URL(fromSources ? './buildWorker.ts' : './buildWorker.js', here));
  // What `node --import tsx` loads, by absolute path: the child may run in any working directory.
  const execArgv = fromSources ? ['--import', pathToFileURL(createRequire(here).resolve('tsx')).href] : [];
  return fork(entry, [], {
    execArgv,
    // Structured clone, as between threads: call-offs, vectors and summaries cross as they are.
    serialization: 'advanced',
    env: { ...process.env, [BUILD_WORKER_DATA]: JSON.stringify(data) },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
}

export class OffThreadBuilder {
  private worker: ChildProcess | null = null;
  private readonly queue: Job[] = [];
  private current: Job | null = null;
  private nextJob = 0;
  private buildsInWorker = 0;
  private closed = false;

  constructor(private readonly opts: OffThreadBuilderOptions) {}

  /**
   * Queues a build (force: even when the index on disk is current). A call-off
   * already in the queue is not queued twice; `urgent` (a question waits for
   * it) moves it to the front, ahead of call-offs nobody is asking about.
   */
  build(callOff: CallOff, force: boolean, urgent = false): Promise<BuildResult> {
    if (this.closed) return Promise.reject(stopped());
    const queued = this.queue.find((j) => j.callOff.id === callOff.id);
    if (queued) {
      queued.force ||= force;
      queued.callOff = callOff;
      if (urgent) this.hurry(callOff.id);
      return queued.promise;
    }
    let resolve!: (r: BuildResult) => void;
    let reject!: (e: Error) => void;
    const promise = new Promise<BuildResult>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const job: Job = { id: ++this.nextJob, callOff, force, promise, resolve, reject };
    if (urgent) this.queue.unshift(job);
    else this.queue.push(job);
    this.pump();
    return promise;
  }

  /** Moves a queued call-off to the front (a question waits for it); one being built already is left alone. */
  hurry(callOffId: string): void {
    const at = this.queue.findIndex((j) => j.callOff.id === callOffId);
    if (at > 0) this.queue.unshift(...this.queue.splice(at, 1));
  }

  /** The call-offs being built or waiting for the worker, the one being built first. */
  pending(): string[] {
    return [...(this.current ? [this.current.callOff.id] : []), ...this.queue.map((j) => j.callOff.id)];
  }

  /** Ends the worker; builds not finished are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(stopped());
    const current = this.current;
    this.current = null;
    current?.reject(stopped());
    const worker = this.worker;
    this.worker = null;
    if (worker) await end(worker);
  }

  private pump(): void {
    if (this.current || this.closed) return;
    const job = this.queue.shift();
    if (!job) {
      // Nothing left: the worker's heap is given back rather than kept idle.
      const idle = this.worker;
      this.worker = null;
      if (idle) void end(idle);
      return;
    }
    this.current = job;
    if (this.worker && this.buildsInWorker >= BUILDS_PER_WORKER) {
      const old = this.worker;
      this.worker = null;
      void end(old);
    }
    const message: ToWorker = { type: 'build', job: job.id, callOff: job.callOff, force: job.force };
    reply(this.worker ?? this.spawn(), message);
    this.buildsInWorker++;
  }

  private spawn(): ChildProcess {
    const embedder: EmbedderSpec = this.opts.hashed
      ? { kind: 'hashed' }
      : { kind: 'remote', id: this.opts.embedder.id, dimensions: this.opts.embedder.dimensions };
    const worker = spawnBuildWorker({ dataDir: this.opts.dataDir, embedder });
    this.buildsInWorker = 0;
    worker.on('message', (m: FromWorker) => this.onMessage(worker, m));
    worker.on('error', (err) => this.onLost(worker, err.message));
    worker.on('exit', (code, signal) => this.onLost(worker, signal ? `signal ${signal}` : `exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  private onMessage(worker: ChildProcess, m: FromWorker): void {
    switch (m.type) {
      case 'log':
        this.opts.logger[m.level](m.msg, { ...m.fields, process: 'index-build' });
        return;
      case 'embed':
        this.opts.embedder.embed(m.texts).then(
          (vectors) => reply(worker, { type: 'embedded', request: m.request, vectors }),
          (err: Error) => reply(worker, { type: 'embedded', request: m.request, error: err.message }),
        );
        return;
      case 'done':
      case 'failed': {
        const job = this.current;
        if (!job || job.id !== m.job) return;
        this.current = null;
        if (m.type === 'done') job.resolve(m.result);
        else job.reject(new CodedError('index_unavailable', m.error));
        this.pump();
        return;
      }
    }
  }

  /** The worker died (a crash, out of memory): its build fails, the next ones get a new worker. */
  private onLost(worker: ChildProcess, why: string): void {
    if (worker !== this.worker) return;
    this.worker = null;
    this.opts.logger.error('index build process stopped', { error: why });
    const job = this.current;
    this.current = null;
    job?.reject(new CodedError('index_unavailable', `Indexbygget för ${job.callOff.id} avbröts (${why}).`));
    this.pump();
  }
}

function reply(worker: ChildProcess, message: ToWorker): void {
  // The process may have been ended meanwhile (server closing): nothing to answer.
  if (!worker.connected) return;
  worker.send(message, (err) => {
    if (err) worker.kill();
  });
}

/** Ends a build process and waits until it has. */
function end(worker: ChildProcess): Promise<void> {
  if (worker.exitCode !== null || worker.signalCode !== null) return Promise.resolve();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  worker.kill();
  return exited;
}

const stopped = () => new CodedError('index_unavailable', 'Servern stängs ner; indexet byggs inte klart.');
