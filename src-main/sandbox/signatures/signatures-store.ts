import { createPrivateKey, createPublicKey, randomBytes, randomUUID, sign as cryptoSign } from 'node:crypto';
import type { TestCitizen } from '../test-citizens';
import type { DocumentSigner } from './document-signer';
import {
  checkCriiptoVerify,
  isPdf,
  providersFrom,
  stampDocumentId,
  uiFrom,
  type CreateOrderInput,
  type CriiptoVerifyInput,
  type EvidenceProvider,
  type SignatoryInput,
  type SingleEvidenceProvider,
  type SignatoryRole,
  type UiSettings,
} from './order-input';
import { appearanceFromInput, renderAppearance, type SignatureAppearance } from './signature-appearance';
import type { SandboxCertificate } from './sandbox-certificate';
import { notSupported, SandboxApiError } from './sandbox-api-error';
import { webhookFromInput, type WebhookConfig, type WebhookDispatcher, type WebhookEvent } from './webhooks';

export { SandboxApiError } from './sandbox-api-error';
export type { CreateOrderInput, SignatoryInput } from './order-input';
export type OrderStatus = 'OPEN' | 'CLOSED' | 'CANCELLED' | 'EXPIRED';
export type SignatoryStatus = 'OPEN' | 'SIGNED' | 'APPROVED' | 'REJECTED' | 'ERROR' | 'DELETED';
export type DocumentStatus = 'OPENED' | 'APPROVED' | 'REJECTED' | 'PREAPPROVED' | 'SIGNED';

export interface EvidenceValidation {
  key: string;
  value: string | null;
  boolean: boolean | null;
}

/** The evidence a signatory signed with: MitID (a JWT and its claims), a drawing, or noop (TEST only). */
export type Evidence =
  | { kind: 'criiptoVerify'; jwt: string; claims: Record<string, string>; at: Date }
  | { kind: 'drawable'; name: string | null; image: Buffer; claims: Record<string, string>; at: Date }
  | { kind: 'noop'; claims: Record<string, string>; at: Date }
  | { kind: 'composite'; parts: SingleEvidence[]; claims: Record<string, string>; at: Date };
export type SingleEvidence = Exclude<Evidence, { kind: 'composite' }>;

export interface SandboxSignatory {
  id: string;
  token: string;
  signatoryRole: SignatoryRole;
  reference: string | null;
  role: string | null;
  signingAs: string | null;
  signingSequence: number;
  evidenceValidation: EvidenceValidation[];
  /** Which documents this signatory sees, with preapproval and seal positions. */
  documents: { documentId: string; preapproved: boolean; sealPositions: { page: number; x: number; y: number; scale: number }[] }[];
  /** Provider ids this signatory may use, with per-signatory Criipto Verify overrides. */
  providers: { id: string; criiptoVerify: CriiptoVerifyInput | null }[] | null;
  signatureAppearance: SignatureAppearance | null;
  ui: UiSettings;
  status: SignatoryStatus;
  statusReason: string | null;
  documentStatus: Map<string, DocumentStatus>;
  evidence: Evidence | null;
}

export interface SandboxDocument {
  id: string;
  documentID: string;
  title: string;
  reference: string | null;
  original: Buffer;
  /** The working copy: the prepared original plus one signature per signatory so far. */
  current: Buffer;
  /** Set by close: the finished PDF. */
  signed: Buffer | null;
  formEnabled: boolean | null;
}

export interface SandboxOrder {
  id: string;
  applicationId: string;
  title: string | null;
  status: OrderStatus;
  createdAt: Date;
  expiresAt: Date;
  closedAt: Date | null;
  maxSignatories: number;
  timezone: string;
  ui: UiSettings;
  evidenceProviders: EvidenceProvider[];
  evidenceValidationStages: ('SIGN' | 'VIEW')[];
  signatureAppearance: SignatureAppearance | null;
  documents: SandboxDocument[];
  /** Current signatories; deleted ones leave this list (and answer DELETED by id). */
  signatories: SandboxSignatory[];
  webhook: WebhookConfig | null;
  /** After close, documents stay fetchable until then (retainDocumentsForDays); null = gone. */
  retainUntil: Date | null;
  /** Signing work on this order runs one at a time (each signature builds on the last). */
  queue: Promise<unknown>;
}

const DAY_MS = 24 * 3600_000;
const MAX_INT32 = 2147483647;
export const globalId = (type: string): string => Buffer.from(`${type}:${randomUUID()}`).toString('base64');

/** createBatchSignatory: one link, one login, several orders' signatories. */
export interface BatchSignatory {
  id: string;
  token: string;
  applicationId: string;
  items: { order: SandboxOrder; signatory: SandboxSignatory }[];
  ui: UiSettings;
}

