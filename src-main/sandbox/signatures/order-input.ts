import { degrees, PDFDocument, PDFName, StandardFonts, rgb } from 'pdf-lib';
import { notSupported, SandboxApiError } from './sandbox-api-error';

/** Parsing and checking of the order and signatory inputs, with Idura's rules. */

export type Language = 'DA_DK' | 'EN_US' | 'SV_SE' | 'NB_NO';
export type SignatoryRole = 'SIGNER' | 'APPROVER' | 'VIEWER';

export interface UiSettings {
  signatoryRedirectUri: string | null;
  language: Language;
  logo: { src: string; href: string | null } | null;
  stylesheet: string | null;
  disableRejection: boolean;
  enableCancel: boolean;
  renderPdfAnnotationLayer: boolean;
}

export interface UiInput {
  signatoryRedirectUri?: string | null;
  language?: Language | null;
  logo?: { src: string; href?: string | null } | null;
  stylesheet?: string | null;
  disableRejection?: boolean | null;
  enableCancel?: boolean | null;
  renderPdfAnnotationLayer?: boolean | null;
}

export interface CriiptoVerifyInput {
  acrValues?: string[] | null;
  alwaysRedirect?: boolean | null;
  uniqueEvidenceKey?: string | null;
  message?: string | null;
  loginHint?: string | null;
  scope?: string | null;
  audiences?: string[] | null;
  version?: 'V1' | 'V2' | null;
}

export type EvidenceProvider = SingleEvidenceProvider | { kind: 'allOf'; id: string; enabledByDefault: boolean; providers: SingleEvidenceProvider[] };

export type SingleEvidenceProvider =
  | { kind: 'criiptoVerify'; id: string; enabledByDefault: boolean; acrValues: string[]; uniqueEvidenceKey: string | null; message: string | null; loginHint: string | null; scope: string | null; audiences: string[]; version: 'V1' | 'V2'; alwaysRedirect: boolean }
  | { kind: 'drawable'; id: string; enabledByDefault: boolean; requireName: boolean; minimumWidth: number | null; minimumHeight: number | null }
  | { kind: 'noop'; id: string; enabledByDefault: boolean; name: string };

export interface ProviderInput {
  criiptoVerify?: CriiptoVerifyInput | null;
  drawable?: { requireName?: boolean | null; minimumWidth?: number | null; minimumHeight?: number | null } | null;
  noop?: { name: string } | null;
  oidc?: unknown;
  allOf?: { providers: Omit<ProviderInput, 'allOf' | 'enabledByDefault'>[] } | null;
  enabledByDefault?: boolean | null;
}

export interface SignatoryInput {
  signatoryRole?: SignatoryRole | null;
  reference?: string | null;
  role?: string | null;
  signingAs?: string | null;
  documents?: { id: string; preapproved?: boolean | null; pdfSealPosition?: SealPositionInput | null; pdfSealPositions?: SealPositionInput[] | null }[] | null;
  evidenceProviders?: ({ id: string } & Omit<ProviderInput, 'enabledByDefault'>)[] | null;
  evidenceValidation?: { key: string; value?: string | null; boolean?: boolean | null }[] | null;
  signatureAppearance?: unknown;
  ui?: UiInput | null;
  signingSequence?: number | null;
}

interface SealPositionInput {
  page: number;
  x: number;
  y: number;
  scale?: number | null;
}

export interface DocumentInput {
  pdf?: {
    title: string;
    reference?: string | null;
    blob: string;
    storageMode: string;
    displayDocumentID?: 'LEFT' | 'TOP' | 'RIGHT' | 'BOTTOM' | null;
    form?: { enabled: boolean } | null;
    sealsPageTemplate?: { blob: string } | null;
    removeBookmarks?: boolean | null;
  } | null;
  xml?: unknown;
  removePreviousSignatures?: boolean | null;
  keepPreviousSignatures?: boolean | null;
}

export interface CreateOrderInput {
  title?: string | null;
  disableVerifyEvidenceProvider?: boolean | null;
  fixDocumentFormattingErrors?: boolean | null;
  maxSignatories?: number | null;
  expiresInDays?: number | null;
  expiresAt?: string | null;
  timezone?: string | null;
  signatories?: SignatoryInput[] | null;
  documents: DocumentInput[];
  evidenceProviders?: ProviderInput[] | null;
  evidenceValidationStages?: ('SIGN' | 'VIEW')[] | null;
  ui?: UiInput | null;
  webhook?: { url: string; secret?: string | null; validateConnectivity?: boolean | null } | null;
  signatureAppearance?: unknown;
}

/**
 * The sandbox's Criipto Verify tenant has Danish MitID only. Idura refuses an
 * order whose acrValues name an e-ID the tenant has not enabled.
 */
