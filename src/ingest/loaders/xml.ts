/**
 * A small streaming XML tokenizer for WordprocessingML parts. Word's XML is
 * machine-written and regular (no DTDs, no CDATA in body text), so tags and
 * text runs are all we need; this avoids depending on a DOM library.
 */

export type XmlToken =
  | { kind: 'open'; name: string; attrs: Record<string, string>; selfClosing: boolean }
  | { kind: 'close'; name: string }
  | { kind: 'text'; text: string };

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (whole, ent: string) => {
    if (ent[0] === '#') {
      const code = ent[1] === 'x' || ent[1] === 'X' ? Number.parseInt(ent.slice(2), 16) : Number(ent.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[ent] ?? whole;
  });
}

function parseAttrs(raw: string): Record<string, string> {
  const attrs: Record<string, string> = {};
  const re = /([\w:.-]+)\s*=\s*("([^"]*)"|'([^']*)')/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) attrs[m[1]!] = decodeEntities(m[3] ?? m[4] ?? '');
  return attrs;
}

/** Yields tags and text in document order; comments, processing instructions and declarations are skipped. */
export function* tokenize(xml: string): Generator<XmlToken> {
  const re =
    /<!--[\s\S]*?-->|<\?[\s\S]*?\?>|<!\[CDATA\[([\s\S]*?)\]\]>|<!([^>]*)>|<(\/?)([\w:.-]+)([^>]*?)(\/?)>|([^<]+)/g;
  for (let m = re.exec(xml); m; m = re.exec(xml)) {
    if (m[1] !== undefined) yield { kind: 'text', text: m[1] };
    else if (m[7] !== undefined) yield { kind: 'text', text: decodeEntities(m[7]) };
    else if (m[4] !== undefined) {
      if (m[3] === '/') yield { kind: 'close', name: m[4] };
      else yield { kind: 'open', name: m[4], attrs: parseAttrs(m[5] ?? ''), selfClosing: m[6] === '/' };
    }
  }
}

/** Simple element tree, for the small parts (styles, numbering) where a tree is easier than a stream. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export function parseTree(xml: string): XmlElement {
  const root: XmlElement = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: XmlElement[] = [root];
  for (const t of tokenize(xml)) {
    const top = stack[stack.length - 1]!;
    if (t.kind === 'open') {
      const el: XmlElement = { name: t.name, attrs: t.attrs, children: [], text: '' };
      top.children.push(el);
      if (!t.selfClosing) stack.push(el);
    } else if (t.kind === 'close') {
      // Tolerate sloppy nesting: pop to the matching element if it is open.
      const at = stack.map((e) => e.name).lastIndexOf(t.name);
      if (at > 0) stack.length = at;
    } else {
      top.text += t.text;
    }
  }
  return root;
}

export function child(el: XmlElement | undefined, name: string): XmlElement | undefined {
  return el?.children.find((c) => c.name === name);
}

export function children(el: XmlElement | undefined, name: string): XmlElement[] {
  return el ? el.children.filter((c) => c.name === name) : [];
}

/** Depth-first search for all descendants with this name. */
export function descendants(el: XmlElement, name: string, out: XmlElement[] = []): XmlElement[] {
  for (const c of el.children) {
    if (c.name === name) out.push(c);
    descendants(c, name, out);
  }
  return out;
}

export function attr(el: XmlElement | undefined, name = 'w:val'): string | undefined {
  return el?.attrs[name];
}
