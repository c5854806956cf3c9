import type { GraphQLError } from 'graphql';
import { graphql } from 'graphql';
import { validatePdf, type EvidenceProvider, type UiSettings } from './order-input';
import { notSupported, SandboxApiError } from './sandbox-api-error';
import { signaturesSchema } from './schema';
import type { BatchSignatory, Evidence, OrderStatus, SandboxDocument, SandboxOrder, SandboxSignatory, SignaturesStore } from './signatures-store';

interface Ctx {
  applicationId: string;
  store: SignaturesStore;
}

type View = Record<string, unknown>;
const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

function providerView(p: EvidenceProvider): View {
  if (p.kind === 'criiptoVerify') {
    return {
      __typename: 'CriiptoVerifySignatureEvidenceProvider',
      id: p.id,
      name: 'Criipto Verify (Sandbox)',
      acrValues: p.acrValues,
      alwaysRedirect: p.alwaysRedirect,
      audience: 'urn:sandbox:signatures',
      audiences: p.audiences,
      clientID: 'urn:sandbox:signatures',
      domain: '127.0.0.1',
      environment: 'TEST',
      loginHint: p.loginHint,
      message: p.message,
      scope: p.scope,
      version: p.version,
    };
  }
  if (p.kind === 'drawable') return { __typename: 'DrawableSignatureEvidenceProvider', id: p.id, requireName: p.requireName, minimumWidth: p.minimumWidth, minimumHeight: p.minimumHeight };
  if (p.kind === 'allOf') return { __typename: 'AllOfSignatureEvidenceProvider', id: p.id, providers: p.providers.map(providerView) };
  return { __typename: 'NoopSignatureEvidenceProvider', id: p.id, name: p.name };
}

const uiView = (ui: UiSettings): View => ({ ...ui, logo: ui.logo ? { src: ui.logo.src, href: ui.logo.href } : null });

function webhookView(order: SandboxOrder, store: SignaturesStore): View | null {
  if (!order.webhook) return null;
  return {
    url: order.webhook.url,
    logs: (args: { from: string; to: string; succeeded?: boolean | null }) => store.webhooks.invocations(order.id, args.from, args.to, args.succeeded ?? null),
  };
}

function signatureView(order: SandboxOrder, s: SandboxSignatory, store: SignaturesStore, part: Evidence | null = null): View {
  const e = part ?? s.evidence!;
  const common = { signatory: () => signatoryView(order, s, store), timestampToken: { timestamp: e.at.toISOString() } };
  if (e.kind === 'criiptoVerify') {
    return { __typename: 'JWTSignature', ...common, jwt: e.jwt, jwks: store.jwks(), claims: Object.entries(e.claims).map(([name, value]) => ({ name, value })) };
  }
  if (e.kind === 'drawable') return { __typename: 'DrawableSignature', ...common, name: e.name, image: e.image.toString('base64') };
  if (e.kind === 'composite') return { __typename: 'CompositeSignature', ...common, signatures: e.parts.map((x) => signatureView(order, s, store, x)) };
  return { __typename: 'EmptySignature', ...common };
}

function documentView(order: SandboxOrder, d: SandboxDocument, store: SignaturesStore, closing = false, viewer: SandboxSignatory | null = null): View {
  // The close response always carries the finished blobs; afterwards only retained documents do.
  const available = closing || store.documentsAvailable(order);
  return {
    __typename: 'PdfDocument',
    id: d.id,
    title: d.title,
    reference: d.reference,
    documentID: d.documentID,
    form: d.formEnabled === null ? null : { enabled: d.formEnabled, fields: [] },
    signatoryViewerStatus: viewer ? (viewer.documentStatus.get(d.id) ?? null) : null,
    blob: available ? (d.signed ?? d.current).toString('base64') : null,
    originalBlob: available ? d.original.toString('base64') : null,
    signatures: () =>
      order.signatories.filter((s) => s.status === 'SIGNED' && s.evidence && s.documents.some((x) => x.documentId === d.id)).map((s) => signatureView(order, s, store)),
  };
}

function orderView(order: SandboxOrder, store: SignaturesStore, closing = false): View {
  return {
    id: order.id,
    status: order.status,
    title: order.title,
    createdAt: iso(order.createdAt),
    closedAt: iso(order.closedAt),
    expiresAt: iso(order.expiresAt),
    maxSignatories: order.maxSignatories,
    traceId: order.id.slice(0, 16),
    timezone: order.timezone,
    evidenceProviders: order.evidenceProviders.map(providerView),
    ui: uiView(order.ui),
    webhook: () => webhookView(order, store),
    application: () => applicationView({ applicationId: order.applicationId, store }),
    tenant: () => {
      throw notSupported('SignatureOrder.tenant');
    },
    signatories: () => order.signatories.map((s) => signatoryView(order, s, store)),
    documents: () => order.documents.map((d) => documentView(order, d, store, closing)),
  };
}

