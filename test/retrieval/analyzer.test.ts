// Tests for the Swedish analyzer: tokens kept whole, stemming fixes, compounds, English glossary.
import { describe, expect, it } from 'vitest';
import {
  ANALYZER_KEY,
  ANALYZER_VERSION,
  analyze,
  contentTermGroups,
  contentTerms,
  INDEX_EXPANSION,
  normalize,
  SwedishAnalyzer,
  tokenize,
} from '../../src/retrieval/analyzer.js';
import { HAND_SET_WEIGHTS } from '../../src/retrieval/weights.js';

const kinds = (text: string) => tokenize(text).map((t) => `${t.kind}:${t.text}`);

describe('normalize', () => {
  it('lower-cases, keeps Swedish letters and folds quotes, dashes and spaces', () => {
    expect(normalize('  ÅSA ”Gustafsson” – Öppning\u00a0É  ')).toBe('åsa "gustafsson" - öppning é');
  });
  it('composes decomposed letters (NFC)', () => {
    expect(normalize('a\u030angström')).toBe('ångström');
  });
});

describe('tokenize', () => {
  it('keeps dates, times, amounts, sections, e-mail, URLs and references whole', () => {
    const text =
      'Senast 2026-02-02 23:59, öppning kl 07.00. Filer >= 50MB, 100 % och 2 000 kr. Se 1.12.4. Af-2025/0108, 202100-2114, 23.3-2940-20, (2016:1145). asa.gustafsson@arbetsformedlingen.se www.arbetsformedlingen.se';
    const k = kinds(text);
    for (const expected of [
      'date:2026-02-02',
      'time:23:59',
      'time:07:00',
      'amount:50mb',
      'amount:100%',
      'amount:2000kr',
      'section:1.12.4',
      'reference:af-2025/0108',
      'reference:202100-2114',
      'reference:23.3-2940-20',
      'reference:2016:1145',
      'email:asa.gustafsson@arbetsformedlingen.se',
      'url:www.arbetsformedlingen.se',
    ]) {
      expect(k).toContain(expected);
    }
  });
  it('gives offsets into the original text', () => {
    const text = 'Kontakt: Åsa, E-post asa@x.se';
    for (const t of tokenize(text)) expect(normalize(text.slice(t.start, t.end))).toBe(t.text);
  });
  it('treats hyphenated words as words, not references', () => {
    expect(kinds('IT-konsulttjänster och e-post')).toEqual(['word:it-konsulttjänster', 'word:och', 'word:e-post']);
  });
});

describe('analyze', () => {
  it('stems the definite -et that Snowball leaves', () => {
    expect(analyze('avtalet')).toContain(analyze('avtal')[0]);
    expect(analyze('anbudet')[0]).toBe(analyze('anbud')[0]);
    expect(analyze('kravet')[0]).toBe(analyze('krav')[0]);
    expect(analyze('kontraktet')[0]).toBe(analyze('kontrakt')[0]);
    // Not a definite form: "arbeta" and "arbete" share a stem.
    expect(analyze('arbeta')[0]).toBe(analyze('arbete')[0]);
  });
  it('removes stop words', () => {
    expect(analyze('och det att i en')).toEqual([]);
  });
  it('splits compounds so anbudsöppningen meets öppning av anbud', () => {
    const q = new Set(analyze('anbudsöppningen'));
    const d = analyze('öppning av anbud');
    expect(d.filter((t) => q.has(t)).length).toBeGreaterThanOrEqual(2);
  });
  it('meets anbudsdagen from sista anbudsdag', () => {
    const d = new Set(analyze('anbudsdagen'));
    expect(analyze('sista anbudsdag').some((t) => d.has(t))).toBe(true);
  });
  it('splits against the corpus vocabulary it is given', () => {
    const plain = new SwedishAnalyzer();
    const withVocab = new SwedishAnalyzer(['mätare', 'fjärravläsning']);
    expect(plain.analyze('fjärravläsningsmätare')).not.toContain(analyze('fjärravläsning')[0]);
    expect(withVocab.analyze('fjärravläsningsmätare')).toContain(withVocab.analyze('fjärravläsning')[0]);
  });
  it('does not split unknown words into noise', () => {
    expect(analyze('konsulten')).toEqual([analyze('konsult')[0]]);
  });
  it('maps English procurement words to Swedish terms', () => {
    const en = new Set(analyze('What is the deadline for asking questions?'));
    expect(en.has(analyze('frågor')[0]!)).toBe(true);
    expect(en.has(analyze('senast')[0]!)).toBe(true);
    expect(new Set(analyze('Can the contract be extended?')).has(analyze('kontrakt')[0]!)).toBe(true);
  });
  it('keeps amounts whole and adds their number', () => {
    expect(analyze('filer om 50 MB')).toEqual(expect.arrayContaining(['fil', '50mb', '50']));
  });
});

