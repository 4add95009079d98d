/**
 * Rules added after the fifth blind round, on hand-made passages: a two-part question is
 * answered when each part has its own sentence (and not when only one has), a supplier's
 * "we are thinking of bidding" frame and conversational filler do not count as topic words,
 * "30 dagars" / "Tre veckors" / "direkt" answer "hur lång tid", and "när vi begär ..." is not a request.
 */
import { describe, expect, it } from 'vitest';
import { questionParts } from '../../src/answering/extractive.js';
import { questionIntent } from '../../src/answering/intent.js';
import { contentTermGroups, withoutGreetings } from '../../src/retrieval/analyzer.js';
import { stemSwedish } from '../../src/retrieval/stemmer.js';
import { ask, passage } from './handMade.js';

describe('two-part questions', () => {
  it('splits at a second question word joined by "och"', () => {
    expect(questionParts('Hur lång tid pågår intervjun och kan den göras på plats?')).toEqual([
      'Hur lång tid pågår intervjun',
      'kan den göras på plats?',
    ]);
    expect(questionParts('Vilka krav gäller för pris och kvalitet?')).toBeNull();
  });

  const levels = [
    passage('5.3', 'Kompetensnivå', 'Strateg, minst kompetensnivå 4.\nArkitekt, minst kompetensnivå 3.'),
    passage('5.4', 'Krav på konsulten', 'Strategen ska ha minst 10 års erfarenhet med nyckelkompetenser inom IoT.'),
    passage('8', 'Pris', 'Pris anges i svenska kronor exklusive mervärdesskatt.'),
  ];

  it('answers each part from its own section when no one sentence answers both', async () => {
    const a = await ask(
      'Vilken kompetensnivå krävs för strategen och hur många års erfarenhet ska strategen ha?',
      levels,
    );
    expect(a.status).toBe('answered');
    expect(a.citations.map((c) => c.section).sort()).toEqual(['5.3', '5.4']);
    expect(a.answer).toContain('kompetensnivå 4');
    expect(a.answer).toContain('10 års erfarenhet');
  });

  it('does not answer when only one part is in the documents', async () => {
    const a = await ask('Vilken kompetensnivå krävs för strategen och vilken lön har strategen idag?', levels);
    expect(a.status).toBe('not_in_documents');
    expect(a.citations).toEqual([]);
  });
});

describe('question frames and filler', () => {
  it('drops a "we are thinking of bidding" frame before the question', () => {
    expect(withoutGreetings('Vi funderar på att lämna anbud men undrar hur lång tid uppdraget pågår?')).toBe(
      'hur lång tid uppdraget pågår?',
    );
    // Without "undrar" the frame may carry the question ("vill lämna anbud på engelska"): kept.
    expect(withoutGreetings('Vi vill lämna anbud på engelska, går det?')).toBe(
      'Vi vill lämna anbud på engelska, går det?',
    );
  });

  it('drops what the question excludes at its end, not a negation inside it', () => {
    expect(withoutGreetings('Vilken erfarenhet ska anbudsgivaren ha, alltså företaget och inte konsulterna?')).toBe(
      'Vilken erfarenhet ska anbudsgivaren ha, alltså företaget?',
    );
    expect(withoutGreetings('Behöver vi inte bifoga CV?')).toBe('Behöver vi inte bifoga CV?');
    expect(withoutGreetings('Är anbudsöppningen inte offentlig?')).toBe('Är anbudsöppningen inte offentlig?');
  });

  it('answers a question whose pronoun and filler the documents never use', async () => {
    const a = await ask('Vilken kompetensnivå ska hen ha, alltså strategen?', [
      passage('5.3', 'Kompetensnivå', 'Strategen ska ha minst kompetensnivå 4.'),
      passage('8', 'Pris', 'Pris anges i svenska kronor exklusive mervärdesskatt.'),
    ]);
    expect(a.status).toBe('answered');
    expect(a.citations[0]!.section).toBe('5.3');
  });
});

describe('how long', () => {
  const contract = [
    passage('4.17', 'Avbeställning', 'Leverantören har, om uppdraget avbeställs, rätt till 30 dagars ersättning.'),
    passage('4.6', 'Kontraktstid', 'Tre veckors avbrott sker under jul och nyår.'),
    passage('7.1', 'Avtalsspärr', 'Avtalsspärr tillämpas ej, kontrakt tecknas direkt efter tilldelning.'),
  ];

  it('reads "30 dagars" and "Tre veckors" as lengths of time', async () => {
    const pay = await ask('Hur lång tid har leverantören rätt till ersättning om uppdraget avbeställs?', contract);
    expect(pay.status).toBe('answered');
    expect(pay.answer).toContain('30 dagars ersättning');
    const pause = await ask('Hur lång tid varar avbrottet över jul och nyår?', contract);
    expect(pause.status).toBe('answered');
    expect(pause.answer).toContain('Tre veckors avbrott');
  });

  it('does not read "t.o.m." without a day as a length of time', async () => {
    const validity = [
      passage(
        '4.5',
        'Anbudets giltighetstid',
        'Svar på avropsförfrågan ska vara giltigt minst t.o.m. nedanstående datum:\nEnligt dateringar i stadens upphandlingsverktyg',
      ),
      passage('4.3', 'Frågor och svar', 'Frågor ska ställas via stadens upphandlingsverktyg.'),
    ];
    const a = await ask('Hur lång tid tar det att få svar från staden?', validity);
    expect(a.status).toBe('not_in_documents');
    const dated = [passage('1.12.5', 'Anbudets giltighet', 'Anbud ska minst vara giltigt t.o.m. 2026-03-23.')];
    const b = await ask('Hur länge ska anbudet vara giltigt?', dated);
    expect(b.status).toBe('answered');
    expect(b.answer).toContain('2026-03-23');
  });

  it('reads "direkt efter" as an answer to "hur lång tid efter"', async () => {
    const a = await ask('Hur lång tid efter tilldelningen kan kontraktet tecknas?', contract);
    expect(a.status).toBe('answered');
    expect(a.citations[0]!.section).toBe('7.1');
  });
});

