/**
 * The cue-association fit on data whose associations are known: a cue pair
 * that goes with answers gets a positive weight, one that goes with other
 * candidates a negative one, a pair seen in too few questions none, and a
 * question's own buyer never vouches for its features (cross-fitting).
 */
import { describe, expect, it } from 'vitest';
import { CueTable, decodeRow } from '../../src/answering/cues.js';
import { CueCounts, type CueExample } from '../../src/eval/cueFit.js';

/** A question "w:nar ..." whose answer states a date and whose other candidates state an amount. */
function whenQuestion(fold: string, extra: string[] = []): CueExample {
  return {
    fold,
    republished: null,
    labels: [1, 0, 0],
    questionCues: ['w:nar', 'start', ...extra],
    candidateCues: [['#datum', 'start'], ['#antal', 'start'], ['pris']],
  };
}

const buyers = ['a', 'b', 'c', 'd'];
const examples = buyers.flatMap((b) => [whenQuestion(b), whenQuestion(b)]);

describe('cue counts', () => {
  it('fit positive weights for pairs that go with answers and negative for pairs that do not', () => {
    const table = new CueCounts(examples).table();
    const weight = (q: string, a: string) =>
      q in table.rows ? decodeRow(table.rows[q]!, table.cues).get(a) : undefined;
    expect(weight('w:nar', '#datum')).toBeGreaterThan(0.5);
    // "start" is in an answer and in a non-answer of every question: weaker than the date.
    expect(weight('w:nar', 'start')).toBeLessThan(weight('w:nar', '#datum')!);
    // Never in an answer: no pair at all (a pair needs answers of several questions).
    expect(weight('w:nar', 'pris')).toBeUndefined();
    expect(weight('w:nar', '#antal')).toBeUndefined();
  });

  it('rank the answer first through the features', () => {
    const table = new CueTable(new CueCounts(examples).table());
    const q = ['w:nar', 'start'];
    const [answer, other, none] = examples[0]!.candidateCues.map((c) => table.forQuestion(q).features(c, 0));
    expect(answer![0]).toBeGreaterThan(other![0]!);
    expect(other![0]).toBeGreaterThan(none![0]!);
    expect(none).toEqual([0, 0, 0]);
  });

  it('ignore a pair seen in the answers of fewer than three questions', () => {
    const rare: CueExample = {
      ...whenQuestion('a', ['w:sallsynt']),
      candidateCues: [['#datum', 'unik'], ['x'], ['y']],
    };
    const table = new CueCounts([...examples, rare, { ...rare, fold: 'b' }]).table();
    expect(table.cues).not.toContain('unik');
    expect(Object.keys(table.rows)).not.toContain('w:sallsynt');
  });

  it('count a question without its own buyer, and a held-out buyer without itself', () => {
    // The association exists in buyer "a"'s questions only (five of them), nowhere else.
    const onlyA = [0, 1, 2, 3, 4].map(() => whenQuestion('a', ['w:egen']));
    const own = onlyA.map((e) => ({
      ...e,
      candidateCues: [['#datum', 'start', 'egen'], ['#antal', 'start'], ['pris']],
    }));
    const counts = new CueCounts([...own, ...examples]);
    // Buyer a's questions are counted without buyer a: "egen" adds nothing, as if it were never there.
    const plain = new CueCounts(examples).columns(0, [])[0]!;
    expect(counts.columns(5, [])[0]).toEqual(plain);
    const [support, best, balance] = counts.columns(0, [])[0]!;
    expect(best).toBeCloseTo(plain[1]!, 10);
    // The same associations over three question cues instead of two.
    expect(support! * 3).toBeCloseTo(plain[0]! * 2, 10);
    expect(balance! * 3).toBeCloseTo(plain[2]! * 2, 10);
    // Held out, buyer b's question is counted with buyer a's questions.
    expect(counts.columns(7, ['b'])[0]).not.toEqual(new CueCounts(examples).columns(2, ['b'])[0]);
    // The shipped table (all counts) knows the pair.
    expect(Object.keys(counts.table().rows)).toContain('w:egen');
  });

  it('give a new question the same features as the shipped table gives it in the product', () => {
    // Asked again (not counted) by a buyer of its own: its columns are counted over everything, as the table is.
    const asked: CueExample = { ...whenQuestion('new', ['w:hur']), republished: 'same sections' };
    const counts = new CueCounts([...examples, asked]);
    const product = new CueTable(counts.table()).forQuestion(asked.questionCues);
    const fitted = counts.columns(examples.length, []);
    asked.candidateCues.forEach((cues, i) => {
      const got = product.features(cues, 0);
      got.forEach((v, j) => {
        expect(v).toBeCloseTo(fitted[i]![j]!, 3);
      });
    });
    expect(fitted[0]![0]).toBeGreaterThan(0);
  });

  it('do not count questions asked again with a published answer', () => {
    const synthetic = examples.map((e) => ({ ...e, republished: 'same sections' }));
    expect(new CueCounts([...examples, ...synthetic]).table()).toEqual(new CueCounts(examples).table());
  });
});