export const TENANT_ACR_VALUES = ['urn:grn:authn:dk:mitid:low', 'urn:grn:authn:dk:mitid:substantial', 'urn:grn:authn:dk:mitid:high', 'urn:grn:authn:dk:mitid:business'] as const;
export const DEFAULT_ACR_VALUE = 'urn:grn:authn:dk:mitid:substantial';

export function checkAcrValues(acrValues: string[]): void {
  const unknown = acrValues.filter((v) => !(TENANT_ACR_VALUES as readonly string[]).includes(v));
  if (unknown.length) {
    throw new SandboxApiError(
      `Invalid acrValues: ${unknown.join(', ')} is not enabled for this tenant (enabled: ${TENANT_ACR_VALUES.join(', ')})`,
    );
  }
}

/** Scopes the sandbox's MitID can issue claims for. */
const KNOWN_SCOPES = ['openid', 'ssn'];

export function checkCriiptoVerify(v: CriiptoVerifyInput): void {
  if (v.acrValues) checkAcrValues(v.acrValues);
  if (v.scope != null) {
    const scopes = v.scope.split(/\s+/).filter(Boolean);
    if (!scopes.includes('openid')) throw new SandboxApiError('scope must include openid.');
    const other = scopes.filter((s) => !KNOWN_SCOPES.includes(s));
    if (other.length) throw notSupported(`scope ${other.join(' ')} (the Sandbox's MitID knows openid and ssn)`);
  }
  if (v.audiences?.length) throw notSupported('criiptoVerify.audiences');
  if (v.loginHint != null) parseLoginHint(v.loginHint);
}

/** Idura's login_hint words the sandbox's MitID understands; others are refused, not ignored. */
export function parseLoginHint(hint: string): { message: string | null; sub: string | null } {
  let message: string | null = null;
  let sub: string | null = null;
  for (const word of hint.split(/\s+/).filter(Boolean)) {
    if (word.startsWith('message:')) message = Buffer.from(word.slice(8), 'base64').toString('utf8');
    else if (word.startsWith('sub:')) sub = word.slice(4);
    else if (/^action:(confirm|accept|approve|sign|login)$/.test(word)) continue;
    else if (word === 'scope:ssn') continue;
    else throw notSupported(`loginHint "${word.split(':')[0]}"`);
  }
  return { message, sub };
}

const https = (what: string, value: string, allowData = false): void => {
  if (allowData && value.startsWith('data:')) return;
  let ok = false;
  try {
    ok = new URL(value).protocol === 'https:';
  } catch {
    ok = false;
  }
  if (!ok) throw new SandboxApiError(`${what} must be an absolute HTTPS URL${allowData ? ' or a data: url' : ''}.`);
};

export function uiFrom(input: UiInput | null | undefined, base: UiSettings | null): UiSettings {
  const b: UiSettings = base ?? {
    signatoryRedirectUri: null,
    language: 'EN_US',
    logo: null,
    stylesheet: null,
    disableRejection: false,
    enableCancel: false,
    renderPdfAnnotationLayer: false,
  };
  if (!input) return b;
  if (input.logo) https('ui.logo.src', input.logo.src, true);
  if (input.stylesheet) https('ui.stylesheet', input.stylesheet);
  if (input.signatoryRedirectUri) {
    try {
      new URL(input.signatoryRedirectUri);
    } catch {
      throw new SandboxApiError('ui.signatoryRedirectUri must be an absolute URL.');
    }
  }
  return {
    signatoryRedirectUri: input.signatoryRedirectUri ?? b.signatoryRedirectUri,
    language: input.language ?? b.language,
    logo: input.logo ? { src: input.logo.src, href: input.logo.href ?? null } : b.logo,
    stylesheet: input.stylesheet ?? b.stylesheet,
    disableRejection: input.disableRejection ?? b.disableRejection,
    enableCancel: input.enableCancel ?? b.enableCancel,
    renderPdfAnnotationLayer: input.renderPdfAnnotationLayer ?? b.renderPdfAnnotationLayer,
  };
}

