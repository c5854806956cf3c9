/**
 * A small strict XML reader for the sandbox's MeMo validation: elements,
 * attributes, text and the five entities; no DTDs, comments or mixed content
 * (MeMo has none). Prefixes are kept, so the validator can insist on `memo:`.
 */
export interface XmlElement {
  /** Qualified name as written, e.g. `memo:label`. */
  name: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  text: string;
}

export class XmlSyntaxError extends Error {}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|\w+);/g, (whole, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(parseInt(e.slice(1), 10));
    const v = ENTITIES[e];
    if (v === undefined) throw new XmlSyntaxError(`unknown entity ${whole}`);
    return v;
  });
}

export function parseXml(source: string): XmlElement {
  let pos = 0;
  const decl = /^\s*<\?xml([^?]*)\?>/.exec(source);
  if (decl) {
    const enc = /encoding\s*=\s*["']([^"']+)["']/i.exec(decl[1] ?? '')?.[1];
    if (enc && enc.toUpperCase() !== 'UTF-8') throw new XmlSyntaxError(`encoding must be UTF-8, not ${enc}`);
    pos = decl[0].length;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const tag = /<(\/?)([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  while (pos < source.length) {
    const lt = source.indexOf('<', pos);
    const textEnd = lt === -1 ? source.length : lt;
    const text = source.slice(pos, textEnd);
    if (text.length) {
      if (stack.length === 0) {
        if (text.trim()) throw new XmlSyntaxError('text outside the root element');
      } else (stack[stack.length - 1] as XmlElement).text += decode(text);
    }
    if (lt === -1) break;
    tag.lastIndex = lt;
    const m = tag.exec(source);
    if (!m) throw new XmlSyntaxError(`malformed tag at offset ${lt}`);
    const [, close, name, attrText, selfClose] = m as unknown as [string, string, string, string, string];
    pos = tag.lastIndex;
    if (close) {
      const open = stack.pop();
      if (!open || open.name !== name) throw new XmlSyntaxError(`closing tag </${name}> does not match`);
      continue;
    }
    const attributes: Record<string, string> = {};
    for (const a of attrText.matchAll(/([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g)) attributes[a[1] as string] = decode(a[2] ?? a[3] ?? '');
    const el: XmlElement = { name, attributes, children: [], text: '' };
    if (stack.length) (stack[stack.length - 1] as XmlElement).children.push(el);
    else if (root) throw new XmlSyntaxError('more than one root element');
    else root = el;
    if (!selfClose) stack.push(el);
  }
  if (stack.length) throw new XmlSyntaxError(`element <${(stack[stack.length - 1] as XmlElement).name}> is not closed`);
  if (!root) throw new XmlSyntaxError('no root element');
  return root;
}
