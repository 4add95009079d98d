/**
 * Answering quality, measured through the real pipeline (ingest -> knowledge
 * base -> extractive composer) on the shared dev set and on our own question
 * sets for the seed and three other real call-offs (PDF, Word). The floors are the
 * issue's thresholds for the dev set and regression guards for the others.
 * Every citation of every answer must quote its section verbatim.
 */

import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCallOff } from '../../src/config/callOff.js';
import { devSetFile, loadFixtureCallOff } from '../support/callOffs.js';
import { fixtures, repoRoot, useSetRunner } from './setRunner.js';

const runner = useSetRunner('avropsbot-qsets-');
const { expectVerbatim } = runner;

describe('seed call-off (af-2025-0108-8097)', () => {
  const seed = () => loadCallOff(path.join(repoRoot, 'knowledge', 'af-2025-0108-8097'));

  it('meets the thresholds on the shared dev set, quoting verbatim', async () => {
    const callOff = seed();
    const { scores, outcomes } = await runner.run(callOff, devSetFile);
    expect(scores.statusAccuracy.rate).toBeGreaterThanOrEqual(0.9);
    expect(scores.sectionHitRate.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.factRate.rate).toBeGreaterThanOrEqual(0.9);
    expect(scores.abstentionAccuracy.rate).toBe(1);
    expect(scores.deadlineAccuracy.rate).toBe(1);
    expect(expectVerbatim(callOff, outcomes)).toBeGreaterThan(15);
  });

  it('holds up on our own seed questions (paraphrases, English, unanswerable, buyer decisions)', async () => {
    const callOff = seed();
    const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, 'seed-extra.jsonl'));
    expect(scores.statusAccuracy.rate).toBeGreaterThanOrEqual(0.9);
    expect(scores.abstentionAccuracy.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.sectionHitRate.rate).toBeGreaterThanOrEqual(0.93);
    expect(scores.factRate.rate).toBeGreaterThanOrEqual(0.9);
    expectVerbatim(callOff, outcomes);
  });
});

describe('other real call-offs', () => {
  it('Enköping (PDF, TendSign export)', async () => {
    const callOff = loadFixtureCallOff('enkoping');
    const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, 'enkoping.jsonl'));
    expect(scores.statusAccuracy.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.abstentionAccuracy.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.sectionHitRate.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.factRate.rate).toBeGreaterThanOrEqual(0.9);
    expectVerbatim(callOff, outcomes);
  });

  it('Vaxholm (Word template with tables and form fields)', async () => {
    const callOff = loadFixtureCallOff('vaxholm');
    const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, 'vaxholm.jsonl'));
    expect(scores.statusAccuracy.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.abstentionAccuracy.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.sectionHitRate.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.factRate.rate).toBeGreaterThanOrEqual(0.9);
    expectVerbatim(callOff, outcomes);
  });

  it('Inera (PDF, 15 pages)', async () => {
    const callOff = loadFixtureCallOff('inera');
    const { scores, outcomes } = await runner.run(callOff, path.join(fixtures, 'inera.jsonl'));
    expect(scores.statusAccuracy.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.abstentionAccuracy.rate).toBeGreaterThanOrEqual(0.95);
    expect(scores.sectionHitRate.rate).toBeGreaterThanOrEqual(0.9);
    expect(scores.factRate.rate).toBeGreaterThanOrEqual(0.85);
    expectVerbatim(callOff, outcomes);
  });
});

describe('published answers through the knowledge base', () => {
  it('answers from the published Q&A and cites it as a published answer', async () => {
    const callOff = loadCallOff(path.join(repoRoot, 'knowledge', 'af-2025-0108-8097'));
    await runner.kb.ensureIndex(callOff);
    const published = [
      {
        callOff: callOff.id,
        faqNumber: 1,
        question: 'Vilket timpris är högst tillåtet?',
        answer: 'Högsta tillåtna timpris är takpriset i Bilaga 1 - Takpriser, i svenska kronor exklusive moms.',
        publishedAt: '2026-01-27T10:00:00.000Z',
      },
    ];
    const question = 'Vilket timpris är högst tillåtet?';
    const passages = await runner.kb.retrieve(callOff, question, published);
    const answer = await runner.composer.compose({ callOff, question, passages });
    expect(answer.status).toBe('answered');
    expect(answer.answer).toMatch(/^Enligt publicerat svar nr 1: ”/);
    expect(answer.citations[0]).toMatchObject({ section: 'Publicerat svar nr 1', heading: 'Publicerat svar nr 1' });
    expect(published[0]!.answer).toContain(answer.citations[0]!.quote);

    // Without the published answer the documents do not answer it.
    const without = await runner.composer.compose({
      callOff,
      question,
      passages: await runner.kb.retrieve(callOff, question, []),
    });
    expect(without.status).toBe('not_in_documents');
  });
});
