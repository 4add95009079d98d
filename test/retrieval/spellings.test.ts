/**
 * Spellings a supplier's question and a call-off write differently: sums of money in
 * kronor, adjectives in the neuter, Swedish typed without å/ä/ö (which is not English).
 * Hand-made text, not an eval set's documents.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { callOffFolder } from '../../src/eval/callOffFolder.js';
import { analyze, looksEnglish } from '../../src/retrieval/analyzer.js';
import { KnowledgeBase } from '../../src/retrieval/knowledgeBase.js';
import { stemSwedish } from '../../src/retrieval/stemmer.js';
import { tokenize } from '../../src/retrieval/tokenizer.js';
import { quietLogger, tempDir } from './quality.js';

const amounts = (text: string) =>
  tokenize(text)
    .filter((t) => t.kind === 'amount')
    .map((t) => t.text);

describe('sums of money', () => {
  it('spells every sum in kronor the same way, currency first or last', () => {
    expect(amounts('150 kr')).toEqual(['150kr']);
    expect(amounts('150 kronor')).toEqual(['150kr']);
    expect(amounts('1 200 SEK')).toEqual(['1200kr']);
    expect(amounts('Erfarenhet | SEK 150 | Ja')).toEqual(['150kr']);
    expect(amounts('kr 1 200,50 per timme')).toEqual(['1200,50kr']);
  });

  it('does not read a word that merely starts like a currency as a sum', () => {
    expect(amounts('sekretess 150')).toEqual([]);
    expect(amounts('Takpris kr.')).toEqual([]);
  });

  it('lets a question in kronor find a table that writes SEK first', () => {
    expect(analyze('Ger det 150 kr i avdrag?')).toEqual(expect.arrayContaining(['150kr', 'kron']));
    expect(analyze('Erfarenhet av ledning | SEK 150')).toEqual(expect.arrayContaining(['150kr', 'kron']));
  });
});

describe('adjectives in the neuter', () => {
  it('meet their other forms', () => {
    expect(stemSwedish('alternativt')).toBe(stemSwedish('alternativa'));
    expect(stemSwedish('digitalt')).toBe(stemSwedish('digitala'));
    expect(stemSwedish('formellt')).toBe(stemSwedish('formella'));
  });

  it('leave nouns ending in -t alone', () => {
    expect(stemSwedish('start')).toBe('start');
    expect(stemSwedish('avtalet')).toBe(stemSwedish('avtal'));
  });
});

describe('genitives', () => {
  it('of a plural meet the plural ("30 dagars" - "30 dagar")', () => {
    expect(stemSwedish('dagars')).toBe(stemSwedish('dagar'));
    expect(stemSwedish('veckors')).toBe(stemSwedish('veckor'));
    expect(stemSwedish('månaders')).toBe(stemSwedish('månader'));
  });

  it('and the short forms of "år" meet "år" ("fem års erfarenhet" - "years")', () => {
    for (const w of ['års', 'åren', 'året']) expect(stemSwedish(w)).toBe('år');
  });
});

describe('Swedish typed without å, ä and ö', () => {
  it('is not taken for English because of "for", "ar" or "pa"', () => {
    expect(looksEnglish(tokenize('Kravs korkort for konsulterna?'))).toBe(false);
    expect(looksEnglish(tokenize('Nar ar sista dag for fragor?'))).toBe(false);
    expect(looksEnglish(tokenize('What is the deadline for questions?'))).toBe(true);
  });

  it('retrieves the section whose words carry the letters the question left out', async () => {
    const root = tempDir('avropsbot-folded-');
    const doc = path.join(root, 'avrop.txt');
    writeFileSync(
      doc,
      [
        '1 Inledning',
        'Kommunen avropar en konsult för drift av servicedesk.',
        '2 Ansvar och försäkring',
        'Leverantören ska under hela avtalstiden ha en ansvarsförsäkring för uppdraget.',
        '3 Fakturering',
        'Fakturor skickas som e-faktura.',
        '4 Förändring av leveransen',
        'Leverantören ska meddela varje förändring kring leveransen och ordningen för leveranserna.',
        '5 Prisjustering och ersättning',
        'Ersättning vid förlängning regleras i ramavtalet; leverantören kan begära prisjustering.',
        '6 Rapportering',
        'Leverantören ska lämna rapportering varje månad kring ärendehantering och förbättring.',
      ].join('\n'),
    );
    const callOff = callOffFolder(path.join(root, 'knowledge'), 'vikby', [doc]);
    const kb = new KnowledgeBase({ dataDir: path.join(root, 'data'), logger: quietLogger });
    await kb.ensureIndex(callOff);
    const passages = await kb.retrieve(callOff, 'Maste leverantoren ha nagon forsakring?', []);
    expect(passages[0]?.chunk.section).toBe('2');
  });
});