describe("everyday words for the documents' ones", () => {
  it('reads "bifoga" as the documents\' "bilagt"', () => {
    const groups = contentTermGroups('Ska CV bifogas?');
    expect(groups.some((g) => g.includes(stemSwedish('bilagt')))).toBe(true);
  });

  it('reads "ta in en underleverantör" as hiring and "godkännande" as the documents\' "medgivande"', () => {
    const hire = contentTermGroups('Får vi ta in en underleverantör?');
    expect(hire.some((g) => g.includes(stemSwedish('anlita')))).toBe(true);
    // "ta in anbud" is to receive, not to hire.
    expect(contentTermGroups('När tar ni in anbuden?').some((g) => g.includes(stemSwedish('anlita')))).toBe(false);
    // "lämna över" is to hand over, as the documents' "överlämna".
    expect(contentTermGroups('Vad ska konsulten lämna över?').some((g) => g.includes(stemSwedish('överlämna')))).toBe(
      true,
    );
    const consent = contentTermGroups('Krävs Ineras godkännande?');
    expect(consent.some((g) => g.includes(stemSwedish('medgivande')))).toBe(true);
  });

  it('reads "Vilka delar" as the form of a list question, not its topic', async () => {
    const docs = [
      passage(
        '4.1',
        'Språk',
        'Anbudet ska vara skrivet på svenska. Bevis och tekniska beskrivningar får vara på engelska.',
      ),
      passage('2', 'Myndigheten', 'Arbetsuppgifterna delas mellan två delar av förvaltningen.'),
      passage('6.1', 'Prövning', 'I det första steget prövas om anbuden uppfyller samtliga krav.'),
    ];
    const english = await ask('Vilka delar av anbudet får vara på engelska?', docs);
    expect(english.status).toBe('answered');
    expect(english.answer).toContain('tekniska beskrivningar');
  });

  it('reads a range of months written without a space ("4-6månader") as a length of time', async () => {
    const a = await ask('Hur lång tid pågår uppdraget?', [
      passage('4.6', 'Kontraktstid', 'Uppdraget pågår i huvudsak 4-6månader med möjlighet till option.'),
      passage('8', 'Pris', 'Pris anges i svenska kronor exklusive mervärdesskatt.'),
    ]);
    expect(a.status).toBe('answered');
    expect(a.answer).toContain('4-6månader');
  });
});

describe('attachments', () => {
  it('answers "Vad innehåller Bilaga 2?" from the list that names the attachment', async () => {
    const a = await ask('Vad innehåller Bilaga 2?', [
      passage(
        '1.5',
        'Upphandlingsdokumentens uppbyggnad',
        'Bilagor:\nBilaga 1 - Takpriser\nBilaga 2 - Sekretessförbindelse',
      ),
      passage('1.12.1', 'Ifyllnad', 'Anbud som inte innehåller samtliga begärda uppgifter kan komma att förkastas.'),
      passage('1.12.2', 'Språk', 'Dokument som bifogas accepteras på engelska.'),
    ]);
    expect(a.status).toBe('answered');
    expect(a.citations[0]!.section).toBe('1.5');
    expect(a.answer).toContain('Sekretessförbindelse');
  });
});

describe('lists', () => {
  it('reads a list item under the sentence that introduces it, and quotes both', async () => {
    const a = await ask('Vad ska en ideell förening bifoga om registreringsbevis från Bolagsverket saknas?', [
      passage(
        '1.15',
        'Signering',
        'Avtalet signeras elektroniskt av en behörig person.\nIdeella föreningar ska inkomma med dokument som visar vem som är behörig firmatecknare genom att bifoga ;\n• ett registreringsbevis från Bolagsverket (max 3 mån gammalt), eller ett organisationsnummersbevis från Skatteverket',
      ),
      passage('1.12', 'Anbud', 'Dokument som bifogas för att verifiera en beskrivning accepteras på engelska.'),
    ]);
    expect(a.status).toBe('answered');
    expect(a.answer).toContain('Skatteverket');
    expect(a.answer).toContain('genom att bifoga');
  });
});

describe('requests and clauses', () => {
  it('does not read "när vi begär sekretess" as a request to the buyer', () => {
    expect(questionIntent('Behöver vi ange vilken skada det orsakar när vi begär sekretess?').buyerDecision).toBeNull();
    expect(questionIntent('Vi begär att ni förlänger anbudstiden.').buyerDecision).not.toBeNull();
  });
});
