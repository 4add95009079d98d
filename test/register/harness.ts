/**
 * Test helpers shared by the register suites: a logger that remembers what it
 * was told (to prove no question text or name is logged), sample inputs, and
 * a runner for writer processes.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Logger, NewQuestion } from '../../src/core/ports.js';

export interface CapturingLogger extends Logger {
  lines: string[];
}

export function capturingLogger(): CapturingLogger {
  const lines: string[] = [];
  const log = (level: string) => (msg: string, fields?: Record<string, unknown>) => {
    lines.push(`${level} ${msg} ${JSON.stringify(fields ?? {})}`);
  };
  return { lines, debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error') };
}

export function question(overrides: Partial<NewQuestion> = {}): NewQuestion {
  return {
    callOff: 'avrop-a',
    asker: { channel: 'slack', userId: 'U123', name: 'Åsa Öberg', org: 'Konsultbolaget Nord AB' },
    question: 'Hej, jag heter Åsa Öberg på Konsultbolaget Nord AB. Hur många CV får vi lämna?',
    publicQuestion: 'Hur många CV får en leverantör lämna?',
    receivedAt: '2026-01-26T09:00:00.000Z',
    deliveryId: null,
    ...overrides,
  };
}

const here = path.dirname(fileURLToPath(import.meta.url));
export const WRITER_SCRIPT = path.join(here, 'writer.ts');
const projectRoot = path.resolve(here, '../..');

export interface WriterJob {
  dataDir: string;
  databaseUrl?: string;
  callOff: string;
  /** Delivery ids to receive, in order. */
  deliveries: string[];
  /** Answer and publish every entry this writer created. */
  publish?: boolean;
  /** Random pause (0..pauseMs) before each write, so two writers interleave. */
  pauseMs?: number;
}

export interface WriterProcess {
  child: ChildProcessWithoutNullStreams;
  /** Lines printed so far ("ACK F-0001 d-1", "FAQ F-0001 3", "DONE"). */
  lines: string[];
  /** Resolves when a line matching `pred` has been printed. */
  waitFor(pred: (line: string) => boolean, timeoutMs?: number): Promise<void>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>;
}

/** Starts `node --import tsx writer.ts` as a separate OS process; it waits for "go" on stdin. */
export function startWriter(job: WriterJob): WriterProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITER_SCRIPT, JSON.stringify(job)], {
    cwd: projectRoot,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { pred: (l: string) => boolean; resolve: () => void }[] = [];
  let buffer = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffer += chunk;
    let nl = buffer.indexOf('\n');
    while (nl >= 0) {
      const line = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      lines.push(line);
      for (const w of [...waiters]) {
        if (w.pred(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve();
        }
      }
      nl = buffer.indexOf('\n');
    }
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
  return {
    child,
    lines,
    exited,
    waitFor(pred, timeoutMs = 60_000) {
      if (lines.some(pred)) return Promise.resolve();
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`writer did not print the expected line in time; stderr:\n${stderr}`)),
          timeoutMs,
        );
        waiters.push({
          pred,
          resolve: () => {
            clearTimeout(timer);
            resolve();
          },
        });
        void exited.then(({ code, signal }) => {
          clearTimeout(timer);
          if (!lines.some(pred)) reject(new Error(`writer exited (${code ?? signal}) early; stderr:\n${stderr}`));
        });
      });
    },
  };
}
