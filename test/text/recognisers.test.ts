/**
 * The shared recognisers of web and e-mail addresses, phone numbers, dates,
 * times and amounts (src/text/recognisers.ts), and that the tokenizer and the
 * anonymiser see the same shapes through them.
 */
import { describe, expect, it } from 'vitest';
import { anonymise } from '../../src/anonymise/index.js';
import { tokenize } from '../../src/retrieval/tokenizer.js';
import { foldForTokens } from '../../src/text/fold.js';
import {
  amountTerm,
  DATE_SOURCE,
  dateValue,
  type RecognisedKind,
  recognise,
  TOKEN_DATE_SOURCE,
} from '../../src/text/recognisers.js';
import { seededRandom } from '../support/random.js';

/** "kind text=normalised" for each span, for compact expectations. */
function spans(text: string, kinds?: RecognisedKind[]): string[] {
  return recognise(text, kinds).map((r) => `${r.kind} ${text.slice(r.start, r.end)}=${r.normalised}`);
}

describe('recognise: phone numbers', () => {
  it('finds Swedish numbers in the forms people write them, with their digits as the value', () => {
    for (const [text, value] of [
      ['Ring 08-541 708 00 i dag.', '0854170800'],
      ['Tel. 010-486 63 05', '0104866305'],
      ['Växel 0171-625000', '0171625000'],
      ['Mobil 0701234567.', '0701234567'],
      ['Mobil 070-123 45 67', '0701234567'],
      ['Ring (08) 123 45 67', '081234567'],
      ['Ring 08 / 123 45 67', '081234567'],
      ['Telefonnummer: +08-50838702', '0850838702'],
    ]) {
      expect(spans(text!, ['phone']), text).toEqual([`phone ${text!.match(/[+(0][\d\s()/+-]*\d/)![0]}=${value}`]);
    }
  });

  it('finds international numbers, "(0)" and the "00" prefix left out of the value', () => {
    expect(spans('Tel +46 8 123 456 78', ['phone'])).toEqual(['phone +46 8 123 456 78=+46812345678']);
    expect(spans('Ring +46 (0)70-123 45 67!', ['phone'])).toEqual(['phone +46 (0)70-123 45 67=+46701234567']);
    expect(spans('Ring 0046 8 123 456 78.', ['phone'])).toEqual(['phone 0046 8 123 456 78=+46812345678']);
    expect(spans('Ring +47 22 33 44 55.', ['phone'])).toEqual(['phone +47 22 33 44 55=+4722334455']);
  });

  it('shrinks a greedy match: a number after the phone number is not part of it', () => {
    expect(spans('Ring 070-123 45 67 2026', ['phone'])).toEqual(['phone 070-123 45 67=0701234567']);
  });

  it('does not take dates, references, amounts or short runs for phone numbers', () => {
    for (const text of [
      'Period 2026-02-23 - 2027-03-22',
      'Diarienummer Af-2025/0108 8097',
      'Ordernummer 08123456 och 1 200 000 kr',
      'Bankgiro 5050-1055, avsnitt 0.1.2',
      'Pris 0,50 kr per styck',
    ]) {
      expect(spans(text, ['phone']), text).toEqual([]);
    }
  });
});

describe('recognise: dates and times', () => {
  it('writes every date shape as YYYY-MM-DD', () => {
    const dates = (text: string) => recognise(text, ['date']).map((r) => r.normalised);
    expect(dates('Senast 2026-02-02, 2026-2-3 eller 2026/02/04.')).toEqual(['2026-02-02', '2026-02-03', '2026-02-04']);
    expect(dates('Från 5.3.2026, 6/3/2026, 07-03-2026 och 9/2 2026.')).toEqual([
      '2026-03-05',
      '2026-03-06',
      '2026-03-07',
      '2026-02-09',
    ]);
    expect(dates('Den 2 februari 2026, 2:a Feb. 2026, 3. mars och 1 okt.')).toEqual([
      '2026-02-02',
      '2026-02-02',
      '--03-03',
      '--10-01',
    ]);
  });

  it('leaves what only looks like a date: section numbers, impossible days, words that start like a month', () => {
    const dates = (text: string) => recognise(text, ['date']).map((r) => r.normalised);
    expect(dates('Se avsnitt 1.12.4 och 2.3, 2026-13-45, 45 mars, 1/2 1000 kr.')).toEqual([]);
    expect(dates('12 marscher, 3 majs, 10 decimaler')).toEqual([]);
    expect(dates('Ref 12026-02-02 och x2026-02-02')).toEqual([]);
  });

  it('reads "07.00" as a time after "kl", with a leading zero or after a date, and "17.30" alone as a section', () => {
    expect(spans('Kl. 14.00, 7:30, 07.15, 2026-02-02 23.59, avsnitt 17.30', ['time'])).toEqual([
      'time 14.00=14:00',
      'time 7:30=07:30',
      'time 07.15=07:15',
      'time 23.59=23:59',
    ]);
    expect(spans('Förhållandet 1:2:3 och 24:00', ['time'])).toEqual([]);
  });

  it('dateValue checks day and month and says when there is no year', () => {
    expect(dateValue('2026-02-02')).toBe('2026-02-02');
    expect(dateValue('31/12/1999')).toBe('1999-12-31');
    expect(dateValue('15 sept')).toBe('--09-15');
    expect(dateValue('2026-13-01')).toBeNull();
    expect(dateValue('32 maj 2026')).toBeNull();
    expect(dateValue('2 blomster 2026')).toBeNull();
  });

  it('every date the tokenizer keeps as one token is a date shape the recognisers know', () => {
    const token = new RegExp(`^(?:${TOKEN_DATE_SOURCE})$`, 'u');
    const any = new RegExp(`^(?:${DATE_SOURCE})$`, 'u');
    for (const d of ['2026-02-02', '2/2/2026', '12/11/2026', '2026/02/02']) {
      expect(token.test(d), d).toBe(true);
      expect(any.test(d), d).toBe(true);
    }
  });
});