describe('contentTerms', () => {
  it('drops question words and politeness', () => {
    // "kontaktperson" has a synonym of its own (kontakt), so it is one concept rather than its parts.
    const groups = contentTermGroups('Hej! Vem är kontaktperson för avropet? Tack');
    expect(groups.flat()).toEqual(expect.arrayContaining([analyze('kontaktperson')[0], analyze('kontakt')[0]]));
    expect(groups.flat()).not.toEqual(expect.arrayContaining([analyze('hej')[0]]));
    expect(groups.flat()).not.toEqual(expect.arrayContaining([analyze('tack')[0]]));
    expect(contentTerms('Hej, vad gäller?')).toEqual([]);
  });
  it('groups English glossary alternatives', () => {
    const groups = contentTermGroups('What is the deadline?');
    expect(groups).toHaveLength(1);
    expect(groups[0]).toEqual(expect.arrayContaining([analyze('senast')[0], analyze('sista')[0]]));
  });
});

describe('two-word concepts', () => {
  it('treats "sista dag" as one deadline concept that "senast" covers', () => {
    const groups = contentTermGroups('Vad är sista dag för frågor?');
    expect(groups).toHaveLength(2);
    expect(groups[0]).toEqual(expect.arrayContaining([analyze('sista')[0], analyze('senast')[0], analyze('dag')[0]]));
    expect(contentTermGroups('What is the last day for questions?')).toHaveLength(2);
  });
});

describe('question modifiers', () => {
  it('weighs a degree word after "hur"/"how" low, and a verb after it fully', () => {
    const weightOf = (q: string, word: string) => {
      const stem = analyze(word)[0]!;
      return new SwedishAnalyzer().analyzeWeighted(q).find((t) => t.term === stem)?.weight;
    };
    expect(weightOf('Hur lång är avtalstiden?', 'lång')).toBeLessThan(0.5);
    expect(weightOf('Hur signeras avtalet?', 'signeras')).toBe(1);
    expect(weightOf('Är texten lång?', 'lång')).toBe(1);
  });
});

describe('names', () => {
  it('does not split a capitalised compound in mid-sentence (a name), but does at a sentence start', () => {
    const a = new SwedishAnalyzer(['arbete', 'förmedling', 'kontakt', 'person']);
    const arbete = analyze('arbete')[0]!;
    expect(a.analyzeForIndex('Lokalerna tillhör Arbetsförmedlingen i Solna.')).not.toContain(arbete);
    expect(a.analyzeForIndex('arbetsförmedlingen')).toContain(arbete);
    const kontakt = analyze('kontakt')[0]!;
    expect(a.analyzeForIndex('Avropande myndighet: Vaxholms stad | Kontaktperson: Daniel Ek')).toContain(kontakt);
    expect(a.analyzeForIndex('Kontaktpersonen nås per telefon.')).toContain(kontakt);
  });
});

describe('manner questions', () => {
  it('adds a weak "sätt" to a "hur" question about a way of doing something, not to "hur lång"', () => {
    const satt = analyze('sätt')[0]!;
    const manner = new SwedishAnalyzer().analyzeWeighted('Hur lämnar man anbud?').find((t) => t.term === satt);
    expect(manner?.weight).toBeLessThan(0.5);
    expect(analyze('Hur lång är avtalstiden?')).not.toContain(satt);
    expect(new SwedishAnalyzer().analyzeForIndex('Hur lämnar man anbud?')).not.toContain(satt);
  });
});

describe('English loanwords in Swedish questions', () => {
  it('translates "deadline" inside a Swedish question, but leaves Swedish words that look English alone', () => {
    expect(analyze('Vad är deadline för frågor?')).toEqual(expect.arrayContaining([analyze('senast')[0]]));
    // "sent" is Swedish for late: no "skickas".
    expect(analyze('Vad händer med anbud som kommer in för sent?')).not.toContain(analyze('skickas')[0]);
  });
});

describe('expansion weights', () => {
  it('index mode has its own, frozen, apart from the query weights, and stored indexes follow them', () => {
    expect(INDEX_EXPANSION).not.toBe(HAND_SET_WEIGHTS.expansion);
    expect(Object.isFrozen(INDEX_EXPANSION)).toBe(true);
    // The key of every stored index and analysis: changing a weight rebuilds them, no version bump to forget.
    expect(ANALYZER_KEY).toContain(ANALYZER_VERSION);
    expect(ANALYZER_KEY).toContain(JSON.stringify(INDEX_EXPANSION));
  });

  it('query weights passed in move the query terms only, never the indexed ones', () => {
    const a = new SwedishAnalyzer(['ramavtal', 'leverantör']);
    const text = 'ramavtalsleverantören';
    const other = { ...HAND_SET_WEIGHTS.expansion, part: 0.9, variant: 0.2 };
    const weightOf = (mode: 'index' | 'query', expansion = HAND_SET_WEIGHTS.expansion) =>
      a.analyzeWeighted(text, { mode, expansion }).find((t) => t.term === 'ramavtal')?.weight;
    expect(weightOf('query', other)).toBe(0.9);
    expect(weightOf('query')).toBe(HAND_SET_WEIGHTS.expansion.part);
    expect(weightOf('index', other)).toBe(INDEX_EXPANSION.part);
  });
});
