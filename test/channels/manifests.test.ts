/**
 * The shipped app manifests agree with the code: the Slack manifest subscribes
 * to the events the listeners handle, with the scopes they need, and the slash
 * command the code registers; the Teams manifest names icons that exist with
 * the sizes Teams requires.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SLASH_COMMAND } from '../../src/channels/slack/slackChannel.js';

const root = path.resolve(import.meta.dirname, '../../manifests');

function pngSize(file: string): { width: number; height: number; colorType: number } {
  const buf = readFileSync(file);
  expect(buf.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(buf.subarray(12, 16).toString('ascii')).toBe('IHDR');
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20), colorType: buf.readUInt8(25) };
}

describe('manifests', () => {
  it('Slack: events, scopes, slash command and interactivity all point at /slack/events', () => {
    const yml = readFileSync(path.join(root, 'slack-app-manifest.yml'), 'utf8');
    for (const event of ['app_mention', 'message.im'])
      expect(yml).toMatch(new RegExp(`^\\s+- ${event.replace('.', '\\.')}$`, 'm'));
    for (const scope of ['app_mentions:read', 'chat:write', 'commands', 'im:history', 'users:read']) {
      expect(yml).toMatch(new RegExp(`^\\s+- ${scope}$`, 'm'));
    }
    expect(yml).toContain(`command: ${SLASH_COMMAND}`);
    const urls = [...yml.matchAll(/(?:url|request_url): (\S+)/g)].map((m) => m[1]);
    expect(urls).toHaveLength(3);
    for (const url of urls) expect(url).toMatch(/^https:\/\/.+\/slack\/events$/);
    expect(yml).toMatch(/interactivity:\n(\s+#.*\n)*\s+is_enabled: true/);
  });

  it('Teams: a valid manifest with a bot, and icons of 192x192 and 32x32', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'teams/manifest.json'), 'utf8'));
    expect(manifest.bots[0].scopes).toEqual(expect.arrayContaining(['personal', 'team']));
    expect(manifest.bots[0].botId).toBe(manifest.id);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    expect(manifest.description.full.length).toBeLessThanOrEqual(4000);
    const color = pngSize(path.join(root, 'teams', manifest.icons.color));
    const outline = pngSize(path.join(root, 'teams', manifest.icons.outline));
    expect(color).toMatchObject({ width: 192, height: 192 });
    expect(outline).toMatchObject({ width: 32, height: 32, colorType: 6 });
  });
});
