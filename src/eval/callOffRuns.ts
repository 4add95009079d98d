/**
 * A question set may mix call-offs: each line names its own with `callOff`.
 * This module decides which call-off each case runs against, and scores and
 * prints the figures per call-off next to the totals (one call-off can hide
 * behind another's good figures).
 */
import { CodedError } from '../core/errors.js';
import type { CallOff } from '../core/types.js';
import { type EvalCase, type EvalOutcome, type EvalScores, type Ratio, scoreEval } from './runEval.js';

export interface CaseRun {
  case: EvalCase;
  callOff: CallOff;
}

/**
 * The line's own `callOff`, else `fallback` (--call-off, or the only call-off
 * there is). A case naming an unknown call-off, or naming none when there is
 * no fallback, is a usage error that says which case and what to do; it is
 * found before anything runs.
 */
export function assignCallOffs(
  cases: readonly EvalCase[],
  callOffs: readonly CallOff[],
  fallback: CallOff | null,
): CaseRun[] {
  const known = callOffs.map((c) => c.id).join(', ') || '(inga)';
  return cases.map((c) => {
    if (c.callOff === undefined) {
      if (fallback) return { case: c, callOff: fallback };
      throw new CodedError(
        'usage',
        `Testfallet "${c.id}" anger inget avrop ("callOff") och det finns flera avrop (${known}): ` +
          'ange avropet på raden eller med --call-off ID.',
      );
    }
    const own = callOffs.find((o) => o.id === c.callOff);
    if (!own) {
      throw new CodedError(
        'usage',
        `Testfallet "${c.id}" gäller avropet "${c.callOff}", som inte finns i kunskapsmappen. Avrop som finns: ${known}.`,
      );
    }
    return { case: c, callOff: own };
  });
}

/** The distinct call-offs of the runs, in the order they first appear. */
export function callOffsOf(runs: readonly CaseRun[]): CallOff[] {
  const seen = new Map<string, CallOff>();
  for (const r of runs) if (!seen.has(r.callOff.id)) seen.set(r.callOff.id, r.callOff);
  return [...seen.values()];
}

export interface CallOffScores {
  callOff: string;
  scores: EvalScores;
}

/** The scores of each call-off's own cases, in the order the call-offs first appear. */
export function scoreByCallOff(outcomes: ReadonlyArray<{ callOff: string; outcome: EvalOutcome }>): CallOffScores[] {
  const groups = new Map<string, EvalOutcome[]>();
  for (const { callOff, outcome } of outcomes) {
    const group = groups.get(callOff) ?? [];
    group.push(outcome);
    groups.set(callOff, group);
  }
  return [...groups].map(([callOff, group]) => ({ callOff, scores: scoreEval(group) }));
}

/**
 * `eval --json`: the totals as before; with several call-offs also a
 * `callOffs` array of per-call-off figures (the failures are listed once, in
 * the totals).
 */
export function evalJson(total: EvalScores, perCallOff: readonly CallOffScores[]) {
  if (perCallOff.length < 2) return total;
  return {
    ...total,
    callOffs: perCallOff.map(({ callOff, scores }) => {
      const { failures: _, ...figures } = scores;
      return { callOff, ...figures };
    }),
  };
}

const cell = (r: Ratio) => (r.total === 0 ? '–' : `${(r.rate * 100).toFixed(1)} % (${r.hits}/${r.total})`);

/** The per-call-off table under the totals (Swedish: the buyer reads it). Empty with one call-off. */
export function formatCallOffTable(perCallOff: readonly CallOffScores[]): string {
  if (perCallOff.length < 2) return '';
  const header = ['Avrop', 'Frågor', 'Rätt status', 'Rätt avsnitt', 'Korrekt avstått', 'Felaktiga svar'];
  const rows = perCallOff.map(({ callOff, scores: s }) => [
    callOff,
    String(s.cases),
    cell(s.statusAccuracy),
    cell(s.sectionHitRate),
    cell(s.abstentionAccuracy),
    cell(s.wrongAnswers),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  // Names left-aligned, figures right-aligned, so the columns of numbers line up.
  const line = (r: string[]) =>
    r
      .map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return ['Per avrop:', line(header), ...rows.map(line)].join('\n');
}
