import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildClientSchema, findBreakingChanges, validate, type IntrospectionQuery } from 'graphql';
import { describe, expect, it } from 'vitest';
import { signaturesSchema as served, publishedSignaturesSchema } from '../../../src-main/sandbox/signatures/schema';

// Ground truth: Idura's published introspection file in ../shared (CI has it beside the clone).
const shared = JSON.parse(readFileSync(join(__dirname, '../../../../shared/reference/idura/graphql-signatures-schema.json'), 'utf8')) as { data: IntrospectionQuery };
const published = buildClientSchema(shared.data);
const signaturesSchema = served();

/** The GraphQL documents the official SDK 1.35.1 sends, from its generated module. */
async function sdkDocuments() {
  const types = (await import('@criipto/signatures/dist/application-viewer-types.js')) as Record<string, unknown>;
  return Object.entries(types).filter(([k, v]) => k.endsWith('Document') && (v as { kind?: string })?.kind === 'Document') as [string, Parameters<typeof validate>[1]][];
}

describe("the sandbox's Signatures schema", () => {
  it('is the published file, byte for byte, in the repo copy', () => {
    const copy = readFileSync(join(__dirname, '../../../src-main/sandbox/signatures/idura-signatures-schema.json'), 'utf8');
    expect(copy).toBe(readFileSync(join(__dirname, '../../../../shared/reference/idura/graphql-signatures-schema.json'), 'utf8'));
    expect(findBreakingChanges(published, publishedSignaturesSchema())).toEqual([]);
    expect(findBreakingChanges(publishedSignaturesSchema(), published)).toEqual([]);
  });

  it('has nothing breaking against the published schema in either direction, except the two documented SDK fields', () => {
    expect(findBreakingChanges(published, signaturesSchema)).toEqual([]);
    const back = findBreakingChanges(signaturesSchema, published).map((c) => `${c.type}: ${c.description}`);
    expect(back.sort()).toEqual([
      'FIELD_REMOVED: PdfDocumentForm.fields was removed.',
      'FIELD_REMOVED: Signatory.cooldownExpiresAt was removed.',
      'TYPE_REMOVED: PdfDocumentFormField was removed.',
    ]);
    expect(Object.keys(signaturesSchema.getTypeMap()).length).toBe(Object.keys(published.getTypeMap()).length + 1);
    expect(Object.keys(signaturesSchema.getMutationType()!.getFields())).toHaveLength(25);
    expect(Object.keys(signaturesSchema.getQueryType()!.getFields())).toHaveLength(8);
  });

  it("validates every operation of the official SDK 1.35.1, which the published file alone does not", async () => {
    const docs = await sdkDocuments();
    expect(docs.length).toBeGreaterThanOrEqual(18);
    for (const [name, doc] of docs) expect(validate(signaturesSchema, doc).map((e) => `${name}: ${e.message}`)).toEqual([]);
    const againstPublished = new Set(docs.flatMap(([, doc]) => validate(published, doc).map((e) => e.message)));
    expect([...againstPublished].sort()).toEqual([
      'Cannot query field "cooldownExpiresAt" on type "Signatory".',
      'Cannot query field "fields" on type "PdfDocumentForm".',
    ]);
  });

  it('is what a GET on the endpoint returns, as Idura serves it', async () => {
    const { createSignaturesSimulator } = await import('../../../src-main/sandbox/signatures/signatures-simulator');
    const sandbox = await createSignaturesSimulator().start({ port: 0 });
    try {
      const body = (await (await fetch(sandbox.url)).json()) as { data: IntrospectionQuery };
      const overHttp = buildClientSchema(body.data);
      expect(findBreakingChanges(overHttp, signaturesSchema)).toEqual([]);
      expect(findBreakingChanges(signaturesSchema, overHttp)).toEqual([]);
      expect(findBreakingChanges(published, overHttp)).toEqual([]);
    } finally {
      await sandbox.close();
    }
  });

  it('keeps the documented enum values', () => {
    const values = (name: string) => (signaturesSchema.getType(name) as unknown as { getValues(): { name: string }[] }).getValues().map((v) => v.name);
    expect(values('Language').sort()).toEqual(['DA_DK', 'EN_US', 'NB_NO', 'SV_SE']);
    expect(values('SignatoryStatus').sort()).toEqual(['APPROVED', 'DELETED', 'ERROR', 'OPEN', 'REJECTED', 'SIGNED']);
  });
});