describe('recognise: addresses and amounts', () => {
  it('finds e-mail and web addresses without the sentence punctuation after them', () => {
    expect(spans('Mejla Anna.Ek@Företaget.se, eller se https://www.avropa.se/ramavtal. Eller (www.x.se).')).toEqual([
      'email Anna.Ek@Företaget.se=anna.ek@företaget.se',
      'url https://www.avropa.se/ramavtal=https://www.avropa.se/ramavtal',
      'url www.x.se=www.x.se',
    ]);
  });

  it('spells an amount as the tokenizer does, currency first or last', () => {
    expect(recognise('150 kr, 1 200 SEK, SEK 150, 2,5 mkr, 49 %, 5 GB', ['amount']).map((r) => r.normalised)).toEqual([
      '150kr',
      '1200kr',
      '150kr',
      '2,5mkr',
      '49%',
      '5gb',
    ]);
    expect(amountTerm('1 200 kronor')).toBe('1200kr');
    expect(recognise('sekretess 150 och takpris kr.', ['amount'])).toEqual([]);
  });

  it('resolves overlaps: the span that starts first, then the longer, wins', () => {
    expect(spans('Se https://x.se/070-123-45-67 och ring 070-123 45 67.')).toEqual([
      'url https://x.se/070-123-45-67=https://x.se/070-123-45-67',
      'phone 070-123 45 67=0701234567',
    ]);
  });

  it('gives offsets in the caller’s text, whatever the fold does to quotes, dashes and spaces', () => {
    const text = '”Ring\u00a0070–123\u00a045\u00a067” före 2026‑02‑02 kl.\u00a014.00 (1\u202f200 kr).';
    expect(foldForTokens(text)).toHaveLength(text.length);
    expect(recognise(text).map((r) => [r.kind, text.slice(r.start, r.end), r.normalised])).toEqual([
      ['phone', '070–123\u00a045\u00a067', '0701234567'],
      ['date', '2026‑02‑02', '2026-02-02'],
      ['time', '14.00', '14:00'],
      ['amount', '1\u202f200 kr', '1200kr'],
    ]);
  });
});

describe('one recognition for retrieval and anonymisation', () => {
  const rnd = seededRandom(9);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const digits = (n: number) => Array.from({ length: n }, () => Math.floor(rnd() * 10)).join('');

  it('the anonymiser masks every phone number and address the recognisers find (200 generated messages)', () => {
    for (let i = 0; i < 200; i++) {
      const phone = pick([
        `0${1 + Math.floor(rnd() * 9)}${digits(1)}-${digits(3)} ${digits(2)} ${digits(2)}`,
        `+46 ${1 + Math.floor(rnd() * 9)}${digits(1)} ${digits(3)} ${digits(2)} ${digits(2)}`,
        `07${digits(8)}`,
      ]);
      const email = `${pick(['anna', 'per.ek', 'info'])}@${pick(['foretaget', 'konsult-ab'])}.${pick(['se', 'com', 'nu'])}`;
      const text = `Hej, ring mig på ${phone} eller mejla ${email} om avsnitt 1.${1 + Math.floor(rnd() * 9)}.`;
      const found = recognise(text, ['phone', 'email']).map((r) => text.slice(r.start, r.end));
      expect(found, text).toEqual([phone, email]);
      const out = anonymise(text, { name: null, org: null }).text;
      expect(out, text).toContain('[telefonnummer]');
      expect(out, text).toContain('[e-post]');
      expect(out, text).not.toContain(phone);
      expect(out, text).not.toContain(email);
    }
  });

  it('the tokenizer types the recognisers’ e-mail and web addresses, times and amounts as one token each', () => {
    const text = 'Mejla anna@x.se, se www.x.se/a kl. 14.00; pris SEK 1 200 eller 49 %.';
    const typed = tokenize(text).filter((t) => t.kind !== 'word' && t.kind !== 'number');
    const recognised = recognise(text);
    expect(typed.map((t) => [t.kind, t.start, t.end, t.text])).toEqual(
      recognised.map((r) => [r.kind, r.start, r.end, r.normalised]),
    );
  });
});
