/**
 * The buyer's actions on one question, posted from its page: save the public
 * wording and the official answer, publish, unpublish. Each goes through
 * app.buyer; a refusal shows the page again with the core's Swedish message
 * and everything the buyer typed, so nothing is lost.
 */
import type { Request, RequestHandler, Response } from 'express';
import type { App } from '../app.js';
import { type CodedError, isUserError } from '../core/errors.js';
import type { CallOff, RegisterEntry } from '../core/types.js';
import { actorOf, credentialsOf } from './auth.js';
import { bodyField, pageContext, param, sendHtml } from './http.js';
import { type QuestionView, renderQuestion } from './pages/question.js';
import { questionPath } from './paths.js';
import type { Notice } from './sessions.js';

export interface QuestionActionDeps {
  app: App;
  callOffOf(req: Request): CallOff;
  questionView(callOff: CallOff, id: string): Promise<QuestionView>;
}

const MASKED_WARNING =
  'Formuleringen innehöll uppgifter som kan röja leverantören (namn, kontaktuppgifter eller liknande). ' +
  'De har maskerats – kontrollera texten.';

/** A saved change to a published item is a correction: say that it stayed published and is marked. */
function savedText(before: RegisterEntry, text: string): string {
  if (before.status !== 'published') return text;
  return (
    `Den publicerade frågan nr ${before.faqNumber ?? '?'} (${before.id}) är ändrad och fortfarande publicerad. ` +
    'Frågor och svar visar ”Ändrad” med dagens datum; historiken sparar den tidigare versionen.'
  );
}

export function questionActions(deps: QuestionActionDeps): { save: RequestHandler; unpublish: RequestHandler } {
  const { app, callOffOf, questionView } = deps;

  /**
   * After an action: browsers get the notices through the session and a
   * redirect (a reload does not repeat the action); scripts get the page.
   */
  const done = async (req: Request, res: Response, callOff: CallOff, entry: RegisterEntry, notices: Notice[]) => {
    const creds = credentialsOf(res);
    if (creds.kind === 'session') {
      creds.session.notices.add(...notices);
      res.redirect(303, questionPath(req.baseUrl, callOff.id, entry.id));
      return;
    }
    sendHtml(res, 200, renderQuestion(pageContext(req, res, notices), await questionView(callOff, entry.id)));
  };

  const refused = async (
    req: Request,
    res: Response,
    callOff: CallOff,
    id: string,
    err: CodedError,
    draft?: QuestionView['draft'],
  ) => {
    const view = await questionView(callOff, id);
    const ctx = pageContext(req, res, [{ kind: 'error', text: err.message }]);
    sendHtml(
      res,
      err.code === 'invalid_transition' ? 409 : 400,
      renderQuestion(ctx, { ...view, ...(draft ? { draft } : {}) }),
    );
  };

  const save: RequestHandler = async (req, res) => {
    const callOff = callOffOf(req);
    const { entry } = await app.buyer.show(callOff.id, param(req, 'id'));
    const publicQuestion = bodyField(req, 'publicQuestion');
    const answer = bodyField(req, 'answer');
    const publish = bodyField(req, 'action') === 'publish';
    const notices: Notice[] = [];
    try {
      const wordingChanged = publicQuestion !== undefined && publicQuestion.trim() !== entry.publicQuestion;
      const answerText = answer?.trim();
      const answerChanged = answerText !== undefined && answerText !== (entry.answer ?? '');
      if (answerChanged && (answerText !== '' || entry.answer !== null)) {
        // An emptied answer goes to the core too: it explains why that is refused.
        const input = { answer: answerText ?? '', ...(wordingChanged ? { publicQuestion } : {}) };
        await app.buyer.answer(callOff.id, entry.id, input, actorOf(credentialsOf(res)));
        notices.push({ kind: 'ok', text: savedText(entry, `Det officiella svaret på ${entry.id} är sparat.`) });
      } else if (wordingChanged) {
        await app.buyer.editPublicQuestion(callOff.id, entry.id, publicQuestion ?? '', actorOf(credentialsOf(res)));
        notices.push({ kind: 'ok', text: savedText(entry, `Den publika formuleringen av ${entry.id} är sparad.`) });
      } else if (!publish) {
        notices.push({ kind: 'ok', text: 'Inga ändringar att spara.' });
      }
      if (publish) {
        const result = await app.buyer.publish(callOff.id, [entry.id], actorOf(credentialsOf(res)));
        const number = result.entries[0]?.faqNumber ?? '?';
        notices.push({ kind: 'ok', text: `${entry.id} är publicerad som fråga nr ${number} i frågor och svar.` });
        for (const w of result.warnings) notices.push({ kind: 'warning', text: w });
      }
    } catch (err) {
      if (!isUserError(err)) throw err;
      const draft = { publicQuestion: publicQuestion ?? entry.publicQuestion, answer: answer ?? '' };
      await refused(req, res, callOff, entry.id, err, draft);
      return;
    }
    const { entry: after } = await app.buyer.show(callOff.id, entry.id);
    // The core masks the buyer's wording too; say so rather than change it silently.
    if (publicQuestion !== undefined && publicQuestion.trim() !== after.publicQuestion) {
      notices.push({ kind: 'warning', text: MASKED_WARNING });
    }
    await done(req, res, callOff, after, notices);
  };

  const unpublish: RequestHandler = async (req, res) => {
    const callOff = callOffOf(req);
    const { entry } = await app.buyer.show(callOff.id, param(req, 'id'));
    try {
      await app.buyer.unpublish(callOff.id, [entry.id], actorOf(credentialsOf(res)));
    } catch (err) {
      if (!isUserError(err)) throw err;
      await refused(req, res, callOff, entry.id, err);
      return;
    }
    const text =
      `${entry.id} är avpublicerad och syns inte längre i frågor och svar. ` +
      `Publiceras den igen behåller den nr ${entry.faqNumber ?? '?'}.`;
    await done(req, res, callOff, entry, [{ kind: 'ok', text }]);
  };

  return { save, unpublish };
}