function signatoryView(order: SandboxOrder, s: SandboxSignatory, store: SignaturesStore): View {
  return {
    id: s.id,
    status: s.status,
    statusReason: s.statusReason,
    href: store.href(s),
    downloadHref: store.downloadHref(order, s),
    token: s.token,
    reference: s.reference,
    role: s.role,
    signingAs: s.signingAs,
    signatoryRole: s.signatoryRole,
    cooldownExpiresAt: null,
    spanId: s.id.slice(0, 16),
    traceId: order.id.slice(0, 16),
    signingSequence: { initialNumber: s.signingSequence },
    ui: uiView(s.ui),
    evidenceProviders: store.enabledProviders(order, s).map(providerView),
    documents: {
      edges: s.documents.map((x) => {
        const d = order.documents.find((doc) => doc.id === x.documentId)!;
        return { status: s.documentStatus.get(d.id) ?? (x.preapproved ? 'PREAPPROVED' : null), node: documentView(order, d, store, false, s) };
      }),
    },
    signatureOrder: () => orderView(order, store),
  };
}

function batchView(batch: BatchSignatory, store: SignaturesStore): View {
  return {
    id: batch.id,
    token: batch.token,
    href: store.batchHref(batch),
    traceId: batch.id.slice(0, 16),
    ui: uiView(batch.ui),
    items: batch.items.map((i) => ({ signatory: signatoryView(i.order, i.signatory, store), signatureOrder: orderView(i.order, store) })),
  };
}

