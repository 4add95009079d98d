/**
 * The `avropsbot` command line: a composition root like `serve`.
 * Exit codes: 0 for any answered, refused or rejected question; 2 for a usage
 * or configuration error (with a message saying what to fix); 3 when `verify`
 * finds the register tampered with; 1 only for an internal fault.
 * Slack, Teams and LangChain are never loaded here unless the command needs them.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { App } from './app.js';
import { publicationQueuedText } from './channels/shared/publicationTexts.js';
import { renderEntry, renderEntryTable, renderReply, replyJson } from './cli/format.js';
import { readEnv } from './config/env.js';
import { chainHeadLine, formatChainHead, parseChainHead } from './core/chainHead.js';
import { CodedError, isUserError } from './core/errors.js';
import { parseIsoInZone } from './core/time.js';
import type { CallOff, EntryStatus, IncomingQuestion } from './core/types.js';
import { createLogger, type LogLevel } from './logger.js';

const HELP = `avropsbot: svarar på leverantörers frågor om en avropsförfrågan.

Användning: avropsbot [globala flaggor] <kommando> [flaggor]

Kommandon:
  ingest                                   bygger om indexen för alla avrop
  ask [--at ISO] [--as NAMN] [--org ORG] [--json] FRÅGA
                                           besvarar en fråga och registrerar den
  chat [--at ISO] [--as NAMN] [--org ORG]  interaktiv session i terminalen
  questions list [--status S] [--json]     frågeregistret (S: received, answered, published)
  questions show ID [--json]               en fråga med hela historiken
  questions answer ID --text SVAR [--public-question TEXT]
                                           officiellt svar och publik formulering (på en
                                           publicerad fråga: rättar den, samma nummer)
  questions publish ID...                  publicerar i frågor och svar
  questions unpublish ID...                drar tillbaka från frågor och svar
  questions purge --yes                    rensar personuppgifter i ett avslutat avrop
  questions export --format csv|pdf [--with-personal-data] [--out FIL]
                                           registret för diariet: alla frågor med mottagningstid,
                                           status, publicering, handläggare och kontrollsumma
  faq export --format md|html|pdf|docx|csv|json [--out FIL]
                                           publicerade frågor och svar som dokument
  backup --out FIL                         säkerhetskopia av SQLite-registret (även medan serve kör)
  serve [--port N]                         Slack, Teams och upphandlande myndighetens webbsida
  eval --questions FIL.jsonl [--json]      kör en frågeuppsättning och visar resultatet, felaktiga
                                           svar för sig; rader med "callOff" körs mot sitt avrop
  verify [--json] [--expect-head NR:HASH]  kontrollerar registrets hashkedja, och att den
                                           fortfarande når en sparad kontrollsumma

Globala flaggor:
  --knowledge DIR   avropsmappar (AVROPSBOT_KNOWLEDGE_DIR, standard ./knowledge)
  --data-dir DIR    index och register (AVROPSBOT_DATA_DIR, standard ./data)
  --call-off ID     vilket avrop (behövs bara när det finns flera)
`;

const OPTIONS = {
  knowledge: { type: 'string' },
  'data-dir': { type: 'string' },
  'call-off': { type: 'string' },
  at: { type: 'string' },
  as: { type: 'string' },
  org: { type: 'string' },
  json: { type: 'boolean' },
  status: { type: 'string' },
  text: { type: 'string' },
  'public-question': { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  port: { type: 'string' },
  questions: { type: 'string' },
  yes: { type: 'boolean' },
  'expect-head': { type: 'string' },
  'with-personal-data': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>['values'];

/** Which flags each command takes, beyond the global ones. */
const ALLOWED: Record<string, (keyof Values)[]> = {
  ingest: [],
  ask: ['at', 'as', 'org', 'json'],
  chat: ['at', 'as', 'org'],
  'questions list': ['status', 'json'],
  'questions show': ['json'],
  'questions answer': ['text', 'public-question'],
  'questions publish': [],
  'questions unpublish': [],
  'questions purge': ['yes'],
  'questions export': ['format', 'out', 'with-personal-data'],
  'faq export': ['format', 'out'],
  backup: ['out'],
  serve: ['port'],
  eval: ['questions', 'json'],
  verify: ['json', 'expect-head'],
};
const GLOBAL: (keyof Values)[] = ['knowledge', 'data-dir', 'call-off', 'help', 'version'];

