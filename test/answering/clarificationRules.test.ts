/**
 * Formal clarification requests, the way suppliers write in a real question register
 * ("Är det korrekt uppfattat att ...", "Vi tolkar kravet som att ...; stämmer det?",
 * "Could you please clarify whether ..."): the frame is not what is asked. Plus the
 * amount rules that such questions exposed. Hand-made text, not an eval set's documents.
 */
import { describe, expect, it } from 'vitest';
import { groupMatch } from '../../src/answering/evidence.js';
import { questionIntent } from '../../src/answering/intent.js';
import { analyze, getDefaultAnalyzer } from '../../src/retrieval/analyzer.js';
import { ask, passage } from './handMade.js';

const extension = () => [
  passage(
    '2.3',
    'Avtalstid',
    'Avtalet gäller i två (2) år. Beställaren har rätt att förlänga avtalet vid ett (1) tillfälle med högst tolv (12) månader.',
  ),
  passage('4.1', 'Fakturering', 'Fakturering sker månadsvis i efterskott mot e-faktura.'),
];

describe('the frame of a clarification request', () => {
  it('answers "Är det korrekt uppfattat att ...?" from the sentence that settles it', async () => {
    const reply = await ask('Är det korrekt uppfattat att avtalet kan förlängas vid ett tillfälle?', extension());
    expect(reply.status).toBe('answered');
    expect(reply.citations[0]?.section).toBe('2.3');
    expect(reply.citations[0]?.quote).toContain('förlänga avtalet vid ett (1) tillfälle');
  });

  it('answers "Vi tolkar ... som att ...; stämmer det?" too', async () => {
    const reply = await ask('Vi tolkar avtalstiden som att avtalet gäller i två år; stämmer det?', extension());
    expect(reply.status).toBe('answered');
    expect(reply.citations[0]?.section).toBe('2.3');
  });

  it('answers a formal English request ("Could you please clarify whether ...")', async () => {
    const reply = await ask('Could you please clarify whether the contract can be extended?', extension());
    expect(reply.status).toBe('answered');
    expect(reply.citations[0]?.section).toBe('2.3');
  });

  it('still sends a framed question the documents do not answer to the buyer', async () => {
    const reply = await ask('Är det korrekt uppfattat att vite utgår vid försenad leverans?', extension());
    expect(reply.status).toBe('not_in_documents');
    expect(reply.citations).toEqual([]);
  });

  it('drops the frame words from the question, not the topic', async () => {
    const terms = getDefaultAnalyzer().contentTerms('Är det korrekt uppfattat att vardera förlängningen är ett år?');
    for (const frame of ['korrek', 'uppfat', 'varder']) expect(terms).not.toContain(frame);
    expect(terms).toEqual(expect.arrayContaining(['förlängning', 'år']));
  });
});

describe('amounts', () => {
  it('gives an amount its unit as a word of its own', async () => {
    expect(analyze('Ersättningen är 75 kronor per poäng')).toContain('kron');
    expect(analyze('Takpriset är 1 200 kr per timme')).toContain('kron');
    expect(analyze('Avdraget är 10 % av priset')).toContain('procent');
  });

  it('reads "hur många kronor" as answered by an amount in kronor', async () => {
    const reply = await ask('Hur många kronor i avdrag ger varje poäng vid utvärderingen?', [
      passage(
        '5.2',
        'Utvärdering',
        'Varje poäng vid utvärderingen motsvarar ett avdrag på 50 kronor från anbudspriset.',
      ),
      passage('5.1', 'Pris', 'Priset anges i svenska kronor exklusive moms.'),
    ]);
    expect(reply.status).toBe('answered');
    expect(reply.citations[0]?.quote).toContain('50 kronor');
  });
});

describe('weak matches of compound words', () => {
  it('names the word behind a weak (shared-beginning) match, and nothing for a real one', () => {
    const group = (primary: string) => ({ primary, alts: [{ term: primary, credit: 1 }] });
    const terms = new Map([
      ['säkerhet', 0.5],
      ['teknisk', 0.5],
      ['konsult', 1],
    ]);
    expect(groupMatch(group('säkerhetsklass'), terms)).toEqual({ value: 0.5, weak: 'säkerhet' });
    expect(groupMatch(group('konsult'), terms)).toEqual({ value: 1 });
    expect(groupMatch(group('vite'), terms)).toEqual({ value: 0 });
  });

  it("lets one word of the text stand for at most one of the question's unknown compounds", async () => {
    // "säkerhetstekniska" shares a beginning with all three compounds of the question; it
    // proves none of them three times over, so the question goes to the buyer.
    const reply = await ask(
      'Krävs det att konsulten är säkerhetsprövad och placerad i säkerhetsklass enligt säkerhetsskyddslagen?',
      [
        passage(
          '2.1',
          'Placering',
          'Uppdraget utförs i Malmö. Av säkerhetstekniska skäl måste konsulten vara placerad inom EU. Resor ersätts inte.',
        ),
        passage('2.2', 'Språk', 'Konsulten ska behärska svenska i tal och skrift.'),
        passage('2.3', 'Uppdraget', 'Konsulten ska leda arbetet med en ny strategi för identitetshantering.'),
        passage('3.1', 'Krav på konsulten', 'Konsulten ska ha minst fem års erfarenhet av liknande uppdrag.'),
        passage('3.2', 'Referenser', 'Två referensuppdrag ska redovisas. Referenterna ska vara nåbara per e-post.'),
      ],
    );
    expect(reply.status).toBe('not_in_documents');
  });
});