function applicationView(ctx: Ctx): View {
  return {
    __typename: 'Application',
    id: ctx.applicationId,
    name: 'Sandbox application',
    apiKeys: () => {
      throw notSupported('Application.apiKeys');
    },
    tenant: () => {
      throw notSupported('Application.tenant');
    },
    verifyApplication: { domain: '127.0.0.1', environment: 'TEST', realm: 'urn:sandbox:signatures' },
    webhookLogs: (args: { from: string; to: string; succeeded?: boolean | null }) =>
      ctx.store.list(ctx.applicationId, null).flatMap((o) => ctx.store.webhooks.invocations(o.id, args.from, args.to, args.succeeded ?? null)),
    signatureOrders: (args: { status?: OrderStatus | null; first?: number | null; after?: string | null }) => {
      const all = ctx.store.list(ctx.applicationId, args.status ?? null);
      const start = args.after ? Math.max(0, Number(Buffer.from(args.after, 'base64').toString()) + 1) : 0;
      const page = all.slice(start, start + Math.max(0, Math.min(args.first ?? 10, 100)));
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
  };
}

type Input<T> = { input: T };
type OrderRef = { signatureOrderId: string };

/** Every root field the sandbox simulates. The others answer "not supported by the Sandbox: <field>". */
const simulated: Record<string, (args: never, ctx: Ctx) => unknown> = {
  viewer: (_args: unknown, ctx: Ctx) => applicationView(ctx),
  application: (args: { id?: string | null }, ctx: Ctx) => (args.id == null || args.id === ctx.applicationId ? applicationView(ctx) : null),
  signatureOrder: (args: { id: string }, ctx: Ctx) => {
    const order = ctx.store.get(ctx.applicationId, args.id);
    return order ? orderView(order, ctx.store) : null;
  },
  signatory: (args: { id: string }, ctx: Ctx) => {
    const found = ctx.store.signatory(ctx.applicationId, args.id);
    return found ? signatoryView(found.order, found.signatory, ctx.store) : null;
  },
  document: (args: { id: string }, ctx: Ctx) => {
    const found = ctx.store.document(ctx.applicationId, args.id);
    return found ? documentView(found.order, found.document, ctx.store) : null;
  },
  timezones: () => ['UTC', 'Europe/Copenhagen'],
  createSignatureOrder: async (args: Input<Parameters<SignaturesStore['create']>[1]>, ctx: Ctx) => ({
    application: applicationView(ctx),
    signatureOrder: orderView(await ctx.store.create(ctx.applicationId, args.input), ctx.store),
  }),
  addSignatory: (args: Input<OrderRef & Parameters<SignaturesStore['changeSignatory']>[2]>, ctx: Ctx) => {
    const { signatureOrderId, ...rest } = args.input;
    const { order, signatories } = ctx.store.addSignatories(ctx.applicationId, signatureOrderId, [rest]);
    return { signatory: signatoryView(order, signatories[0]!, ctx.store), signatureOrder: orderView(order, ctx.store) };
  },
  addSignatories: (args: Input<OrderRef & { signatories: Parameters<SignaturesStore['addSignatories']>[2] }>, ctx: Ctx) => {
    const { order, signatories } = ctx.store.addSignatories(ctx.applicationId, args.input.signatureOrderId, args.input.signatories);
    return { signatories: signatories.map((s) => signatoryView(order, s, ctx.store)), signatureOrder: orderView(order, ctx.store) };
  },
  changeSignatory: (args: Input<{ signatoryId: string } & Parameters<SignaturesStore['changeSignatory']>[2]>, ctx: Ctx) => {
    const { signatoryId, ...rest } = args.input;
    const { order, signatory } = ctx.store.changeSignatory(ctx.applicationId, signatoryId, rest);
    return { signatory: signatoryView(order, signatory, ctx.store), signatureOrder: orderView(order, ctx.store) };
  },
  deleteSignatory: (args: Input<OrderRef & { signatoryId: string }>, ctx: Ctx) => ({
    signatureOrder: orderView(ctx.store.deleteSignatory(ctx.applicationId, args.input.signatureOrderId, args.input.signatoryId), ctx.store),
  }),
  changeSignatureOrder: async (args: Input<OrderRef & Parameters<SignaturesStore['changeOrder']>[2]>, ctx: Ctx) => ({
    signatureOrder: orderView(await ctx.store.changeOrder(ctx.applicationId, args.input.signatureOrderId, args.input), ctx.store),
  }),
  closeSignatureOrder: async (args: Input<OrderRef & { retainDocumentsForDays?: number | null }>, ctx: Ctx) => ({
    signatureOrder: orderView(await ctx.store.close(ctx.applicationId, args.input.signatureOrderId, args.input.retainDocumentsForDays ?? null), ctx.store, true),
  }),
  cancelSignatureOrder: (args: Input<OrderRef>, ctx: Ctx) => ({
    signatureOrder: orderView(ctx.store.cancel(ctx.applicationId, args.input.signatureOrderId), ctx.store),
  }),
  extendSignatureOrder: (args: Input<OrderRef & { additionalExpirationInDays: number }>, ctx: Ctx) => ({
    signatureOrder: orderView(ctx.store.extend(ctx.applicationId, args.input.signatureOrderId, args.input.additionalExpirationInDays), ctx.store),
  }),
  cleanupSignatureOrder: (args: Input<OrderRef>, ctx: Ctx) => ({
    signatureOrder: orderView(ctx.store.cleanup(ctx.applicationId, args.input.signatureOrderId), ctx.store),
  }),
  signActingAs: async (args: Input<{ signatoryId: string; evidence: Parameters<SignaturesStore['signActingAs']>[2] }>, ctx: Ctx) => {
    const { order, signatory } = await ctx.store.signActingAs(ctx.applicationId, args.input.signatoryId, args.input.evidence);
    return { signatory: signatoryView(order, signatory, ctx.store), signatureOrder: orderView(order, ctx.store) };
  },
  validateDocument: async (args: Input<{ pdf?: string | null; xml?: string | null }>) => {
    if (args.input.xml) throw notSupported('validateDocument with xml');
    if (!args.input.pdf) throw new SandboxApiError('Provide pdf.');
    return validatePdf(Buffer.from(args.input.pdf, 'base64'));
  },
  createBatchSignatory: (args: Input<Parameters<SignaturesStore['createBatch']>[1]>, ctx: Ctx) => ({
    batchSignatory: batchView(ctx.store.createBatch(ctx.applicationId, args.input), ctx.store),
  }),
  batchSignatory: (args: { id: string }, ctx: Ctx) => {
    const batch = ctx.store.batch(ctx.applicationId, args.id);
    return batch ? batchView(batch, ctx.store) : null;
  },
  retrySignatureOrderWebhook: (args: Input<OrderRef & { retryPayload: string }>, ctx: Ctx) => {
    const order = ctx.store.get(ctx.applicationId, args.input.signatureOrderId);
    if (!order) throw new SandboxApiError('Signature order not found.');
    return { invocation: ctx.store.webhooks.retry(order.id, order.webhook, args.input.retryPayload) };
  },
};

/** The root value: the simulated fields, and for every other root field of the schema a clear refusal. */
let rootValue: Record<string, unknown> | null = null;
function root(): Record<string, unknown> {
  if (rootValue) return rootValue;
  const value: Record<string, unknown> = { ...simulated };
  for (const type of [signaturesSchema().getQueryType(), signaturesSchema().getMutationType()]) {
    for (const name of Object.keys(type?.getFields() ?? {})) {
      if (!(name in value)) {
        value[name] = () => {
          throw notSupported(name);
        };
      }
    }
  }
  return (rootValue = value);
}

/** Runs one GraphQL request for an authenticated application. Unexpected errors become a generic message. */
export async function executeGraphql(
  body: { query?: unknown; variables?: unknown; operationName?: unknown },
  ctx: Ctx,
): Promise<{ data?: unknown; errors?: { message: string; path?: readonly (string | number)[] }[] }> {
  if (typeof body.query !== 'string') return { errors: [{ message: 'Must provide query string.' }] };
  const result = await graphql({
    schema: signaturesSchema(),
    source: body.query,
    rootValue: root(),
    contextValue: ctx,
    variableValues: (body.variables as Record<string, unknown> | undefined) ?? null,
    operationName: typeof body.operationName === 'string' ? body.operationName : null,
  });
  return {
    ...(result.data !== undefined ? { data: result.data } : {}),
    ...(result.errors
      ? {
          errors: result.errors.map((e: GraphQLError) => {
            const internal = e.originalError && !(e.originalError instanceof SandboxApiError) && e.path;
            if (internal) console.error('signatures sandbox:', e.originalError?.message);
            return { message: internal ? 'Internal error' : e.message, ...(e.path ? { path: e.path } : {}) };
          }),
        }
      : {}),
  };
}