const usage = (msg: string) => new CodedError('usage', `${msg}\nSe "avropsbot --help".`);
const out = (text: string) => process.stdout.write(`${text}\n`);
const err = (text: string) => process.stderr.write(`${text}\n`);

/** Node's parseArgs explains itself in English; the user reads Swedish. */
function parseArgsProblem(e: Error & { code?: string }): string {
  const flag = /'(-{1,2}[^'\s]+)/.exec(e.message)?.[1] ?? '';
  if (e.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `Okänd flagga ${flag}.`;
  if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return /does not take/.test(e.message) ? `Flaggan ${flag} tar inget värde.` : `Flaggan ${flag} behöver ett värde.`;
  }
  return e.message;
}

async function main(argv: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (e) {
    throw usage(parseArgsProblem(e as Error & { code?: string }));
  }
  const { values, positionals } = parsed;
  if (values.version) {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    out(pkg.version);
    return 0;
  }
  if (values.help || positionals.length === 0) {
    out(HELP);
    return positionals.length === 0 && !values.help ? 2 : 0;
  }

  const [first, second, ...rest] = positionals;
  const grouped = first === 'questions' || first === 'faq';
  const command = grouped ? `${first} ${second ?? ''}`.trim() : (first ?? '');
  const args = grouped ? rest : positionals.slice(1);
  const allowed = ALLOWED[command];
  if (!allowed) throw usage(`Okänt kommando "${command}".`);
  for (const key of Object.keys(values) as (keyof Values)[]) {
    if (!allowed.includes(key) && !GLOBAL.includes(key)) throw usage(`Flaggan --${key} hör inte till "${command}".`);
  }

  if (existsSync('.env')) process.loadEnvFile('.env');
  const env = readEnv();
  const level: LogLevel = env.logLevelSet ? env.logLevel : command === 'serve' ? 'info' : 'warn';
  const logger = createLogger(level);
  // Said before connecting: a PostgreSQL register is not this command's to copy.
  if (command === 'backup' && env.databaseUrl) throw usage(POSTGRES_BACKUP);
  const knowledgeDir = values.knowledge ?? env.knowledgeDir ?? './knowledge';
  const dataDir = values['data-dir'] ?? env.dataDir ?? './data';

  const { createApp } = await import('./app.js');
  let tempRegister: string | undefined;
  if (command === 'eval') tempRegister = mkdtempSync(path.join(os.tmpdir(), 'avropsbot-eval-'));
  const app = await createApp({ env, knowledgeDir, dataDir, logger, registerDir: tempRegister });
  try {
    return await run(command, args, values, app);
  } finally {
    await app.close();
    if (tempRegister) rmSync(tempRegister, { recursive: true, force: true });
  }
}

