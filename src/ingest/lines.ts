/**
 * The line model every loader produces and every later stage consumes: one
 * visual line (PDF, txt) or one paragraph (DOCX) with the page it sits on.
 * Loaders differ in how they find lines; structure recovery is shared.
 */

export interface SourceLine {
  text: string;
  /** 1-based page, or null when the format has no pages. */
  page: number | null;
  /**
   * Outline level (0 = top) when the format marks the line as a heading
   * (DOCX heading styles, Markdown #). A strong hint, not a verdict.
   */
  headingLevel?: number;
  /** Set by loaders that know the line is not a heading (DOCX list items). */
  listItem?: boolean;
  /** PDF: the line's font size relative to the document's body text (1 = body size). */
  fontScale?: number;
  /** PDF: printed in another font than the body text at body size (typically bold). */
  fontVariant?: boolean;
  /** PDF: where the line starts on the page (points from the left edge), to tell an indent. */
  x?: number;
}

/** How the body lines of a format should be joined into paragraphs. */
export type WrapMode =
  /** Visual lines from a PDF or a hard-wrapped text file: decide by line width and punctuation. */
  | 'visual'
  /** Markdown: consecutive lines are one paragraph, blank lines separate. */
  | 'markdown'
  /** One line per paragraph already (DOCX): never join. */
  | 'paragraphs';

const LIGATURES: Record<string, string> = { ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬅ: 'st', ﬆ: 'st' };

/**
 * Spaces folded, NBSP and tabs made spaces, control characters dropped,
 * composed to NFC (decomposed "a\u0308" becomes "ä"), typographic ligatures
 * spelled out, Word's symbol-font bullets made "•", trimmed. A soft hyphen at
 * the end is kept: it tells the paragraph joiner that the word goes on.
 */
export function cleanLine(raw: string): string {
  return raw
    .normalize('NFC')
    .replace(/[\ufb00-\ufb06]/g, (c) => LIGATURES[c] ?? c)
    .replace(/[\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf0a8\uf06e\uf0a4]/g, '•')
    .replace(/\u00ad(?=.)/g, '')
    .replace(/[\u2010\u2011]/g, '-')
    .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
    .replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b\u200e\u200f\ufeff]/g, '')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** Splits a text on line breaks (any convention) into cleaned lines on one page. */
export function textToLines(text: string, page: number | null): SourceLine[] {
  return text.split(/\r\n|\r|\n/).map((t) => ({ text: cleanLine(t), page }));
}
