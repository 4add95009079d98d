/**
 * The buyer's web page at /admin: sign-in, the question queue, one question,
 * the FAQ preview and its downloads. Rendered on the server; every action goes
 * through app.buyer (the same use cases as the CLI), none has rules of its own.
 */
import express, { type Request, type Router } from 'express';
import { anonymise } from '../anonymise/index.js';
import type { App } from '../app.js';
import { statusCounts } from '../core/buyer.js';
import { CodedError } from '../core/errors.js';
import type { CallOff } from '../core/types.js';
import type { FaqFormat } from '../faq/export.js';
import { requireCredentials, requireCsrf, setSessionCookie } from './auth.js';
import { bulkPublish } from './bulkPublish.js';
import { adminErrorHandler } from './errorHandler.js';
import { pageContext, param, refuse, sendHtml } from './http.js';
import { oidcSignInRoutes } from './oidcSignIn.js';
import { renderFaqPage } from './pages/faq.js';
import { type QuestionView, renderQuestion } from './pages/question.js';
import { type CallOffQueue, renderQueue } from './pages/queue.js';
import { renderVerify } from './pages/verify.js';
import { questionActions } from './questionActions.js';
import { applyQueueFilter, matchesTriage, NO_FILTER, parseQueueFilter, type QueueFilter } from './queueFilter.js';
import { securityHeaders } from './securityHeaders.js';
import { DEFAULT_SESSION_LIMITS, type SessionLimits, SessionStore } from './sessions.js';
import { signInRoutes } from './signInRoutes.js';
import { DEFAULT_THROTTLE, SignInThrottle, type ThrottleSettings } from './signInThrottle.js';
import { ADMIN_CSS } from './styles.js';

export interface AdminRouterOptions {
  sessions?: Partial<SessionLimits>;
  throttle?: Partial<ThrottleSettings>;
}

/** The exporters (pdfkit, docx) load on the first FAQ request, not at start-up. */
const loadFaqExport = () => import('../faq/export.js');

const NOT_CONFIGURED =
  'Upphandlande myndighetens sida är avstängd eftersom ingen inloggning är inställd. Sätt miljövariabeln ADMIN_TOKEN ' +
  '(minst 16 tecken, t.ex. från `openssl rand -base64 32`) eller OIDC_ISSUER_URL, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET ' +
  'och OIDC_ALLOWED, och starta om avropsbot.';