async function run(command: string, args: string[], values: Values, app: App): Promise<number> {
  const callOff = () => app.resolveCallOff(values['call-off']);
  switch (command) {
    case 'ingest':
      return ingest(app, values['call-off'] ? [callOff()] : app.callOffs);
    case 'ask': {
      const text = args.join(' ');
      if (args.length === 0) throw usage('Skriv frågan efter "ask", t.ex. avropsbot ask "När är sista anbudsdag?"');
      return ask(app, callOff(), text, values);
    }
    case 'chat':
      return chat(app, callOff(), values);
    case 'questions list': {
      const status = values.status;
      if (status && !['received', 'answered', 'published'].includes(status)) {
        throw usage(`Okänd status "${status}": ange received, answered eller published.`);
      }
      const filter = {
        ...(values['call-off'] || app.callOffs.length === 1 ? { callOff: callOff().id } : {}),
        ...(status ? { status: status as EntryStatus } : {}),
      };
      const entries = await app.buyer.list(filter);
      out(values.json ? JSON.stringify(entries, null, 2) : renderEntryTable(entries, app.callOffs));
      return 0;
    }
    case 'questions show': {
      const [id] = args;
      if (!id || args.length > 1) throw usage('Ange ett kvittonummer, t.ex. questions show F-0001.');
      const c = callOff();
      const { entry, events } = await app.buyer.show(c.id, id);
      out(values.json ? JSON.stringify({ ...entry, events }, null, 2) : renderEntry(entry, events, c));
      return 0;
    }
    case 'questions answer': {
      const [id] = args;
      if (!id || args.length > 1) throw usage('Ange ett kvittonummer, t.ex. questions answer F-0001 --text "...".');
      if (values.text === undefined) throw usage('Ange svaret med --text "...".');
      const c = callOff();
      const entry = await app.buyer.answer(
        c.id,
        id,
        {
          answer: values.text,
          ...(values['public-question'] === undefined ? {} : { publicQuestion: values['public-question'] }),
        },
        'buyer:cli',
      );
      if (entry.status === 'published') {
        // Answering a published entry corrects it in place: same number, the old text stays in the history.
        out(`${entry.id} är publicerad som nr ${entry.faqNumber} och det publicerade svaret är nu ändrat.`);
        out('Frågor och svar visar ”Ändrad” med dagens datum; historiken behåller den tidigare versionen.');
        out(`Publik formulering: ”${entry.publicQuestion}”`);
        return 0;
      }
      out(`${entry.id} är besvarad. Publik formulering: ”${entry.publicQuestion}”`);
      out(`Publicera med: avropsbot questions publish ${entry.id}`);
      return 0;
    }
    case 'questions publish':
    case 'questions unpublish': {
      if (args.length === 0) throw usage('Ange ett eller flera kvittonummer.');
      const c = callOff();
      const publish = command === 'questions publish';
      const result = publish
        ? await app.buyer.publish(c.id, args, 'buyer:cli')
        : await app.buyer.unpublish(c.id, args, 'buyer:cli');
      for (const e of result.entries) {
        out(publish ? `${e.id} publicerad som svar nr ${e.faqNumber}.` : `${e.id} är inte längre publicerad.`);
      }
      // The CLI only queues the chat posts (the register's outbox); a running serve makes them.
      if (publish && result.entries.length > 0) out(publicationQueuedText(c));
      // Printed for the diary: a copy of the head outside the database (README: "Kontrollsumma").
      if (result.head) out(chainHeadLine(result.head));
      for (const w of result.warnings) err(w);
      return 0;
    }
    case 'questions purge': {
      const c = callOff();
      if (!values.yes) {
        throw usage(
          `Rensning tar bort namn, organisationer och leverantörernas egna formuleringar i ${c.id} för gott. Bekräfta med --yes.`,
        );
      }
      const n = await app.buyer.purge(c.id, 'buyer:cli');
      // Slack/Teams conversation ids that chose this call-off point at people too. They live in the
      // register's database, so running `serve` instances forget them at once. Held questions carry
      // no call-off yet; the expired ones (personal data kept past their hour) go as well.
      const conversations = await app.conversations.forgetCallOff(c.id);
      const expired = await app.conversations.dropExpired();
      out(
        `Personuppgifter rensade i ${n} frågor i ${c.id}` +
          (conversations > 0 ? ` och ${conversations} sparade konversationsval` : '') +
          (expired > 0 ? `; ${expired} utgångna väntande frågor raderade` : '') +
          '. Hashkedjan är intakt.',
      );
      return 0;
    }
    case 'questions export':
      return registerExport(app, callOff(), values);
    case 'backup':
      return backup(app, values.out);
    case 'faq export':
      return faqExport(app, callOff(), values);
    case 'serve':
      return serve(app, values.port);
    case 'eval':
      // Lines may name their own call-off: --call-off (or the only one) is for those that do not.
      return evaluate(app, values['call-off'] || app.callOffs.length === 1 ? callOff() : null, values);
    case 'verify': {
      const expected = values['expect-head'];
      const report = await app.buyer.verify(expected === undefined ? {} : { expectHead: parseChainHead(expected) });
      if (values.json) out(JSON.stringify(report, null, 2));
      else if (report.ok) {
        out(`Registret är intakt: ${report.events} händelser, ${report.entries} frågor, hashkedjan obruten.`);
        if (report.expectedHead) out(`Kedjan når den sparade kontrollsumman ${formatChainHead(report.expectedHead)}.`);
        out(chainHeadLine(report.head));
      } else out(`REGISTRET ÄR ÄNDRAT UTANFÖR AVROPSBOT:\n${report.problems.map((p) => `  - ${p}`).join('\n')}`);
      return report.ok ? 0 : 3;
    }
  }
  throw usage(`Okänt kommando "${command}".`);
}

async function ingest(app: App, callOffs: readonly CallOff[]): Promise<number> {
  const tty = process.stderr.isTTY;
  for (const c of callOffs) {
    const summary = await app.knowledge.ingest(c, (done, total, file) => {
      if (tty) process.stderr.write(`\r\x1b[K${c.id}: ${done}/${total} ${file}`);
    });
    if (tty) process.stderr.write('\r\x1b[K');
    out(
      `${c.id}: ${summary.documents} dokument, ${summary.sections} avsnitt, ${summary.chunks} textstycken, ${summary.seconds.toFixed(2)} s`,
    );
    for (const w of summary.warnings) err(`Varning (${c.id}): ${w}`);
  }
  return 0;
}

