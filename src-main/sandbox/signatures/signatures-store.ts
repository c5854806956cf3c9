import { createPrivateKey, createPublicKey, randomBytes, randomUUID, sign as cryptoSign } from 'node:crypto';
import type { TestCitizen } from '../test-citizens';
import type { PadesSigner } from './pades-signer';
import type { SandboxCertificate } from './sandbox-certificate';

export type OrderStatus = 'OPEN' | 'CLOSED' | 'CANCELLED' | 'EXPIRED';
export type SignatoryStatus = 'OPEN' | 'SIGNED' | 'REJECTED';
export type UiLanguage = 'DA_DK' | 'EN_US' | 'FI_FI' | 'NB_NO' | 'SV_SE';

export interface EvidenceValidation {
  key: string;
  value: string | null;
  boolean: boolean | null;
}

export interface SandboxSignatory {
  id: string;
  token: string;
  reference: string | null;
  role: string | null;
  signingAs: string | null;
  evidenceValidation: EvidenceValidation[];
  status: SignatoryStatus;
  statusReason: string | null;
  /** The MitID evidence of the signing, as Idura keeps it (a JWT and its claims). */
  evidence: { jwt: string; claims: Record<string, string>; at: Date } | null;
}

export interface SandboxDocument {
  id: string;
  documentID: string;
  title: string;
  reference: string | null;
  original: Buffer;
  /** The PDF with the signatures given so far, each an incremental update (PAdES B-T). */
  current: Buffer;
  /** Set by close: the final PDF (validation data and a document timestamp added: B-LTA). */
  signed: Buffer | null;
}

export interface SandboxOrder {
  id: string;
  applicationId: string;
  title: string | null;
  status: OrderStatus;
  createdAt: Date;
  expiresAt: Date;
  closedAt: Date | null;
  language: UiLanguage;
  signatoryRedirectUri: string | null;
  disableRejection: boolean;
  evidenceProvider: { id: string; acrValues: string[]; message: string | null };
  documents: SandboxDocument[];
  signatories: SandboxSignatory[];
  /** After close, documents stay fetchable until then (retainDocumentsForDays); null = gone. */
  retainUntil: Date | null;
  /** Serialises the PDF updates of this order's documents (two signatories signing at once). */
  pdfQueue: Promise<unknown>;
}

/** A refusal the API reports as a GraphQL error, in Idura's wording style. */
export class SandboxApiError extends Error {}

export interface CreateOrderInput {
  title?: string | null;
  documents: { pdf?: { title: string; blob: string; storageMode: string; reference?: string | null } | null }[];
  signatories?: { reference?: string | null; role?: string | null; signingAs?: string | null; evidenceValidation?: { key: string; value?: string | null; boolean?: boolean | null }[] | null }[] | null;
  evidenceProviders?: { criiptoVerify?: { acrValues?: string[] | null; message?: string | null } | null }[] | null;
  expiresInDays?: number | null;
  expiresAt?: string | null;
  maxSignatories?: number | null;
  ui?: { language?: UiLanguage | null; signatoryRedirectUri?: string | null; disableRejection?: boolean | null } | null;
}

const DAY_MS = 24 * 3600_000;
const globalId = (type: string): string => Buffer.from(`${type}:${randomUUID()}`).toString('base64');

/**
 * The sandbox's signature orders, in memory (a restart of the sandbox forgets
 * them, as a test tenant's cleanup would). Holds the rules the real service
 * enforces: evidence validation binds a signatory to one CPR, only OPEN orders
 * can be signed, closed, cancelled or extended, and OPEN orders past their
 * expiry become EXPIRED.
 */
export class SignaturesStore {
  private readonly orders = new Map<string, SandboxOrder>();
  private readonly signatoryById = new Map<string, { order: SandboxOrder; signatory: SandboxSignatory }>();
  private readonly signatoryByToken = new Map<string, { order: SandboxOrder; signatory: SandboxSignatory }>();

