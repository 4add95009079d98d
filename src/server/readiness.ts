/**
 * Readiness for /readyz: the index of every call-off still taking questions
 * on disk and current (built off the event loop at start-up, so /healthz and
 * the chat acks are answered at once), each configured chat channel
 * connected, and the register answering a cheap query right now. Call-offs
 * whose question period has ended are not prepared: no question will need
 * them. Reasons are Swedish, for the operator.
 */
import type { App } from '../app.js';
import { isQuestionLate } from '../core/deadline.js';
import type { CallOff } from '../core/types.js';

/** A chat channel: up, down (and retried), or off (not configured). */
export type ChannelState = 'up' | 'down' | 'off';

export interface ReadinessReport {
  ready: boolean;
  reasons: string[];
  /** Call-offs whose index is still being built or waits to be, the one in progress first. */
  building: string[];
  channels: Record<string, ChannelState>;
}

type IndexState = { state: 'building' } | { state: 'ready' } | { state: 'closed' } | { state: 'failed'; error: string };

const REGISTER_TIMEOUT_MS = 2000;

export class Readiness {
  private readonly indexes = new Map<string, IndexState>();
  private readonly channels = new Map<string, { state: ChannelState; reason: string | null }>();
  private stopping = false;
  private readonly checks: (() => string | null)[] = [];

  constructor(private readonly app: Pick<App, 'callOffs' | 'knowledge' | 'register' | 'logger' | 'clock'>) {}

  /**
   * Prepares the index of every call-off still taking questions (one at a time
   * in the build worker); failures are kept as reasons and retried on the next /readyz.
   */
  start(): Promise<void> {
    const now = this.app.clock.now();
    const open: CallOff[] = [];
    for (const callOff of this.app.callOffs) {
      if (isQuestionLate(callOff, now)) this.indexes.set(callOff.id, { state: 'closed' });
      else open.push(callOff);
    }
    const closed = this.app.callOffs.length - open.length;
    if (closed > 0) {
      this.app.logger.info('server: indexes of call-offs past their question deadline are not prepared', {
        count: closed,
      });
    }
    for (const callOff of open) this.indexes.set(callOff.id, { state: 'building' });
    return Promise.all(open.map((c) => this.load(c))).then(() => undefined);
  }

  private async load(callOff: CallOff): Promise<void> {
    this.indexes.set(callOff.id, { state: 'building' });
    try {
      const summary = await this.app.knowledge.prepare(callOff);
      this.indexes.set(callOff.id, { state: 'ready' });
      this.app.logger.info('server: index ready', {
        callOff: callOff.id,
        documents: summary.documents,
        chunks: summary.chunks,
        rebuilt: summary.rebuilt,
      });
    } catch (err) {
      const error = (err as Error).message;
      this.indexes.set(callOff.id, { state: 'failed', error });
      if (!this.stopping) this.app.logger.error('server: index failed', { callOff: callOff.id, error });
    }
  }

  /** A chat channel's state; `reason` (Swedish) says why it is down. */
  setChannel(name: string, state: ChannelState, reason: string | null = null): void {
    this.channels.set(name, { state, reason });
  }

  /** Another condition for readiness: returns the reason it is not ready, or null. */
  addCheck(check: () => string | null): void {
    this.checks.push(check);
  }

  markStopping(): void {
    this.stopping = true;
  }

  async check(): Promise<ReadinessReport> {
    const reasons: string[] = [];
    if (this.stopping) reasons.push('Servern stängs ner.');
    const building = this.building();
    for (const id of building) reasons.push(`Indexet för avropet ${id} byggs.`);
    for (const c of this.app.callOffs) {
      const s = this.indexes.get(c.id);
      if (s?.state === 'failed') {
        // /readyz is unauthenticated: the reason is generic, the details are in the log.
        reasons.push(`Indexet för avropet ${c.id} kunde inte byggas (se loggen).`);
        if (!this.stopping) void this.load(c);
      }
    }
    const channels: Record<string, ChannelState> = {};
    for (const [name, { state, reason }] of this.channels) {
      channels[name] = state;
      if (state === 'down') reasons.push(reason ?? `Kanalen ${name} är inte ansluten.`);
    }
    for (const check of this.checks) {
      const problem = check();
      if (problem) reasons.push(problem);
    }
    const registerProblem = await this.registerProblem();
    if (registerProblem) reasons.push(registerProblem);
    return { ready: reasons.length === 0, reasons, building, channels };
  }

  /** Not yet prepared (or not yet started), in the build worker's order where it has one. */
  private building(): string[] {
    const waiting = this.app.callOffs
      .map((c) => c.id)
      .filter((id) => {
        const s = this.indexes.get(id);
        return !s || s.state === 'building';
      });
    const order = this.app.knowledge.buildsPending();
    const rank = (id: string) => {
      const at = order.indexOf(id);
      return at < 0 ? order.length : at;
    };
    return waiting.sort((a, b) => rank(a) - rank(b));
  }

  private async registerProblem(): Promise<string | null> {
    const first = this.app.callOffs[0];
    if (!first) return 'Inga avrop är konfigurerade.';
    let timer: NodeJS.Timeout | undefined;
    try {
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('svarar inte inom 2 s')), REGISTER_TIMEOUT_MS);
      });
      await Promise.race([this.app.register.published(first.id), timeout]);
      return null;
    } catch (err) {
      // Connection strings and file paths stay in the log, not on the public route.
      this.app.logger.warn('server: register not ready', { error: (err as Error).message });
      return 'Frågeregistret svarar inte (se loggen).';
    } finally {
      clearTimeout(timer);
    }
  }
}
