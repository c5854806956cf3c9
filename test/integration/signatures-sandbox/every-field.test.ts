import { CriiptoSignatures } from '@criipto/signatures';
import { getNamedType, isAbstractType, isObjectType, isScalarType, isEnumType, isNonNullType, type GraphQLNamedType } from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { signaturesSchema } from '../../../src-main/sandbox/signatures/schema';
import { createSignaturesSimulator, SANDBOX_SIGNATURES_CREDENTIALS, type RunningSignaturesSandbox } from '../../../src-main/sandbox/signatures/signatures-simulator';
import { TEST_CITIZENS } from '../../../src-main/sandbox/test-citizens';
import { SigningPageVisitor, smallPdf } from '../signing/fixtures';
import { graphqlCall } from './helpers';

// Selects every field of the order graph (depth-limited, from the schema
// itself) so a field the sandbox forgot to fill shows up as an error here,
// not at an integrator's. The only errors allowed are "not supported".
let sandbox: RunningSignaturesSandbox;
beforeAll(async () => {
  sandbox = await createSignaturesSimulator().start({ port: 0 });
});
afterAll(async () => {
  await sandbox.close();
});

const ARGS: Record<string, string> = { logs: '(from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z")', webhookLogs: '(from: "2000-01-01T00:00:00Z", to: "2100-01-01T00:00:00Z")', signatureOrders: '(first: 5)' };

function selection(type: GraphQLNamedType, depth: number): string {
  if (isScalarType(type) || isEnumType(type)) return '';
  const schema = signaturesSchema();
  const objects = isAbstractType(type) ? schema.getPossibleTypes(type) : isObjectType(type) ? [type] : [];
  const parts = ['__typename'];
  for (const object of objects) {
    const fields: string[] = [];
    for (const field of Object.values(object.getFields())) {
      // Not supported and non-null: its error would (rightly) null the whole viewer.
      if (field.name === 'apiKeys') continue;
      if (field.args.some((a) => isNonNullType(a.type)) && !ARGS[field.name]) continue;
      const inner = getNamedType(field.type);
      if (isScalarType(inner) || isEnumType(inner)) fields.push(field.name);
      else if (depth > 0) fields.push(`${field.name}${ARGS[field.name] ?? ''} { ${selection(inner, depth - 1)} }`);
    }
    if (fields.length) parts.push(`... on ${object.name} { ${fields.join(' ')} }`);
  }
  return parts.join(' ');
}

it('answers every field of orders, signatories, documents and signatures without an internal error', async () => {
  const sdk = new CriiptoSignatures(SANDBOX_SIGNATURES_CREDENTIALS.clientId, SANDBOX_SIGNATURES_CREDENTIALS.clientSecret, { endpoint: sandbox.url });
  const order = await sdk.createSignatureOrder({
    title: 'Alle felter',
    documents: [{ pdf: { title: 'Aftale', blob: Buffer.from(await smallPdf()), storageMode: 'Temporary', form: { enabled: true } } }],
    evidenceProviders: [{ criiptoVerify: { message: 'Hej' } }, { drawable: { requireName: true } }, { noop: { name: 'noop' } }],
    signatories: [{ reference: 'a' }, { signatoryRole: 'APPROVER' }],
    ui: { language: 'DA_DK', logo: { src: 'https://example.org/l.svg' } },
    webhook: { url: 'http://127.0.0.1:9/unreachable' },
  });
  await new SigningPageVisitor(order.signatories[0]!.href).loginAndSign(TEST_CITIZENS[0]!.uuid);
  const order2 = await sdk.querySignatureOrder(order.id);
  expect(order2?.signatories[0]!.status).toBe('SIGNED');
  const query = `query($id: ID!) { signatureOrder(id: $id) { ${selection(signaturesSchema().getType('SignatureOrder')!, 4)} } viewer { ${selection(signaturesSchema().getType('Viewer')!, 2)} } }`;
  const result = await graphqlCall(sandbox.url, SANDBOX_SIGNATURES_CREDENTIALS, query, { id: order.id });
  const unexpected = (result.errors ?? []).map((e) => e.message).filter((m) => !m.startsWith('not supported by the Sandbox: '));
  expect(unexpected).toEqual([]);
  expect(result.errors?.map((e) => e.message).sort()).toEqual(
    expect.arrayContaining(['not supported by the Sandbox: SignatureOrder.tenant']),
  );
  const data = result.data as { signatureOrder: { documents: { signatures: { __typename: string }[] }[]; signatories: { signatoryRole: string }[] } };
  expect(data.signatureOrder.documents[0]!.signatures.map((s) => s.__typename)).toEqual(['JWTSignature']);
  expect(data.signatureOrder.signatories.map((s) => s.signatoryRole)).toEqual(['SIGNER', 'APPROVER']);
});
