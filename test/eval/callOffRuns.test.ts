/** Question sets that mix call-offs: which call-off each case runs against, and the figures per call-off. */
import { describe, expect, it } from 'vitest';
import type { CallOff, Citation } from '../../src/core/types.js';
import {
  assignCallOffs,
  callOffsOf,
  evalJson,
  formatCallOffTable,
  scoreByCallOff,
} from '../../src/eval/callOffRuns.js';
import { type EvalCase, type EvalOutcome, parseEvalFile, scoreEval } from '../../src/eval/runEval.js';

const callOff = (id: string): CallOff => ({
  id,
  reference: id.toUpperCase(),
  title: id,
  buyer: 'Testmyndigheten',
  timezone: 'Europe/Stockholm',
  questionDeadline: '2030-01-01',
  dir: `/tmp/${id}`,
});
const A = callOff('alfa');
const B = callOff('beta');

const kase = (id: string, status: string, sections: string[], own?: string): EvalCase => ({
  id,
  ...(own ? { callOff: own } : {}),
  question: `Fråga ${id}?`,
  at: '2026-01-26T10:00:00+01:00',
  expect: { status, sections, facts: [] },
});
const cite = (section: string): Citation => ({ document: 'a.txt', section, heading: 'H', quote: 'q' });
const outcome = (c: EvalCase, status: string, cited: string[] = []): EvalOutcome => ({
  case: c,
  status,
  answer: 'svar',
  citations: cited.map(cite),
  ms: 1,
});

describe('parseEvalFile with callOff lines', () => {
  it('keeps each line’s call-off, and leaves it out where the line has none', () => {
    const cases = parseEvalFile(
      [
        JSON.stringify({
          id: 'a',
          callOff: 'alfa',
          question: 'Q?',
          at: '2026-01-26T10:00',
          expect: { status: 'answered' },
        }),
        JSON.stringify({ id: 'b', question: 'Q?', at: '2026-01-26T10:00', expect: { status: 'answered' } }),
      ].join('\n'),
    );
    expect(cases[0]!.callOff).toBe('alfa');
    expect('callOff' in cases[1]!).toBe(false);
  });
});

describe('assignCallOffs', () => {
  it('runs a line against its own call-off, and a line without one against the fallback', () => {
    const runs = assignCallOffs([kase('1', 'answered', [], 'beta'), kase('2', 'answered', [])], [A, B], A);
    expect(runs.map((r) => [r.case.id, r.callOff.id])).toEqual([
      ['1', 'beta'],
      ['2', 'alfa'],
    ]);
    expect(callOffsOf(runs).map((c) => c.id)).toEqual(['beta', 'alfa']);
  });

  it('without a fallback, a line without call-off is a usage error that says what to do', () => {
    expect(() => assignCallOffs([kase('1', 'answered', [], 'alfa'), kase('x2', 'answered', [])], [A, B], null)).toThrow(
      expect.objectContaining({
        code: 'usage',
        message: expect.stringMatching(/Testfallet "x2" anger inget avrop.*\(alfa, beta\).*--call-off/),
      }),
    );
  });

  it('a line naming an unknown call-off is a usage error listing the known ones', () => {
    expect(() => assignCallOffs([kase('7', 'answered', [], 'gamma')], [A, B], A)).toThrow(
      /Testfallet "7" gäller avropet "gamma", som inte finns i kunskapsmappen\. Avrop som finns: alfa, beta\./,
    );
    expect(() => assignCallOffs([kase('7', 'answered', [], 'gamma')], [], null)).toThrow(/Avrop som finns: \(inga\)/);
  });
});

describe('per call-off figures', () => {
  // alfa: one right answer, one wrong (right status, but cites none of the expected sections), one right abstention.
  // beta: one wrong answer (answers what the documents do not answer), one false abstention.
  const outcomes = [
    { callOff: 'alfa', outcome: outcome(kase('a1', 'answered', ['1.2']), 'answered', ['1.2']) },
    { callOff: 'beta', outcome: outcome(kase('b1', 'not_in_documents', []), 'answered', ['3']) },
    { callOff: 'alfa', outcome: outcome(kase('a2', 'answered', ['2.1']), 'answered', ['9.9']) },
    { callOff: 'alfa', outcome: outcome(kase('a3', 'not_in_documents', []), 'not_in_documents') },
    { callOff: 'beta', outcome: outcome(kase('b2', 'answered', ['4']), 'not_in_documents') },
  ];
  const per = scoreByCallOff(outcomes);
  const total = scoreEval(outcomes.map((o) => o.outcome));

  it('scores each call-off on its own cases, in the order they first appear', () => {
    expect(per.map((p) => [p.callOff, p.scores.cases])).toEqual([
      ['alfa', 3],
      ['beta', 2],
    ]);
    expect(per[0]!.scores.wrongAnswers).toEqual({ hits: 1, total: 3, rate: 1 / 3 });
    expect(per[1]!.scores.wrongAnswers).toEqual({ hits: 1, total: 2, rate: 0.5 });
    expect(per[0]!.scores.abstentionAccuracy).toMatchObject({ hits: 1, total: 1 });
    expect(per[1]!.scores.falseAbstentions).toMatchObject({ hits: 1, total: 1 });
    expect(total.wrongAnswers).toMatchObject({ hits: 2, total: 5 });
  });

  it('--json: the totals, plus a callOffs array without the failures (listed once, in the totals)', () => {
    const json = evalJson(total, per) as ReturnType<typeof scoreEval> & {
      callOffs: Array<Record<string, unknown>>;
    };
    expect(json.cases).toBe(5);
    expect(json.failures.map((f) => f.id)).toEqual(['b1', 'a2', 'b2']);
    expect(json.callOffs.map((c) => c.callOff)).toEqual(['alfa', 'beta']);
    expect(json.callOffs[1]).toMatchObject({ cases: 2, wrongAnswers: { hits: 1, total: 2 } });
    expect('failures' in json.callOffs[0]!).toBe(false);
    // One call-off: the totals alone, the shape it always had.
    expect(evalJson(per[0]!.scores, [per[0]!])).toBe(per[0]!.scores);
  });

  it('text: a row per call-off with the wrong answers as a column of their own; nothing with one call-off', () => {
    const table = formatCallOffTable(per).split('\n');
    expect(table[0]).toBe('Per avrop:');
    expect(table[1]).toMatch(/^Avrop\s+Frågor\s+Rätt status\s+Rätt avsnitt\s+Korrekt avstått\s+Felaktiga svar$/);
    expect(table[2]).toMatch(
      /^alfa\s+3\s+100\.0 % \(3\/3\)\s+50\.0 % \(1\/2\)\s+100\.0 % \(1\/1\)\s+33\.3 % \(1\/3\)$/,
    );
    expect(table[3]).toMatch(/^beta\s+2\s+0\.0 % \(0\/2\)\s+0\.0 % \(0\/1\)\s+0\.0 % \(0\/1\)\s+50\.0 % \(1\/2\)$/);
    // Figures right-aligned: every row ends in the same column.
    expect(new Set(table.slice(1).map((l) => l.length)).size).toBe(1);
    expect(formatCallOffTable([per[0]!])).toBe('');
  });
});
