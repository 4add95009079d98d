/**
 * One private-use character per kind of masked text. The structural stage
 * (greetings, signatures, introductions) works on text where every detected
 * name, company, number or address is already a single marker character, so
 * its patterns can say "a name here" without re-detecting it, and the final
 * stage turns markers into Swedish placeholders and records their spans.
 */
import type { MaskedSpan } from '../core/ports.js';
import type { Candidate } from './contacts.js';

export const M = {
  name: '\uE001',
  org: '\uE002',
  orgGenitive: '\uE003',
  company: '\uE004',
  companyGenitive: '\uE005',
  email: '\uE006',
  phone: '\uE007',
  personnummer: '\uE008',
  orgnr: '\uE009',
  url: '\uE00A',
  address: '\uE00B',
  birthdate: '\uE00C',
} as const;

/** Regex class sources. */
export const NAME_M = M.name;
export const ORG_M = '[\\uE002-\\uE005]';
export const ANY_M = '[\\uE001-\\uE00C]';
export const ANY_M_RE = /[\uE001-\uE00C]/u;
export const ALL_M_RE = /[\uE001-\uE00C]/gu;
/** Private-use characters in the input are replaced by spaces so they can never pose as markers. */
export const PRIVATE_USE_RE = /[\uE000-\uF8FF]/gu;

const PLACEHOLDERS: Record<string, { text: string; kind: MaskedSpan['kind'] }> = {
  [M.name]: { text: '[namn]', kind: 'name' },
  [M.org]: { text: '[leverantören]', kind: 'org' },
  [M.orgGenitive]: { text: '[leverantörens]', kind: 'org' },
  [M.company]: { text: '[företaget]', kind: 'org' },
  [M.companyGenitive]: { text: '[företagets]', kind: 'org' },
  [M.email]: { text: '[e-post]', kind: 'email' },
  [M.phone]: { text: '[telefonnummer]', kind: 'phone' },
  [M.personnummer]: { text: '[personnummer]', kind: 'personnummer' },
  [M.orgnr]: { text: '[organisationsnummer]', kind: 'orgnr' },
  [M.url]: { text: '[webbadress]', kind: 'url' },
  [M.address]: { text: '[adress]', kind: 'address' },
  [M.birthdate]: { text: '[födelsedatum]', kind: 'birthdate' },
};

export function markerFor(c: Candidate): string {
  switch (c.kind) {
    case 'name':
      return M.name;
    case 'org':
      return c.genitive ? M.orgGenitive : M.org;
    case 'company':
      return c.genitive ? M.companyGenitive : M.company;
    default:
      return M[c.kind];
  }
}

/** Replaces every marker by its placeholder and reports where each placeholder sits in the result. */
export function expandMarkers(text: string): { text: string; spans: MaskedSpan[] } {
  let out = '';
  const spans: MaskedSpan[] = [];
  for (const ch of text) {
    const p = PLACEHOLDERS[ch];
    if (p) {
      spans.push({ start: out.length, end: out.length + p.text.length, kind: p.kind });
      out += p.text;
    } else {
      out += ch;
    }
  }
  return { text: out, spans };
}
