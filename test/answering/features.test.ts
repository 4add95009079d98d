/**
 * The answer model's features, each on a hand-built question and candidate:
 * what each one measures, on inputs where the right value is plain.
 */
import { describe, expect, it } from 'vitest';
import { type Candidate, candidatesOf } from '../../src/answering/candidates.js';
import { CUE_FEATURE_NAMES } from '../../src/answering/cues.js';
import {
  analyseQuestion,
  askedPart,
  describeCandidate,
  describePassages,
  FEATURE_NAMES,
  FEATURES,
  type FeatureInput,
  featureVector,
  isChangeRequest,
  isConditionalQuestion,
  isYesNo,
  QUESTION_FEATURE_NAMES,
  questionAnalyzer,
  questionVector,
} from '../../src/answering/features.js';
import { CHANGE_VERBS, PROPOSAL_CUES, REQUEST_OPENERS } from '../../src/answering/lexicon.js';
import type { Passage } from '../../src/core/types.js';
import { normalize } from '../../src/retrieval/tokenizer.js';
import { seededRandom } from '../support/random.js';

let n = 0;
function passage(section: string, heading: string, text: string, score = 1): Passage {
  n++;
  return {
    chunk: { id: `f${n}`, kind: 'document', document: 'avrop.txt', section, heading, text, page: 1 },
    score,
  };
}

/** Every candidate of the passages with its feature input, for one question. */
function inputs(question: string, passages: Passage[]): Array<{ c: Candidate; x: FeatureInput }> {
  const q = analyseQuestion(question, questionAnalyzer(passages));
  const views = candidatesOf(passages, 8).map((c) => describeCandidate(q, c));
  const p = describePassages(q, views);
  return views.map((c) => ({ c: c.candidate, x: { q, p, c } }));
}

const find = (all: Array<{ c: Candidate; x: FeatureInput }>, text: string) => {
  const hit = all.find((i) => i.c.shape === 'unit' && i.c.text.includes(text));
  if (!hit) throw new Error(`no candidate with ${text}`);
  return hit.x;
};

const docs = [
  passage(
    '1.8',
    'Placeringsort',
    'Arbetet sker i myndighetens lokaler i Solna. Distansarbete upp till 40 % av arbetstiden kan accepteras.',
  ),
  passage('1.12.4', 'Sista anbudsdag', 'Anbud ska vara myndigheten tillhanda senast 2026-02-02 kl. 23:59.', 0.5),
  passage(
    '2.1',
    'Pris',
    'Om priset överstiger takpriset förkastas anbudet.\nKonsulten ska inte debitera restid | Ersätts ej',
    0.25,
  ),
];

