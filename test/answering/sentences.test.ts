/** Quotable units: exact substrings, sensible sentence ends, labels joined with what they introduce. */
import { describe, expect, it } from 'vitest';
import { isLabel, splitUnits } from '../../src/answering/sentences.js';

describe('splitUnits', () => {
  it('gives units that are exact substrings at their offsets', () => {
    const text =
      'Anbudet ska vara skriftligt och författat på svenska. För området vedertagna begrepp accepteras på engelska.\nAlternativa anbud accepteras inte. Reservationer accepteras inte.';
    const units = splitUnits(text);
    expect(units.map((u) => u.text)).toEqual([
      'Anbudet ska vara skriftligt och författat på svenska.',
      'För området vedertagna begrepp accepteras på engelska.',
      'Alternativa anbud accepteras inte.',
      'Reservationer accepteras inte.',
    ]);
    for (const u of units) expect(text.slice(u.start, u.end)).toBe(u.text);
  });

  it('does not end a sentence at an abbreviation or a list number', () => {
    const text =
      'Avropande myndighet är Arbetsförmedlingen, org.nr. 202100-2114. Anbud ska minst vara giltigt t.o.m. 2026-03-23.';
    const units = splitUnits(text).map((u) => u.text);
    expect(units).toEqual([
      'Avropande myndighet är Arbetsförmedlingen, org.nr. 202100-2114.',
      'Anbud ska minst vara giltigt t.o.m. 2026-03-23.',
    ]);
  });

  it('ends a sentence after an amount in kronor', () => {
    const units = splitUnits('Värdet beräknas till 2 700 000 SEK. Det är ett uppskattat värde.').map((u) => u.text);
    expect(units).toHaveLength(2);
  });

  it('joins a bare label with the short lines that follow it, and stops at the next label', () => {
    const text = 'Kontaktperson:\nAnnelie Pahv\nTelefonnummer:\n0171-625000';
    const units = splitUnits(text);
    expect(units[0]!.text).toBe('Kontaktperson:\nAnnelie Pahv');
    expect(units.some((u) => u.text === 'Telefonnummer:\n0171-625000')).toBe(true);
    for (const u of units) expect(text.slice(u.start, u.end)).toBe(u.text);
  });

  it('keeps a label with a following list of items together', () => {
    const text = 'Kontaktperson under avropet är:\nÅsa Gustafsson\nInköpare Inköpsavdelningen\nTelefon: 010-4866305';
    const first = splitUnits(text)[0]!;
    expect(first.text).toContain('Åsa Gustafsson');
    expect(first.text.startsWith('Kontaktperson under avropet är:')).toBe(true);
  });

  it('makes each table cell a unit of its own', () => {
    const text = 'Avropande myndighet: Vaxholms stad | Kontaktperson: Daniel Ek';
    const units = splitUnits(text);
    expect(units.map((u) => u.text)).toEqual(['Avropande myndighet: Vaxholms stad', 'Kontaktperson: Daniel Ek']);
    for (const u of units) expect(text.slice(u.start, u.end)).toBe(u.text);
  });

  it('keeps short list items after a label whose first follower is a full sentence', () => {
    const text =
      'Beskrivning av roll/kompetens:\nEnligt bilaga A i ramavtalet för IT-konsulttjänster: IT- eller digitaliseringsstrateg.\nLösningsarkitekt.';
    expect(splitUnits(text)[0]!.text).toBe(text);
  });

  it('leaves out a bullet glyph printed after its item, and keeps each item a unit', () => {
    const text = 'Uppdraget omfattar:\nLeda arbetet med strategin.•\nStödja förvaltningen i komplexa frågor. •\nSAML2•';
    const units = splitUnits(text);
    for (const u of units) expect(text.slice(u.start, u.end)).toBe(u.text);
    const items = units.filter((u) => u.paragraph > 0 && !u.text.includes('\n')).map((u) => u.text);
    expect(items).toEqual(['Leda arbetet med strategin.', 'Stödja förvaltningen i komplexa frågor.', 'SAML2']);
  });

  it('skips lines without letters or digits', () => {
    expect(splitUnits('•\n\n  \nText här.').map((u) => u.text)).toEqual(['Text här.']);
  });

  it('recognises labels', () => {
    expect(isLabel('Bilagor:')).toBe(true);
    expect(isLabel('Anbud ska vara tillhanda senast: 2026-02-02')).toBe(false);
  });
});
