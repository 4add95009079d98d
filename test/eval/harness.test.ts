// The dev-loop harness scores what a supplier would get: the core's validation,
// anonymised retrieval wording and grounding guard apply, not just the composer's word.
import { describe, expect, it } from 'vitest';
import type { Composer, Retriever } from '../../src/core/ports.js';
import type { BotAnswer, CallOff, Passage } from '../../src/core/types.js';
import { runCases } from '../../src/eval/harness.js';
import type { EvalCase } from '../../src/eval/runEval.js';

const callOff: CallOff = {
  id: 'test',
  reference: 'T 1',
  title: 'Testavrop',
  buyer: 'Testmyndigheten',
  timezone: 'Europe/Stockholm',
  questionDeadline: '2026-01-29',
  dir: '/tmp/test',
};

const passage: Passage = {
  chunk: {
    id: 'c1',
    kind: 'document',
    document: 'a.txt',
    section: '1.2',
    heading: 'Avtalstid',
    text: 'Avtalet gäller i två år.',
    page: null,
  },
  score: 1,
};

const asked: string[] = [];
const retriever: Retriever = {
  async retrieve(_c, question) {
    asked.push(question);
    return [passage];
  },
};

const composerSaying = (quote: string): Composer =>
  ({
    async compose(): Promise<BotAnswer> {
      return {
        status: 'answered',
        answer: `Enligt avsnitt 1.2: ${quote}`,
        citations: [{ document: 'a.txt', section: '1.2', heading: 'Avtalstid', quote }],
      };
    },
  }) as Composer;

const at = '2026-01-26T10:00';
const ask = (question: string): EvalCase => ({
  id: 'x',
  question,
  at,
  expect: { status: 'answered', sections: ['1.2'], facts: [] },
});

describe('runCases', () => {
  it('scores an answer whose quote is not in the retrieved section as not in the documents', async () => {
    const [ok] = await runCases([ask('Hur lång är avtalstiden?')], {
      callOff,
      retriever,
      composer: composerSaying('Avtalet gäller i två år.'),
    });
    const [madeUp] = await runCases([ask('Hur lång är avtalstiden?')], {
      callOff,
      retriever,
      composer: composerSaying('Avtalet gäller i fem år.'),
    });
    expect(ok?.status).toBe('answered');
    expect(madeUp).toMatchObject({ status: 'not_in_documents', citations: [] });
  });

  it('retrieves with the anonymised wording and rejects an empty question as the core does', async () => {
    asked.length = 0;
    const outcomes = await runCases([ask('Hur lång är avtalstiden? Mvh anna.berg@example.se'), ask('   ')], {
      callOff,
      retriever,
      composer: composerSaying('Avtalet gäller i två år.'),
    });
    expect(asked).toHaveLength(1);
    expect(asked[0]).not.toContain('anna.berg@example.se');
    expect(outcomes[1]?.status).toBe('invalid_question');
  });
});
