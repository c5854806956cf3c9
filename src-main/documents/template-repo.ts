import { templateDefinitionSchema, type DocumentTemplateView, type FieldError, type TemplateDefinition } from '../contract';
import { isoAt, type Clock } from '../shared/clock';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';
import type { WorkspaceRepo } from '../workspace/workspace-repo';
import { compileTemplate } from './compiled-template';
import { jpegInfo } from './pdf/image-embed';

export interface StoredTemplate {
  id: number;
  name: string;
  definition: TemplateDefinition;
  logo: { bytes: Uint8Array; type: 'png' | 'jpeg' } | null;
  updatedAt: string;
}

interface Row {
  id: number;
  name: string;
  definition: string;
  logo: Buffer | null;
  logo_type: 'png' | 'jpeg' | null;
  updated_at: string;
}

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export interface LogoUpload {
  mimeType: 'image/png' | 'image/jpeg';
  base64: string;
}

/** Checks an uploaded logo is the image it claims to be (the bytes, not the name). */
export function decodeLogo(upload: LogoUpload, validate: (bytes: Uint8Array, type: 'png' | 'jpeg') => void): { bytes: Uint8Array; type: 'png' | 'jpeg' } {
  const invalid = () => new DomainError('validation_failed', 'the logo is not a PNG or JPEG image of at most 1 MB', [{ field: 'logo', key: 'logo_invalid' }]);
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(upload.base64)) throw invalid();
  const bytes = new Uint8Array(Buffer.from(upload.base64, 'base64'));
  const type = upload.mimeType === 'image/png' ? 'png' : 'jpeg';
  const looksRight = type === 'png' ? PNG_MAGIC.every((b, i) => bytes[i] === b) : jpegInfo(bytes) !== null;
  if (!looksRight || bytes.length > 1_000_000) throw invalid();
  try {
    validate(bytes, type);
  } catch {
    throw new DomainError('validation_failed', 'the logo image could not be read', [{ field: 'logo', key: 'logo_invalid' }]);
  }
  return { bytes, type };
}

/**
 * Document templates as validated JSON. Saving refuses a template whose
 * placeholders name no field (or misuse `|fuld`), so a typo is found when the
 * template is written, not when 10,000 letters come out with gaps.
 */
export class TemplateRepo {
  constructor(
    private readonly db: Db,
    private readonly workspace: WorkspaceRepo,
    private readonly clock: Clock,
  ) {}

  /** Placeholder errors of a definition against the current workspace fields. */
  validate(definition: TemplateDefinition): FieldError[] {
    return compileTemplate(definition, this.workspace.snapshot().fieldsByKey).errors;
  }

  list(): DocumentTemplateView[] {
    const rows = this.db.prepare('SELECT id, name, definition, logo IS NOT NULL AS has_logo, updated_at FROM document_templates ORDER BY name').all() as {
      id: number;
      name: string;
      definition: string;
      has_logo: number;
      updated_at: string;
    }[];
    return rows.map((r) => ({ id: r.id, name: r.name, definition: parseDefinition(r.definition), hasUploadedLogo: r.has_logo === 1, updatedAt: r.updated_at }));
  }

  /** Parsed templates by id; a stored template is checked against `updated_at` before reuse. */
  private readonly cache = new Map<number, StoredTemplate>();

  get(id: number): StoredTemplate {
    const cached = this.cache.get(id);
    if (cached && this.db.prepare('SELECT updated_at FROM document_templates WHERE id = ?').pluck().get(id) === cached.updatedAt) return cached;
    const stored = this.read(id);
    this.cache.set(id, stored);
    return stored;
  }

  private read(id: number): StoredTemplate {
    const r = this.db.prepare('SELECT id, name, definition, logo, logo_type, updated_at FROM document_templates WHERE id = ?').get(id) as Row | undefined;
    if (!r) throw notFound('Document template');
    return {
      id: r.id,
      name: r.name,
      definition: parseDefinition(r.definition),
      logo: r.logo && r.logo_type ? { bytes: new Uint8Array(r.logo), type: r.logo_type } : null,
      updatedAt: r.updated_at,
    };
  }

