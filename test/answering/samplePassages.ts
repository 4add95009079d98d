/**
 * Hand-made passages of a call-off, shared by the composer's tests: the same
 * few sections (a deadline, a place of work with a remote-work rule, a
 * contact person) in each, so a test reads as a question against them.
 */
import type { Chunk, Passage } from '../../src/core/types.js';

/** A passage maker: each passage a new chunk id and a falling retrieval score, on the given page. */
export function passageMaker(page: number) {
  let n = 0;
  return (section: string, heading: string, text: string, extra: Partial<Chunk> = {}): Passage => {
    n++;
    return {
      chunk: { id: `c${n}`, kind: 'document', document: 'avrop.txt', section, heading, text, page, ...extra },
      score: 1 / n,
    };
  };
}

/** Section, heading, text: the tender deadline, the place of work, the contact person. */
export const COMMON_SECTIONS: ReadonlyArray<readonly [string, string, string]> = [
  ['1.12.4', 'Sista anbudsdag', 'Anbud ska vara myndigheten tillhanda senast: 2026-02-02 23:59'],
  [
    '1.8',
    'Placeringsort',
    'Arbetet sker i myndighetens lokaler i Solna.\nDistansarbete upp till 40% av arbetstiden kan accepteras efter överenskommelse med ansvarig chef.',
  ],
  ['1.6', 'Kontaktperson', 'Kontaktperson under avropet är:\nEva Berg\nInköpare\nE-post: eva.berg@example.se'],
];
