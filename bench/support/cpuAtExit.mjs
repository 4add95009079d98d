// Preloaded with --import by bench/startup.ts: appends the process's own CPU time (user + system,
// ms, from process start) to the file in CPU_REPORT at exit. Unlike wall time, it hardly changes
// when other processes load the machine.
import { appendFileSync } from 'node:fs';

const file = process.env.CPU_REPORT;
if (file) {
  process.on('exit', () => {
    const { user, system } = process.cpuUsage();
    appendFileSync(file, `${(user + system) / 1000}\n`);
  });
}
