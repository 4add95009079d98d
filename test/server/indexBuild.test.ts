/**
 * Index builds off the event loop in `serve`: the real server and the real
 * build process (a child process running the sources through tsx). A build is
 * held at a gate the test opens, so "during a build" is not a matter of timing.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../src/app.js';
import { readEnv } from '../../src/config/env.js';
import type { Composer } from '../../src/core/ports.js';
import { indexDir } from '../../src/retrieval/indexStore.js';
import { INDEX_BUILDING_MESSAGE } from '../../src/retrieval/knowledgeBase.js';
import {
  type Harness,
  mentionEvent,
  postSlack,
  SEED_ID,
  startHarness,
  twoCallOffKnowledge,
  until,
} from '../channels/support/harness.js';
import { gate } from '../helpers/gate.js';

let h: Harness | null = null;
afterEach(async () => {
  await h?.close();
  h = null;
});

/** Holds every build (the start-up one and one a question asks for) until the gate opens. */
function holdBuilds(app: App, until: Promise<void>): void {
  const knowledge = app.knowledge;
  const prepare = knowledge.prepare.bind(knowledge);
  const ingest = knowledge.ingest.bind(knowledge);
  knowledge.prepare = async (...args) => {
    await until;
    return prepare(...args);
  };
  knowledge.ingest = async (...args) => {
    await until;
    return ingest(...args);
  };
}

interface Ready {
  status: string;
  reasons: string[];
  building: string[];
}

const readyz = async (url: string) => {
  const res = await fetch(`${url}/readyz`);
  return { status: res.status, body: (await res.json()) as Ready };
};

describe('index builds in serve', () => {
  it('readyz lists the call-off being built (503), a question meanwhile is acked at once and answered once the build is done, then readyz is 200', async () => {
    const hold = gate();
    const passagesSeen: number[] = [];
    h = await startHarness({
      beforeStart: (app) => holdBuilds(app, hold.opened),
      wrapComposer: (inner: Composer): Composer => ({
        compose: async (input) => {
          passagesSeen.push(input.passages.length);
          return inner.compose(input);
        },
      }),
    });

    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    const before = await readyz(h.url);
    expect(before.status).toBe(503);
    expect(before.body.building).toEqual([SEED_ID]);
    expect(before.body.reasons.join(' ')).toContain(`Indexet för avropet ${SEED_ID} byggs`);

    const ack = await postSlack(
      h.url,
      JSON.stringify(mentionEvent({ eventId: 'EvDuring', text: 'När är sista dag för frågor?' })),
    );
    expect(ack.status).toBe(200);
    // Registered while the index is still held, not answered yet.
    await until(async () => (await h!.app.register.list()).length === 1, 10_000, 'registered');
    expect(h.slackApi!.posts()).toHaveLength(0);
    expect(passagesSeen).toEqual([]);

    hold.open();
    const [post] = await h.slackApi!.waitFor('chat.postMessage', 1, 60_000);
    // Answered from the index built in the worker: retrieval found passages, and no "try again".
    expect(passagesSeen).toHaveLength(1);
    expect(passagesSeen[0]).toBeGreaterThan(0);
    expect(String(post?.args.text)).not.toContain('Försök igen om en minut');
    expect(existsSync(path.join(indexDir(h.dataDir, SEED_ID), 'current.json'))).toBe(true);

    await until(async () => (await readyz(h!.url)).status === 200, 30_000, 'readyz 200');
    const after = await readyz(h.url);
    expect(after.body.building).toEqual([]);
    const log = h.logLines.map((l) => JSON.parse(l) as { msg: string; process?: string });
    expect(log.find((l) => l.msg === 'index built')?.process).toBe('index-build');
  }, 120_000);

  it('a question that would wait too long is registered and told, in Swedish, to try again in a minute', async () => {
    const hold = gate();
    h = await startHarness({
      beforeStart: (app) => holdBuilds(app, hold.opened),
      server: { waitForIndexMs: 300 },
    });
    const ack = await postSlack(
      h.url,
      JSON.stringify(mentionEvent({ eventId: 'EvTooSoon', text: 'När är sista dag för frågor?' })),
    );
    expect(ack.status).toBe(200);
    const [post] = await h.slackApi!.waitFor('chat.postMessage', 1, 30_000);
    expect(String(post?.args.text)).toContain(INDEX_BUILDING_MESSAGE);
    expect(String(post?.args.text)).toContain('kvittonummer F-0001');
    const [entry] = await h.app.register.list();
    expect(entry?.botAnswer?.answer).toBe(INDEX_BUILDING_MESSAGE);
    hold.open();
    // The build goes on after the question gave up, and the next question is answered from it.
    await until(async () => (await readyz(h!.url)).status === 200, 60_000, 'readyz 200');
  }, 120_000);

  it('AVROPSBOT_INDEX_CACHE bounds the indexes kept in memory; a bad value is a Swedish error naming it', async () => {
    expect(() => readEnv({ AVROPSBOT_INDEX_CACHE: '0' })).toThrow(/AVROPSBOT_INDEX_CACHE är ogiltig/);
    expect(readEnv({ AVROPSBOT_INDEX_CACHE: '3' }).indexCache).toBe(3);
    h = await startHarness({ slack: false, env: { AVROPSBOT_INDEX_CACHE: '1' }, knowledgeDir: twoCallOffKnowledge() });
    await until(async () => (await readyz(h!.url)).status === 200, 60_000, 'readyz 200');
    const ask = (callOffId: string) =>
      h!.app.ask({
        callOffId,
        text: 'Hur länge gäller avtalet?',
        asker: { channel: 'cli', name: null, org: null },
        receivedAt: h!.clock.now(),
        deliveryId: null,
      });
    await ask(SEED_ID);
    expect(h.app.knowledge.loadedCallOffs()).toEqual([SEED_ID]);
    await ask('af-test-second');
    expect(h.app.knowledge.loadedCallOffs()).toEqual(['af-test-second']);
  }, 120_000);

  it('a call-off whose question period has ended is not prepared at start', async () => {
    // The seed's question deadline is 2026-01-29; the second call-off's is 2026-03-01.
    h = await startHarness({ now: '2026-02-10T10:00', knowledgeDir: twoCallOffKnowledge() });
    await until(async () => (await readyz(h!.url)).status === 200, 60_000, 'readyz 200');
    expect(existsSync(path.join(indexDir(h.dataDir, 'af-test-second'), 'current.json'))).toBe(true);
    expect(existsSync(indexDir(h.dataDir, SEED_ID))).toBe(false);
    // Built on disk, loaded only when a question needs it.
    expect(h.app.knowledge.loadedCallOffs()).toEqual([]);
  }, 120_000);
});
