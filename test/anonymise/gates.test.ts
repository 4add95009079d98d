/**
 * The masking runs an expression only where its gate says the text could hold
 * a match (src/anonymise/gate.ts), and the people finder only where a run of
 * letters is a given name. Skipping must never change a mask: on the corpus,
 * the labelled questions and seeded random texts built from their words and
 * from the pieces the expressions look for, a text a gate refuses has no match
 * of its expression.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { GATED_EXPRESSIONS } from '../../src/anonymise/gate.js';
import { GIVEN_NAMES } from '../../src/anonymise/givenNames.js';
import { anonymise } from '../../src/anonymise/index.js';
import { mayNameSomeone } from '../../src/anonymise/people.js';
import { seededRandom } from '../support/random.js';

const fixtures = fileURLToPath(new URL('../fixtures/', import.meta.url));
const lines = (file: string) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { text?: string; question?: string });
const real = [
  ...lines(`${fixtures}anonymise/corpus.jsonl`).map((c) => c.text ?? ''),
  ...readdirSync(`${fixtures}eval`)
    .filter((f) => f.endsWith('.jsonl'))
    .flatMap((f) => lines(`${fixtures}eval/${f}`).map((q) => q.question ?? '')),
];

/** Pieces that open the expressions' gates, and characters whose case rules are odd. */
const PIECES = [
  'AB',
  'Aktiebolaget',
  'Ltd',
  'HB',
  'at',
  '(at)',
  '[dot]',
  'snabel-a',
  '@',
  'punkt',
  '.se',
  '.pdf',
  'Hej',
  'Tack',
  'Mvh',
  'Best,',
  'BR',
  '/',
  '--',
  '–',
  '\n',
  ',',
  '.',
  '!',
  '?',
  '070-123 45 67',
  '19900505-1234',
  'SE556677889901',
  'född',
  'Box 12',
  '581 10',
  'Linköping',
  'Drottninggatan 5A',
  'cv_anna_ek.pdf',
  'ANNA',
  'SVENSSON',
  'Anna-Lena',
  'anna',
  'Karl',
  'Svensson',
  'IT',
  'Konsult',
  'jag heter',
  'vi på',
  'arbetar',
  'vi heter',
  'representerar',
  'Dear',
  'här',
  'Det är',
  'İda',
  'ΣΟΦΙΑ',
  'ſ',
  'K',
  '\u0345',
  'Åsa',
  "O'Neil",
  'Anna’s',
  'Från:',
  '<at>x</at>',
  '\uE001',
];

function randomTexts(n: number): string[] {
  const rnd = seededRandom(20261206);
  const words = [...new Set(real.flatMap((t) => t.split(/\s+/u)))];
  const pool = [...words, ...PIECES, ...PIECES];
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const k = 1 + Math.floor(rnd() * 20);
    let t = '';
    for (let j = 0; j < k; j++) t += pool[Math.floor(rnd() * pool.length)] + (rnd() < 0.8 ? ' ' : '');
    out.push(t);
  }
  return out;
}

const texts = [...real, ...real.map((t) => t.toUpperCase()), ...real.map((t) => t.toLowerCase()), ...randomTexts(3000)];

/** The people finder's given() test, on any word shape its expressions match. */
const isGiven = (w: string) =>
  GIVEN_NAMES.has(w.toLowerCase()) || (w.includes('-') && w.split('-').every((p) => GIVEN_NAMES.has(p.toLowerCase())));

describe('masking gates', () => {
  it('registers every gated expression when the anonymiser is loaded', () => {
    expect(anonymise('x', {}).text).toBe('X');
    expect(GATED_EXPRESSIONS.length).toBe(20);
  });

  it('a text a gate refuses holds no match of its expression', () => {
    let refused = 0;
    let opened = 0;
    for (const { gate, re } of GATED_EXPRESSIONS) {
      const expression = new RegExp(re().source, re().flags.replace('y', ''));
      for (const text of texts) {
        if (gate.test(text)) {
          opened++;
          continue;
        }
        refused++;
        expect(expression.exec(text), `${gate} refused ${JSON.stringify(text)}`).toBeNull();
      }
    }
    // Both sides are exercised: most texts are refused by most gates, and many open some.
    expect(refused).toBeGreaterThan(opened);
    expect(opened).toBeGreaterThan(1000);
  });

  it('a text without a given name as a run of letters has no word the person patterns could take as one', () => {
    let without = 0;
    for (const text of texts) {
      if (mayNameSomeone(text)) continue;
      without++;
      for (const [w] of text.matchAll(/\p{L}+(?:[-'’]\p{L}+)?/gu)) expect(isGiven(w), `${w} in ${text}`).toBe(false);
    }
    expect(without).toBeGreaterThan(500);
    expect(mayNameSomeone('Anna-Lena Ek')).toBe(true);
    expect(mayNameSomeone('När är sista anbudsdag?')).toBe(false);
  });
});