/** A question typed at the terminal: received now, or at --at read in the call-off's zone. */
function cliQuestion(app: App, callOff: CallOff, text: string, values: Values): IncomingQuestion {
  return {
    callOffId: callOff.id,
    text,
    asker: { channel: 'cli', name: values.as ?? null, org: values.org ?? null },
    receivedAt: values.at ? parseIsoInZone(values.at, callOff.timezone) : app.clock.now(),
    deliveryId: null,
  };
}

async function ensureIndex(app: App, callOff: CallOff): Promise<void> {
  const summary = await app.knowledge.ensureIndex(callOff);
  if (summary.rebuilt) {
    err(`Index byggt för ${callOff.id}: ${summary.documents} dokument, ${summary.sections} avsnitt.`);
    for (const w of summary.warnings) err(`Varning (${callOff.id}): ${w}`);
  }
}

async function ask(app: App, callOff: CallOff, text: string, values: Values): Promise<number> {
  await ensureIndex(app, callOff);
  const reply = await app.ask(cliQuestion(app, callOff, text, values));
  out(values.json ? JSON.stringify(replyJson(reply), null, 2) : renderReply(reply, callOff));
  return 0;
}

async function chat(app: App, callOff: CallOff, values: Values): Promise<number> {
  await ensureIndex(app, callOff);
  // Loaded here: only chat reads lines from the terminal.
  const { createInterface } = await import('node:readline');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: process.stdin.isTTY });
  const prompt = () => {
    if (process.stdin.isTTY) process.stdout.write('\nFråga> ');
  };
  out(`avropsbot: ${callOff.reference} ${callOff.title}`);
  out('Skriv din fråga och tryck Enter. Avsluta med "avsluta" eller Ctrl-D.');
  prompt();
  for await (const line of rl) {
    const text = line.trim();
    if (['avsluta', 'exit', 'quit'].includes(text.toLowerCase())) break;
    if (text) {
      const reply = await app.ask(cliQuestion(app, callOff, text, values));
      out(`\n${renderReply(reply, callOff)}`);
    }
    prompt();
  }
  rl.close();
  return 0;
}

async function faqExport(app: App, callOff: CallOff, values: Values): Promise<number> {
  const { FAQ_FORMATS, faqFileName, renderFaq } = await import('./faq/export.js');
  const format = values.format as (typeof FAQ_FORMATS)[number] | undefined;
  if (!format || !FAQ_FORMATS.includes(format)) throw usage(`Ange --format med ett av: ${FAQ_FORMATS.join(', ')}.`);
  const doc = await app.buyer.faq(callOff.id);
  const bytes = await renderFaq(doc, format);
  const binary = format === 'pdf' || format === 'docx';
  const target = values.out ?? (binary && process.stdout.isTTY ? faqFileName(doc, format) : undefined);
  if (target) {
    writeFileSync(target, bytes);
    err(`${doc.items.length} publicerade frågor och svar exporterade till ${target}.`);
    err(chainHeadLine(doc.registerHead));
  } else {
    process.stdout.write(bytes);
  }
  // An export is not a publication: no LOU timing warning here (it comes with `questions publish`).
  if (target && doc.tenderPeriodNote) err(doc.tenderPeriodNote);
  return 0;
}

/** The register for the diary: CSV or PDF, personal data only with --with-personal-data. */
async function registerExport(app: App, callOff: CallOff, values: Values): Promise<number> {
  const format = values.format;
  if (format !== 'csv' && format !== 'pdf') throw usage('Ange --format csv eller --format pdf.');
  const [{ renderRecordsCsv }, { renderRecordsPdf }, { recordsFileName }] = await Promise.all([
    import('./records/csv.js'),
    import('./records/pdf.js'),
    import('./records/rows.js'),
  ]);
  const records = await app.buyer.records(callOff.id);
  const opts = { withPersonalData: values['with-personal-data'] === true };
  const bytes = format === 'csv' ? renderRecordsCsv(records, opts) : await renderRecordsPdf(records, opts);
  const target =
    values.out ?? (format === 'pdf' && process.stdout.isTTY ? recordsFileName(callOff.id, format) : undefined);
  if (target) {
    writeFileSync(target, bytes);
    err(
      `${records.entries.length} frågor i ${callOff.id} exporterade till ${target}` +
        (opts.withPersonalData ? ' (med personuppgifter: hantera filen därefter).' : ' (utan personuppgifter).'),
    );
    err(chainHeadLine(records.registerHead));
  } else {
    process.stdout.write(bytes);
  }
  return 0;
}

