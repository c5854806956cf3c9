// The application viewer alone: the package index also loads the signatory
// viewer, whose duplicate GraphQL fragment names make graphql-tag print a
// warning on every start (it broke the CLI's clean stderr). Loaded on first
// use, so hosts that never sign (the CLI) do not pay for graphql-request.
import type * as SdkModule from '@criipto/signatures/dist/application-viewer.js';
import type { CriiptoSignatures } from '@criipto/signatures/dist/application-viewer.js';

let sdkModule: Promise<typeof SdkModule> | null = null;
const loadSdk = () => (sdkModule ??= import('@criipto/signatures/dist/application-viewer.js'));
import type { SigningErrorCode, SigningErrorView } from '../contract';
import { CodedSigningError } from './signing-error';
import type { SignatureEvidence } from './signing-evidence-check';
import type { SignaturesCredentials } from './signing-settings';

export type OrderStatus = 'OPEN' | 'CLOSED' | 'CANCELLED' | 'EXPIRED';
export type SignatoryStatus = 'OPEN' | 'SIGNED' | 'REJECTED' | 'ERROR' | 'DELETED' | 'APPROVED';

export interface SignatorySnapshot {
  id: string;
  status: SignatoryStatus;
  statusReason: string | null;
  href: string;
  reference: string | null;
}

export interface OrderSnapshot {
  orderId: string;
  status: OrderStatus;
  expiresAt: string;
  /** The first signatory (the only one of a one-signatory order). */
  signatory: SignatorySnapshot | null;
  /** Every signatory, as Idura lists them. */
  signatories: SignatorySnapshot[];
}

/** The second signatory's reference on the order: our request's reference with this suffix. */
export const SECOND_SIGNATORY_SUFFIX = '-2';

export interface CreateOrderRequest {
  /** Our request's reference, stored on the order, document and signatory, to find the order after a crash. */
  reference: string;
  title: string;
  documentTitle: string;
  pdf: Uint8Array;
  signerCpr: string;
  /** A second person who signs after the first (Idura's signingSequence); each is bound to their own CPR. */
  secondSignerCpr?: string | null;
  /** Shown in the MitID app while signing. */
  message: string;
  language: 'da' | 'en';
  expiresInDays: number;
  acrValue: string;
}

/** Signed document of a closed order; null when none came back (nobody had signed). */
export interface ClosedOrder {
  status: OrderStatus;
  signedPdf: Uint8Array | null;
  signerName: string | null;
  /** Each signature's MitID evidence (JWT and the JWKS to verify it), for the app's own check. */
  evidence: SignatureEvidence[];
}

/** What the signing worker needs from Idura Signatures. The SDK implementation is below; tests may fake it. */
export interface SignaturesGateway {
  createOrder(req: CreateOrderRequest): Promise<OrderSnapshot>;
  /** An open order carrying this reference, if one exists (crash recovery before the order id was stored). */
  findOpenOrderByReference(reference: string): Promise<OrderSnapshot | null>;
  getOrder(orderId: string): Promise<OrderSnapshot | null>;
  /** Closes the order and returns the signed PDF; documents are retained a day so a retry can fetch them. */
  closeOrder(orderId: string): Promise<ClosedOrder>;
  /** The signed PDF of an order already closed (by an earlier attempt that did not finish). */
  fetchClosedDocument(orderId: string): Promise<ClosedOrder | null>;
  cancelOrder(orderId: string): Promise<OrderStatus>;
}

type SdkOrder = Awaited<ReturnType<CriiptoSignatures['querySignatureOrder']>>;

function snapshot(order: NonNullable<SdkOrder>): OrderSnapshot {
  const signatories = order.signatories.map((s) => ({
    id: s.id,
    status: s.status as SignatoryStatus,
    statusReason: s.statusReason ?? null,
    href: s.href,
    reference: s.reference ?? null,
  }));
  return { orderId: order.id, status: order.status as OrderStatus, expiresAt: order.expiresAt, signatory: signatories[0] ?? null, signatories };
}

function closedFrom(order: { status: string; documents: unknown[] }): ClosedOrder {
  const doc = order.documents[0] as
    | { blob?: Buffer | string | null; signatures?: { jwt?: string; jwks?: string; claims?: { name: string; value: string }[] }[] | null }
    | undefined;
  const blob = doc?.blob;
  const bytes = blob == null ? null : typeof blob === 'string' ? Buffer.from(blob, 'base64') : blob;
  const name = doc?.signatures?.[0]?.claims?.find((c) => c.name === 'name')?.value ?? null;
  const evidence = (doc?.signatures ?? []).flatMap((s) => (typeof s.jwt === 'string' && typeof s.jwks === 'string' ? [{ jwt: s.jwt, jwks: s.jwks }] : []));
  return { status: order.status as OrderStatus, signedPdf: bytes ? new Uint8Array(bytes) : null, signerName: name, evidence };
}

