/**
 * Builds the Teams app package (a zip with manifest.json, color.png and
 * outline.png at its root) with the bot's app id and public domain filled in.
 * Run: node --import tsx manifests/teams/package.ts --app-id <GUID> --domain <host> [--out avropsbot-teams.zip]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import JSZip from 'jszip';

const PLACEHOLDER_ID = '00000000-0000-0000-0000-000000000000';
const PLACEHOLDER_HOST = 'avropsbot.example.se';
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const { values } = parseArgs({
  options: { 'app-id': { type: 'string' }, domain: { type: 'string' }, out: { type: 'string' } },
});
const appId = values['app-id'] ?? '';
const domain = values.domain ?? '';
if (!GUID.test(appId) || !/^[a-z0-9.-]+$/i.test(domain)) {
  process.stderr.write(
    'Ange --app-id (MICROSOFT_APP_ID, ett GUID) och --domain (serverns publika värdnamn, t.ex. avropsbot.myndighet.se).\n',
  );
  process.exit(2);
}

const dir = import.meta.dirname;
const manifest = readFileSync(path.join(dir, 'manifest.json'), 'utf8')
  .replaceAll(PLACEHOLDER_ID, appId)
  .replaceAll(PLACEHOLDER_HOST, domain);
JSON.parse(manifest); // still valid JSON

const zip = new JSZip();
zip.file('manifest.json', manifest);
zip.file('color.png', readFileSync(path.join(dir, 'color.png')));
zip.file('outline.png', readFileSync(path.join(dir, 'outline.png')));
const out = path.resolve(values.out ?? 'avropsbot-teams.zip');
writeFileSync(out, await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' }));
process.stdout.write(`${out}\n`);
