/** Parsing and scoring of question sets, and the terminal report. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Citation } from '../../src/core/types.js';
import {
  type EvalCase,
  type EvalOutcome,
  formatEvalReport,
  missingFacts,
  parseEvalFile,
  scoreEval,
} from '../../src/eval/runEval.js';
import { devSetFile, evalFixturesDir } from '../support/callOffs.js';

const line = (o: object) => JSON.stringify(o);
const answered = (id: string, sections: string[], facts: string[][]): EvalCase => ({
  id,
  question: `Fråga ${id}?`,
  at: '2026-01-26T10:00:00+01:00',
  expect: { status: 'answered', sections, facts },
});
const cite = (section: string, quote = 'q'): Citation => ({ document: 'a.txt', section, heading: 'H', quote });

describe('parseEvalFile', () => {
  it('reads cases, skipping blank and comment lines', () => {
    const text = [
      line({
        id: 'a',
        question: 'Q?',
        at: '2026-01-26T10:00:00+01:00',
        expect: { status: 'answered', sections: ['1.2'], facts: [['x']] },
      }),
      '',
      '# a comment',
      line({ id: 'b', question: 'Q2?', at: '2026-01-26T10:00:00Z', expect: { status: 'not_in_documents' } }),
    ].join('\n');
    const cases = parseEvalFile(text);
    expect(cases.map((c) => c.id)).toEqual(['a', 'b']);
    expect(cases[1]!.expect).toEqual({ status: 'not_in_documents', sections: [], facts: [] });
  });

  it('reports a bad file as a usage error', () => {
    try {
      parseEvalFile('{oops');
      expect.unreachable();
    } catch (err) {
      expect((err as { code?: string }).code).toBe('usage');
    }
  });

  it('names the line of bad JSON', () => {
    expect(() =>
      parseEvalFile(`${line({ id: 'a', question: 'Q', at: '2026-01-01', expect: { status: 'answered' } })}\n{oops`),
    ).toThrow(/rad 2/);
  });

  it('names the line and field of an invalid case', () => {
    expect(() =>
      parseEvalFile(line({ id: 'a', question: 'Q', at: '2026-01-01', expect: { status: 'maybe' } })),
    ).toThrow(/rad 1.*expect\.status/);
    expect(() => parseEvalFile(line({ id: 'a', question: 'Q', at: 'igår', expect: { status: 'answered' } }))).toThrow(
      /"at"/,
    );
    const dup = line({ id: 'a', question: 'Q', at: '2026-01-01', expect: { status: 'answered' } });
    expect(() => parseEvalFile(`${dup}\n${dup}`)).toThrow(/rad 2.*flera gånger/);
  });

  it('reads the dev set', async () => {
    const cases = parseEvalFile(readFileSync(devSetFile, 'utf8'));
    expect(cases.length).toBeGreaterThan(20);
  });

  it('accepts the "callOff" field that names the call-off a question is about, in every question set', () => {
    const files = readdirSync(evalFixturesDir).filter((f) => f.endsWith('.jsonl'));
    expect(files.length).toBeGreaterThan(40);
    for (const f of files) {
      const text = readFileSync(path.join(evalFixturesDir, f), 'utf8');
      const lines = text.split('\n').filter((l) => l.trim() !== '');
      expect(parseEvalFile(text).length, f).toBe(lines.length);
      for (const l of lines) expect(typeof JSON.parse(l).callOff, `${f}: ${l.slice(0, 40)}`).toBe('string');
    }
  });
});

describe('missingFacts', () => {
  it('matches case-insensitively with white space folded', () => {
    expect(
      missingFacts('Anbud ska vara  tillhanda\nsenast 2026-02-02 23:59', [
        ['2026-02-02'],
        ['TILLHANDA SENAST'],
        ['x', 'y'],
      ]),
    ).toEqual([['x', 'y']]);
  });
});

describe('scoreEval', () => {
  const outcomes: EvalOutcome[] = [
    {
      case: answered('a', ['1.1'], [['alfa'], ['beta']]),
      status: 'answered',
      answer: 'alfa beta',
      citations: [cite('1.1')],
      ms: 10,
    },
    {
      case: answered('b', ['2.1'], [['gamma']]),
      status: 'answered',
      answer: 'delta',
      citations: [cite('3.1')],
      ms: 20,
    },
    { case: answered('c', ['4'], [['x']]), status: 'not_in_documents', answer: 'nej', citations: [], ms: 30 },
    {
      case: {
        id: 'd',
        question: 'Q',
        at: '2026-01-01',
        expect: { status: 'not_in_documents', sections: [], facts: [] },
      },
      status: 'not_in_documents',
      answer: '',
      citations: [],
      ms: 40,
    },
    {
      case: {
        id: 'e',
        question: 'Q',
        at: '2026-01-01',
        expect: { status: 'deadline_passed', sections: [], facts: [] },
      },
      status: 'answered',
      answer: '',
      citations: [cite('1.1')],
      ms: 100,
    },
  ];
  const scores = scoreEval(outcomes);

  it('counts status, sections, facts, abstentions and deadlines separately', () => {
    expect(scores.statusAccuracy).toEqual({ hits: 3, total: 5, rate: 0.6 });
    expect(scores.sectionHitRate).toEqual({ hits: 1, total: 3, rate: 1 / 3 });
    expect(scores.factRate).toEqual({ hits: 2, total: 4, rate: 0.5 });
    expect(scores.abstentionAccuracy).toEqual({ hits: 1, total: 1, rate: 1 });
    expect(scores.falseAbstentions).toEqual({ hits: 1, total: 3, rate: 1 / 3 });
    expect(scores.deadlineAccuracy).toEqual({ hits: 0, total: 1, rate: 0 });
  });

  it('gives latency percentiles by nearest rank', () => {
    expect(scores.latencyMs.p50).toBe(30);
    expect(scores.latencyMs.p90).toBe(100);
    expect(scores.latencyMs.max).toBe(100);
    expect(scores.latencyMs.mean).toBe(40);
  });

  it('lists each failing case with its reasons', () => {
    expect(scores.failures.map((f) => f.id)).toEqual(['b', 'c', 'e']);
    expect(scores.failures[0]!.reasons.join(' ')).toMatch(/3\.1.*2\.1/);
    expect(scores.failures[0]!.reasons.join(' ')).toMatch(/gamma/);
  });

  it('scores an empty run without dividing by zero', () => {
    const empty = scoreEval([]);
    expect(empty.cases).toBe(0);
    expect(empty.statusAccuracy.rate).toBe(1);
    expect(empty.latencyMs.p99).toBe(0);
  });

  it('prints a readable table', () => {
    const report = formatEvalReport(scores);
    expect(report).toMatch(/Rätt status\s+60\.0 %\s+\(3\/5\)/);
    expect(report).toMatch(/p50 30\.0 ms/);
    expect(report).toMatch(/Avvikelser \(3\)/);
  });
});