  constructor(
    readonly certificate: SandboxCertificate,
    readonly signer: PadesSigner,
    private readonly baseUrl: () => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  href(signatory: SandboxSignatory): string {
    return `${this.baseUrl()}/sign/${signatory.token}`;
  }

  create(applicationId: string, input: CreateOrderInput): SandboxOrder {
    if (input.documents.length === 0) throw new SandboxApiError('At least one document is required.');
    if (input.expiresInDays != null && input.expiresAt != null) throw new SandboxApiError('Provide either expiresInDays or expiresAt, not both.');
    const now = this.now();
    const documents = input.documents.map((d) => {
      if (!d.pdf) throw new SandboxApiError('Only PDF documents are supported.');
      if (d.pdf.storageMode !== 'Temporary') throw new SandboxApiError('storageMode must be Temporary.');
      const blob = Buffer.from(d.pdf.blob, 'base64');
      if (blob.subarray(0, 5).toString('latin1') !== '%PDF-') throw new SandboxApiError(`Document "${d.pdf.title}" is not a PDF.`);
      return {
        id: globalId('Document'),
        documentID: randomUUID().toUpperCase(),
        title: d.pdf.title,
        reference: d.pdf.reference ?? null,
        original: blob,
        current: blob,
        signed: null,
      };
    });
    const days = input.expiresInDays ?? 90;
    if (days < 1 || days > 90) throw new SandboxApiError('expiresInDays must be between 1 and 90.');
    const expiresAt = input.expiresAt ? new Date(input.expiresAt) : new Date(now.getTime() + days * DAY_MS);
    if (Number.isNaN(expiresAt.getTime())) throw new SandboxApiError('expiresAt is not a valid date.');
    const verify = input.evidenceProviders?.find((p) => p.criiptoVerify)?.criiptoVerify;
    const order: SandboxOrder = {
      id: globalId('SignatureOrder'),
      applicationId,
      title: input.title ?? null,
      status: 'OPEN',
      createdAt: now,
      expiresAt,
      closedAt: null,
      language: input.ui?.language ?? 'EN_US',
      signatoryRedirectUri: input.ui?.signatoryRedirectUri ?? null,
      disableRejection: input.ui?.disableRejection ?? false,
      evidenceProvider: {
        id: globalId('CriiptoVerifySignatureEvidenceProvider'),
        acrValues: verify?.acrValues ?? ['urn:grn:authn:dk:mitid:substantial'],
        message: verify?.message ?? null,
      },
      documents,
      signatories: [],
      retainUntil: null,
      pdfQueue: Promise.resolve(),
    };
    const max = input.maxSignatories ?? 14;
    if ((input.signatories?.length ?? 0) > max) throw new SandboxApiError(`At most ${max} signatories.`);
    for (const s of input.signatories ?? []) {
      const signatory: SandboxSignatory = {
        id: globalId('Signatory'),
        token: randomBytes(24).toString('base64url'),
        reference: s.reference ?? null,
        role: s.role ?? null,
        signingAs: s.signingAs ?? null,
        evidenceValidation: (s.evidenceValidation ?? []).map((v) => ({ key: v.key, value: v.value ?? null, boolean: v.boolean ?? null })),
        status: 'OPEN',
        statusReason: null,
        evidence: null,
      };
      order.signatories.push(signatory);
      this.signatoryById.set(signatory.id, { order, signatory });
      this.signatoryByToken.set(signatory.token, { order, signatory });
    }
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
    return found ?? null;
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

  /** Seals every document with the signatures given so far and closes the order. */
  async close(applicationId: string, id: string, retainDocumentsForDays: number | null): Promise<SandboxOrder> {
    const order = this.requireOpen(applicationId, id);
    if (retainDocumentsForDays != null && (retainDocumentsForDays < 0 || retainDocumentsForDays > 7)) {
      throw new SandboxApiError('retainDocumentsForDays must be between 0 and 7.');
    }
    const signed = order.signatories.filter((s) => s.status === 'SIGNED');
    const now = this.now();
    await this.updatePdfs(order, async (doc) => {
      // Each signature is already in `current`; closing adds the DSS and the document timestamp.
      doc.signed = signed.length === 0 ? doc.original : await this.signer.finalize(doc.current);
    });
    // The async sealing may have raced a second close; the first one wins.
    if (order.status !== 'OPEN') throw new SandboxApiError(`Signature order is ${order.status.toLowerCase()}, not open.`);
    order.status = 'CLOSED';
    order.closedAt = now;
    order.retainUntil = retainDocumentsForDays ? new Date(now.getTime() + retainDocumentsForDays * DAY_MS) : null;
    return order;
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
      order.status = 'EXPIRED';
    }
    return order;
  }

  /**
   * Whether this citizen may sign for this signatory: every evidence
   * validation on `cprNumberIdentifier` must equal their CPR.
   */
  evidenceMatches(signatory: SandboxSignatory, citizen: TestCitizen): boolean {
    return signatory.evidenceValidation.every((v) => {
      if (v.key === 'cprNumberIdentifier') return v.value === citizen.cpr;
      if (v.key === 'uuid') return v.value === citizen.uuid;
      if (v.key === 'name') return v.value === citizen.name;
      return false; // a key the sandbox's MitID does not issue can never match
    });
  }

  async sign(token: string, citizen: TestCitizen): Promise<SandboxSignatory> {
    const found = this.signable(token);
    if (!this.evidenceMatches(found.signatory, citizen)) throw new SandboxApiError('Evidence validation failed.');
    // One PAdES signature per signatory, added when they sign (not at close), as an incremental update.
    await this.updatePdfs(found.order, async (doc) => {
      doc.current = await this.signer.addSignature(doc.current, { name: citizen.name });
    });
    const at = this.now();
    const claims: Record<string, string> = {
      iss: `${this.baseUrl()}/verify`,
      identityscheme: 'dkmitid',
      authenticationtype: found.order.evidenceProvider.acrValues[0] ?? 'urn:grn:authn:dk:mitid:substantial',
      sub: `{${citizen.uuid}}`,
      uuid: citizen.uuid,
      cprNumberIdentifier: citizen.cpr,
      name: citizen.name,
      birthdate: citizen.birthdate,
      country: 'DK',
    };
    found.signatory.status = 'SIGNED';
    found.signatory.evidence = { jwt: this.jwt(claims, at), claims, at };
    return found.signatory;
  }

  reject(token: string, citizen: TestCitizen, reason: string): SandboxSignatory {
    const found = this.signable(token);
    if (found.order.disableRejection) throw new SandboxApiError('Rejection is disabled for this order.');
    if (!this.evidenceMatches(found.signatory, citizen)) throw new SandboxApiError('Evidence validation failed.');
    found.signatory.status = 'REJECTED';
    found.signatory.statusReason = reason.slice(0, 500) || null;
    return found.signatory;
  }

  /** Runs `fn` on each document of the order, after any update already under way for it. */
  private updatePdfs(order: SandboxOrder, fn: (doc: SandboxDocument) => Promise<void>): Promise<void> {
    const run = order.pdfQueue.then(async () => {
      for (const doc of order.documents) await fn(doc);
    });
    order.pdfQueue = run.catch(() => undefined);
    return run;
  }

  private signable(token: string): { order: SandboxOrder; signatory: SandboxSignatory } {
    const found = this.byToken(token);
    if (!found) throw new SandboxApiError('Unknown signing link.');
    if (found.order.status !== 'OPEN') throw new SandboxApiError(`Signature order is ${found.order.status.toLowerCase()}.`);
    if (found.signatory.status !== 'OPEN') throw new SandboxApiError(`Signatory is ${found.signatory.status.toLowerCase()}.`);
    return found;
  }

  private applyExpiry(order: SandboxOrder): void {
    if (order.status === 'OPEN' && order.expiresAt.getTime() <= this.now().getTime()) order.status = 'EXPIRED';
  }

  /** The signing evidence as an RS256 JWT by the sandbox key, like Idura's JWTSignature. */
  private jwt(claims: Record<string, string>, at: Date): string {
    const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const iat = Math.floor(at.getTime() / 1000);
    const body = `${enc({ alg: 'RS256', typ: 'JWT', kid: 'sandbox' })}.${enc({ ...claims, iat, nbf: iat, exp: iat + 3600 })}`;
    const signature = cryptoSign('sha256', Buffer.from(body), createPrivateKey(this.certificate.privateKeyPem));
    return `${body}.${signature.toString('base64url')}`;
  }

  jwks(): string {
    const jwk = createPublicKey(this.certificate.publicKeyPem).export({ format: 'jwk' });
    return JSON.stringify({ keys: [{ ...jwk, kid: 'sandbox', use: 'sig', alg: 'RS256' }] });
  }
}