  /**
   * The template whose letterhead letters written on a record use: the one the
   * administrator marked "brevpapir" (the newest, should an import bring two), or null.
   */
  recordLetterhead(): StoredTemplate | null {
    const id = this.db
      .prepare("SELECT id FROM document_templates WHERE json_extract(definition, '$.letterhead.forRecordLetters') = 1 ORDER BY updated_at DESC, id DESC LIMIT 1")
      .pluck()
      .get() as number | undefined;
    return id === undefined ? null : this.get(id);
  }

  view(id: number): DocumentTemplateView {
    const t = this.get(id);
    return { id: t.id, name: t.name, definition: t.definition, hasUploadedLogo: t.logo !== null, updatedAt: t.updatedAt };
  }

  save(input: { id?: number; name: string; definition: TemplateDefinition; logo?: { bytes: Uint8Array; type: 'png' | 'jpeg' } }, userId: number | null): number {
    const errors = this.validate(input.definition);
    const name = input.name.trim();
    if (!name) errors.push({ field: 'name', key: 'required' });
    return this.db
      .transaction(() => {
        const existing = input.id === undefined ? null : this.get(input.id);
        const clash = this.db.prepare('SELECT id FROM document_templates WHERE name = ? AND id IS NOT ?').get(name, input.id ?? null);
        if (clash) errors.push({ field: 'name', key: 'name_taken' });
        const hasLogo = input.logo !== undefined || (existing?.logo ?? null) !== null;
        if (input.definition.letterhead.logo === 'uploaded' && !hasLogo) errors.push({ field: 'logo', key: 'logo_missing' });
        if (errors.length) throw new DomainError('validation_failed', 'the template has errors', errors);
        const at = isoAt(this.clock.now());
        if (existing) this.cache.delete(existing.id);
        const json = JSON.stringify(input.definition);
        if (input.definition.letterhead.forRecordLetters) {
          // One letterhead for written letters: choosing this template un-chooses the one before.
          const others = this.db
            .prepare("SELECT id FROM document_templates WHERE id IS NOT ? AND json_extract(definition, '$.letterhead.forRecordLetters') = 1")
            .pluck()
            .all(input.id ?? null) as number[];
          for (const other of others) {
            this.db.prepare("UPDATE document_templates SET definition = json_remove(definition, '$.letterhead.forRecordLetters') WHERE id = ?").run(other);
            this.cache.delete(other);
          }
        }
        if (existing) {
          this.db.prepare('UPDATE document_templates SET name = ?, definition = ?, updated_at = ?, updated_by = ? WHERE id = ?').run(name, json, at, userId, existing.id);
          if (input.logo) this.db.prepare('UPDATE document_templates SET logo = ?, logo_type = ? WHERE id = ?').run(Buffer.from(input.logo.bytes), input.logo.type, existing.id);
          return existing.id;
        }
        return Number(
          this.db
            .prepare('INSERT INTO document_templates (name, definition, logo, logo_type, created_at, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?)')
            .run(name, json, input.logo ? Buffer.from(input.logo.bytes) : null, input.logo?.type ?? null, at, at, userId).lastInsertRowid,
        );
      })
      .immediate();
  }

  delete(id: number): void {
    this.get(id);
    const used = this.db.prepare('SELECT count(*) FROM mailings WHERE template_id = ?').pluck().get(id) as number;
    if (used > 0) throw new DomainError('conflict', 'the template is used by a mailing and cannot be deleted');
    this.db.prepare('DELETE FROM document_templates WHERE id = ?').run(id);
    this.cache.delete(id);
  }
}

/** Stored JSON is re-validated on the way out: a hand-edited database cannot feed the layout garbage. */
function parseDefinition(json: string): TemplateDefinition {
  const parsed = templateDefinitionSchema.safeParse(JSON.parse(json));
  if (!parsed.success) throw new DomainError('internal', 'a stored document template is damaged');
  return parsed.data;
}
