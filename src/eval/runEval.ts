/**
 * Scoring of a question set (format: test/fixtures/eval/README.md): parse the JSONL,
 * compare each outcome with what was expected, and print a readable report.
 * Running the cases is the caller's business (the CLI runs them through the
 * real ask use case; the dev harness runs retrieval + composer directly).
 */
import { CodedError } from '../core/errors.js';
import type { Citation } from '../core/types.js';

export interface EvalCase {
  id: string;
  /** The call-off the question is about, when a file mixes call-offs. */
  callOff?: string;
  question: string;
  at: string;
  expect: { status: string; sections: string[]; facts: string[][] };
}

export interface EvalOutcome {
  case: EvalCase;
  status: string;
  answer: string;
  citations: Citation[];
  ms: number;
}

export interface EvalFailure {
  id: string;
  question: string;
  expected: string;
  got: string;
  /** What went wrong, in plain words. */
  reasons: string[];
}

export interface Ratio {
  hits: number;
  total: number;
  /** hits / total, or 1 when there is nothing to count. */
  rate: number;
}

export interface EvalScores {
  cases: number;
  /** Right status over all cases. */
  statusAccuracy: Ratio;
  /** Answerable cases (expected "answered") with a citation naming an expected section. */
  sectionHitRate: Ratio;
  /** Fact groups found in the answer text, over the cases that list facts. */
  factRate: Ratio;
  /** Cases expected "not_in_documents" that were abstained on. */
  abstentionAccuracy: Ratio;
  /** Cases expected "answered" that were wrongly abstained on (not_in_documents). */
  falseAbstentions: Ratio;
  /**
   * Wrong answers, over all cases: an answer to a question the documents do not
   * answer, or an answer citing none of the expected sections.
   */
  wrongAnswers: Ratio;
  /** Cases expected "deadline_passed" that were refused. */
  deadlineAccuracy: Ratio;
  latencyMs: { p50: number; p90: number; p99: number; max: number; mean: number };
  failures: EvalFailure[];
}

const VALID_STATUSES = new Set(['answered', 'not_in_documents', 'deadline_passed', 'invalid_question']);