export function createAdminRouter(app: App, options: AdminRouterOptions = {}): Router {
  const router = express.Router();
  const sessionLimits = { ...DEFAULT_SESSION_LIMITS, ...options.sessions };
  const adminToken = () => app.env.adminToken;
  const oidcConfig = app.env.oidc;
  // Sessions are signed with ADMIN_TOKEN, or without one (OIDC only) with the OIDC client secret.
  const sessionSecret = () => adminToken() ?? (oidcConfig ? `oidc:${oidcConfig.clientSecret}` : undefined);
  // Sign-outs go to the register's database, so every instance refuses a signed-out cookie.
  const sessions = new SessionStore(sessionSecret, sessionLimits, Date.now, app.revocations);
  const throttle = new SignInThrottle({ ...DEFAULT_THROTTLE, ...options.throttle });
  // Body parsing for this router only; Slack and Teams need their raw bodies.
  // Enough fields for a bulk publication of a whole queue (one "id" per ticked question).
  const forms = express.urlencoded({ extended: false, limit: '200kb', parameterLimit: 1000 });

  router.use(securityHeaders);
  router.use((req, res, next) => {
    if (adminToken() || oidcConfig) next();
    else refuse(req, res, 503, 'Sidan är inte aktiverad', NOT_CONFIGURED);
  });

  // The stylesheet has no personal data and is needed before sign-in.
  router.get('/admin.css', (_req, res) => {
    res.set('Cache-Control', 'public, max-age=3600').type('text/css; charset=utf-8').send(ADMIN_CSS);
  });

  if (oidcConfig) router.use(oidcSignInRoutes({ config: oidcConfig, sessions, logger: app.logger }));
  router.use(
    signInRoutes({
      oidc: oidcConfig !== undefined,
      adminToken,
      sessions,
      throttle,
      forms,
      logger: app.logger,
    }),
  );

  // ------------------------------------------------------------ everything below needs credentials
  router.use(requireCredentials({ adminToken, refuse, sessions, throttle, logger: app.logger }));
  router.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') next();
    else forms(req, res, next);
  });
  router.use(requireCsrf(refuse));

  // A browser's sign-out is in signInRoutes (it must work while the database is down); a
  // script has no session to end.
  router.post('/logga-ut', (req, res) => {
    setSessionCookie(req, res, sessions, null);
    res.redirect(303, `${req.baseUrl}/logga-in?utloggad=1`);
  });

  const callOffOf = (req: Request): CallOff => {
    const id = param(req, 'callOff');
    const callOff = app.callOffs.find((c) => c.id === id);
    if (!callOff) throw new CodedError('call_off_unknown', `Det finns inget avrop med id "${id}".`);
    return callOff;
  };

  const queueFilter = (req: Request): QueueFilter => parseQueueFilter(req.query as Record<string, unknown>);

  // One read of the register per call-off: the counts and the filtered list come from it. The
  // counts follow the outcome and search filters, so each status link says what it will show.
  const queueOf = async (callOff: CallOff, filter: QueueFilter = NO_FILTER): Promise<CallOffQueue> => {
    const all = await app.buyer.list({ callOff: callOff.id });
    return {
      callOff,
      counts: statusCounts(all.filter((e) => matchesTriage(e, filter))),
      entries: applyQueueFilter(all, filter),
    };
  };

  const questionView = async (callOff: CallOff, id: string): Promise<QuestionView> => {
    const { entry, events } = await app.buyer.show(callOff.id, id);
    return { callOff, entry, events, proposal: anonymise(entry.question, entry.asker) };
  };

  // ------------------------------------------------------------ pages
  router.get('/', async (req, res) => {
    const filter = queueFilter(req);
    const queues = await Promise.all(app.callOffs.map((c) => queueOf(c, filter)));
    sendHtml(res, 200, renderQueue(pageContext(req, res), { now: app.clock.now(), queues, filter, single: null }));
  });

  router.get('/kontroll', async (req, res) => {
    sendHtml(res, 200, renderVerify(pageContext(req, res), await app.buyer.verify()));
  });

  router.get('/:callOff', async (req, res) => {
    const callOff = callOffOf(req);
    const filter = queueFilter(req);
    const queues = [await queueOf(callOff, filter)];
    sendHtml(res, 200, renderQueue(pageContext(req, res), { now: app.clock.now(), queues, filter, single: callOff }));
  });

  // The register for the diary; personal data only when the link asks for it.
  router.get('/:callOff/register.:format', async (req, res) => {
    const callOff = callOffOf(req);
    const format = param(req, 'format');
    if (format !== 'csv' && format !== 'pdf') {
      refuse(req, res, 404, 'Okänt format', `Okänt format "${format}". Välj csv eller pdf.`);
      return;
    }
    const [{ renderRecordsCsv }, { renderRecordsPdf }, { recordsFileName }] = await Promise.all([
      import('../records/csv.js'),
      import('../records/pdf.js'),
      import('../records/rows.js'),
    ]);
    const records = await app.buyer.records(callOff.id);
    const opts = { withPersonalData: req.query.personuppgifter === '1' };
    const body = format === 'csv' ? renderRecordsCsv(records, opts) : await renderRecordsPdf(records, opts);
    res.status(200).attachment(recordsFileName(callOff.id, format));
    res.set('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : 'application/pdf');
    res.set('Cache-Control', 'no-store');
    res.send(body);
  });

  router.get('/:callOff/faq', async (req, res) => {
    const callOff = callOffOf(req);
    const { FAQ_FORMATS, renderFaq } = await loadFaqExport();
    const doc = await app.buyer.faq(callOff.id);
    const exportedHtml = (await renderFaq(doc, 'html')).toString('utf8');
    const page = renderFaqPage(pageContext(req, res), { callOff, doc, exportedHtml, formats: FAQ_FORMATS });
    sendHtml(res, 200, page);
  });

  router.get('/:callOff/faq.:format', async (req, res) => {
    const callOff = callOffOf(req);
    const format = param(req, 'format');
    const { FAQ_CONTENT_TYPES, FAQ_FORMATS, faqFileName, renderFaq } = await loadFaqExport();
    if (!(FAQ_FORMATS as readonly string[]).includes(format)) {
      refuse(req, res, 404, 'Okänt format', `Okänt format "${format}". Välj något av: ${FAQ_FORMATS.join(', ')}.`);
      return;
    }
    const doc = await app.buyer.faq(callOff.id);
    const body = await renderFaq(doc, format as FaqFormat);
    // attachment() guesses a type from the extension: the exporter's own type (with charset) goes last.
    res.status(200).attachment(faqFileName(doc, format as FaqFormat));
    res.set('Content-Type', FAQ_CONTENT_TYPES[format as FaqFormat]);
    res.send(body);
  });

  router.get('/:callOff/fragor/:id', async (req, res) => {
    const view = await questionView(callOffOf(req), param(req, 'id'));
    sendHtml(res, 200, renderQuestion(pageContext(req, res), view));
  });

  const actions = questionActions({ app, callOffOf, questionView });
  router.post('/:callOff/fragor/:id', actions.save);
  router.post('/:callOff/fragor/:id/avpublicera', actions.unpublish);
  router.post('/:callOff/publicera', bulkPublish({ app, callOffOf, queueOf }));

  // ------------------------------------------------------------ errors
  router.use((req, res) => {
    refuse(req, res, 404, 'Sidan finns inte', 'Sidan finns inte.');
  });
  router.use(adminErrorHandler(app.logger));

  return router;
}
