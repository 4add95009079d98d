/**
 * Every labelled question set of the repository through the real pipeline
 * (ingest -> knowledge base -> the extractive composer with the shipped
 * model, and the core's guards), as a supplier would be answered:
 * - every quote stands verbatim in its section and in the answer, always;
 * - late questions are refused;
 * - the development set meets its floors;
 * - the model answers these (its training) questions no worse than its held-out figures say.
 * The figures to expect on questions and call-offs nobody labelled are the
 * held-out ones in bench/answer-model.md (checked in test/eval/fit.test.ts).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadAnswerModel } from '../../src/answering/answerModel.js';
import { readCandidates } from '../../src/answering/extractive.js';
import type { PublishedAnswer } from '../../src/core/types.js';
import { questionAsAnswered } from '../../src/eval/harness.js';
import { loadLabelledData } from '../../src/eval/labelledData.js';
import type { EvalOutcome } from '../../src/eval/runEval.js';
import { foldForFacts, scoreEval } from '../../src/eval/runEval.js';
import { repoRoot, SEED_CALL_OFF_ID } from '../support/callOffs.js';
import { fixtures, useSetRunner } from './setRunner.js';

const runner = useSetRunner('avropsbot-labelled-');
const data = loadLabelledData(repoRoot);

describe('labelled question sets, through the real pipeline', () => {
  const all: EvalOutcome[] = [];

  for (const { callOff, cases } of data.callOffs) {
    it(`${callOff.id}: ${cases.length} questions, every quote verbatim, late questions refused`, {
      timeout: 180_000,
    }, async () => {
      const { outcomes, scores } = await runner.runCases(callOff, cases);
      runner.expectVerbatim(callOff, outcomes);
      if (scores.deadlineAccuracy.total > 0) expect(scores.deadlineAccuracy.rate).toBe(1);
      all.push(...outcomes);
    });
  }

  it('the development set: at least 95 % right status, section and facts, and no wrong answer', {
    timeout: 120_000,
  }, async () => {
    const callOff = data.callOffs.find((c) => c.callOff.id === SEED_CALL_OFF_ID)!.callOff;
    const { scores } = await runner.run(callOff, path.join(fixtures, 'dev.jsonl'));
    // Issue 9's floor for the shared dev set. The model is fitted on these questions too, so this
    // guards against a refit that loses them, not for what an unseen call-off gets (that is the
    // held-out figures of bench/answer-model.md). 27 questions: one more miss is 92.6 %. Should a
    // refit cross it, look first at the questions that sit near the threshold, which earlier refits
    // tipped over in turn (bench/answer-model.md), and change features or data, never the question:
    // - "Kan kontraktet förlängas?" ranks 1.12.5 first ("... förlängs anbudets giltighetstid fram
    //   till dess att kontrakt kan tecknas") over 1.7 ("... med möjlighet till förlängning"): the near
    //   miss holds both words of the question, so going to the buyer is the safe miss.
    // - "Vilket ramavtal avropas från?" has only words every call-off uses (ramavtal, avrop).
    // - "What is the deadline for asking questions?" ranks the deadline for tenders close to the one
    //   for questions: both are "... tillhanda senast: <date>" sentences, and "frågor" is a frame
    //   word to the analyzer.
    expect(scores.statusAccuracy.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.sectionHitRate.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.factRate.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.abstentionAccuracy.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.wrongAnswers.hits).toBe(0);
  });

  it('all sets together: no more wrong answers than the held-out budget, and at least the held-out right answers', () => {
    expect(all.length).toBeGreaterThan(1000);
    const scored = all.filter((o) => o.case.expect.status !== 'deadline_passed');
    const scores = scoreEval(scored);
    const model = loadAnswerModel();
    console.info(
      `all labelled sets (fitted on): status ${(scores.statusAccuracy.rate * 100).toFixed(1)} %, ` +
        `section ${(scores.sectionHitRate.rate * 100).toFixed(1)} %, wrong ${(scores.wrongAnswers.rate * 100).toFixed(1)} %`,
    );
    expect(scores.wrongAnswers.rate).toBeLessThanOrEqual(model.heldOut.wrongBudget + 0.02);
    const heldOutRight = model.heldOut.all.rightAnswers / model.heldOut.all.answerable;
    expect(scores.sectionHitRate.rate).toBeGreaterThanOrEqual(heldOutRight - 0.02);
  });
});

describe('published answers through the knowledge base', () => {
  it('answers from the published Q&A and cites it as a published answer', { timeout: 60_000 }, async () => {
    const callOff = data.callOffs.find((c) => c.callOff.id === SEED_CALL_OFF_ID)!.callOff;
    await runner.kb.ensureIndex(callOff);
    const question = 'Vilket timpris är högst tillåtet?';
    const published = [
      {
        callOff: callOff.id,
        faqNumber: 1,
        question,
        answer: 'Högsta tillåtna timpris är takpriset i Bilaga 1 - Takpriser, i svenska kronor exklusive moms.',
        publishedAt: '2026-01-27T10:00:00.000Z',
      },
    ];
    const passages = await runner.kb.retrieve(callOff, question, published);
    const answer = await runner.composer.compose({ callOff, question, passages });
    expect(answer.status).toBe('answered');
    expect(answer.answer).toMatch(/^Enligt publicerat svar nr 1: ”/);
    expect(answer.citations[0]).toMatchObject({ section: 'Publicerat svar nr 1', heading: 'Publicerat svar nr 1' });
    expect(published[0]!.answer).toContain(answer.citations[0]!.quote);
  });

  it('uses the answer published to a question asked again word for word, and not one published to another question', {
    timeout: 120_000,
  }, async () => {
    const { callOff, cases } = data.callOffs.find((c) => c.callOff.id === SEED_CALL_OFF_ID)!;
    await runner.kb.ensureIndex(callOff);
    const ask = async (question: string, published: PublishedAnswer[]) => {
      const passages = await runner.kb.retrieve(callOff, questionAsAnswered(question), published);
      const answer = await runner.composer.compose({ callOff, question, passages });
      return answer.status === 'answered' && answer.citations[0]!.section === 'Publicerat svar nr 1';
    };
    // The buyer publishes, as its answer, the sentence of an expected section that holds the expected facts.
    const answered: Array<{ question: string; answer: string }> = [];
    for (const c of cases.filter((c) => c.expect.status === 'answered' && c.expect.facts.length > 0)) {
      const passages = await runner.kb.retrieve(callOff, questionAsAnswered(c.question), []);
      const unit = readCandidates(c.question, passages).views.find(
        (v) =>
          c.expect.sections.includes(v.candidate.passage.chunk.section) &&
          c.expect.facts.every((g) => g.some((f) => foldForFacts(v.candidate.text).includes(foldForFacts(f)))),
      );
      if (unit) answered.push({ question: c.question, answer: unit.candidate.text });
    }
    const publish = (q: { question: string; answer: string }): PublishedAnswer[] => [
      {
        callOff: callOff.id,
        faqNumber: 1,
        question: q.question,
        answer: q.answer,
        publishedAt: '2026-01-27T10:00:00.000Z',
      },
    ];
    let repeatsUsed = 0;
    for (const q of answered) if (await ask(q.question, publish(q))) repeatsUsed++;
    // Questions the documents do not answer, each with the most alike answered question published.
    const words = (t: string) =>
      new Set(
        t
          .toLowerCase()
          .split(/[^\p{L}\d]+/u)
          .filter((w) => w.length > 2),
      );
    const alike = (a: string, b: string) => [...words(a)].filter((w) => words(b).has(w)).length;
    let unrelatedUsed = 0;
    const traps = cases.filter((c) => c.expect.status === 'not_in_documents');
    for (const c of traps) {
      const other = [...answered].sort((a, b) => alike(c.question, b.question) - alike(c.question, a.question))[0]!;
      if (await ask(c.question, publish(other))) unrelatedUsed++;
    }
    console.info(
      `published answers: ${repeatsUsed} of ${answered.length} asked again used, ${unrelatedUsed} of ${traps.length} unrelated used`,
    );
    expect(answered.length).toBeGreaterThan(50);
    expect(traps.length).toBeGreaterThan(20);
    expect(repeatsUsed / answered.length).toBeGreaterThanOrEqual(0.95);
    expect(unrelatedUsed / traps.length).toBeLessThanOrEqual(0.05);
  });
});
