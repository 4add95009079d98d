/**
 * End to end through the real CLI in a child process with OPENAI_* pointing at
 * the fake server: `ask --json` gives the model's grounded answer; with the
 * endpoint hanging it still answers (extractive) within the timeout; the
 * register holds the question either way.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot, runCli } from '../helpers/cli.js';
import { type FakeOpenAi, type FakeRequest, startFakeOpenAi } from './fakeOpenAi.js';

let fake: FakeOpenAi;
let work: string;

beforeEach(async () => {
  fake = await startFakeOpenAi({ dimensions: 32 });
  work = mkdtempSync(path.join(tmpdir(), 'avropsbot-llm-cli-'));
  cpSync(path.join(repoRoot, 'knowledge'), path.join(work, 'knowledge'), { recursive: true });
});
afterEach(async () => {
  await fake.close();
  rmSync(work, { recursive: true, force: true });
});

/** Quotes the line of the retrieved 1.12.4 passage that carries the date. */
function deadlineAnswer(req: FakeRequest) {
  const user = (req.body['messages'] as { content: string }[])[1]?.content ?? '';
  const m = /<avsnitt id="(P\d+)"[^>]*nummer="1\.12\.4"[^>]*>\n([^\n]+)/.exec(user);
  if (!m) return { kind: 'structured' as const, value: { status: 'not_in_documents', answer: '-', citations: [] } };
  return {
    kind: 'structured' as const,
    value: {
      status: 'answered',
      answer: `Modellen: anbud ska vara inne senast 2026-02-02 23:59 (avsnitt 1.12.4).`,
      citations: [{ passageId: m[1], quote: m[2] }],
    },
  };
}

const env = (extra: Record<string, string> = {}) => ({
  OPENAI_API_KEY: 'test-key',
  OPENAI_BASE_URL: fake.url,
  OPENAI_CHAT_MODEL: 'gpt-4o-mini',
  OPENAI_EMBEDDING_MODEL: 'local-embed',
  AVROPSBOT_KNOWLEDGE_DIR: path.join(work, 'knowledge'),
  AVROPSBOT_DATA_DIR: path.join(work, 'data'),
  ...extra,
});
const question = ['ask', '--json', '--at', '2026-01-26T10:00', 'När är sista dag att lämna anbud?'];

describe('CLI with an OpenAI-compatible endpoint', () => {
  it('answers with the grounded model answer and embeds the chunks through the endpoint', async () => {
    fake.setChat(deadlineAnswer);
    const r = await runCli(question, { env: env() });
    expect(r.code, r.stderr).toBe(0);
    const reply = JSON.parse(r.stdout) as {
      status: string;
      answer: string;
      citations: { section: string }[];
      question: { id: string };
    };
    expect(reply.status).toBe('answered');
    expect(reply.answer).toMatch(/^Modellen: /);
    expect(reply.citations[0]?.section).toBe('1.12.4');
    expect(reply.question.id).toBe('F-0001');
    expect(fake.embeddingRequests().length).toBeGreaterThan(0);
    // One request for the answer, then one for the proposed public wording (after the reply).
    const bodies = fake.chatRequests().map((r) => JSON.stringify(r.body));
    expect(bodies.filter((b) => !b.includes('<forslag>'))).toHaveLength(1);
    expect(bodies.filter((b) => b.includes('<forslag>'))).toHaveLength(1);
  }, 60_000);

  it("never sends the asker's name, organisation or contact details to the endpoint", async () => {
    fake.setChat(deadlineAnswer);
    const r = await runCli(
      [
        'ask',
        '--json',
        '--at',
        '2026-01-26T10:00',
        '--as',
        'Johan Andersson',
        '--org',
        'Konsultbolaget Nord AB',
        'Hej! När är sista dag att lämna anbud? Mvh Johan Andersson, Konsultbolaget Nord AB, johan.andersson@nord.se',
      ],
      { env: env() },
    );
    expect(r.code, r.stderr).toBe(0);
    const sent = [...fake.chatRequests(), ...fake.embeddingRequests()].map((q) => JSON.stringify(q.body));
    expect(sent.some((b) => b.includes('<forslag>'))).toBe(true);
    for (const body of sent) expect(body).not.toMatch(/Johan|Andersson|Nord AB|nord\.se/);
  }, 60_000);

  it('still answers, extractively and within the timeout, when the endpoint hangs', async () => {
    fake.setChat(() => ({ kind: 'hang' }));
    const r = await runCli(question, { env: env({ OPENAI_TIMEOUT_MS: '1500' }) });
    expect(r.code, r.stderr).toBe(0);
    const reply = JSON.parse(r.stdout) as { status: string; answer: string; citations: { section: string }[] };
    expect(reply.status).toBe('answered');
    expect(reply.answer).not.toMatch(/^Modellen/);
    expect(reply.answer).toContain('2026-02-02 23:59');
    expect(reply.citations.map((c) => c.section)).toContain('1.12.4');
  }, 60_000);
});
