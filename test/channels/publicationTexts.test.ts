/**
 * The Swedish wording about published answers, and which chat messages ask
 * for the published list (only a whole message that asks for it: a question
 * that mentions published answers is still a question for the register).
 */
import { describe, expect, it } from 'vitest';
import { welcomeText } from '../../src/channels/shared/messages.js';
import {
  asksForPublished,
  PUBLISHED_REQUEST,
  publicationAnnouncementText,
  publicationAskerText,
  publicationQueuedText,
  publishedListText,
} from '../../src/channels/shared/publicationTexts.js';
import { readEnv } from '../../src/config/env.js';
import type { CallOff } from '../../src/core/types.js';

const CALL_OFF: CallOff = {
  id: 'af-1',
  reference: 'Af-2026/0001',
  title: 'Avrop av testkonsulter',
  buyer: 'Testmyndigheten',
  timezone: 'Europe/Stockholm',
  questionDeadline: '2026-03-01',
  dir: '/tmp/af-1',
};
const ITEM = { faqNumber: 3, publicQuestion: 'Hur många CV får lämnas?', answer: 'Högst fem.' };

describe('publication texts', () => {
  it('announces to everyone with the buyer, the call-off, the number, the public wording and the answer', () => {
    expect(publicationAnnouncementText(CALL_OFF, ITEM)).toBe(
      'Testmyndigheten har publicerat ett svar på en fråga om avropet Af-2026/0001 (Avrop av testkonsulter). ' +
        'Svaret gäller alla leverantörer.\n\nFråga 3: Hur många CV får lämnas?\n\nSvar: Högst fem.',
    );
  });

  it('tells the asker that the official answer is published, in the public wording only', () => {
    const text = publicationAskerText(CALL_OFF, ITEM);
    expect(text).toMatch(/^Din fråga om avropet Af-2026\/0001 har nu fått ett officiellt svar från Testmyndigheten\./);
    expect(text).toContain('Fråga 3: Hur många CV får lämnas?\n\nSvar: Högst fem.');
  });

  it('lists published items by number, or says that none is published yet', () => {
    const published = [
      {
        callOff: 'af-1',
        faqNumber: 1,
        question: 'Fråga ett?',
        answer: 'Svar ett.',
        publishedAt: '2026-01-26T09:00:00Z',
      },
      {
        callOff: 'af-1',
        faqNumber: 2,
        question: 'Fråga två?',
        answer: 'Svar två.',
        publishedAt: '2026-01-26T10:00:00Z',
      },
    ];
    expect(publishedListText(CALL_OFF, published)).toBe(
      'Publicerade frågor och svar i avropet Af-2026/0001 (Avrop av testkonsulter):\n\n' +
        'Fråga 1: Fråga ett?\n\nSvar: Svar ett.\n\nFråga 2: Fråga två?\n\nSvar: Svar två.',
    );
    expect(publishedListText(CALL_OFF, [])).toBe(
      'Inga frågor och svar är publicerade ännu i avropet Af-2026/0001 (Avrop av testkonsulter).',
    );
  });

  it('recognises a request for the list, and not a question that mentions it', () => {
    for (const text of [
      'publicerade',
      'Publicerade frågor',
      'publicerade frågor och svar?',
      'Visa publicerade svar.',
      '  lista alla publicerade  frågor ',
    ]) {
      expect(asksForPublished(text), text).toBe(true);
    }
    for (const text of ['När blir svaren publicerade?', 'publicerade frågor om CV', '', 'frågor']) {
      expect(asksForPublished(text), text).toBe(false);
    }
  });
});

describe('publicationQueuedText', () => {
  it('tells the buyer where serve will post, or that only the asker is told', () => {
    expect(publicationQueuedText({ ...CALL_OFF, slackChannels: ['C1', 'C2'], teamsConversations: ['19:a'] })).toBe(
      'avropsbot serve lägger ut svaret i 2 Slack-kanaler och 1 Teams-konversation som call-off.json listar, och ger den som frågade i Slack eller Teams besked där.',
    );
    expect(publicationQueuedText(CALL_OFF)).toMatch(/^avropsbot serve ger den som frågade .*listar inga kanaler/);
  });
});

it('the welcome suggests a request for the published list that is recognised as one', () => {
  expect(welcomeText([CALL_OFF])).toContain('Skriv ”publicerade frågor” för att se de frågor och svar');
  expect(asksForPublished(PUBLISHED_REQUEST)).toBe(true);
});

describe('TEAMS_SERVICE_URL', () => {
  it('is the connector for the listed Teams conversations; anything but an http(s) address is refused, naming it', () => {
    expect(readEnv({ TEAMS_SERVICE_URL: 'https://smba.trafficmanager.net/emea/' }).teams.serviceUrl).toBe(
      'https://smba.trafficmanager.net/emea/',
    );
    expect(readEnv({}).teams.serviceUrl).toBeUndefined();
    expect(() => readEnv({ TEAMS_SERVICE_URL: 'smba.trafficmanager.net' })).toThrow(/TEAMS_SERVICE_URL/);
  });
});