/** Turns transport and API failures into a code, with a text without personal data for the technical details. */
function describe(error: unknown): { code: SigningErrorCode; params: SigningErrorView['params']; text: string } {
  const e = error as { response?: { status?: number; errors?: { message: string }[] }; message?: string };
  const status = e.response?.status;
  if (status === 401 || status === 403) return { code: 'credentials_refused', params: { status }, text: `Idura Signatures refused the credentials (HTTP ${status})` };
  if (e.response?.errors?.length) return { code: 'provider_refused', params: {}, text: `Idura Signatures: ${e.response.errors.map((x) => x.message).join('; ')}` };
  if (status) return { code: 'http_status', params: { status }, text: `Idura Signatures answered HTTP ${status}` };
  return { code: 'unreachable', params: {}, text: `Idura Signatures could not be reached: ${e.message ?? 'unknown error'}` };
}

/** Marks API refusals that retrying will not fix, so the worker stops rather than hammering. */
export class SignaturesApiError extends CodedSigningError {
  constructor(
    message: string,
    readonly permanent: boolean,
    code: SigningErrorCode = 'unknown',
    params: SigningErrorView['params'] = {},
  ) {
    super(message, code, params);
    this.name = 'SignaturesApiError';
  }
}

async function call<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    const status = (error as { response?: { status?: number } }).response?.status;
    const d = describe(error);
    throw new SignaturesApiError(d.text, status === 401 || status === 403, d.code, d.params);
  }
}

/** Idura Signatures through the official `@criipto/signatures` SDK. Credentials are read per call, so settings changes apply at once. */
export class SdkSignaturesGateway implements SignaturesGateway {
  constructor(private readonly credentials: () => SignaturesCredentials | null) {}

  private async client(): Promise<CriiptoSignatures> {
    const c = this.credentials();
    if (!c) throw new SignaturesApiError('Idura Signatures has no client secret yet: add it under Settings → Integrations → Signatures', true, 'credentials_missing');
    const { CriiptoSignatures: Sdk } = await loadSdk();
    return new Sdk(c.clientId, c.clientSecret, { endpoint: c.endpoint });
  }

  async createOrder(req: CreateOrderRequest): Promise<OrderSnapshot> {
    const sdk = await this.client();
    const order = await call(() =>
      sdk.createSignatureOrder({
        title: req.title,
        expiresInDays: req.expiresInDays,
        ui: { language: req.language === 'da' ? 'DA_DK' : 'EN_US' },
        evidenceProviders: [{ criiptoVerify: { acrValues: [req.acrValue], ...(req.message ? { message: req.message.slice(0, 130) } : {}) } }],
        documents: [{ pdf: { title: req.documentTitle, blob: Buffer.from(req.pdf), storageMode: 'Temporary', reference: req.reference } }],
        signatories: req.secondSignerCpr
          ? [
              // Idura's signingSequence: the lower number signs first; the second cannot sign before the first has.
              { reference: req.reference, signingSequence: 1, evidenceValidation: [{ key: 'cprNumberIdentifier', value: req.signerCpr }] },
              {
                reference: req.reference + SECOND_SIGNATORY_SUFFIX,
                signingSequence: 2,
                evidenceValidation: [{ key: 'cprNumberIdentifier', value: req.secondSignerCpr }],
              },
            ]
          : [{ reference: req.reference, evidenceValidation: [{ key: 'cprNumberIdentifier', value: req.signerCpr }] }],
      }),
    );
    return snapshot(order as NonNullable<SdkOrder>);
  }

  async findOpenOrderByReference(reference: string): Promise<OrderSnapshot | null> {
    const sdk = await this.client();
    const orders = await call(() => sdk.querySignatureOrders({ first: 100, status: 'OPEN' }));
    const found = orders.find((o) => o.signatories.some((s) => s.reference === reference));
    return found ? snapshot(found as NonNullable<SdkOrder>) : null;
  }

  async getOrder(orderId: string): Promise<OrderSnapshot | null> {
    const sdk = await this.client();
    const order = await call(() => sdk.querySignatureOrder(orderId));
    return order ? snapshot(order) : null;
  }

  async closeOrder(orderId: string): Promise<ClosedOrder> {
    const sdk = await this.client();
    const order = await call(() => sdk.closeSignatureOrder(orderId, { retainDocumentsForDays: 1 }));
    return closedFrom(order);
  }

  async fetchClosedDocument(orderId: string): Promise<ClosedOrder | null> {
    const sdk = await this.client();
    const order = await call(() => sdk.querySignatureOrder(orderId, true));
    if (!order || order.status !== 'CLOSED') return null;
    return closedFrom(order as unknown as { status: string; documents: unknown[] });
  }

  async cancelOrder(orderId: string): Promise<OrderStatus> {
    const sdk = await this.client();
    const order = await call(() => sdk.cancelSignatureOrder(orderId));
    return order.status as OrderStatus;
  }
}
