/**
 * A register writer run as its own OS process by the concurrency tests:
 * opens the register, prints READY, waits for "go" on stdin, then receives
 * the given deliveries (printing "ACK <id> <deliveryId>" only after each
 * commit) and optionally answers and publishes what it created.
 */
import { once } from 'node:events';
import { openRegister } from '../../src/register/index.js';
import type { WriterJob } from './harness.js';

const job = JSON.parse(process.argv[2] ?? '{}') as WriterJob;
const silent = { debug() {}, info() {}, warn() {}, error() {} };
const register = await openRegister({
  dataDir: job.dataDir,
  ...(job.databaseUrl ? { databaseUrl: job.databaseUrl } : {}),
  logger: silent,
});
process.stdout.write('READY\n');
process.stdin.setEncoding('utf8');
await once(process.stdin, 'data');

const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * (job.pauseMs ?? 0)));
const mine: string[] = [];
for (const deliveryId of job.deliveries) {
  // Questions arrive one by one in real life; a short pause lets the other process get the lock in between.
  if (job.pauseMs) await pause();
  const { entry, created } = await register.receive({
    callOff: job.callOff,
    asker: { channel: 'teams', userId: `pid-${process.pid}`, name: 'Örjan Ärlig', org: 'Ståhl & Söner AB' },
    question: `Fråga från process ${process.pid} (${deliveryId}) 🙂`,
    publicQuestion: `Publik fråga ${deliveryId}`,
    receivedAt: new Date().toISOString(),
    deliveryId,
  });
  if (created) mine.push(entry.id);
  process.stdout.write(`ACK ${entry.id} ${deliveryId} ${created ? 'new' : 'dup'}\n`);
}
if (job.publish) {
  for (const id of mine) {
    if (job.pauseMs) await pause();
    const at = new Date().toISOString();
    await register.update(job.callOff, id, { type: 'answer', answer: `Svar på ${id}` }, 'buyer:cli', at);
    const published = await register.update(job.callOff, id, { type: 'publish' }, 'buyer:cli', at);
    process.stdout.write(`FAQ ${id} ${published.faqNumber}\n`);
  }
}
await register.close();
process.stdout.write('DONE\n');
process.stdin.destroy();
