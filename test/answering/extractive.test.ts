/**
 * The extractive composer on hand-made passages: verbatim quotes with their
 * section, published answers cited as such, abstention when the passages are
 * only loosely related or the question is for the buyer, and possibly
 * relevant sections named as such. Which sentence answers is the fitted
 * model's decision (test/eval/fit.test.ts, bench/answer-model.md); these tests
 * check what the composer makes of it.
 */
import { describe, expect, it } from 'vitest';
import { loadAnswerModel } from '../../src/answering/answerModel.js';
import { ExtractiveComposer } from '../../src/answering/extractive.js';
import { buyerDecisionAnswer, notInDocumentsAnswer } from '../../src/answering/messages.js';
import type { CallOff, Passage } from '../../src/core/types.js';
import { COMMON_SECTIONS, passageMaker } from './samplePassages.js';

const callOff: CallOff = {
  id: 'test',
  reference: 'T-1',
  title: 'Test',
  buyer: 'Myndigheten',
  timezone: 'Europe/Stockholm',
  questionDeadline: '2030-01-01',
  dir: '/nonexistent',
};

const passage = passageMaker(2);

const passages: Passage[] = [
  ...COMMON_SECTIONS.map(([section, heading, text]) => passage(section, heading, text)),
  passage(
    '1.5',
    'Upphandlingsdokumentens uppbyggnad',
    'Bilagor:\nBilaga 1 - Takpriser\nBilaga 2 - Sekretessförbindelse',
  ),
  passage(
    '1.10',
    'Upphandlingssekretess',
    'Uppgifter i ett upphandlingsärende omfattas av sekretess fram till dess att beslut fattats. Sekretessprövningen sker i samband med att uppgifter begärs ut.',
  ),
  passage(
    '1.12.5',
    'Anbudets giltighet',
    'Om avropet blir föremål för överprövning förlängs anbudets giltighetstid, dock högst fyra månader efter angiven giltighetstid.\nAnbud ska minst vara giltigt t.o.m: 2026-03-23',
  ),
];

function textOf(p: Passage): string {
  return p.chunk.text;
}

