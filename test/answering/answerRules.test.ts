/**
 * The extractive composer's rules for answers that are right in substance, on
 * hand-made passages: a rate must be stated in the unit asked for, a heading only
 * frames a sentence, a label names its value, a sentence that points back is quoted
 * with its antecedent, a table cell with its value, a yes/no answer with its rule.
 */
import { describe, expect, it } from 'vitest';
import { ask, passage as handMade } from './handMade.js';

const passage = (section: string, heading: string, text: string) => handMade(section, heading, text, 'avrop.docx');

describe('answers that must be right in substance', () => {
  const hours = [
    passage('4.6', 'Kontraktstid', 'Uppdraget omfattar maximalt 600 timmar under kontraktstiden.'),
    passage('4.7', 'Uppskattat kontraktsvärde', 'Cirka 400 timmar, med möjlig option på ytterligare 200 timmar.'),
    passage('3.3', 'Ort för utförandet', 'Arbetet sker på plats i kommunhuset.'),
  ];

  it('does not answer an hours-per-week question with a total', async () => {
    const a = await ask('Hur många timmar per vecka ska konsulten arbeta?', hours);
    expect(a.status).toBe('not_in_documents');
    expect(a.citations).toEqual([]);
  });

  it('answers a per-year question from a sentence that states the yearly figure', async () => {
    const yearly = [...hours, passage('1.7', 'Omfattning', 'Antalet timmar får ej överstiga 1800 timmar per år.')];
    const a = await ask('Hur många timmar per år får konsulten arbeta?', yearly);
    expect(a.status).toBe('answered');
    expect(a.citations[0]!.section).toBe('1.7');
    expect(a.answer).toContain('1800');
  });

  it('does not let a heading supply the question for a sentence about something else', async () => {
    const invoices = [
      passage(
        '4.13',
        'Fakturerings- och betalningsvillkor',
        'Fakturor från leverantören ska innehålla följande uppgifter: referens och kostnadsställe. Det kan endast vara ett kostnadsställe per faktura.\nMyndigheten tar endast emot elektroniska fakturor. Skannade pappersfakturor betraktas inte som e-fakturor.\nLäs mer om fakturor på webbplatsen.',
      ),
      passage('4.5', 'Ersättning', 'Ersättning sker enligt löpande räkning och debiteras månadsvis i efterskott.'),
    ];
    const a = await ask('Vilken betalningstid gäller för fakturor?', invoices);
    expect(a.status).toBe('not_in_documents');
  });

  it('answers "Vad är X?" from a labelled value', async () => {
    const form = [
      passage(
        '2',
        'Avropande myndighet',
        'Avropande myndighet: Kommunen\nKontaktperson: Eva Berg\nDiarienummer/referensnummer: KS 2024/217',
      ),
    ];
    const a = await ask('Vad är diarienumret?', form);
    expect(a.status).toBe('answered');
    expect(a.answer).toContain('KS 2024/217');
  });

  it("reads a form's short lines together: the contact's e-mail under the contact's name", async () => {
    const form = [
      passage(
        '2',
        'Avropande myndighet',
        'Avropande myndighet: Kommunen\nKontaktperson: Eva Berg\nTelefonnummer: 0171-625000\nE-post: eva.berg@example.se',
      ),
      passage('5.4', 'Krav på referenser', 'Följande uppgifter ska framgå:\n- E-postadress till kontaktperson'),
    ];
    const a = await ask('Vad har kontaktpersonen för mejladress?', form);
    expect(a.status).toBe('answered');
    expect(a.answer).toContain('eva.berg@example.se');
  });

  it('quotes the sentence a "för detta" sentence points back to', async () => {
    const opening = [
      passage(
        '1.13',
        'Anbudsöppning',
        'På begäran av en leverantör kan en av Handelskammaren utsedd person närvara vid öppningen. Kostnader för detta ska betalas av den som framställt begäran.',
      ),
    ];
    const a = await ask('Vem betalar om Handelskammaren ska närvara?', opening);
    expect(a.status).toBe('answered');
    expect(a.answer).toContain('Handelskammaren utsedd person');
    expect(a.answer).toContain('den som framställt begäran');
  });

  it("answers from a table row with the row's value cell", async () => {
    const table = [
      passage(
        '6.4',
        'Mervärde',
        'Mervärde | Möjligt prisavdrag | Ange var i CV\nErfarenhet av 2 liknande uppdrag | SEK 100 | Klicka eller tryck här för att ange text.\nErfarenhet av 3 liknande uppdrag eller fler | SEK 50 | Klicka eller tryck här för att ange text.',
      ),
    ];
    const a = await ask('Hur stort prisavdrag ger erfarenhet av 2 liknande uppdrag?', table);
    expect(a.status).toBe('answered');
    expect(a.answer).toContain('SEK 100');
    expect(a.answer).not.toContain('Klicka');
  });

  it('quotes the rule a yes/no answer qualifies', async () => {
    const language = [
      passage(
        '4.1',
        'Språk',
        'Anbudet ska vara skrivet på svenska. Bevis och tekniska beskrivningar får vara på engelska.',
      ),
    ];
    const a = await ask('Kan anbudet skrivas på engelska?', language);
    expect(a.status).toBe('answered');
    expect(a.answer).toContain('på svenska');
    expect(a.answer).toContain('på engelska');
  });
});