describe('more words of formal requests', () => {
  it('reads an English hyphenated word by its English parts ("day-to-day")', () => {
    const terms = getDefaultAnalyzer().contentTerms('Who directs the day-to-day work of the consultant?');
    expect(terms).toContain('dag');
    expect(terms).not.toContain('to');
  });

  it('asks for a length of time with "inom vilken tid"', async () => {
    const reply = await ask('Inom vilken tid måste referenten ha svarat?', [
      passage(
        '3.4',
        'Referenser',
        'Referenten ska svara inom fem (5) arbetsdagar från förfrågan. Referenten kontaktas per e-post.',
      ),
      passage('1.2', 'Tidplan', 'Anbud ska vara inkomna senast 2030-01-15.'),
    ]);
    expect(reply.status).toBe('answered');
    expect(reply.citations[0]?.quote).toContain('fem (5) arbetsdagar');
  });

  it('finds "minst nivå 4" for "lägsta nivå", and "på plats" for "närvaro"', async () => {
    const level = await ask('Vilken lägsta nivå ska strategen offereras på?', [
      passage('5.3', 'Kompetens', 'Strateg, minst kompetensnivå 4.'),
      passage('6.1', 'Utvärdering', 'Anbudet med lägst pris tilldelas kontraktet.'),
    ]);
    expect(level.citations[0]?.section).toBe('5.3');
    const presence = await ask('Krävs närvaro i Ystad?', [
      passage(
        '3.3',
        'Arbetssätt',
        'Uppdraget kan utföras på distans men konsulten ska medverka vid möten på plats i Ystad.',
      ),
      passage('1.1', 'Om kommunen', 'Kommunen har 30 000 invånare.'),
    ]);
    expect(presence.status).toBe('answered');
    expect(presence.citations[0]?.section).toBe('3.3');
  });
});

describe('requests for a clarification are questions, not proposals', () => {
  it('does not send "Vi ber om ett förtydligande ..." to the buyer as a proposal', () => {
    expect(
      questionIntent('Vi ber om ett förtydligande kring öppningen av anbuden: är den öppen?').buyerDecision,
    ).toBeNull();
    expect(
      questionIntent('Vi önskar ett förtydligande avseende fakturering: vilka format gäller?').buyerDecision,
    ).toBeNull();
    expect(questionIntent('Vi ber er förtydliga hur priset beräknas.').buyerDecision).toBeNull();
  });

  it('still sends a real request for a change to the buyer', () => {
    expect(questionIntent('Vi ber om att kravet på fem år ändras till tre år.').buyerDecision).not.toBeNull();
    expect(questionIntent('Vi föreslår att anbudstiden förlängs.').buyerDecision).not.toBeNull();
  });
});

describe('sentences and compounds', () => {
  it('keeps "kl. 23:59" in the sentence it belongs to', async () => {
    const reply = await ask('När ska anbudet senast lämnas?', [
      passage(
        '2.4',
        'Inlämning av anbud',
        'Anbud lämnas via e-Avrop senast 2030-03-20 kl. 23:59. Anbud per e-post beaktas inte.',
      ),
      passage('2.1', 'Frågor', 'Frågor ställs i e-Avrop.'),
    ]);
    expect(reply.status).toBe('answered');
    expect(reply.citations[0]?.quote).toContain('kl. 23:59');
  });

  it('does not take the first part of a long compound for the compound', async () => {
    // "ärenden" is only the "ärende" of "ärendehanteringssystem": which system is not stated.
    const reply = await ask('Vilket ärendehanteringssystem använder servicedesken?', [
      passage(
        '3.2',
        'Servicedesk',
        'Konsulten ska arbeta i servicedesken med support till användarna, registrera ärenden och felsöka.',
      ),
      passage('3.1', 'Organisation', 'Servicedesken tar emot ärenden via telefon och e-post och har sex medarbetare.'),
      passage('1.1', 'Om kommunen', 'Kommunen har 40 000 invånare och 3 000 anställda.'),
    ]);
    expect(reply.status).toBe('not_in_documents');
  });
});

describe('key-value tables', () => {
  it('answers from the key cell whose value is in the rest of the row', async () => {
    const summary = [
      'Nedan sammanfattas avropet.',
      'Sista dag för frågor | 2030-03-10',
      'Sista anbudsdag | 2030-03-20 kl. 23:59',
      'Kontaktperson | Upphandlingsenheten',
    ].join('\n');
    const reply = await ask('När är sista anbudsdag?', [
      passage('1.1', 'Avropet i korthet', summary),
      passage('2.1', 'Frågor', 'Sista dag för frågor är 2030-03-10.'),
    ]);
    expect(reply.status).toBe('answered');
    expect(reply.citations.map((c) => c.quote)).toEqual(['Sista anbudsdag', '2030-03-20 kl. 23:59']);
  });
});

describe('the deadline concept', () => {
  it('is not proved by a mere number of days', async () => {
    // "sista dag" is a deadline: "10 dagar efter tilldelning" says nothing of it.
    const reply = await ask('Vilket datum är sista dag att lämna anbud?', [
      passage('4.4', 'Sista anbudsdag', 'Enligt dateringar i stadens upphandlingsverktyg.'),
      passage(
        '7.1',
        'Avtalsspärr',
        'Vi avser använda avtalsspärr på 10 dagar efter att beslut om tilldelning meddelats.',
      ),
    ]);
    expect(reply.citations.map((c) => c.section)).not.toContain('7.1');
  });
});
