/**
 * Readiness for /readyz: every call-off's index built or loaded (started in
 * the background at start-up, so /healthz answers at once), and the register
 * answering a cheap query right now. Reasons are Swedish, for the operator.
 */
import type { App } from '../app.js';

export interface ReadinessReport {
  ready: boolean;
  reasons: string[];
}

type IndexState = { state: 'building' } | { state: 'ready' } | { state: 'failed'; error: string };

const REGISTER_TIMEOUT_MS = 2000;

export class Readiness {
  private readonly indexes = new Map<string, IndexState>();
  private stopping = false;
  private readonly checks: (() => string | null)[] = [];

  constructor(private readonly app: Pick<App, 'callOffs' | 'knowledge' | 'register' | 'logger'>) {}

  /** Builds or loads every index; failures are kept as reasons (and retried on the next /readyz). */
  start(): Promise<void> {
    return Promise.all(this.app.callOffs.map((c) => this.load(c.id))).then(() => undefined);
  }

  private async load(callOffId: string): Promise<void> {
    const callOff = this.app.callOffs.find((c) => c.id === callOffId);
    if (!callOff) return;
    this.indexes.set(callOffId, { state: 'building' });
    try {
      const summary = await this.app.knowledge.ensureIndex(callOff);
      this.indexes.set(callOffId, { state: 'ready' });
      this.app.logger.info('server: index ready', {
        callOff: callOffId,
        documents: summary.documents,
        chunks: summary.chunks,
      });
    } catch (err) {
      const error = (err as Error).message;
      this.indexes.set(callOffId, { state: 'failed', error });
      this.app.logger.error('server: index failed', { callOff: callOffId, error });
    }
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
    for (const c of this.app.callOffs) {
      const s = this.indexes.get(c.id);
      if (!s || s.state === 'building') reasons.push(`Indexet för avropet ${c.id} byggs.`);
      else if (s.state === 'failed') {
        // /readyz is unauthenticated: the reason is generic, the details are in the log.
        reasons.push(`Indexet för avropet ${c.id} kunde inte byggas (se loggen).`);
        void this.load(c.id);
      }
    }
    for (const check of this.checks) {
      const problem = check();
      if (problem) reasons.push(problem);
    }
    const registerProblem = await this.registerProblem();
    if (registerProblem) reasons.push(registerProblem);
    return { ready: reasons.length === 0, reasons };
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
