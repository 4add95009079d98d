/**
 * The write-up of `npm run fit:retrieval` (bench/retrieval-fit.md): held-out
 * figures of the hand-set and fitted weights, all and per buyer, the
 * end-to-end comparison that decides which ship, and the fit's steps.
 */
import {
  type EndToEndFigures,
  HAND_SET_WEIGHTS,
  type RetrievalFigures,
  type RetrievalWeights,
  type RetrievalWeightsFile,
} from '../retrieval/weights.js';
import type { Knob, RetrievalFitResult } from './fitRetrieval.js';

type W = RetrievalWeights;

const f3 = (x: number) => x.toFixed(3);

/** The mean of each buyer's figure: every buyer counts once, however many questions it has. */
function perBuyerMean(
  byBuyer: RetrievalWeightsFile['heldOut']['byBuyer'],
  which: 'handSet' | 'fitted' | 'allKnobs',
): number {
  const buyers = Object.values(byBuyer);
  return buyers.reduce((sum, b) => sum + b[which].mrr, 0) / (buyers.length || 1);
}

function figureRow(label: string, f: RetrievalFigures): string {
  return `| ${label} | ${f.questions} | ${f3(f.mrr)} | ${f3(f.recallAt1)} | ${f3(f.recallAt3)} | ${f3(f.recallAt8)} |`;
}

/** Flattened weights, for the write-up's table. */
function flat(knobs: readonly Knob<W>[], w: W): Array<[string, number]> {
  return knobs.map((k) => [k.name, k.get(w)] as [string, number]);
}

