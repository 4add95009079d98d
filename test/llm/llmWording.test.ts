/**
 * The LLM wording proposer against the fake server: a good rewording is used
 * after the rule-based anonymiser has run on it; added or dropped numbers, an
 * empty answer or a failing endpoint give the rule-based proposal unchanged.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { anonymise, ruleBasedAnonymiser } from '../../src/anonymise/index.js';
import { createLlmWordingProposer } from '../../src/anonymise/llmWording.js';
import { loadPrompts } from '../../src/answering/prompts.js';
import { type FakeOpenAi, startFakeOpenAi } from './fakeOpenAi.js';
import { PROMPTS_DIR, recordingLogger } from './fixtures.js';

let fake: FakeOpenAi;
beforeEach(async () => {
  fake = await startFakeOpenAi();
});
afterEach(async () => {
  await fake.close();
});

const asker = { name: 'Johan Andersson', org: 'Konsultbolaget Nord AB' };
const question =
  'Hej! Jag heter Johan Andersson och arbetar på Konsultbolaget Nord AB. Gäller kravet i avsnitt 3.2 även underkonsulter? Mvh Johan, 070-123 45 67';

function proposer() {
  return createLlmWordingProposer({
    settings: {
      apiKey: 'k',
      baseUrl: fake.url,
      chatModel: 'gpt-4o-mini',
      embeddingModel: 'e',
      timeoutMs: 1_500,
      maxRetries: 0,
    },
    prompts: loadPrompts(PROMPTS_DIR),
    anonymiser: ruleBasedAnonymiser,
    logger: recordingLogger(),
  });
}

describe('LLM wording proposer', () => {
  const rules = anonymise(question, asker).text;

  it('uses a good rewording, after the rule-based pass has masked what the model left in', async () => {
    fake.setChat(() => ({
      kind: 'text',
      content:
        '"Gäller kravet i avsnitt 3.2 även underkonsulter till Konsultbolaget Nord AB? Svara till johan@nord.se"',
    }));
    const out = await proposer().proposeDetailed(question, rules, asker);
    expect(out.source).toBe('llm');
    expect(out.text).toContain('avsnitt 3.2');
    expect(out.text).not.toMatch(/Konsultbolaget|johan@nord\.se|"/);
    expect(out.spans.length).toBeGreaterThan(0);
    const body = JSON.stringify(fake.chatRequests()[0]?.body);
    expect(body).toContain('<fraga>');
    expect(body).toContain('<forslag>');
  });

  const refusals: [string, string, RegExp][] = [
    ['adds a number', 'Gäller kravet i avsnitt 3.2 även underkonsulter sedan 2019?', /adds numbers/],
    ['drops a section number', 'Gäller kravet även underkonsulter?', /drops numbers/],
    ['is empty', '```\n```', /empty/],
  ];
  for (const [name, content, reason] of refusals) {
    it(`keeps the rule-based proposal when the model ${name}`, async () => {
      fake.setChat(() => ({ kind: 'text', content }));
      const out = await proposer().proposeDetailed(question, rules, asker);
      expect(out).toMatchObject({ source: 'rules', text: rules, reason: expect.stringMatching(reason) });
    });
  }

  it('keeps the rule-based proposal when the endpoint fails', async () => {
    fake.setChat(() => ({ kind: 'status', status: 500 }));
    const p = proposer();
    expect(await p.propose(question, rules, asker)).toBe(rules);
  });
});