describe('ExtractiveComposer', () => {
  const composer = new ExtractiveComposer();

  it('quotes the answering sentence verbatim with section and heading', async () => {
    const answer = await composer.compose({ callOff, question: 'När är sista dag att lämna anbud?', passages });
    expect(answer.status).toBe('answered');
    expect(answer.citations[0]).toMatchObject({
      document: 'avrop.txt',
      section: '1.12.4',
      heading: 'Sista anbudsdag',
      page: 2,
    });
    expect(answer.answer).toContain(
      'Enligt avsnitt 1.12.4 (Sista anbudsdag): ”Anbud ska vara myndigheten tillhanda senast: 2026-02-02 23:59”',
    );
    for (const c of answer.citations) {
      const source = passages.find((p) => p.chunk.section === c.section)!;
      expect(textOf(source)).toContain(c.quote);
      expect(answer.answer).toContain(c.quote);
    }
  });

  it('gives the name that follows a bare label', async () => {
    const answer = await composer.compose({ callOff, question: 'Vem är kontaktperson för avropet?', passages });
    expect(answer.status).toBe('answered');
    expect(answer.citations[0]!.section).toBe('1.6');
    expect(answer.answer).toContain('Eva Berg');
  });

  it('answers a question typed without å, ä and ö', async () => {
    const answer = await composer.compose({ callOff, question: 'Nar ar sista dag att lamna anbud?', passages });
    expect(answer.status).toBe('answered');
    expect(answer.citations[0]!.section).toBe('1.12.4');
  });

  it('answers an English question in Swedish', async () => {
    const answer = await composer.compose({ callOff, question: 'What is the deadline for tenders?', passages });
    expect(answer.status).toBe('answered');
    expect(answer.answer.startsWith('Enligt avsnitt')).toBe(true);
    expect(answer.answer).toContain('2026-02-02');
  });

  it('does not present a loosely related passage as the answer', async () => {
    for (const question of [
      'Vilket timpris är högst tillåtet?',
      'Krävs det att konsulten är säkerhetsprövad?',
      'Vilken utvärderingsmodell används?',
      'Ersätts resekostnader?',
    ]) {
      const answer = await composer.compose({ callOff, question, passages });
      expect(answer, question).toEqual({ status: 'not_in_documents', answer: notInDocumentsAnswer(), citations: [] });
    }
  });

  it('hands change requests and proposals to the buyer even when a section matches', async () => {
    const answer = await composer.compose({
      callOff,
      question: 'Kan ni ändra avsnitt 1.8 så att distansarbete upp till 80% av arbetstiden accepteras?',
      passages,
    });
    expect(answer).toEqual({ status: 'not_in_documents', answer: buyerDecisionAnswer(), citations: [] });
  });

  it('abstains when there are no passages or no content words', async () => {
    expect((await composer.compose({ callOff, question: 'När är sista anbudsdag?', passages: [] })).status).toBe(
      'not_in_documents',
    );
    expect((await composer.compose({ callOff, question: 'Hur?', passages })).status).toBe('not_in_documents');
  });

  it('cites a published answer as such', async () => {
    const published = passage(
      'Publicerat svar nr 3',
      'Får anbudet lämnas på engelska?',
      'Nej, anbudet ska vara skrivet på svenska.',
      {
        kind: 'published_answer',
        document: 'publicerade-svar',
        faqNumber: 3,
        page: null,
      },
    );
    // Retrieval ranks the buyer's answer to the same question first.
    const answer = await composer.compose({
      callOff,
      question: 'Får anbudet lämnas på engelska?',
      passages: [{ ...published, score: 2 }, ...passages],
    });
    expect(answer.status).toBe('answered');
    expect(answer.answer).toContain('Enligt publicerat svar nr 3: ”Nej, anbudet ska vara skrivet på svenska.”');
    expect(answer.citations[0]).toMatchObject({
      document: 'publicerade-svar',
      section: 'Publicerat svar nr 3',
      heading: 'Publicerat svar nr 3',
      quote: 'Nej, anbudet ska vara skrivet på svenska.',
    });
  });

  it('uses a published answer that ranks first only when the published decision takes it; else the documents decide', async () => {
    const shipped = loadAnswerModel();
    const published = passage(
      'Publicerat svar nr 1',
      'När är sista anbudsdag?',
      'Anbud ska lämnas senast 2026-02-02.',
      {
        kind: 'published_answer',
        document: 'publicerade-svar',
        faqNumber: 1,
        page: null,
      },
    );
    const input = {
      callOff,
      question: 'När är sista anbudsdag?',
      passages: [{ ...published, score: 3 }, ...passages],
    };
    const taking = new ExtractiveComposer({ model: { ...shipped, publishedThreshold: 0 } });
    const refusing = new ExtractiveComposer({ model: { ...shipped, publishedThreshold: 1.01 } });
    expect(taking.decide(input.question, input.passages).chosen?.candidate.passage.chunk.kind).toBe('published_answer');
    expect((await taking.compose(input)).citations[0]).toMatchObject({ section: 'Publicerat svar nr 1' });
    // Set aside, the published answer is no candidate of the documents' decision: their own sentence answers.
    const fromDocuments = await refusing.compose(input);
    expect(fromDocuments.status).toBe('answered');
    expect(fromDocuments.citations[0]).toMatchObject({ section: '1.12.4', quote: textOf(passages[0]!) });
  });

  it('never quotes an empty form field, and gives the number asked for', async () => {
    const form = [
      passage(
        '10',
        'Ramavtalsleverantör',
        'Kontaktperson:\nKlicka eller tryck här för att ange text.\nTelefonnummer:\nKlicka eller tryck här för att ange text.',
      ),
      passage(
        '5.4',
        'Krav på konsulten',
        'Följande uppgifter ska framgå:\n• Kontaktperson hos uppdragsgivare\n• Telefonnummer till kontaktperson',
      ),
      passage(
        '2',
        'Avropande myndighet',
        'Avropande myndighet: Vaxholms stad | Kontaktperson: Daniel Ek\nTelefonnummer: 08-541 708 00',
      ),
    ];
    const phone = await composer.compose({
      callOff,
      question: 'Vilket telefonnummer har kontaktpersonen?',
      passages: form,
    });
    expect(phone.answer).toContain('08-541 708 00');
    expect(phone.answer).not.toMatch(/Klicka eller tryck/);
    const who = await composer.compose({ callOff, question: 'Vem är kontaktperson?', passages: form });
    expect(who.answer).toContain('Daniel Ek');
  });

  it('names the document when the passages come from several', async () => {
    const twoDocs = [
      ...passages,
      passage('1.12.4', 'Sista anbudsdag', 'Anbud ska vara inlämnade senast: 2026-02-09', { document: 'bilaga.pdf' }),
    ];
    const answer = await composer.compose({
      callOff,
      question: 'När är sista dag att lämna anbud?',
      passages: twoDocs,
    });
    expect(answer.answer).toMatch(/^Enligt avsnitt 1\.12\.4 \(Sista anbudsdag\) i (avrop\.txt|bilaga\.pdf): ”/);
  });

  it('names the closest section as possibly relevant when it does not answer', async () => {
    const shipped = loadAnswerModel();
    const cautious = new ExtractiveComposer({ model: { ...shipped, threshold: 1.01, relatedThreshold: 0 } });
    const answer = await cautious.compose({ callOff, question: 'När är sista dag att lämna anbud?', passages });
    expect(answer.status).toBe('not_in_documents');
    expect(answer.citations).toEqual([]);
    expect(answer.related).toHaveLength(1);
    const related = answer.related![0]!;
    expect(related.section).toBe('1.12.4');
    expect(passages.find((p) => p.chunk.section === related.section)!.chunk.text).toContain(related.quote);
    expect(answer.answer).toContain('besvarar inte din fråga tydligt');
    expect(answer.answer).toContain(`Avsnitt 1.12.4 (Sista anbudsdag) kan vara relevant: ”${related.quote}”`);
    expect(answer.answer).toContain('Frågan är registrerad');
  });

  it('names no section when nothing comes close', async () => {
    const shipped = loadAnswerModel();
    const strict = new ExtractiveComposer({ model: { ...shipped, threshold: 1.01, relatedThreshold: 1.01 } });
    const answer = await strict.compose({ callOff, question: 'När är sista dag att lämna anbud?', passages });
    expect(answer).toEqual({ status: 'not_in_documents', answer: notInDocumentsAnswer(), citations: [] });
  });
});