function isStringArray(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

/**
 * Parses a JSONL question set. Blank lines and lines starting with "//" or "#" are skipped.
 * A bad line is a usage error (exit code 2 in the CLI) naming the line.
 */
export function parseEvalFile(text: string): EvalCase[] {
  const cases: EvalCase[] = [];
  const ids = new Set<string>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line || line.startsWith('//') || line.startsWith('#')) continue;
    const where = `rad ${i + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (err) {
      throw new CodedError('usage', `Ogiltig JSON på ${where}: ${(err as Error).message}`);
    }
    cases.push(validateCase(value, where, ids));
  }
  return cases;
}

function validateCase(value: unknown, where: string, ids: Set<string>): EvalCase {
  const fail = (what: string): never => {
    throw new CodedError('usage', `Ogiltigt testfall på ${where}: ${what}`);
  };
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail('raden är inte ett JSON-objekt');
  const v = value as Record<string, unknown>;
  if (typeof v.id !== 'string' || !v.id) fail('"id" saknas eller är inte en sträng');
  if (ids.has(v.id as string)) fail(`"id" ${v.id} förekommer flera gånger`);
  if (typeof v.question !== 'string') fail('"question" saknas eller är inte en sträng');
  if (typeof v.at !== 'string' || Number.isNaN(Date.parse(v.at as string)))
    fail('"at" saknas eller är inte en ISO 8601-tid');
  const expect = v.expect as Record<string, unknown> | undefined;
  if (typeof expect !== 'object' || expect === null) fail('"expect" saknas');
  const e = expect as Record<string, unknown>;
  if (typeof e.status !== 'string' || !VALID_STATUSES.has(e.status)) fail(`"expect.status" är ogiltig (${e.status})`);
  const sections = e.sections ?? [];
  if (!isStringArray(sections)) fail('"expect.sections" ska vara en lista av strängar');
  const facts = e.facts ?? [];
  if (!Array.isArray(facts) || !facts.every(isStringArray))
    fail('"expect.facts" ska vara en lista av listor av strängar');
  if (v.callOff !== undefined && (typeof v.callOff !== 'string' || !v.callOff)) fail('"callOff" ska vara en sträng');
  ids.add(v.id as string);
  return {
    id: v.id as string,
    ...(typeof v.callOff === 'string' ? { callOff: v.callOff } : {}),
    question: v.question as string,
    at: v.at as string,
    expect: { status: e.status as string, sections: sections as string[], facts: facts as string[][] },
  };
}

/** Case-insensitive, white space folded: how facts are looked for in an answer. */
export function foldForFacts(text: string): string {
  return text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** The fact groups of a case that have no member in the answer text. */
export function missingFacts(answer: string, facts: readonly string[][]): string[][] {
  const folded = foldForFacts(answer);
  return facts.filter((group) => !group.some((fact) => folded.includes(foldForFacts(fact))));
}

/**
 * The bot answered where it should not have: the documents do not answer the
 * question, or the answer cites none of the sections that do.
 */
export function isWrongAnswer(o: Pick<EvalOutcome, 'status' | 'citations' | 'case'>): boolean {
  if (o.status !== 'answered') return false;
  const { expect } = o.case;
  if (expect.status === 'not_in_documents') return true;
  if (expect.status !== 'answered' || expect.sections.length === 0) return false;
  return !o.citations.some((c) => expect.sections.includes(c.section));
}

function ratio(hits: number, total: number): Ratio {
  return { hits, total, rate: total === 0 ? 1 : hits / total };
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function scoreEval(outcomes: EvalOutcome[]): EvalScores {
  let statusHits = 0;
  let sectionHits = 0;
  let sectionTotal = 0;
  let factHits = 0;
  let factTotal = 0;
  let abstainHits = 0;
  let abstainTotal = 0;
  let falseAbstain = 0;
  let wrong = 0;
  let deadlineHits = 0;
  let deadlineTotal = 0;
  const failures: EvalFailure[] = [];

  for (const o of outcomes) {
    const { expect } = o.case;
    const reasons: string[] = [];
    if (o.status === expect.status) statusHits++;
    else reasons.push(`status ${o.status}, väntad ${expect.status}`);
    if (isWrongAnswer(o)) {
      wrong++;
      reasons.push('felaktigt svar');
    }

    if (expect.status === 'answered') {
      if (o.status === 'not_in_documents') falseAbstain++;
      if (expect.sections.length > 0) {
        sectionTotal++;
        const cited = o.citations.map((c) => c.section);
        if (cited.some((s) => expect.sections.includes(s))) sectionHits++;
        else reasons.push(`citerade avsnitt [${cited.join(', ')}], väntade något av [${expect.sections.join(', ')}]`);
      }
    }
    if (expect.facts.length > 0) {
      const missing = missingFacts(o.answer, expect.facts);
      factTotal += expect.facts.length;
      factHits += expect.facts.length - missing.length;
      if (missing.length > 0) reasons.push(`saknade fakta: ${missing.map((g) => g.join(' | ')).join('; ')}`);
    }
    if (expect.status === 'not_in_documents') {
      abstainTotal++;
      if (o.status === 'not_in_documents') abstainHits++;
    }
    if (expect.status === 'deadline_passed') {
      deadlineTotal++;
      if (o.status === 'deadline_passed') deadlineHits++;
    }
    if (reasons.length > 0) {
      failures.push({ id: o.case.id, question: o.case.question, expected: expect.status, got: o.status, reasons });
    }
  }

  const times = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const mean = times.length ? times.reduce((a, b) => a + b, 0) / times.length : 0;
  return {
    cases: outcomes.length,
    statusAccuracy: ratio(statusHits, outcomes.length),
    sectionHitRate: ratio(sectionHits, sectionTotal),
    factRate: ratio(factHits, factTotal),
    abstentionAccuracy: ratio(abstainHits, abstainTotal),
    falseAbstentions: ratio(falseAbstain, outcomes.filter((o) => o.case.expect.status === 'answered').length),
    wrongAnswers: ratio(wrong, outcomes.length),
    deadlineAccuracy: ratio(deadlineHits, deadlineTotal),
    latencyMs: {
      p50: percentile(times, 50),
      p90: percentile(times, 90),
      p99: percentile(times, 99),
      max: times.length ? times[times.length - 1]! : 0,
      mean,
    },
    failures,
  };
}

const pct = (r: Ratio) => (r.total === 0 ? '   –  ' : `${(r.rate * 100).toFixed(1).padStart(5)} %`);
const ms = (n: number) => `${n.toFixed(1)} ms`;

/** A readable table for the terminal (Swedish, the buyer reads it). */
export function formatEvalReport(scores: EvalScores): string {
  const rows: Array<[string, Ratio]> = [
    ['Rätt status', scores.statusAccuracy],
    ['Rätt avsnitt citerat (besvarbara)', scores.sectionHitRate],
    ['Fakta i svaret', scores.factRate],
    ['Korrekt avstått (ej i dokumenten)', scores.abstentionAccuracy],
    ['Felaktigt avstått (besvarbara)', scores.falseAbstentions],
    ['Felaktiga svar (alla frågor)', scores.wrongAnswers],
    ['Korrekt avvisad (sen fråga)', scores.deadlineAccuracy],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const lines = [`Utvärdering av ${scores.cases} frågor`, ''];
  for (const [label, r] of rows) {
    lines.push(`${label.padEnd(width)}  ${pct(r)}  (${r.hits}/${r.total})`);
  }
  const l = scores.latencyMs;
  lines.push(
    '',
    `Svarstid  p50 ${ms(l.p50)}  p90 ${ms(l.p90)}  p99 ${ms(l.p99)}  max ${ms(l.max)}  medel ${ms(l.mean)}`,
  );
  if (scores.failures.length > 0) {
    lines.push('', `Avvikelser (${scores.failures.length}):`);
    for (const f of scores.failures) {
      lines.push(`  ${f.id}  ${f.question}`);
      for (const r of f.reasons) lines.push(`      - ${r}`);
    }
  }
  return lines.join('\n');
}
