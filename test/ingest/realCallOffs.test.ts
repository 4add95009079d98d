/**
 * The labelled real call-offs (test/fixtures/callOffs/real-*): their question
 * sets fit and validate the answer model, so ingestion must keep producing the
 * sections the labels name. Folders are discovered by listing, so a call-off
 * added by anyone is covered without touching this file.
 *
 * Per call-off: call-off.json loads; every document yields numbered sections
 * in dotted form; the sections in expected-sections.json keep their heading;
 * it has at least 8 questions (test/fixtures/eval/real-*.jsonl and the later
 * sets real2-*.jsonl, matched by "callOff"), answered and unanswered ones; and
 * every label names sections that exist and facts that occur in them, asked
 * before the question deadline, with the offset the call-off's zone has then.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadCallOff } from '../../src/config/callOff.js';
import { localParts, parseIsoInZone } from '../../src/core/time.js';
import type { CallOff, Section } from '../../src/core/types.js';
import { foldForFacts, parseEvalFile } from '../../src/eval/runEval.js';
import { loadCallOffDocuments } from '../../src/ingest/index.js';
import { repoRoot } from './helpers.js';

const callOffsDir = path.join(repoRoot, 'test', 'fixtures', 'callOffs');
const evalDir = path.join(repoRoot, 'test', 'fixtures', 'eval');
const DOTTED = /^[1-9]\d*(\.\d+)*$/;

interface ExpectedSection {
  section: string;
  heading: string;
  /** Only needed when the call-off has several documents that share a number. */
  document?: string;
}

interface LabelledQuestion {
  id: string;
  callOff: string;
  at: string;
  expect: { status: string; sections?: string[]; facts?: string[][] };
}

const folders = readdirSync(callOffsDir, { withFileTypes: true })
  .filter((d) => d.isDirectory() && d.name.startsWith('real-'))
  .map((d) => d.name)
  .sort();

const evalFiles = readdirSync(evalDir)
  // real-*.jsonl and later rounds (real2-*.jsonl, ...) about the same call-offs.
  .filter((f) => /^real\d*-/.test(f) && f.endsWith('.jsonl'))
  .sort();

/** Every labelled question of the real sets, after the product's own parser has accepted each file. */
const questions: LabelledQuestion[] = evalFiles.flatMap((file) => {
  const text = readFileSync(path.join(evalDir, file), 'utf8');
  parseEvalFile(text); // throws, naming the line, on a malformed case
  return text
    .split(/\r?\n/)
    .filter((l) => l.trim() && !/^\s*(\/\/|#)/.test(l))
    .map((l) => ({ ...(JSON.parse(l) as LabelledQuestion), file }));
});

it('finds the labelled real call-offs, and every question names one of them', () => {
  expect(folders.length).toBeGreaterThan(0);
  for (const q of questions) expect(folders, `${q.id}: callOff`).toContain(q.callOff);
});

describe.each(folders)('%s', (folder) => {
  const dir = path.join(callOffsDir, folder);
  let callOff: CallOff;
  let sections: Section[];
  const own = questions.filter((q) => q.callOff === folder);

  beforeAll(async () => {
    callOff = loadCallOff(dir);
    const docs = await loadCallOffDocuments(callOff.dir, { reference: callOff.reference, title: callOff.title });
    expect(docs.length).toBeGreaterThan(0);
    sections = docs.flatMap((d) => d.sections);
  });

  it('yields numbered sections, each number in dotted form', () => {
    const numbered = sections.filter((s) => s.number);
    expect(numbered.length).toBeGreaterThanOrEqual(4);
    for (const s of numbered) expect(s.number, `${s.document}: "${s.heading}"`).toMatch(DOTTED);
  });

  it('keeps producing the sections listed in expected-sections.json', () => {
    const file = path.join(dir, 'expected-sections.json');
    expect(existsSync(file), `${folder}/expected-sections.json`).toBe(true);
    const expected = JSON.parse(readFileSync(file, 'utf8')) as ExpectedSection[];
    expect(expected.length).toBeGreaterThanOrEqual(4);
    for (const e of expected) {
      const found = sections.filter(
        (s) => s.number === e.section && (e.document === undefined || s.document === e.document),
      );
      expect(found.length, `section ${e.section}`).toBeGreaterThan(0);
      expect(
        found.some((s) => foldForFacts(s.heading).startsWith(foldForFacts(e.heading))),
        `section ${e.section}: heading "${found.map((s) => s.heading).join('" / "')}" should start with "${e.heading}"`,
      ).toBe(true);
    }
  });

  it('has a question set of its own: at least 8 questions, some answered and some not', () => {
    expect(own.length, `questions in test/fixtures/eval/${folder}.jsonl`).toBeGreaterThanOrEqual(8);
    expect(own.some((q) => q.expect.status === 'answered')).toBe(true);
    expect(own.some((q) => q.expect.status === 'not_in_documents')).toBe(true);
  });

  it('has labels that name existing sections, with facts found in them', () => {
    const byNumber = (n: string) => sections.filter((s) => s.number === n);
    const deadline = parseIsoInZone(
      callOff.questionDeadline.length === 10 ? `${callOff.questionDeadline}T23:59` : callOff.questionDeadline,
      callOff.timezone,
    );
    for (const q of own) {
      const cited = q.expect.sections ?? [];
      const facts = q.expect.facts ?? [];
      if (q.expect.status === 'answered') {
        expect(cited.length, `${q.id}: an answered label names its sections`).toBeGreaterThan(0);
        expect(facts.length, `${q.id}: an answered label names its facts`).toBeGreaterThan(0);
      } else {
        expect(cited, `${q.id}: only answered labels name sections`).toEqual([]);
      }
      // Asked before the question deadline, or the product would rightly refuse it.
      if (q.expect.status !== 'deadline_passed') {
        expect(Date.parse(q.at), `${q.id}: asked before the question deadline`).toBeLessThan(deadline.getTime());
      }
      // A written offset is the call-off's zone's at that time (+02:00 in Swedish summer), or the
      // wall time and the instant disagree by an hour.
      const written = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::\d{2})?[+-]\d{2}:\d{2}$/.exec(q.at);
      if (written) {
        const local = localParts(new Date(q.at), callOff.timezone);
        expect(
          [local.year, local.month, local.day, local.hour, local.minute],
          `${q.id}: the offset of ${q.at} is ${callOff.timezone}'s at that time`,
        ).toEqual(written.slice(1, 6).map(Number));
      }
      for (const n of cited) expect(byNumber(n).length, `${q.id}: section ${n} exists`).toBeGreaterThan(0);
      // A fact is a verbatim string of an answering section (case and white space folded, as eval matches it).
      const citedText = foldForFacts(
        cited.flatMap((n) => byNumber(n).map((s) => `${s.heading}\n${s.text}`)).join('\n'),
      );
      for (const group of facts) {
        expect(
          group.some((fact) => citedText.includes(foldForFacts(fact))),
          `${q.id}: one of ${JSON.stringify(group)} occurs in section(s) ${cited.join(', ')}`,
        ).toBe(true);
      }
    }
  });
});