export function providersFrom(input: CreateOrderInput, newId: (type: string) => string): EvidenceProvider[] {
  const list: EvidenceProvider[] = [];
  const criipto = (v: CriiptoVerifyInput, enabledByDefault: boolean): SingleEvidenceProvider => {
    checkCriiptoVerify(v);
    return {
      kind: 'criiptoVerify',
      id: newId('CriiptoVerifySignatureEvidenceProvider'),
      enabledByDefault,
      acrValues: v.acrValues?.length ? v.acrValues : [DEFAULT_ACR_VALUE],
      uniqueEvidenceKey: v.uniqueEvidenceKey ?? null,
      message: v.message ?? null,
      loginHint: v.loginHint ?? null,
      scope: v.scope ?? null,
      audiences: v.audiences ?? [],
      version: v.version ?? 'V2',
      alwaysRedirect: v.alwaysRedirect ?? false,
    };
  };
  const single = (p: Omit<ProviderInput, 'allOf' | 'enabledByDefault'>, enabledByDefault: boolean): SingleEvidenceProvider => {
    const set = [p.criiptoVerify, p.drawable, p.noop, p.oidc].filter((x) => x != null).length;
    if (set !== 1) throw new SandboxApiError('Each evidence provider must define exactly one of criiptoVerify, drawable, noop, oidc or allOf.');
    if (p.oidc) throw notSupported('evidenceProviders.oidc');
    if (p.criiptoVerify) return criipto(p.criiptoVerify, enabledByDefault);
    if (p.drawable) {
      return {
        kind: 'drawable',
        id: newId('DrawableSignatureEvidenceProvider'),
        enabledByDefault,
        requireName: p.drawable.requireName ?? false,
        minimumWidth: p.drawable.minimumWidth ?? null,
        minimumHeight: p.drawable.minimumHeight ?? null,
      };
    }
    return { kind: 'noop', id: newId('NoopSignatureEvidenceProvider'), enabledByDefault, name: p.noop!.name };
  };
  for (const p of input.evidenceProviders ?? []) {
    const enabledByDefault = p.enabledByDefault ?? true;
    if (p.allOf) {
      if ([p.criiptoVerify, p.drawable, p.noop, p.oidc].some((x) => x != null)) throw new SandboxApiError('An allOf evidence provider cannot define other providers beside it.');
      if (p.allOf.providers.length === 0) throw new SandboxApiError('allOf needs at least one provider.');
      list.push({ kind: 'allOf', id: newId('AllOfSignatureEvidenceProvider'), enabledByDefault, providers: p.allOf.providers.map((x) => single(x, true)) });
    } else list.push(single(p, enabledByDefault));
  }
  // The built-in Criipto Verify provider, unless the order brings its own or disables it.
  const hasVerify = list.some((p) => p.kind === 'criiptoVerify' || (p.kind === 'allOf' && p.providers.some((x) => x.kind === 'criiptoVerify')));
  if (!input.disableVerifyEvidenceProvider && !hasVerify) list.unshift(criipto({}, true));
  if (list.length === 0) throw new SandboxApiError('The signature order has no evidence providers.');
  return list;
}

export function isPdf(bytes: Buffer): boolean {
  return bytes.subarray(0, 5).toString('latin1') === '%PDF-';
}

/** Idura's `displayDocumentID`: the document ID printed along one edge of every page, before anyone signs. */
export async function stampDocumentId(pdf: Buffer, documentID: string, where: 'LEFT' | 'TOP' | 'RIGHT' | 'BOTTOM'): Promise<Buffer> {
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const text = `Document ID: ${documentID}`;
  const size = 7;
  for (const page of doc.getPages()) {
    const { width, height } = page.getSize();
    const w = font.widthOfTextAtSize(text, size);
    const color = rgb(0.35, 0.35, 0.35);
    if (where === 'TOP') page.drawText(text, { x: (width - w) / 2, y: height - 12, size, font, color });
    else if (where === 'BOTTOM') page.drawText(text, { x: (width - w) / 2, y: 6, size, font, color });
    else if (where === 'LEFT') page.drawText(text, { x: 12, y: (height - w) / 2, size, font, color, rotate: degrees(90) });
    else page.drawText(text, { x: width - 6, y: (height - w) / 2, size, font, color, rotate: degrees(90) });
  }
  return Buffer.from(await doc.save({ useObjectStreams: false }));
}

/** validateDocument: whether the PDF can be loaded, and what it holds. */
export async function validatePdf(pdf: Buffer): Promise<{ valid: boolean; errors: string[]; fixable: boolean | null; hasBookmarks: boolean | null; previouslySigned: boolean | null }> {
  if (!isPdf(pdf)) return { valid: false, errors: ['The document is not a PDF.'], fixable: false, hasBookmarks: null, previouslySigned: null };
  try {
    const doc = await PDFDocument.load(pdf, { updateMetadata: false });
    const latin = pdf.toString('latin1');
    return {
      valid: true,
      errors: [],
      fixable: null,
      hasBookmarks: doc.catalog.has(PDFName.of('Outlines')),
      previouslySigned: /\/ByteRange\s*\[/.test(latin),
    };
  } catch (error) {
    return { valid: false, errors: [`The PDF could not be read: ${(error as Error).message}`], fixable: false, hasBookmarks: null, previouslySigned: null };
  }
}