const POSTGRES_BACKUP =
  'Registret ligger i PostgreSQL (DATABASE_URL är satt) och säkerhetskopieras med PostgreSQL:s egna verktyg, ' +
  't.ex. pg_dump --format=custom --file=register.dump "$DATABASE_URL" (återställs med pg_restore). Se README.';

async function backup(app: App, outFile: string | undefined): Promise<number> {
  if (!outFile) throw usage('Ange filen för säkerhetskopian med --out FIL, t.ex. --out register-2026-01-30.sqlite.');
  const { backupSqliteRegister } = await import('./register/sqlite/backup.js');
  const result = await backupSqliteRegister(app.dataDir, outFile);
  out(`Säkerhetskopia sparad i ${outFile}: ${result.entries} frågor, kontrollerad och hel.`);
  out(chainHeadLine(result.head));
  return 0;
}

async function serve(app: App, port: string | undefined): Promise<number> {
  if (port !== undefined && !/^\d+$/.test(port)) throw usage(`Ogiltig port "${port}".`);
  // startServer warns about AVROPSBOT_NOW and Teams without authentication itself.
  const { startServer } = await import('./server/index.js');
  const server = await startServer(app, { port: port ? Number(port) : app.env.port });
  app.logger.info('avropsbot serve listening', { url: server.url });
  const { startChainHeadLog } = await import('./server/chainHeadLog.js');
  const headLog = startChainHeadLog(app.register, app.logger);
  await new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
  });
  app.logger.info('shutting down: finishing answers in flight');
  headLog.stop();
  await server.close();
  return 0;
}

async function evaluate(app: App, fallback: CallOff | null, values: Values): Promise<number> {
  if (!values.questions) throw usage('Ange frågefilen med --questions FIL.jsonl.');
  const { parseEvalFile, scoreEval, formatEvalReport } = await import('./eval/runEval.js');
  const { assignCallOffs, callOffsOf, evalJson, formatCallOffTable, scoreByCallOff } = await import(
    './eval/callOffRuns.js'
  );
  let text: string;
  try {
    text = readFileSync(values.questions, 'utf8');
  } catch {
    throw usage(`Kan inte läsa ${values.questions}.`);
  }
  const runs = assignCallOffs(parseEvalFile(text), app.callOffs, fallback);
  for (const c of callOffsOf(runs)) await ensureIndex(app, c);
  const outcomes = [];
  for (const { case: c, callOff } of runs) {
    const started = performance.now();
    const reply = await app.ask({
      callOffId: callOff.id,
      text: c.question,
      asker: { channel: 'cli', name: null, org: null },
      receivedAt: parseIsoInZone(c.at, callOff.timezone),
      deliveryId: null,
    });
    const outcome = {
      case: c,
      status: reply.status,
      answer: reply.answer,
      citations: reply.citations,
      ms: performance.now() - started,
    };
    outcomes.push({ callOff: callOff.id, outcome });
  }
  const scores = scoreEval(outcomes.map((o) => o.outcome));
  const perCallOff = scoreByCallOff(outcomes);
  if (values.json) out(JSON.stringify(evalJson(scores, perCallOff), null, 2));
  else out([formatEvalReport(scores), formatCallOffTable(perCallOff)].filter(Boolean).join('\n\n'));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (isUserError(e)) {
      err(`Fel: ${e.message}`);
      process.exitCode = 2;
    } else if (e instanceof CodedError && e.code === 'register_tampered') {
      err(`Fel: ${e.message}`);
      process.exitCode = 3;
    } else if (e instanceof CodedError && e.code === 'register_unavailable') {
      // A fault (exit 1), but a known one: the message says what to do, no "Internt fel".
      err(e.message);
      process.exitCode = 1;
    } else {
      err(`Internt fel: ${(e as Error)?.message ?? String(e)}`);
      if (process.env.LOG_LEVEL === 'debug') err((e as Error)?.stack ?? '');
      process.exitCode = 1;
    }
  },
);
