import { graphql } from 'graphql';
import { signaturesSchema } from './schema';
import { SandboxApiError, type CreateOrderInput, type OrderStatus, type SandboxOrder, type SandboxSignatory, type SignaturesStore } from './signatures-store';

interface Ctx {
  applicationId: string;
  store: SignaturesStore;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Turns a stored order into the object graph the schema resolves (lazy where it cycles). */
function orderView(order: SandboxOrder, store: SignaturesStore, closing = false): Record<string, unknown> {
  const provider = {
    __typename: 'CriiptoVerifySignatureEvidenceProvider',
    id: order.evidenceProvider.id,
    name: 'Criipto Verify (sandbox)',
    acrValues: order.evidenceProvider.acrValues,
    message: order.evidenceProvider.message,
    version: 'V2',
  };
  const certificate = {
    issuer: store.certificate.issuer,
    subject: store.certificate.subject,
    raw: store.certificate.certificateDer.toString('base64'),
  };
  const view: Record<string, unknown> = {
    id: order.id,
    status: order.status,
    title: order.title,
    createdAt: iso(order.createdAt),
    closedAt: iso(order.closedAt),
    expiresAt: iso(order.expiresAt),
    maxSignatories: 14,
    traceId: order.id.slice(0, 16),
    timezone: 'UTC',
    evidenceProviders: [provider],
    ui: {
      disableRejection: order.disableRejection,
      enableCancel: false,
      language: order.language,
      renderPdfAnnotationLayer: false,
      signatoryRedirectUri: order.signatoryRedirectUri,
      stylesheet: null,
    },
    signatories: () => order.signatories.map((s) => signatoryView(order, s, store)),
    documents: () => {
      // The close response always carries the signed blobs; afterwards only retained documents do.
      const available = closing || store.documentsAvailable(order);
      return order.documents.map((d) => ({
        __typename: 'PdfDocument',
        id: d.id,
        title: d.title,
        reference: d.reference,
        documentID: d.documentID,
        form: null,
        signatoryViewerStatus: null,
        blob: available ? (d.signed ?? d.original).toString('base64') : null,
        originalBlob: available ? d.original.toString('base64') : null,
        signatures: order.signatories
          .filter((s) => s.status === 'SIGNED' && s.evidence)
          .map((s) => ({
            __typename: 'JWTSignature',
            signatory: () => signatoryView(order, s, store),
            signingCertificate: certificate,
            timestampToken: { certificate, timestamp: s.evidence!.at.toISOString() },
            jwt: s.evidence!.jwt,
            jwks: store.jwks(),
            claims: Object.entries(s.evidence!.claims).map(([name, value]) => ({ name, value })),
          })),
      }));
    },
  };
  return view;
}

function signatoryView(order: SandboxOrder, s: SandboxSignatory, store: SignaturesStore): Record<string, unknown> {
  return {
    id: s.id,
    status: s.status,
    statusReason: s.statusReason,
    href: store.href(s),
    downloadHref: null,
    token: s.token,
    reference: s.reference,
    role: s.role,
    signingAs: s.signingAs,
    signatoryRole: 'SIGNER',
    cooldownExpiresAt: null,
    spanId: s.id.slice(0, 16),
    traceId: order.id.slice(0, 16),
    signingSequence: { initialNumber: 2147483647 },
    evidenceProviders: [{ __typename: 'CriiptoVerifySignatureEvidenceProvider', id: order.evidenceProvider.id }],
    documents: {
      edges: order.documents.map((d) => ({
        status: s.status === 'SIGNED' ? 'SIGNED' : s.status === 'REJECTED' ? 'REJECTED' : null,
        node: { __typename: 'PdfDocument', id: d.id, title: d.title, reference: d.reference, documentID: d.documentID },
      })),
    },
    signatureOrder: () => orderView(order, store),
  };
}

const rootValue = {
  viewer: (_args: unknown, ctx: Ctx) => ({
    __typename: 'Application',
    id: ctx.applicationId,
    name: 'Sandbox application',
    signatureOrders: (args: { status?: OrderStatus | null; first: number; after?: string | null }) => {
      const all = ctx.store.list(ctx.applicationId, args.status ?? null);
      const start = args.after ? Math.max(0, Number(Buffer.from(args.after, 'base64').toString()) + 1) : 0;
      const page = all.slice(start, start + Math.max(0, Math.min(args.first, 100)));
      const cursor = (i: number) => Buffer.from(String(start + i)).toString('base64');
      return {
        totalCount: all.length,
        edges: page.map((o, i) => ({ cursor: cursor(i), node: orderView(o, ctx.store) })),
        pageInfo: {
          hasNextPage: start + page.length < all.length,
          hasPreviousPage: start > 0,
          startCursor: page.length ? cursor(0) : null,
          endCursor: page.length ? cursor(page.length - 1) : null,
        },
      };
    },
  }),
  signatureOrder: (args: { id: string }, ctx: Ctx) => {
    const order = ctx.store.get(ctx.applicationId, args.id);
    return order ? orderView(order, ctx.store) : null;
  },
  signatory: (args: { id: string }, ctx: Ctx) => {
    const found = ctx.store.signatory(ctx.applicationId, args.id);
    return found ? signatoryView(found.order, found.signatory, ctx.store) : null;
  },
  createSignatureOrder: (args: { input: CreateOrderInput }, ctx: Ctx) => ({
    application: { id: ctx.applicationId, name: 'Sandbox application' },
    signatureOrder: orderView(ctx.store.create(ctx.applicationId, args.input), ctx.store),
  }),
  closeSignatureOrder: async (args: { input: { signatureOrderId: string; retainDocumentsForDays?: number | null } }, ctx: Ctx) => ({
    signatureOrder: orderView(await ctx.store.close(ctx.applicationId, args.input.signatureOrderId, args.input.retainDocumentsForDays ?? null), ctx.store, true),
  }),
  cancelSignatureOrder: (args: { input: { signatureOrderId: string } }, ctx: Ctx) => ({
    signatureOrder: orderView(ctx.store.cancel(ctx.applicationId, args.input.signatureOrderId), ctx.store),
  }),
  extendSignatureOrder: (args: { input: { signatureOrderId: string; additionalExpirationInDays: number } }, ctx: Ctx) => ({
    signatureOrder: orderView(ctx.store.extend(ctx.applicationId, args.input.signatureOrderId, args.input.additionalExpirationInDays), ctx.store),
  }),
  cleanupSignatureOrder: (args: { input: { signatureOrderId: string } }, ctx: Ctx) => ({
    signatureOrder: orderView(ctx.store.cleanup(ctx.applicationId, args.input.signatureOrderId), ctx.store),
  }),
};

/** Runs one GraphQL request for an authenticated application. Unexpected errors become a generic message. */
export async function executeGraphql(
  body: { query?: unknown; variables?: unknown; operationName?: unknown },
  ctx: Ctx,
): Promise<{ data?: unknown; errors?: { message: string; path?: readonly (string | number)[] }[] }> {
  if (typeof body.query !== 'string') return { errors: [{ message: 'Must provide query string.' }] };
  const result = await graphql({
    schema: signaturesSchema,
    source: body.query,
    rootValue,
    contextValue: ctx,
    variableValues: (body.variables as Record<string, unknown> | undefined) ?? null,
    operationName: typeof body.operationName === 'string' ? body.operationName : null,
  });
  return {
    ...(result.data !== undefined ? { data: result.data } : {}),
    ...(result.errors
      ? {
          errors: result.errors.map((e) => ({
            message: e.originalError && !(e.originalError instanceof SandboxApiError) && e.path ? 'Internal error' : e.message,
            ...(e.path ? { path: e.path } : {}),
          })),
        }
      : {}),
  };
}