/** A one-pixel PNG, the sandbox's stand-in for a drawn signature. */
const SAMPLE_DRAWING = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** What signing on the page may find in the way (the page explains each in the signatory's language). */
export type SigningBlock = 'sequence' | 'mismatch' | 'unique' | 'role' | null;

/**
 * The sandbox's signature orders, in memory (a restart forgets them, as a
 * test tenant's cleanup would), with the rules Idura enforces: evidence
 * validation binds a signatory to a person, uniqueEvidenceKey stops one
 * person from filling two slots, signing sequence, roles (approvers must
 * approve before close), maxSignatories, expiry, and the webhooks of each
 * change.
 */
export class SignaturesStore {
  private readonly orders = new Map<string, SandboxOrder>();
  private readonly signatoryById = new Map<string, { order: SandboxOrder; signatory: SandboxSignatory }>();
  private readonly signatoryByToken = new Map<string, { order: SandboxOrder; signatory: SandboxSignatory }>();
  private readonly batches = new Map<string, BatchSignatory>();
  private readonly batchByToken = new Map<string, BatchSignatory>();

  constructor(
    readonly certificate: SandboxCertificate,
    private readonly baseUrl: () => string,
    readonly signer: DocumentSigner,
    readonly webhooks: WebhookDispatcher,
    private readonly now: () => Date = () => new Date(),
  ) {}

  href(signatory: SandboxSignatory): string {
    return `${this.baseUrl()}/sign/${signatory.token}`;
  }

  async create(applicationId: string, input: CreateOrderInput): Promise<SandboxOrder> {
    if (input.documents.length === 0) throw new SandboxApiError('At least one document is required.');
    if (input.expiresInDays != null && input.expiresAt != null) throw new SandboxApiError('Provide either expiresInDays or expiresAt, not both.');
    const now = this.now();
    const documents: SandboxDocument[] = [];
    for (const d of input.documents) {
      if (d.xml) throw notSupported('XML documents (XadesDocumentInput)');
      if (!d.pdf) throw new SandboxApiError('Each document must be a pdf.');
      if (d.pdf.storageMode !== 'Temporary') throw new SandboxApiError('storageMode must be Temporary.');
      const blob = Buffer.from(d.pdf.blob, 'base64');
      if (!isPdf(blob)) throw new SandboxApiError(`Document "${d.pdf.title}" is not a PDF.`);
      if (d.pdf.sealsPageTemplate && !isPdf(Buffer.from(d.pdf.sealsPageTemplate.blob, 'base64'))) {
        throw new SandboxApiError('sealsPageTemplate.blob is not a PDF.');
      }
      const documentID = randomUUID().toUpperCase();
      const prepared = d.pdf.displayDocumentID ? await stampDocumentId(blob, documentID, d.pdf.displayDocumentID) : blob;
      documents.push({
        id: globalId('Document'),
        documentID,
        title: d.pdf.title,
        reference: d.pdf.reference ?? null,
        original: blob,
        current: prepared,
        signed: null,
        formEnabled: d.pdf.form ? d.pdf.form.enabled : null,
      });
    }
    const days = input.expiresInDays ?? 90;
    if (days < 1 || days > 90) throw new SandboxApiError('expiresInDays must be between 1 and 90.');
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : new Date(now.getTime() + days * DAY_MS);
    if (Number.isNaN(expiresAt.getTime())) throw new SandboxApiError('expiresAt is not a valid ISO-8601 date.');
    if (expiresAt.getTime() <= now.getTime()) throw new SandboxApiError('expiresAt must be in the future.');
    const maxSignatories = input.maxSignatories ?? 14;
    if (maxSignatories < 1) throw new SandboxApiError('maxSignatories must be at least 1.');
    const webhook = webhookFromInput(input.webhook);
    const order: SandboxOrder = {
      id: globalId('SignatureOrder'),
      applicationId,
      title: input.title ?? null,
      status: 'OPEN',
      createdAt: now,
      expiresAt,
      closedAt: null,
      maxSignatories,
      timezone: input.timezone ?? 'UTC',
      ui: uiFrom(input.ui, null),
      evidenceProviders: providersFrom(input, globalId),
      evidenceValidationStages: input.evidenceValidationStages ?? ['SIGN'],
      signatureAppearance: appearanceFromInput(input.signatureAppearance),
      documents,
      signatories: [],
      webhook,
      retainUntil: null,
      queue: Promise.resolve(),
    };
    const signatories = (input.signatories ?? []).map((s) => this.newSignatory(order, s));
    this.checkCapacity(order, signatories.length);
    if (webhook && input.webhook?.validateConnectivity) await this.webhooks.validate(webhook);
    for (const s of signatories) this.attach(order, s);
    this.orders.set(order.id, order);
    return order;
  }

  /** The order of this application, with expiry applied; null when unknown (or another application's). */
  get(applicationId: string | null, id: string): SandboxOrder | null {
    const order = this.orders.get(id);
    if (!order || (applicationId !== null && order.applicationId !== applicationId)) return null;
    this.applyExpiry(order);
    return order;
  }

  signatory(applicationId: string, id: string): { order: SandboxOrder; signatory: SandboxSignatory } | null {
    const found = this.signatoryById.get(id);
    if (!found || found.order.applicationId !== applicationId) return null;
    this.applyExpiry(found.order);
    return found;
  }

  byToken(token: string): { order: SandboxOrder; signatory: SandboxSignatory } | null {
    const found = this.signatoryByToken.get(token);
    if (found) this.applyExpiry(found.order);
    return found && found.signatory.status !== 'DELETED' ? found : null;
  }

  list(applicationId: string, status: OrderStatus | null): SandboxOrder[] {
    const result: SandboxOrder[] = [];
    for (const order of this.orders.values()) {
      if (order.applicationId !== applicationId) continue;
      this.applyExpiry(order);
      if (status === null || order.status === status) result.push(order);
    }
    return result.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  }

  document(applicationId: string, id: string): { order: SandboxOrder; document: SandboxDocument } | null {
    for (const order of this.orders.values()) {
      if (order.applicationId !== applicationId) continue;
      const document = order.documents.find((d) => d.id === id);
      if (document) return { order, document };
    }
    return null;
  }

  addSignatories(applicationId: string, orderId: string, inputs: SignatoryInput[]): { order: SandboxOrder; signatories: SandboxSignatory[] } {
    const order = this.requireOpen(applicationId, orderId);
    const signatories = inputs.map((s) => this.newSignatory(order, s));
    this.checkCapacity(order, order.signatories.length + signatories.length);
    for (const s of signatories) this.attach(order, s);
    return { order, signatories };
  }

  changeSignatory(applicationId: string, signatoryId: string, input: SignatoryInput): { order: SandboxOrder; signatory: SandboxSignatory } {
    const found = this.signatory(applicationId, signatoryId);
    if (!found || found.signatory.status === 'DELETED') throw new SandboxApiError('Signatory not found.');
    const { order, signatory } = found;
    this.requireOpen(applicationId, order.id);
    if (signatory.status !== 'OPEN') throw new SandboxApiError(`Signatory is ${signatory.status.toLowerCase()} and can no longer be changed.`);
    const next = this.newSignatory(order, { signatoryRole: signatory.signatoryRole, ...input }, signatory);
    Object.assign(signatory, { ...next, id: signatory.id, token: signatory.token, status: signatory.status, documentStatus: signatory.documentStatus });
    return { order, signatory };
  }

  deleteSignatory(applicationId: string, orderId: string, signatoryId: string): SandboxOrder {
    const order = this.requireOpen(applicationId, orderId);
    const signatory = order.signatories.find((s) => s.id === signatoryId);
    if (!signatory) throw new SandboxApiError('Signatory not found on this signature order.');
    if (signatory.status === 'SIGNED') throw new SandboxApiError('A signatory who has signed cannot be deleted.');
    signatory.status = 'DELETED';
    order.signatories = order.signatories.filter((s) => s !== signatory);
    return order;
  }

  changeOrder(applicationId: string, orderId: string, input: { maxSignatories?: number | null; webhook?: { url: string; secret?: string | null; validateConnectivity?: boolean | null } | null }): Promise<SandboxOrder> {
    const order = this.requireOpen(applicationId, orderId);
    return (async () => {
      if (input.maxSignatories != null) {
        if (order.signatories.some((s) => s.status === 'SIGNED')) throw new SandboxApiError('maxSignatories cannot be changed after the first signer.');
        if (input.maxSignatories < order.signatories.length) throw new SandboxApiError(`maxSignatories cannot be lower than the ${order.signatories.length} signatories already added.`);
        order.maxSignatories = input.maxSignatories;
      }
      if (input.webhook) {
        const webhook = webhookFromInput(input.webhook);
        if (webhook && input.webhook.validateConnectivity) await this.webhooks.validate(webhook);
        order.webhook = webhook;
      }
      return order;
    })();
  }

  /** Finishes every document with the signatures given so far and closes the order. */
  async close(applicationId: string, id: string, retainDocumentsForDays: number | null): Promise<SandboxOrder> {
    const order = this.requireOpen(applicationId, id);
    if (retainDocumentsForDays != null && (retainDocumentsForDays < 0 || retainDocumentsForDays > 7)) {
      throw new SandboxApiError('retainDocumentsForDays must be between 0 and 7.');
    }
    const waiting = order.signatories.filter((s) => s.signatoryRole === 'APPROVER' && s.status === 'OPEN');
    if (waiting.length) throw new SandboxApiError('The signature order cannot be closed before every approver has approved.');
    return this.serial(order, async () => {
      if (order.status !== 'OPEN') throw new SandboxApiError(`Signature order is ${order.status.toLowerCase()}, not open.`);
      const signed = order.signatories.some((s) => s.status === 'SIGNED');
      const finished: Buffer[] = [];
      for (const doc of order.documents) finished.push(signed ? await this.signer.finalize(doc.current) : doc.current);
      const now = this.now();
      order.documents.forEach((d, i) => (d.signed = finished[i]!));
      order.status = 'CLOSED';
      order.closedAt = now;
      order.retainUntil = retainDocumentsForDays ? new Date(now.getTime() + retainDocumentsForDays * DAY_MS) : null;
      return order;
    });
  }

  cancel(applicationId: string, id: string): SandboxOrder {
    const order = this.requireOpen(applicationId, id);
    order.status = 'CANCELLED';
    return order;
  }

  extend(applicationId: string, id: string, days: number): SandboxOrder {
    const order = this.requireOpen(applicationId, id);
    if (days < 1 || days > 30) throw new SandboxApiError('additionalExpirationInDays must be between 1 and 30.');
    order.expiresAt = new Date(order.expiresAt.getTime() + days * DAY_MS);
    return order;
  }

  cleanup(applicationId: string, id: string): SandboxOrder {
    const order = this.require(applicationId, id);
    if (order.status === 'OPEN') throw new SandboxApiError('Only closed signature orders can be cleaned up.');
    order.retainUntil = null;
    return order;
  }

  /** Whether the documents' bytes may still be returned (open, or closed and retained). */
  documentsAvailable(order: SandboxOrder): boolean {
    if (order.status === 'OPEN') return true;
    if (order.status === 'CLOSED') return order.retainUntil !== null && order.retainUntil.getTime() > this.now().getTime();
    return false;
  }

  /** The tester's switch: the order expires now. */
  expire(id: string): SandboxOrder | null {
    const order = this.orders.get(id);
    if (!order) return null;
    if (order.status === 'OPEN') {
      order.expiresAt = this.now();
      this.applyExpiry(order);
    }
    return order;
  }

  /** Applies expiry to every open order (the simulator calls this now and then, so the webhook fires unasked). */
  sweepExpired(): void {
    for (const order of this.orders.values()) this.applyExpiry(order);
  }

  createBatch(applicationId: string, input: { items: { signatoryId: string; signatureOrderId: string }[]; ui?: Parameters<typeof uiFrom>[0] }): BatchSignatory {
    if (input.items.length < 1) throw new SandboxApiError('A batch signatory needs at least one item.');
    const items = input.items.map((item) => {
      const order = this.requireOpen(applicationId, item.signatureOrderId);
      const signatory = order.signatories.find((s) => s.id === item.signatoryId);
      if (!signatory) throw new SandboxApiError(`Signatory ${item.signatoryId} is not part of signature order ${item.signatureOrderId}.`);
      if (signatory.status !== 'OPEN') throw new SandboxApiError(`Signatory ${item.signatoryId} is ${signatory.status.toLowerCase()}.`);
      if (signatory.signatoryRole !== 'SIGNER') throw new SandboxApiError('Batch signatories must be signers.');
      if (!this.verifyProvider(order, signatory)) throw notSupported('batch signatories without Criipto Verify evidence');
      return { order, signatory };
    });
    const batch: BatchSignatory = { id: globalId('BatchSignatory'), token: randomBytes(24).toString('base64url'), applicationId, items, ui: uiFrom(input.ui, null) };
    this.batches.set(batch.id, batch);
    this.batchByToken.set(batch.token, batch);
    return batch;
  }

  batch(applicationId: string, id: string): BatchSignatory | null {
    const batch = this.batches.get(id);
    return batch && batch.applicationId === applicationId ? batch : null;
  }

  batchByLink(token: string): BatchSignatory | null {
    const batch = this.batchByToken.get(token) ?? null;
    batch?.items.forEach((i) => this.applyExpiry(i.order));
    return batch;
  }

  batchHref(batch: BatchSignatory): string {
    return `${this.baseUrl()}/batch/${batch.token}`;
  }

  /** Signs every still-open item of a batch with one MitID login (each item's own rules apply). */
  async signBatch(batch: BatchSignatory, citizen: TestCitizen): Promise<void> {
    for (const { order, signatory } of batch.items) {
      if (order.status === 'OPEN' && signatory.status === 'OPEN') await this.signWithMitId(signatory.token, citizen);
    }
  }

  /**
   * A signatory's `downloadHref`: once the order is closed with documents
   * retained, for signatories who can prove who they are (evidence validation,
   * or the evidence they signed with).
   */
  downloadHref(order: SandboxOrder, signatory: SandboxSignatory): string | null {
    if (order.status !== 'CLOSED' || !this.documentsAvailable(order) || signatory.status === 'DELETED') return null;
    if (!signatory.evidenceValidation.length && !signatory.evidence?.claims.sub) return null;
    return `${this.baseUrl()}/download/${signatory.token}`;
  }

  /** Whether a login may download: it matches the evidence validation, or is the person who signed. */
  mayDownload(signatory: SandboxSignatory, claims: Record<string, string>): boolean {
    if (signatory.evidenceValidation.length) return this.evidenceMatches(signatory, claims);
    return !!signatory.evidence?.claims.sub && signatory.evidence.claims.sub === claims.sub;
  }

  downloadOpened(order: SandboxOrder, signatory: SandboxSignatory): void {
    this.event(order, 'SIGNATORY_DOWNLOAD_LINK_OPENED', { signatoryId: signatory.id });
  }

  // ---- the signing page's operations ----

  /** The signatory opened the link. */
  opened(order: SandboxOrder, signatory: SandboxSignatory): void {
    this.event(order, 'SIGNATORY_SIGN_LINK_OPENED', { signatoryId: signatory.id });
  }

  /** The signatory viewed the documents: each becomes OPENED (once). */
  viewed(order: SandboxOrder, signatory: SandboxSignatory): void {
    for (const d of signatory.documents) {
      if (signatory.documentStatus.has(d.documentId)) continue;
      signatory.documentStatus.set(d.documentId, d.preapproved ? 'PREAPPROVED' : 'OPENED');
      if (!d.preapproved) this.event(order, 'SIGNATORY_DOCUMENT_STATUS_CHANGED', { signatoryId: signatory.id, documentId: d.documentId, status: 'OPENED' });
    }
  }

  /** Idura's frontend marks each document approved (or rejected) before the signatory's final step. */
  private decideDocuments(order: SandboxOrder, signatory: SandboxSignatory, status: 'APPROVED' | 'REJECTED'): void {
    for (const d of signatory.documents) {
      if (d.preapproved && status === 'APPROVED') continue;
      signatory.documentStatus.set(d.documentId, status);
      this.event(order, 'SIGNATORY_DOCUMENT_STATUS_CHANGED', { signatoryId: signatory.id, documentId: d.documentId, status });
    }
  }

  /** The Criipto Verify provider in effect for this signatory (order settings with its overrides), if any. */
  verifyProvider(order: SandboxOrder, signatory: SandboxSignatory): Extract<EvidenceProvider, { kind: 'criiptoVerify' }> | null {
    const base = this.singleProviders(order, signatory).find((p) => p.kind === 'criiptoVerify');
    if (!base || base.kind !== 'criiptoVerify') return null;
    const o = signatory.providers?.find((p) => p.id === base.id)?.criiptoVerify;
    if (!o) return base;
    return {
      ...base,
      acrValues: o.acrValues?.length ? o.acrValues : base.acrValues,
      message: o.message ?? base.message,
      loginHint: o.loginHint ?? base.loginHint,
      scope: o.scope ?? base.scope,
      uniqueEvidenceKey: o.uniqueEvidenceKey ?? base.uniqueEvidenceKey,
    };
  }

  /** The enabled providers with allOf opened up: what the signing page must offer. */
  singleProviders(order: SandboxOrder, signatory: SandboxSignatory): SingleEvidenceProvider[] {
    return this.enabledProviders(order, signatory).flatMap((p) => (p.kind === 'allOf' ? p.providers : [p]));
  }

  /** The signatory's allOf provider, if enabled: then every one of its evidences is needed. */
  allOf(order: SandboxOrder, signatory: SandboxSignatory): Extract<EvidenceProvider, { kind: 'allOf' }> | null {
    const p = this.enabledProviders(order, signatory).find((x) => x.kind === 'allOf');
    return p && p.kind === 'allOf' ? p : null;
  }

  /** Signs with every evidence of the allOf provider (MitID login, drawing, noop) as one CompositeSignature. */
  async signWithAll(token: string, citizen: TestCitizen | null, name: string | null): Promise<SandboxSignatory> {
    const { order, signatory } = this.signable(token);
    const allOf = this.allOf(order, signatory);
    if (!allOf) throw new SandboxApiError('No allOf evidence provider is enabled for this signatory.');
    const at = this.now();
    const parts: SingleEvidence[] = allOf.providers.map((p) => {
      if (p.kind === 'criiptoVerify') {
        if (!citizen) throw new SandboxApiError('The MitID login is missing.');
        const claims = this.claimsFor(order, signatory, citizen);
        return { kind: 'criiptoVerify', jwt: this.jwt(claims, at), claims, at };
      }
      if (p.kind === 'drawable') {
        if (p.requireName && !name) throw new SandboxApiError('A name is required.');
        const drawn: Record<string, string> = name ? { name } : {};
        return { kind: 'drawable', name, image: SAMPLE_DRAWING, claims: drawn, at };
      }
      return { kind: 'noop', claims: {}, at };
    });
    const claims = Object.assign({}, ...parts.map((x) => x.claims).reverse()) as Record<string, string>;
    return this.applySignature(order, signatory, { kind: 'composite', parts, claims, at });
  }

  enabledProviders(order: SandboxOrder, signatory: SandboxSignatory): EvidenceProvider[] {
    if (signatory.providers) return order.evidenceProviders.filter((p) => signatory.providers!.some((x) => x.id === p.id));
    return order.evidenceProviders.filter((p) => p.enabledByDefault);
  }

  /** The MitID claims a test citizen's login gives for this signatory's provider settings. */
  claimsFor(order: SandboxOrder, signatory: SandboxSignatory, citizen: TestCitizen): Record<string, string> {
    const provider = this.verifyProvider(order, signatory);
    const scopes = provider?.scope?.split(/\s+/) ?? null;
    const claims: Record<string, string> = {
      iss: `${this.baseUrl()}/verify`,
      identityscheme: 'dkmitid',
      authenticationtype: provider?.acrValues[0] ?? 'urn:grn:authn:dk:mitid:substantial',
      sub: `{${citizen.uuid}}`,
      uuid: citizen.uuid,
      name: citizen.name,
      birthdate: citizen.birthdate,
      country: 'DK',
    };
    // A dynamic scope without ssn gets no CPR; no scope = the tenant's static setting, which adds it.
    if (scopes === null || scopes.includes('ssn')) claims.cprNumberIdentifier = citizen.cpr;
    return claims;
  }

  /** Whether claims satisfy every evidence validation of the signatory ("must match what will be found in the token claims"). */
  evidenceMatches(signatory: SandboxSignatory, claims: Record<string, string>): boolean {
    return signatory.evidenceValidation.every((v) => {
      const claim = claims[v.key];
      if (claim === undefined) return false;
      if (v.boolean !== null) return (claim === 'true') === v.boolean;
      return v.value === claim;
    });
  }

  /** What stands in the way of this signatory acting now with these claims (null = nothing). */
  block(order: SandboxOrder, signatory: SandboxSignatory, claims: Record<string, string> | null): SigningBlock {
    if (signatory.signatoryRole === 'VIEWER') return 'role';
    const ahead = order.signatories.some(
      (s) => s !== signatory && s.signatoryRole !== 'VIEWER' && s.status === 'OPEN' && s.signingSequence < signatory.signingSequence,
    );
    if (ahead) return 'sequence';
    if (claims) {
      if (!this.evidenceMatches(signatory, claims)) return 'mismatch';
      const key = this.verifyProvider(order, signatory)?.uniqueEvidenceKey;
      if (key && claims[key] !== undefined) {
        const taken = order.signatories.some((s) => s !== signatory && s.evidence && s.evidence.claims[key] === claims[key]);
        if (taken) return 'unique';
      }
    }
    return null;
  }

  /** A login attempt that failed the evidence check: Idura reports it as SIGNATORY_SIGN_ERROR. */
  signError(order: SandboxOrder, signatory: SandboxSignatory, error: string): void {
    this.event(order, 'SIGNATORY_SIGN_ERROR', { error, signatoryId: signatory.id });
  }

  /** Signs with MitID evidence from the signing page. */
  async signWithMitId(token: string, citizen: TestCitizen): Promise<SandboxSignatory> {
    const { order, signatory } = this.signable(token);
    if (this.allOf(order, signatory)) throw new SandboxApiError('This signatory signs with every evidence of its allOf provider.');
    const claims = this.claimsFor(order, signatory, citizen);
    const at = this.now();
    return this.applySignature(order, signatory, { kind: 'criiptoVerify', jwt: this.jwt(claims, at), claims, at });
  }

  /** noop evidence ("TEST environment only"): signs without an e-ID. */
  async signWithNoop(token: string): Promise<SandboxSignatory> {
    const { order, signatory } = this.signable(token);
    if (!this.enabledProviders(order, signatory).some((p) => p.kind === 'noop')) throw new SandboxApiError('Noop evidence is not enabled for this signatory.');
    return this.applySignature(order, signatory, { kind: 'noop', claims: {}, at: this.now() });
  }

  async signWithDrawing(token: string, name: string | null): Promise<SandboxSignatory> {
    const { order, signatory } = this.signable(token);
    const provider = this.enabledProviders(order, signatory).find((p) => p.kind === 'drawable'); // a drawable inside allOf signs via signWithAll
    if (!provider || provider.kind !== 'drawable') throw new SandboxApiError('Drawable evidence is not enabled for this signatory.');
    if (provider.requireName && !name) throw new SandboxApiError('A name is required.');
    const claims: Record<string, string> = name ? { name } : {};
    return this.applySignature(order, signatory, { kind: 'drawable', name, image: SAMPLE_DRAWING, claims, at: this.now() });
  }

  /** signActingAs: API credentials sign for a preapproved signatory with noop or drawable evidence. */
  async signActingAs(applicationId: string, signatoryId: string, evidence: { id: string; noop?: boolean | null; drawable?: { name?: string | null; image: string } | null; [k: string]: unknown }): Promise<{ order: SandboxOrder; signatory: SandboxSignatory }> {
    const found = this.signatory(applicationId, signatoryId);
    if (!found || found.signatory.status === 'DELETED') throw new SandboxApiError('Signatory not found.');
    const { order, signatory } = found;
    this.requireOpen(applicationId, order.id);
    if (signatory.status !== 'OPEN') throw new SandboxApiError(`Signatory is ${signatory.status.toLowerCase()}.`);
    if (!signatory.documents.every((d) => d.preapproved)) throw new SandboxApiError('signActingAs requires every document of the signatory to be preapproved.');
    const provider = this.enabledProviders(order, signatory).find((p) => p.id === evidence.id);
    if (!provider) throw new SandboxApiError('The evidence provider is not enabled for this signatory.');
    const at = this.now();
    if (provider.kind === 'noop' && evidence.noop) {
      await this.applySignature(order, signatory, { kind: 'noop', claims: {}, at });
    } else if (provider.kind === 'drawable' && evidence.drawable) {
      const name = evidence.drawable.name ?? null;
      await this.applySignature(order, signatory, { kind: 'drawable', name, image: Buffer.from(evidence.drawable.image, 'base64'), claims: name ? { name } : {}, at });
    } else {
      throw notSupported(`signActingAs with ${provider.kind} evidence`);
    }
    return { order, signatory };
  }

  async approve(token: string, citizen: TestCitizen | null): Promise<SandboxSignatory> {
    const { order, signatory } = this.signable(token);
    if (signatory.signatoryRole !== 'APPROVER') throw new SandboxApiError('Only approvers approve.');
    if (this.block(order, signatory, citizen ? this.claimsFor(order, signatory, citizen) : null)) throw new SandboxApiError('The signatory cannot approve now.');
    this.decideDocuments(order, signatory, 'APPROVED');
    signatory.status = 'APPROVED';
    this.event(order, 'SIGNATORY_APPROVED', { signatoryId: signatory.id });
    return signatory;
  }

  reject(token: string, reason: string): SandboxSignatory {
    const { order, signatory } = this.signable(token);
    if (signatory.ui.disableRejection) throw new SandboxApiError('Rejection is disabled for this order.');
    this.decideDocuments(order, signatory, 'REJECTED');
    signatory.status = 'REJECTED';
    signatory.statusReason = reason.slice(0, 500) || null;
    this.event(order, 'SIGNATORY_REJECTED', { signatoryId: signatory.id, reason: signatory.statusReason });
    return signatory;
  }

  jwks(): string {
    const jwk = createPublicKey(this.certificate.publicKeyPem).export({ format: 'jwk' });
    return JSON.stringify({ keys: [{ ...jwk, kid: 'sandbox', use: 'sig', alg: 'RS256' }] });
  }

  // ---- internals ----

  private async applySignature(order: SandboxOrder, signatory: SandboxSignatory, evidence: Evidence): Promise<SandboxSignatory> {
    if (signatory.signatoryRole !== 'SIGNER') throw new SandboxApiError(`A signatory with role ${signatory.signatoryRole} does not sign.`);
    const mitId = evidence.kind === 'criiptoVerify' || (evidence.kind === 'composite' && evidence.parts.some((x) => x.kind === 'criiptoVerify'));
    const blocked = this.block(order, signatory, mitId ? evidence.claims : null);
    if (blocked) throw new SandboxApiError(`The signatory cannot sign now (${blocked}).`);
    return this.serial(order, async () => {
      if (order.status !== 'OPEN' || signatory.status !== 'OPEN') throw new SandboxApiError('The signatory can no longer sign.');
      // Each of the signatory's documents gets its signature, built on the signatures before it.
      const updated: Buffer[] = [];
      for (const d of signatory.documents) {
        const doc = order.documents.find((x) => x.id === d.documentId)!;
        const appearance = renderAppearance(signatory.signatureAppearance ?? order.signatureAppearance, evidence.claims, { documentId: doc.documentID, at: evidence.at });
        updated.push(
          await this.signer.addSignature(doc.current, {
            signatoryId: signatory.id,
            name: appearance.displayName ?? evidence.claims.name ?? 'Signatory',
            reason: mitId ? 'Underskrevet med MitID (sandbox)' : 'Underskrevet (sandbox)',
            signingAs: signatory.signingAs,
            signedAt: evidence.at,
            claims: evidence.claims,
            appearance,
            sealPositions: d.sealPositions,
          }),
        );
      }
      this.decideDocuments(order, signatory, 'APPROVED');
      signatory.documents.forEach((d, i) => {
        order.documents.find((x) => x.id === d.documentId)!.current = updated[i]!;
        signatory.documentStatus.set(d.documentId, 'SIGNED');
      });
      signatory.status = 'SIGNED';
      signatory.evidence = evidence;
      this.event(order, 'SIGNATORY_SIGNED', { signatoryId: signatory.id });
      return signatory;
    });
  }

  private serial<T>(order: SandboxOrder, work: () => Promise<T>): Promise<T> {
    const run = order.queue.then(work, work);
    order.queue = run.catch(() => undefined);
    return run;
  }

  private newSignatory(order: SandboxOrder, s: SignatoryInput, existing?: SandboxSignatory): SandboxSignatory {
    const role = s.signatoryRole ?? 'SIGNER';
    const docIds = new Set(order.documents.map((d) => d.id));
    const documents = s.documents?.length
      ? s.documents.map((d) => {
          if (!docIds.has(d.id)) throw new SandboxApiError(`Document ${d.id} is not part of this signature order.`);
          if (role === 'APPROVER' && d.preapproved) throw new SandboxApiError('Documents cannot be preapproved for an approver.');
          const positions = d.pdfSealPositions ?? (d.pdfSealPosition ? [d.pdfSealPosition] : []);
          return { documentId: d.id, preapproved: d.preapproved ?? false, sealPositions: positions.map((p) => ({ page: p.page, x: p.x, y: p.y, scale: p.scale ?? 1 })) };
        })
      : (existing?.documents ?? order.documents.map((d) => ({ documentId: d.id, preapproved: false, sealPositions: [] })));
    const providers =
      s.evidenceProviders?.map((p) => {
        const provider = order.evidenceProviders.find((x) => x.id === p.id);
        if (!provider) throw new SandboxApiError(`Evidence provider ${p.id} is not part of this signature order.`);
        if (p.criiptoVerify) checkCriiptoVerify(p.criiptoVerify);
        if (p.oidc || p.allOf) throw notSupported('signatory evidence provider overrides for oidc/allOf');
        return { id: p.id, criiptoVerify: p.criiptoVerify ?? null };
      }) ?? existing?.providers ?? null;
    const sequence = s.signingSequence ?? existing?.signingSequence ?? MAX_INT32;
    if (!Number.isInteger(sequence) || sequence < 1) throw new SandboxApiError('signingSequence must be a positive integer.');
    return {
      id: existing?.id ?? globalId('Signatory'),
      token: existing?.token ?? randomBytes(24).toString('base64url'),
      signatoryRole: role,
      reference: s.reference !== undefined ? (s.reference ?? null) : (existing?.reference ?? null),
      role: s.role !== undefined ? (s.role ?? null) : (existing?.role ?? null),
      signingAs: s.signingAs !== undefined ? (s.signingAs ?? null) : (existing?.signingAs ?? null),
      signingSequence: sequence,
      evidenceValidation: s.evidenceValidation
        ? s.evidenceValidation.map((v) => ({ key: v.key, value: v.value ?? null, boolean: v.boolean ?? null }))
        : (existing?.evidenceValidation ?? []),
      documents,
      providers,
      signatureAppearance: s.signatureAppearance !== undefined ? appearanceFromInput(s.signatureAppearance) : (existing?.signatureAppearance ?? null),
      ui: s.ui ? uiFrom(s.ui, order.ui) : (existing?.ui ?? order.ui),
      status: 'OPEN',
      statusReason: null,
      documentStatus: new Map(),
      evidence: null,
    };
  }

  private checkCapacity(order: SandboxOrder, count: number): void {
    if (count > order.maxSignatories) throw new SandboxApiError(`The signature order allows at most ${order.maxSignatories} signatories (maxSignatories).`);
  }

  private attach(order: SandboxOrder, signatory: SandboxSignatory): void {
    order.signatories.push(signatory);
    this.signatoryById.set(signatory.id, { order, signatory });
    this.signatoryByToken.set(signatory.token, { order, signatory });
  }

  private require(applicationId: string, id: string): SandboxOrder {
    const order = this.get(applicationId, id);
    if (!order) throw new SandboxApiError('Signature order not found.');
    return order;
  }

  private requireOpen(applicationId: string, id: string): SandboxOrder {
    const order = this.require(applicationId, id);
    if (order.status !== 'OPEN') throw new SandboxApiError(`Signature order is ${order.status.toLowerCase()}, not open.`);
    return order;
  }

  private signable(token: string): { order: SandboxOrder; signatory: SandboxSignatory } {
    const found = this.byToken(token);
    if (!found) throw new SandboxApiError('Unknown signing link.');
    if (found.order.status !== 'OPEN') throw new SandboxApiError(`Signature order is ${found.order.status.toLowerCase()}.`);
    if (found.signatory.status !== 'OPEN') throw new SandboxApiError(`Signatory is ${found.signatory.status.toLowerCase()}.`);
    return found;
  }

  private applyExpiry(order: SandboxOrder): void {
    if (order.status === 'OPEN' && order.expiresAt.getTime() <= this.now().getTime()) {
      order.status = 'EXPIRED';
      this.event(order, 'SIGNATURE_ORDER_EXPIRED', {});
    }
  }

  private event(order: SandboxOrder, event: WebhookEvent, rest: Record<string, unknown>): void {
    const payload = event === 'SIGNATORY_SIGN_ERROR' ? { event, ...rest, signatureOrderId: order.id } : { event, signatureOrderId: order.id, ...rest };
    this.webhooks.send(order.id, order.webhook, payload);
  }

  /** The signing evidence as an RS256 JWT by the sandbox key, like Idura's JWTSignature. */
  private jwt(claims: Record<string, string>, at: Date): string {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const iat = Math.floor(at.getTime() / 1000);
    const body = `${enc({ alg: 'RS256', typ: 'JWT', kid: 'sandbox' })}.${enc({ ...claims, iat, nbf: iat, exp: iat + 3600 })}`;
    const signature = cryptoSign('sha256', Buffer.from(body), createPrivateKey(this.certificate.privateKeyPem));
    return `${body}.${signature.toString('base64url')}`;
  }
}

