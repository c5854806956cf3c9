import type { PreviewPdf } from '../contract';
import type { Clock } from '../shared/clock';
import type { Db } from '../store/database';
import type { WorkspaceRepo } from '../workspace/workspace-repo';
import { compileTemplate, type CompiledTemplate } from './compiled-template';
import type { DocumentPort, GeneratedDocument } from './document-port';
import { PdfEngine } from './pdf/pdf-engine';
import type { LogoImage, PdfResources } from './pdf/pdf-resources';
import type { NameLookup } from './placeholders';
import { danishToday, loadRecords, type LoadedRecord } from './record-data';
import { fallbackLetterhead, recordLetterContent } from './record-letter';
import { readResource } from './resource-files';
import type { StoredTemplate, TemplateRepo } from './template-repo';
import { notFound } from '../shared/domain-error';

export const DEFAULT_LOGO = 'letterhead-logo.png';

/** A file name Digital Post and every file system accept: letters (æøå too), digits, space, - and _. */
export function safeFileName(title: string, fallback: string): string {
  const base = title
    .replace(/[^\p{L}\p{N} _-]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
  return `${base || fallback}.pdf`;
}

export interface RenderedLetter {
  record: LoadedRecord;
  title: string;
  fileName: string;
  pdf: Uint8Array;
  pages: number;
}

/**
 * Generates documents from templates and record data. Implements the
 * DocumentPort the signing request uses; mailings use `renderMany`.
 */
export class DocumentService implements DocumentPort {
  readonly engine = new PdfEngine();

  constructor(
    private readonly db: Db,
    private readonly workspace: WorkspaceRepo,
    readonly templates: TemplateRepo,
    private readonly names: NameLookup,
    private readonly clock: Clock,
    /** The sender name of the Digital Post settings: the sender block of a letterhead that has none. */
    private readonly senderLabel: () => string = () => '',
  ) {}

  private readonly compiled = new WeakMap<StoredTemplate, { fields: unknown; compiled: CompiledTemplate }>();

  /** The template parsed for the current workspace fields (kept until either changes). */
  compile(template: StoredTemplate): CompiledTemplate {
    const fields = this.workspace.snapshot().fieldsByKey;
    const hit = this.compiled.get(template);
    if (hit && hit.fields === fields) return hit.compiled;
    const compiled = compileTemplate(template.definition, fields);
    this.compiled.set(template, { fields, compiled });
    return compiled;
  }

  private logoFor(t: StoredTemplate): { key: string; image: LogoImage } | null {
    const choice = t.definition.letterhead.logo;
    if (choice === 'none') return null;
    if (choice === 'uploaded' && t.logo) return { key: `template-${t.id}-${t.updatedAt}`, image: t.logo };
    return { key: 'default', image: { bytes: readResource(DEFAULT_LOGO), type: 'png' } };
  }

  /**
   * Loads records for placeholders. `{{caseworker}}` is each record's
   * responsible caseworker; where the record names none, the acting caseworker
   * (who previews, prepares or moved the record), so a letter never reads
   * "kontakte din sagsbehandler, ." when somebody is in fact handling it.
   */
  load(ids: readonly number[], actingUserId: number | null): LoadedRecord[] {
    const acting = actingUserId === null ? '' : (this.names.userName(actingUserId) ?? '');
    const names = new Map<number, string>();
    const caseworker = (responsible: number | null): string => {
      if (responsible === null) return acting;
      let n = names.get(responsible);
      if (n === undefined) names.set(responsible, (n = this.names.userName(responsible) ?? ''));
      return n;
    };
    return loadRecords(this.db, this.workspace.snapshot(), ids, caseworker, danishToday(this.clock.now()));
  }

  /**
   * Renders one letter per record with one set of shared resources (made or
   * extended only when a record holds a character the set lacks).
   */
  renderMany(template: StoredTemplate, compiled: CompiledTemplate, records: LoadedRecord[], resources?: { current: PdfResources | null }): RenderedLetter[] {
    const contents = records.map((r) => compiled.fill(r, this.names));
    const logo = this.logoFor(template);
    const cache = resources ?? { current: null };
    if (!cache.current || contents.some((c) => !this.engine.covers(cache.current as PdfResources, c))) {
      // A mailing (which passes `resources`) embeds only the characters its letters use;
      // single documents share the cached Latin-1 set.
      cache.current = resources ? this.engine.compactResourcesFor(contents, logo, cache.current ?? undefined) : this.engine.resourcesFor(contents, logo);
    }
    const res = cache.current;
    const createdAt = new Date(this.clock.now());
    return records.map((record, i) => {
      const content = contents[i]!;
      const { pdf, pages } = this.engine.render(res, content, createdAt);
      return { record, title: content.title, fileName: safeFileName(content.title, `dokument-${record.number}`), pdf, pages };
    });
  }

  /**
   * A letter written on a record (the compose dialog, the "Send Digital Post"
   * action) on the workspace's letterhead (docs/documents-and-mailings.md,
   * "Letters written on a record"). Synchronous: a status action renders it
   * inside its job's transaction. The same call makes the preview and the
   * letter sent, so the preview is exactly what the citizen gets.
   */
  recordLetter(input: { recordId: number; subject: string; body: string; actingUserId: number | null }): GeneratedDocument & { pages: number } {
    const [record] = this.load([input.recordId], input.actingUserId);
    if (!record) throw notFound('Record');
    const chosen = this.templates.recordLetterhead();
    const ws = this.workspace.snapshot();
    const compiled = chosen ? this.compile(chosen) : compileTemplate(fallbackLetterhead(ws.fieldByRole.get('name')?.key ?? null), ws.fieldsByKey);
    const signedBy = (input.actingUserId === null ? null : this.names.userName(input.actingUserId)) ?? record.caseworkerName;
    const content = recordLetterContent(compiled, record, this.names, { subject: input.subject, body: input.body, signedBy }, this.senderLabel());
    const logo = chosen ? this.logoFor(chosen) : { key: 'default', image: { bytes: readResource(DEFAULT_LOGO), type: 'png' as const } };
    const { pdf, pages } = this.engine.render(this.engine.resourcesFor([content], content.letterhead.showLogo ? logo : null), content, new Date(this.clock.now()));
    return { fileName: safeFileName(content.title, `brev-${record.number}`), title: content.title, pdf, pages };
  }

  generate(input: { templateId: number; recordId: number; caseworkerUserId: number | null }): GeneratedDocument {
    const template = this.templates.get(input.templateId);
    const [record] = this.load([input.recordId], input.caseworkerUserId);
    if (!record) throw notFound('Record');
    const [letter] = this.renderMany(template, this.compile(template), [record]);
    const l = letter as RenderedLetter;
    return { fileName: l.fileName, title: l.title, pdf: l.pdf };
  }

  preview(templateId: number, recordIds: number[], caseworkerUserId: number | null): PreviewPdf[] {
    const template = this.templates.get(templateId);
    const records = this.load(recordIds, caseworkerUserId);
    if (records.length === 0) throw notFound('Record');
    const compiled = this.compile(template);
    return this.renderMany(template, compiled, records).map((l) => ({
      recordId: l.record.recordId,
      recordNumber: l.record.number,
      fileName: l.fileName,
      pages: l.pages,
      pdfBase64: Buffer.from(l.pdf).toString('base64'),
      emptyPlaceholders: compiled.emptyPlaceholders(l.record, this.names),
    }));
  }
}
