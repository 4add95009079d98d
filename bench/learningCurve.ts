/**
 * What more labelled questions would buy: the answer model fitted and held
 * out by buyer exactly as `npm run fit` does, on a share of the labelled
 * questions, for shares 25 % to 100 %. If the right answers climbed steeply
 * with the share, writing more questions would be the way to the issue's
 * figures; if they climb a few points per doubling, it is not.
 *
 *   node --import tsx bench/learningCurve.ts [--by questions|buyers] [--seeds N]
 *
 * --by questions (default) keeps a share of each buyer's questions (every
 * buyer still held out in turn); --by buyers keeps a share of the buyers
 * whole, each with all its questions (fewer templates and wordings to learn
 * from). A question asked again with a published answer goes with its
 * question. Each share but 100 % is drawn with several seeds, since which
 * questions are drawn moves the figure by itself. Figures are nested (each
 * buyer's threshold chosen without it) at the shipped budget of wrong
 * answers. Takes some 25 minutes on 2 cores; write-up in learning-curve.md.
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_BUDGET, type Example, fitModel, nestedFigures, readExamples } from '../src/eval/fit.js';
import { seededRandom } from '../test/support/random.js';

const { values } = parseArgs({
  options: { by: { type: 'string', default: 'questions' }, seeds: { type: 'string', default: '3' } },
});
const by = values.by === 'buyers' ? 'buyers' : 'questions';
const seeds = Math.max(1, Number(values.seeds));
const SHARES = [0.25, 0.5, 0.75, 1];

const keyOf = (e: Example) => (by === 'buyers' ? e.fold : `${e.callOff}\u0000${e.case.id}`);

/** One seeded draw in [0, 1) per question (or buyer), in a fixed order: the same subsets on every run. */
function draws(examples: readonly Example[], seed: number): Map<string, number> {
  const random = seededRandom(seed);
  return new Map([...new Set(examples.map(keyOf))].sort().map((k) => [k, random()]));
}

interface Run {
  share: number;
  seed: number;
  questions: number;
  answerable: number;
  right: number;
  abstained: number;
  unanswerable: number;
  wrong: number;
}

const pct = (a: number, b: number) => (b === 0 ? 0 : (100 * a) / b);

const { examples, hash } = await readExamples(process.cwd(), path.join(os.tmpdir(), 'avropsbot-fit-index'));
const runs: Run[] = [];
for (const share of SHARES) {
  for (let seed = 1; seed <= (share === 1 ? 1 : seeds); seed++) {
    const drawn = draws(examples, seed);
    const kept = examples.filter((e) => share === 1 || drawn.get(keyOf(e))! < share);
    if (new Set(kept.map((e) => e.fold)).size < 3) continue;
    const f = nestedFigures(fitModel(kept, hash).heldOut, DEFAULT_BUDGET);
    const run: Run = {
      share,
      seed,
      questions: f.questions,
      answerable: f.answerable,
      right: f.rightAnswers,
      abstained: f.rightAbstentions,
      unanswerable: f.unanswerable,
      wrong: f.wrongAnswers,
    };
    runs.push(run);
    console.error(
      `share ${share} seed ${seed}: ${run.right} / ${run.answerable} right (${pct(run.right, run.answerable).toFixed(1)} %)`,
    );
  }
}

console.log(`Held out by buyer, nested thresholds at ${DEFAULT_BUDGET * 100} % wrong; a share of the ${by}.\n`);
console.log('| share | seed | questions | right answers | correct abstention | wrong answers |');
console.log('|---|---|---|---|---|---|');
for (const r of runs) {
  console.log(
    `| ${r.share * 100} % | ${r.seed} | ${r.questions} | ${r.right} / ${r.answerable} (${pct(r.right, r.answerable).toFixed(1)} %) | ${pct(r.abstained, r.unanswerable).toFixed(1)} % | ${pct(r.wrong, r.questions).toFixed(1)} % |`,
  );
}

// Right answers (% of answerable) against log2(share), least squares: points gained per doubling.
const xs = runs.map((r) => Math.log2(r.share));
const ys = runs.map((r) => pct(r.right, r.answerable));
const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
const my = ys.reduce((a, b) => a + b, 0) / ys.length;
const slope = xs.reduce((s, x, i) => s + (x - mx) * (ys[i]! - my), 0) / xs.reduce((s, x) => s + (x - mx) ** 2, 0);
const atAll = my - slope * mx;
console.log(
  `\nRight answers gain ${slope.toFixed(1)} points per doubling of the ${by} (fitted: ${atAll.toFixed(1)} % at 100 %).`,
);
if (slope > 0) {
  const doublings = (80 - atAll) / slope;
  console.log(
    `At that rate, 80 % would take ${doublings.toFixed(1)} doublings: ${Math.round(2 ** doublings)} times the ${by}.`,
  );
}