describe('question features', () => {
  it('reads change requests and proposals, and not a question about a change', () => {
    expect(isChangeRequest('Kan ni ändra kravet så att tre års erfarenhet räcker?')).toBe(true);
    expect(isChangeRequest('Vi föreslår att anbudstiden förlängs.')).toBe(true);
    expect(isChangeRequest('Could you extend the deadline by a week?')).toBe(true);
    expect(isChangeRequest('Kan avtalet förlängas?')).toBe(false);
    expect(isChangeRequest('När är sista anbudsdag?')).toBe(false);
  });

  it('reads change requests as matching phrase by phrase would (random texts from the lexicon)', () => {
    // The reading before the phrase lists were compiled into one expression each.
    const containsPhrase = (text: string, phrase: string) =>
      new RegExp(`(?<![\\p{L}])${phrase.replace(/\s+/g, '\\s+')}(?![\\p{L}])`, 'u').exec(text)?.index ?? -1;
    const phraseByPhrase = (question: string) => {
      const text = normalize(question);
      if (PROPOSAL_CUES.some((cue) => containsPhrase(text, cue) >= 0)) return true;
      for (const opener of REQUEST_OPENERS) {
        const at = containsPhrase(text, opener);
        if (at < 0) continue;
        const after = text.slice(at, at + opener.length + 60);
        if (CHANGE_VERBS.some((verb) => containsPhrase(after, verb) >= 0)) return true;
      }
      return false;
    };
    const random = seededRandom(10_7);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
    const pieces = [PROPOSAL_CUES, REQUEST_OPENERS, CHANGE_VERBS, ['kravet', 'tiden', 'om', 'att', 'vi', 'x', 'Kan']];
    const glue = [' ', '  ', '', '-', ', ', '\n', 'a'];
    let changeRequests = 0;
    for (let i = 0; i < 3_000; i++) {
      const parts = Array.from({ length: 1 + Math.floor(random() * 6) }, () => pick(pick(pieces)));
      const question =
        parts.map((p) => p + pick(glue)).join('') + (random() < 0.3 ? ' '.repeat(70) + pick(CHANGE_VERBS) : '?');
      const expected = phraseByPhrase(question);
      if (expected) changeRequests++;
      expect(isChangeRequest(question), question).toBe(expected);
    }
    expect(changeRequests).toBeGreaterThan(300);
    expect(changeRequests).toBeLessThan(2_700);
  });

  it('reads yes/no questions from the question proper, after the context', () => {
    expect(isYesNo('Får konsulten arbeta på distans?')).toBe(true);
    expect(isYesNo('Vi är ett litet bolag. Måste CV bifogas?')).toBe(true);
    expect(isYesNo('När är sista anbudsdag?')).toBe(false);
  });

  it('reads the question proper as the last sentence that asks; an abbreviation ends no sentence', () => {
    expect(askedPart('Hej! Vi är ett litet bolag i Göteborg. Vilket timpris gäller?')).toBe('Vilket timpris gäller?');
    expect(askedPart('Vilka betalningsvillkor gäller, t.ex. 30 dagar netto?')).toBe(
      'Vilka betalningsvillkor gäller, t.ex. 30 dagar netto?',
    );
    expect(askedPart('Vilka system används, t.ex. GIS eller ärendehantering?')).toBe(
      'Vilka system används, t.ex. GIS eller ärendehantering?',
    );
    expect(askedPart('Vi undrar över en sak')).toBe('Vi undrar över en sak');
  });

  it('reads the topic words only of the context before the question proper as background', () => {
    const q = analyseQuestion('Vi är ett bolag i Göteborg. Får konsulten arbeta på distans?', questionAnalyzer(docs));
    const cls = (word: string) => q.groups.find((g) => word.startsWith(g.primary))?.cls;
    expect(cls('göteborg')).toBe('background');
    expect(cls('distans')).toBe('topic');
    const plain = analyseQuestion('Får konsulten arbeta på distans i Göteborg?', questionAnalyzer(docs));
    expect(plain.groups.find((g) => 'göteborg'.startsWith(g.primary))?.cls).toBe('topic');
  });

  it('reads a question about a case, but not "undrar om"', () => {
    expect(isConditionalQuestion('Om konsulten blir sjuk, vad händer då?')).toBe(true);
    expect(isConditionalQuestion('Jag undrar om distansarbete accepteras?')).toBe(false);
  });

  it('knows a frame word of the lexicon however far the analyzer cuts it ("förtydliga" -> "förtyd")', () => {
    const q = analyseQuestion(
      'Kan ni förtydliga vilken kompetensnivå som samtliga konsulter ska ha?',
      questionAnalyzer(docs),
    );
    const cls = (word: string) => q.groups.find((g) => word.startsWith(g.primary))?.cls;
    expect(cls('förtydliga')).toBe('light');
    expect(cls('samtliga')).toBe('light');
    expect(cls('konsulter')).toBe('generic');
    expect(cls('kompetensnivå')).toBe('topic');
  });
});

