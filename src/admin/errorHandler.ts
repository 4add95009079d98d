/**
 * The last stop for /admin errors: a Swedish message for people, the right
 * status for scripts, and never an internal message or stack trace in a page.
 */
import type { ErrorRequestHandler } from 'express';
import { CodedError, isUserError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';
import { wantsHtml } from './auth.js';
import { pageContext, refuse } from './http.js';
import { renderError } from './pages/errors.js';

/** Seconds a script should wait before retrying when the register's database is down. */
const RETRY_AFTER_SECONDS = 30;

export function adminErrorHandler(logger: Logger): ErrorRequestHandler {
  return (err: unknown, req, res, _next) => {
    const e = err as { type?: string; status?: number } | null;
    if (e?.type === 'entity.too.large') {
      refuse(req, res, 413, 'För mycket text', 'Formuläret innehöll för mycket text. Korta texten och försök igen.');
      return;
    }
    if (e?.status === 400 && e.type) {
      refuse(req, res, 400, 'Felaktig begäran', 'Formuläret kunde inte läsas. Ladda om sidan och försök igen.');
      return;
    }
    if (err instanceof CodedError && (err.code === 'entry_not_found' || err.code === 'call_off_unknown')) {
      if (!wantsHtml(req)) {
        res.status(404).type('text/plain; charset=utf-8').send(err.message);
        return;
      }
      const ctx = res.locals.credentials ? pageContext(req, res) : null;
      res
        .status(404)
        .type('html')
        .send(renderError(ctx, req.baseUrl, 'Hittades inte', err.message));
      return;
    }
    // The register's database is down or its disk failed: not the buyer's fault and
    // not a bug either; the same action will work once the database is back.
    if (err instanceof CodedError && err.code === 'register_unavailable') {
      logger.error('admin page failed: register unavailable', {
        path: req.route?.path ?? req.path,
        error: err.message,
      });
      res.set('Retry-After', String(RETRY_AFTER_SECONDS));
      refuse(
        req,
        res,
        503,
        'Frågeregistret är inte tillgängligt',
        'Frågeregistret kan inte nås just nu. Inget har ändrats. Försök igen om en stund.',
      );
      return;
    }
    if (isUserError(err)) {
      refuse(req, res, 400, 'Felaktig begäran', err.message);
      return;
    }
    logger.error('admin page failed', {
      path: req.route?.path ?? req.path,
      error: err instanceof Error ? err.message : String(err),
    });
    refuse(req, res, 500, 'Något gick fel', 'Ett internt fel inträffade. Försök igen om en stund.');
  };
}