/** The write-up: held-out figures (all, per buyer), the weights and the steps of the final fit. */
export function retrievalReport(result: RetrievalFitResult, knobs: readonly Knob<W>[]): string {
  const { file } = result;
  const h = file.heldOut;
  const lines = [
    '# Retrieval weights: fitted, and held out by buyer',
    '',
    'Written by `npm run fit:retrieval` (src/eval/fitRetrieval.ts); do not edit by hand.',
    'The figures are over every answerable labelled question in test/fixtures/eval/ (lines naming',
    'their call-off, not late): the rank of the first of the 8 passages the answer model reads that',
    'lies in an expected section. MRR counts a question with none of the 8 as 0.',
    '',
    `${file.fittedOn.questions} questions over ${file.fittedOn.callOffs} call-offs and ${file.fittedOn.buyers} buyers; data hash \`${file.fittedOn.dataHash.slice(0, 16)}\`.`,
    `${result.evaluations} weight settings evaluated in ${result.seconds.toFixed(0)} s.`,
    '',
    '## Held out by buyer: hand-set weights against the fitting procedure',
    '',
    "Each buyer's questions are ranked with weights fitted on the other buyers' questions only,",
    'and with the hand-set weights. "fitted" is the fitting procedure (fit only the weights whose',
    'fit carries over to held-out buyers, then coordinate descent over those); "every weight" is',
    'coordinate descent over all of them, for comparison. Call-offs of one buyer share templates and',
    'wording, so holding out single call-offs would overstate.',
    '',
    '| weights | questions | MRR | recall@1 | recall@3 | recall@8 |',
    '|---|---|---|---|---|---|',
    figureRow('hand-set', h.handSet),
    figureRow('fitted (held out)', h.fitted),
    figureRow('every weight fitted (held out)', h.allKnobs),
    '',
    `With the fitted weights the first right passage ranks higher for ${h.better} questions and lower for ${h.worse}`,
    `(the rest unchanged). MRR averaged over buyers (each buyer once): ${f3(perBuyerMean(h.byBuyer, 'handSet'))} hand-set,`,
    `${f3(perBuyerMean(h.byBuyer, 'fitted'))} fitted, ${f3(perBuyerMean(h.byBuyer, 'allKnobs'))} every weight fitted.`,
    '',
    'Caveats. The selection step (keep a weight only when its fit carries over to held-out',
    'buyers) was added after coordinate descent over every weight had been measured held out (the',
    '"every weight" row): its held-out gain was small (ranked higher for 40 questions, lower for 35)',
    'and it hurt the largest buyer, Inera, when held out. So one choice of procedure was made',
    'having seen held-out figures. And the hand-set weights were tuned long ago on four call-offs',
    '(bench/retrieval.md), among them those of Arbetsförmedlingen, Enköping, Vaxholm and one of',
    "Inera's: for those buyers the hand-set figures are not held out, which favours them.",
    'The end-to-end comparison below was likewise added after a first end-to-end measurement; it',
    'can only keep the hand-set weights, never make the fitted ones look better.',
    '',
    '## Per held-out buyer',
    '',
    '| buyer | call-offs | questions | MRR hand-set | MRR fitted | MRR every weight | recall@1 hand-set | recall@1 fitted | recall@8 hand-set | recall@8 fitted |',
    '|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const [buyer, f] of Object.entries(h.byBuyer)) {
    lines.push(
      `| ${buyer} | ${result.callOffsByBuyer[buyer] ?? ''} | ${f.handSet.questions} | ${f3(f.handSet.mrr)} | ${f3(f.fitted.mrr)} | ${f3(f.allKnobs.mrr)} | ${f3(f.handSet.recallAt1)} | ${f3(f.fitted.recallAt1)} | ${f3(f.handSet.recallAt8)} | ${f3(f.fitted.recallAt8)} |`,
    );
  }
  const e = file.endToEnd;
  const pctOf = (a: number, b: number) => `${((100 * a) / (b || 1)).toFixed(1)} %`;
  const e2e = (f: EndToEndFigures) =>
    `${f.rightAnswers} (${pctOf(f.rightAnswers, f.answerable)}) | ${f.wrongAnswers} (${pctOf(f.wrongAnswers, f.questions)})`;
  lines.push(
    '',
    '## End to end: the answer model on each retrieval, held out by buyer',
    '',
    'Better-ranked sections are worth nothing unless the answers improve. The answer model',
    '(`npm run fit`, src/eval/fit.ts) is refitted on the passages of each retrieval and scored',
    'leave-one-buyer-out; its threshold is chosen for each wrong-answer budget below. The fitted',
    `weights ship only if they give at least as many right answers at the same number of wrong answers: the fewer`,
    `of the two at the product's budget (${(e.wrongBudget * 100).toFixed(0)} % wrong). Until 2026-12-07 the rule asked for as many right answers at the`,
    'budget and no more wrong ones; it was changed after a refit where one wrong answer within the budget (52',
    'against 51) would have outweighed 29 right ones (633 against 604). See chooseShipped in src/eval/fitRetrieval.ts.',
    '',
    `| wrong-answer budget | right answers, hand-set retrieval (of ${e.handSet.answerable}) | wrong, hand-set (of ${e.handSet.questions}) | right answers, fitted retrieval | wrong, fitted |`,
    '|---|---|---|---|---|',
  );
  for (const row of result.sweep) {
    const mark = row.budget === e.wrongBudget ? ' **(product)**' : '';
    lines.push(`| ${(row.budget * 100).toFixed(1)} %${mark} | ${e2e(row.handSet)} | ${e2e(row.fitted)} |`);
  }
  const equal = `At ${e.equalWrong.wrongAnswers} wrong answers each: ${e.equalWrong.handSet} right with the hand-set weights, ${e.equalWrong.fitted} with the fitted ones.`;
  lines.push(
    '',
    equal,
    '',
    e.shipped === 'fitted'
      ? '**Shipped: the fitted weights** (end to end no worse than the hand-set ones).'
      : '**Shipped: the hand-set weights.** The fitted ones rank sections better held out, but the answer model answers fewer questions right on their passages at the same number of wrong answers; they are kept in the file (`fitted`) for the record.',
    '',
    '## The weights (fitted on every buyer)',
    '',
    'Held-out gain: the change in MRR, over all questions, when that weight alone is fitted on all',
    'buyers but one and scored on the one left out (each buyer in turn). Only weights with a gain',
    'above 0 are fitted; the others keep their hand-set value.',
    '',
    '| weight | hand-set | held-out gain fitted alone | fitted | shipped |',
    '|---|---|---|---|---|',
  );
  const hand = new Map(flat(knobs, HAND_SET_WEIGHTS));
  const shipped = new Map(flat(knobs, file.weights));
  for (const [name, v] of flat(knobs, file.fitted)) {
    const was = hand.get(name)!;
    const gain = result.gains[name] ?? 0;
    lines.push(
      `| ${name} | ${was} | ${gain >= 0 ? '+' : ''}${gain.toFixed(4)} | ${v === was ? v : `**${v}**`} | ${shipped.get(name)} |`,
    );
  }
  lines.push('', '## Steps of the final fit (coordinate descent from the hand-set weights)', '');
  if (result.steps.length === 0) lines.push('None: no weight gained the minimum on the training questions.');
  else {
    lines.push('| weight | from | to | training MRR after |', '|---|---|---|---|');
    for (const s of result.steps) lines.push(`| ${s.knob} | ${s.from} | ${s.to} | ${f3(s.objective)} |`);
  }
  lines.push(
    '',
    '## Each held-out fold: weights kept for fitting, and their moves',
    '',
    '| held-out buyer | kept | moves |',
    '|---|---|---|',
  );
  for (const [buyer, steps] of Object.entries(result.stepsByBuyer)) {
    const kept = result.keptByBuyer[buyer] ?? [];
    lines.push(
      `| ${buyer} | ${kept.join(', ') || '–'} | ${steps.map((s) => `${s.knob} ${s.from}→${s.to}`).join('; ') || '–'} |`,
    );
  }
  lines.push('');
  return lines.join('\n');
}