describe('candidate features', () => {
  const all = inputs('Får konsulten arbeta på distans från Solna?', docs);

  it('has one value per named feature, in the model order', () => {
    const x = find(all, 'Distansarbete');
    expect(featureVector(x)).toHaveLength(FEATURE_NAMES.length);
    const withCues = [...featureVector(x), ...CUE_FEATURE_NAMES.map(() => 0)];
    expect(questionVector([{ logit: 1, features: withCues, section: '1.8' }])).toHaveLength(
      QUESTION_FEATURE_NAMES.length,
    );
  });

  it("keeps the candidate's own terms as the document has them, for a question typed without å, ä and ö too", () => {
    const plain = find(inputs('Får priset överstiga takpriset?', docs), 'Om priset');
    const folded = find(inputs('Far priset overstiga takpriset?', docs), 'Om priset');
    expect([...folded.c.terms.keys()]).toEqual([...plain.c.terms.keys()]);
    expect([...plain.c.terms.keys()].some((t) => /[åäö]/.test(t))).toBe(true);
  });

  it('own_topic: the sentence with the asked words covers more than one without them', () => {
    expect(FEATURES.own_topic(find(all, 'Distansarbete'))).toBeGreaterThan(FEATURES.own_topic(find(all, 'takpriset')));
    expect(FEATURES.own_topic(find(all, 'takpriset'))).toBe(0);
  });

  it('background_topic: the context words the candidate holds, apart from the topic words asked about', () => {
    const asked = inputs('Vi sitter i Solna. Får konsulten arbeta på distans?', docs);
    const x = find(asked, 'Distansarbete');
    expect(FEATURES.background_topic(x)).toBeGreaterThan(0);
    expect(FEATURES.background_topic(find(asked, 'takpriset'))).toBe(0);
    // Solna is background here, not a topic word the sentence itself lacks, as it is when asked about.
    expect(FEATURES.own_topic(x)).toBeGreaterThan(FEATURES.own_topic(find(all, 'Distansarbete')));
  });

  it('context_topic and passage_topic count the heading and the passage as well', () => {
    const x = find(all, 'Distansarbete');
    expect(FEATURES.context_topic(x)).toBeGreaterThanOrEqual(FEATURES.own_topic(x));
    expect(FEATURES.passage_topic(x)).toBeGreaterThanOrEqual(FEATURES.context_topic(x));
  });

  it('rarest_missing names a topic word the candidate lacks; rarest_matched one it has', () => {
    const x = find(all, 'Distansarbete');
    expect(FEATURES.rarest_matched(x)).toBeGreaterThan(0);
    expect(FEATURES.rarest_missing(find(all, 'takpriset'))).toBeGreaterThan(0);
  });

  it('kind features: a when-question and a sentence with a date', () => {
    const when = inputs('När ska anbudet vara inne?', docs);
    const dated = find(when, '2026-02-02');
    expect(FEATURES.kind_wanted(dated)).toBe(1);
    expect(FEATURES.kind_present(dated)).toBe(1);
    expect(FEATURES.kind_present(find(when, 'Distansarbete'))).toBe(0);
    expect(FEATURES.topic_with_kind(find(when, 'Distansarbete'))).toBe(0);
  });

  it('quantity features: a question about a share finds the share, not the date or the price', () => {
    const share = inputs('Hur stor andel får utföras på distans?', docs);
    expect(FEATURES.quantity_wanted(find(share, 'Distansarbete'))).toBe(1);
    expect(FEATURES.quantity_present(find(share, 'Distansarbete'))).toBe(1);
    expect(FEATURES.quantity_present(find(share, '2026-02-02'))).toBe(0);
    // How long: a length of time, or the date it ends.
    const howLong = inputs('Hur länge ska anbudet gälla?', docs);
    expect(FEATURES.quantity_present(find(howLong, '2026-02-02'))).toBe(1);
    expect(FEATURES.quantity_present(find(howLong, 'Distansarbete'))).toBe(0);
    const plain = inputs('Får konsulten arbeta på distans?', docs);
    expect(FEATURES.quantity_wanted(find(plain, 'Distansarbete'))).toBe(0);
    expect(FEATURES.quantity_present(find(plain, 'Distansarbete'))).toBe(0);
  });

  it('yes_no_rule, conditional_case and negated read the candidate wording', () => {
    expect(FEATURES.yes_no_rule(find(all, 'Anbud ska'))).toBe(1);
    expect(FEATURES.conditional_case(find(all, 'Om priset'))).toBe(1);
    expect(FEATURES.conditional_case(find(all, 'Distansarbete'))).toBe(0);
    expect(FEATURES.negated(find(all, 'inte debitera'))).toBe(1);
  });

  it('rank, score and signals: the first passage ranks highest', () => {
    const first = find(all, 'Distansarbete');
    const third = find(all, 'takpriset');
    expect(FEATURES.rank(first)).toBe(1);
    expect(FEATURES.rank(third)).toBeCloseTo(1 / 3);
    expect(FEATURES.score_relative(first)).toBe(1);
    expect(FEATURES.score_relative(third)).toBeCloseTo(0.25);
    // Hand-made passages carry no retrieval signals: both read the fused score.
    expect(FEATURES.lexical_relative(third)).toBeCloseTo(0.25);
    expect(FEATURES.agreement(third)).toBeCloseTo(0.25);
  });

  it("question_weight: the question's absolute weight from retrieval, the same for every candidate", () => {
    // Hand-made passages carry none: 0.
    expect(FEATURES.question_weight(find(all, 'Distansarbete'))).toBe(0);
    const weighed = (questionWeight: number) =>
      inputs(
        'Får konsulten arbeta på distans?',
        docs.map((d) => ({ ...d, signals: { lexical: d.score, vector: d.score, questionWeight } })),
      );
    const light = weighed(4);
    const heavy = weighed(40);
    expect(FEATURES.question_weight(find(light, 'Distansarbete'))).toBeCloseTo(Math.log(5) / Math.log(150));
    expect(FEATURES.question_weight(find(light, 'takpriset'))).toBe(
      FEATURES.question_weight(find(light, 'Distansarbete')),
    );
    expect(FEATURES.question_weight(find(heavy, 'Distansarbete'))).toBeGreaterThan(
      FEATURES.question_weight(find(light, 'Distansarbete')),
    );
  });

  it('shape features: pairs and table rows are candidates of their own', () => {
    const shapes = new Set(all.map((i) => i.c.shape));
    expect(shapes).toEqual(new Set(['unit', 'pair', 'row']));
    const row = all.find((i) => i.c.shape === 'row')!;
    expect(FEATURES.row(row.x)).toBe(1);
    expect(row.c.text).toBe('Konsulten ska inte debitera restid | Ersätts ej');
  });

  it('named_section, change_request, english and placeholder', () => {
    const named = inputs('Vad gäller enligt 1.8 för distansarbete?', docs);
    expect(FEATURES.named_section(find(named, 'Distansarbete'))).toBe(1);
    expect(FEATURES.named_section(find(named, 'takpriset'))).toBe(0);
    expect(FEATURES.change_request(find(inputs('Kan ni ändra 1.8 så att distans accepteras?', docs), 'Solna'))).toBe(1);
    expect(FEATURES.english(find(inputs('Can the consultant work remotely?', docs), 'Solna'))).toBe(1);
    const form = inputs('Vilket pris?', [passage('3', 'Pris', 'Klicka eller tryck här för att ange text.')]);
    expect(FEATURES.placeholder(form[0]!.x)).toBe(1);
    // A web address alone (after at most a label) answers nothing; one in a sentence may.
    const link = (text: string) =>
      FEATURES.placeholder(inputs('Var finns mallen?', [passage('4', 'Mall', text)])[0]!.x);
    expect(link('Länk: https://www.avropa.se/mallar/avtal.')).toBe(1);
    expect(link('www.gotlandshem.se')).toBe(1);
    expect(link('Mallen finns på https://www.avropa.se/mallar för alla leverantörer.')).toBe(0);
  });
});

describe('question-level features', () => {
  it('measure the lead of the best candidate over another section', () => {
    const v = questionVector([
      { logit: 3, features: [], section: 'a' },
      { logit: 2.5, features: [], section: 'a' },
      { logit: 1, features: [], section: 'b' },
    ]);
    expect(v[0]).toBe(3);
    expect(v[1]).toBe(2);
    expect(v[2]).toBeCloseTo(Math.log(1));
  });
});
