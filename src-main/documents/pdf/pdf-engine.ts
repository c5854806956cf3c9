import { layoutDocument, type DocumentContent } from './page-layout';
import { BASE_CHARSET, buildResources, type LogoImage, type PdfResources } from './pdf-resources';
import { writePdf } from './pdf-writer';

const COMPACT_BASE: ReadonlySet<number> = new Set([...'0123456789 .,-:/()?'].map((c) => c.codePointAt(0) as number));

export interface RenderedPdf {
  pdf: Uint8Array;
  pages: number;
}

/** Code points of every string the document draws. */
export function charsOf(content: DocumentContent, into = new Set<number>()): Set<number> {
  const add = (s: string) => {
    for (const ch of s) into.add(ch.codePointAt(0) as number);
  };
  add(content.title);
  content.letterhead.senderLines.forEach(add);
  content.letterhead.recipientLines.forEach(add);
  add(content.letterhead.dateLine);
  for (const b of content.blocks) {
    if (b.type === 'table') {
      b.columns.forEach((c) => add(c.header));
      b.rows.forEach((r) => r.forEach(add));
    } else add(b.text);
  }
  add(content.pageLabel(10, 10));
  return into;
}

/**
 * Renders documents with shared, pre-embedded resources. A resource set is made
 * once per (logo, character set): the Latin-1 base set covers nearly all Danish
 * text; a letter with a rarer character (e.g. "ł") gets a set extended by it.
 */
export class PdfEngine {
  private readonly cache = new Map<string, PdfResources>();

  /** Resources whose subsets cover every character of the given contents. */
  resourcesFor(contents: DocumentContent[], logo: { key: string; image: LogoImage } | null): PdfResources {
    const needed = new Set<number>();
    for (const c of contents) charsOf(c, needed);
    const extra = [...needed].filter((c) => !BASE_CHARSET.has(c) && c !== 10).sort((a, b) => a - b);
    const key = `${logo?.key ?? '-'}|${extra.join(',')}`;
    let res = this.cache.get(key);
    if (!res) {
      res = buildResources(new Set([...BASE_CHARSET, ...extra]), logo?.image ?? null);
      // A handful of sets at most; the oldest goes first.
      if (this.cache.size >= 16) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, res);
    }
    return res;
  }

  /**
   * Resources with a subset of exactly the characters a batch uses (plus digits,
   * which dates and numbers bring in): about half the bytes of the Latin-1 set in
   * every letter. A mailing grows the set when a later chunk brings a new letter,
   * passing the set it has as `grow`.
   */
  compactResourcesFor(contents: DocumentContent[], logo: { key: string; image: LogoImage } | null, grow?: PdfResources): PdfResources {
    const chars = new Set<number>(grow?.charset ?? COMPACT_BASE);
    for (const c of contents) charsOf(c, chars);
    chars.delete(10);
    const key = `${logo?.key ?? '-'}|compact|${[...chars].sort((a, b) => a - b).join(',')}`;
    let res = this.cache.get(key);
    if (!res) {
      res = buildResources(chars, logo?.image ?? null);
      if (this.cache.size >= 16) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(key, res);
    }
    return res;
  }

  /** Whether a resource set can draw every character of a document. */
  covers(res: PdfResources, content: DocumentContent): boolean {
    for (const c of charsOf(content)) if (c !== 10 && !res.charset.has(c)) return false;
    return true;
  }

  render(res: PdfResources, content: DocumentContent, createdAt: Date): RenderedPdf {
    const pages = layoutDocument(res, content);
    return { pdf: writePdf(res, pages, { title: content.title, createdAt }), pages: pages.length };
  }
}
