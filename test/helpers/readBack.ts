// Reads an exported FAQ document back to plain text, whatever its format, to compare content.
import JSZip from 'jszip';
import { extractText, getDocumentProxy } from 'unpdf';

export async function exportedText(format: string, bytes: Buffer): Promise<string> {
  switch (format) {
    case 'pdf': {
      const pdf = await getDocumentProxy(new Uint8Array(bytes));
      const { text } = await extractText(pdf, { mergePages: true });
      return text as string;
    }
    case 'docx': {
      const zip = await JSZip.loadAsync(bytes);
      const xml = (await zip.file('word/document.xml')?.async('string')) ?? '';
      return xml
        .replace(/<\/w:p>/g, '\n')
        .replace(/<[^>]+>/g, '')
        .replace(/&amp;/g, '&')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&apos;/g, "'");
    }
    default:
      return bytes.toString('utf8');
  }
}
