/**
 * Slack in Socket Mode (SLACK_APP_TOKEN set): the real Bolt SocketModeReceiver
 * connects to a fake Socket Mode WebSocket on 127.0.0.1 found through the fake
 * apps.connections.open; envelopes are acked over the socket, answered through
 * the fake Web API, and a retried envelope is a duplicate.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeSocketMode, startFakeSocketMode } from './support/fakeSocketMode.js';
import { type Harness, mentionEvent, startHarness, until } from './support/harness.js';

let h: Harness | null = null;
let socket: FakeSocketMode | null = null;
afterEach(async () => {
  await h?.close();
  await socket?.close();
  h = null;
  socket = null;
});

describe('Slack Socket Mode', () => {
  it('answers an app_mention envelope once, even when Slack redelivers it', async () => {
    socket = await startFakeSocketMode();
    h = await startHarness({ env: { SLACK_APP_TOKEN: 'xapp-1-test' }, socketUrl: socket.url });
    await socket.connected();
    const channels = h.logLines.map((l) => JSON.parse(l)).find((l) => l.msg === 'server: channels');
    expect(channels?.slack).toBe('socket mode');
    // No HTTP route for Slack in Socket Mode.
    expect((await fetch(`${h.url}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);

    const payload = mentionEvent({ eventId: 'EvSocket1', text: 'När är sista anbudsdag?', channel: 'C300' });
    const envelope = (id: string, attempt: number) => ({
      envelope_id: id,
      type: 'events_api',
      accepts_response_payload: false,
      retry_attempt: attempt,
      retry_reason: attempt ? 'timeout' : '',
      payload,
    });
    socket.send(envelope('env-1', 0));
    await socket.waitForAck('env-1');
    const [post] = (await h.slackApi!.waitFor('chat.postMessage', 1)).map((c) => c.args);
    expect(post?.channel).toBe('C300');
    expect(post?.thread_ts).toBe(payload.event.ts);
    expect(JSON.stringify(post?.blocks)).toContain('Avsnitt 1.12.4 Sista anbudsdag');

    socket.send(envelope('env-2', 1));
    await socket.waitForAck('env-2');
    const entries = await h.closeAndReadRegister();
    expect(entries).toHaveLength(1);
    expect(entries[0]?.deliveryId).toBe('slack:EvSocket1');
    expect(h.slackApi!.posts()).toHaveLength(1);
    expect(h.slackApi!.calls.some((c) => c.method === 'apps.connections.open')).toBe(true);
    expect(h.logLines.join('')).not.toContain('När är sista');
  });

  it('acks an envelope only once its question is in the register (write before ack)', async () => {
    socket = await startFakeSocketMode();
    h = await startHarness({ env: { SLACK_APP_TOKEN: 'xapp-1-test' }, socketUrl: socket.url });
    await socket.connected();
    // The listener looks up the asker's name before it registers: held here, so nothing is registered yet.
    const release = h.slackApi!.gate('users.info');
    const payload = mentionEvent({ eventId: 'EvSocketWal', text: 'När är sista anbudsdag?', channel: 'C301' });
    socket.send({ envelope_id: 'env-wal', type: 'events_api', accepts_response_payload: false, payload });
    await h.slackApi!.waitFor('users.info', 1);
    expect(socket.received.filter((m) => m.envelope_id === 'env-wal')).toEqual([]);
    expect(await h.app.register.list()).toEqual([]);
    release();
    await socket.waitForAck('env-wal');
    // Acked: so on record, whatever happens to this process next.
    expect((await h.app.register.list()).map((e) => e.deliveryId)).toEqual(['slack:EvSocketWal']);
    await h.slackApi!.waitFor('chat.postMessage', 1);
  });

  it('does not hold up start-up while Socket Mode cannot connect; readyz says why', async () => {
    // No socket URL: the fake apps.connections.open refuses, the client keeps retrying.
    h = await startHarness({ env: { SLACK_APP_TOKEN: 'xapp-1-test' } });
    expect((await fetch(`${h.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${h.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(((await ready.json()) as { reasons: string[] }).reasons).toContain('Slack Socket Mode ansluter.');
  });

  it('is ready once the socket is connected and the index built', async () => {
    socket = await startFakeSocketMode();
    h = await startHarness({ env: { SLACK_APP_TOKEN: 'xapp-1-test' }, socketUrl: socket.url });
    await socket.connected();
    await until(async () => (await fetch(`${h!.url}/readyz`)).status === 200, 10_000, 'readyz 200');
  });
});
