/**
 * Publishing several questions from the queue in one action (one POST with
 * the CSRF token). All or nothing as far as the buyer can see: when a selected
 * question has no official answer (or is already published), nothing is
 * published and the queue comes back with the refusal naming them and the
 * selection kept. Otherwise each is published through app.buyer, each with its
 * own audit event and FAQ number, in receipt order.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { App } from '../app.js';
import { isUserError } from '../core/errors.js';
import { normaliseReceiptId, receiptNumber } from '../core/registerRules.js';
import type { CallOff, RegisterEntry } from '../core/types.js';
import { actorOf, credentialsOf } from './auth.js';
import { pageContext, sendHtml } from './http.js';
import { type CallOffQueue, renderQueue } from './pages/queue.js';
import { callOffPath } from './paths.js';
import { NO_FILTER } from './queueFilter.js';
import type { Notice } from './sessions.js';

export interface BulkPublishDeps {
  app: App;
  callOffOf(req: Request): CallOff;
  queueOf(callOff: CallOff): Promise<CallOffQueue>;
}

/** The ticked receipt ids: one "id" field per checkbox (a urlencoded array, or a single string). */
function selectedIds(req: Request): string[] {
  const v = (req.body as Record<string, unknown> | undefined)?.id;
  const list = Array.isArray(v) ? v : v === undefined ? [] : [v];
  const ids = list.filter((x): x is string => typeof x === 'string').map(normaliseReceiptId);
  return [...new Set(ids)].sort((a, b) => (receiptNumber(a) ?? 0) - (receiptNumber(b) ?? 0));
}

/** "F-0001", "F-0001 och F-0002", "F-0001, F-0002 och F-0003". */
export function swedishList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} och ${items.at(-1)}`;
}

export function bulkPublish(deps: BulkPublishDeps): RequestHandler {
  const { app, callOffOf, queueOf } = deps;

  const showQueue = async (
    req: Request,
    res: Response,
    callOff: CallOff,
    status: number,
    notices: Notice[],
    selected: string[],
  ) => {
    const ctx = pageContext(req, res, notices);
    const queue = await queueOf(callOff);
    sendHtml(
      res,
      status,
      renderQueue(ctx, {
        now: app.clock.now(),
        queues: [queue],
        filter: NO_FILTER,
        single: callOff,
        selected: new Set(selected),
      }),
    );
  };

  return async (req, res) => {
    const callOff = callOffOf(req);
    const ids = selectedIds(req);
    if (ids.length === 0) {
      await showQueue(req, res, callOff, 400, [{ kind: 'error', text: 'Markera minst en fråga att publicera.' }], []);
      return;
    }
    const entries: RegisterEntry[] = [];
    const missing: string[] = [];
    for (const id of ids) {
      const entry = await app.register.get(callOff.id, id);
      if (entry) entries.push(entry);
      else missing.push(id);
    }
    const unanswered = entries.filter((e) => e.status === 'received' || !e.answer).map((e) => e.id);
    const already = entries.filter((e) => e.status === 'published').map((e) => e.id);
    const problems = [
      ...(missing.length ? [`${swedishList(missing)} finns inte i ${callOff.reference}.`] : []),
      ...(unanswered.length
        ? [
            `${swedishList(unanswered)} ${unanswered.length === 1 ? 'har' : 'har'} inget officiellt svar ännu. ` +
              'Skriv och spara svaret först, eller avmarkera frågan.',
          ]
        : []),
      ...(already.length
        ? [`${swedishList(already)} är redan ${already.length === 1 ? 'publicerad' : 'publicerade'}.`]
        : []),
    ];
    if (problems.length > 0) {
      const text = `Inget publicerades. ${problems.join(' ')}`;
      await showQueue(req, res, callOff, 409, [{ kind: 'error', text }], ids);
      return;
    }
    let result: Awaited<ReturnType<App['buyer']['publish']>>;
    try {
      result = await app.buyer.publish(callOff.id, ids, actorOf(credentialsOf(res)));
    } catch (err) {
      // Changed by someone else in between: say what the core says; what was published before stays published.
      if (!isUserError(err)) throw err;
      await showQueue(req, res, callOff, 409, [{ kind: 'error', text: err.message }], ids);
      return;
    }
    const done = result.entries.map((e) => `${e.id} (nr ${e.faqNumber})`);
    const notices: Notice[] = [
      { kind: 'ok', text: `Publicerade i frågor och svar: ${swedishList(done)}.` },
      ...result.warnings.map((w) => ({ kind: 'warning' as const, text: w })),
    ];
    const creds = credentialsOf(res);
    if (creds.kind === 'session') {
      creds.session.notices.add(...notices);
      res.redirect(303, callOffPath(req.baseUrl, callOff.id));
      return;
    }
    await showQueue(req, res, callOff, 200, notices, []);
  };
}
