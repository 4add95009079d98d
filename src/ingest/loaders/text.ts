/**
 * Plain text and Markdown loaders. Text files exported from PDFs keep their
 * hard wraps and sometimes form feeds between pages; Markdown marks headings
 * with "#", which become heading hints for the shared structure recovery.
 */
import { CodedError } from '../../core/errors.js';
import { cleanLine, type SourceLine, textToLines } from '../lines.js';

/** UTF-8 (with or without BOM), falling back to Windows-1252 for old exports; binary is refused. */
export function decodeText(bytes: Uint8Array, relName: string): string {
  if (bytes.includes(0)) {
    throw new CodedError('config_invalid', `${relName}: filen ser inte ut som text (innehåller binära data).`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\ufeff/, '');
}

export interface TextLoad {
  lines: SourceLine[];
  pages: number | null;
}

/** Form feeds separate pages when present; otherwise the file has no pages. */
export function loadPlainText(text: string): TextLoad {
  const pageTexts = text.split('\f');
  if (pageTexts.length > 1 && pageTexts.some((p) => p.trim())) {
    while (pageTexts.length > 1 && !pageTexts[pageTexts.length - 1]!.trim()) pageTexts.pop();
    return { lines: pageTexts.flatMap((p, i) => textToLines(p, i + 1)), pages: pageTexts.length };
  }
  return { lines: textToLines(text, null), pages: null };
}

/** Inline Markdown reduced to its words: emphasis markers dropped, links as "text (url)". */
function stripInline(s: string): string {
  return s
    .replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]+)\]\(([^)]+)\)/g, '$1 ($2)')
    .replace(/(\*\*|__)(.+?)\1/g, '$2')
    .replace(/(^|[\s(])[*_](\S[^*_]*?)[*_](?=[\s).,:;!?]|$)/g, '$1$2')
    .replace(/`([^`]+)`/g, '$1');
}

export function loadMarkdown(text: string): TextLoad {
  const raw = text.replace(/^---\r?\n[\s\S]*?\r?\n---\r?\n/, ''); // front matter
  const rawLines = raw.split(/\r\n|\r|\n/);
  const hasAtxHeadings = rawLines.some((l) => /^#{1,6}\s+\S/.test(l));
  const lines: SourceLine[] = [];
  let fenced = false;
  for (let i = 0; i < rawLines.length; i++) {
    const rawLine = rawLines[i]!;
    if (/^\s*(```|~~~)/.test(rawLine)) {
      fenced = !fenced;
      continue;
    }
    if (fenced) {
      lines.push({ text: cleanLine(rawLine), page: null });
      continue;
    }
    const next = rawLines[i + 1] ?? '';
    const atx = /^(#{1,6})\s+(.*?)\s*#*\s*$/.exec(rawLine);
    if (atx) {
      lines.push({ text: cleanLine(stripInline(atx[2]!)), page: null, headingLevel: atx[1]!.length - 1 });
      continue;
    }
    if (rawLine.trim() && /^(=+|-+)\s*$/.test(next) && !/^\s*[-*+]\s/.test(rawLine)) {
      // Setext heading: the underline says the level.
      lines.push({ text: cleanLine(stripInline(rawLine)), page: null, headingLevel: next.startsWith('=') ? 0 : 1 });
      i++;
      continue;
    }
    if (/^\s*([-*_]\s*){3,}$/.test(rawLine) || /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(rawLine)) {
      // A thematic break or a table's header separator row.
      lines.push({ text: '', page: null });
      continue;
    }
    const bullet = /^\s*[-*+]\s+(.*)$/.exec(rawLine);
    const ordered = /^\s*\d{1,3}[.)]\s+/.test(rawLine);
    const quoted = rawLine.replace(/^\s*>\s?/, '');
    const textLine = bullet ? `• ${bullet[1]}` : quoted;
    lines.push({
      text: cleanLine(stripInline(textLine)),
      page: null,
      ...(ordered && hasAtxHeadings ? { listItem: true } : {}),
    });
  }
  return { lines, pages: null };
}
