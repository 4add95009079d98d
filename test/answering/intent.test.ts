/** Questions that belong to the buyer, and the kind of answer a question expects. */
import { describe, expect, it } from 'vitest';
import { questionIntent } from '../../src/answering/intent.js';

describe('questionIntent: buyer decisions', () => {
  const forTheBuyer = [
    'Kan ni ändra avsnitt 8.5.1 så att kravet gäller fem år i stället?',
    'Vi föreslår att sista anbudsdag flyttas en vecka.',
    'Skulle ni kunna acceptera anbud på engelska?',
    'Är ni villiga att sänka kravet på erfarenhet?',
    'Vilka andra leverantörer har lämnat anbud?',
    'Hur många anbud har kommit in?',
    'Vem vann avropet?',
    'Uppfyller vår konsult kravet om hon har fyra års erfarenhet?',
    'Could you extend the deadline for tenders?',
    'Skulle ni kunna förlänga anbudstiden med en vecka?',
    'Vi önskar att sista anbudsdag flyttas fram.',
    'Är det möjligt att ändra kravet på Bank-ID?',
    'We propose that the interviews are held on site.',
  ];
  for (const q of forTheBuyer) {
    it(`routes to the buyer: ${q}`, () => expect(questionIntent(q).buyerDecision).not.toBeNull());
  }

  const ordinary = [
    'Kan kontraktet förlängas?',
    'Får konsulten arbeta på distans?',
    'Accepteras alternativa anbud?',
    'Hur många leverantörer kommer att få kontrakt?',
    'Kan man lämna anbud via e-post?',
    'Vilka krav ställs på konsulten?',
    'Can the tender be submitted by e-mail?',
    'Får man ändra sitt anbud före sista anbudsdag?',
    'Kan ni bekräfta att anbudet ska vara på svenska?',
    'Vi skulle vilja veta när anbudsöppningen sker.',
    'Kommer ni att acceptera anbud som kommer in efter 23:59?',
  ];
  for (const q of ordinary) {
    it(`answers from the documents: ${q}`, () => expect(questionIntent(q).buyerDecision).toBeNull());
  }
});

describe('questionIntent: answer kinds', () => {
  it('reads when, how many, who, where, lists and manner', () => {
    expect(questionIntent('När är sista anbudsdag?').kinds).toContain('date');
    expect(questionIntent('Hur länge ska anbudet vara giltigt?').kinds).toContain('duration');
    expect(questionIntent('Hur många referensuppdrag krävs?').counted).toBe('referensuppdrag');
    expect(questionIntent('Hur många timmar omfattar uppdraget?').kinds).toContain('number');
    expect(questionIntent('Vem är kontaktperson?').kinds).toContain('contact');
    expect(questionIntent('Var ska arbetet utföras?').kinds).toContain('place');
    expect(questionIntent('Vilka bilagor ingår?').kinds).toContain('list');
    expect(questionIntent('Hur signeras avtalet?').kinds).toContain('manner');
    expect(questionIntent('Hur många konsulter?').kinds).not.toContain('manner');
    expect(questionIntent('Accepteras reservationer?').kinds).toEqual(['none']);
  });
});
