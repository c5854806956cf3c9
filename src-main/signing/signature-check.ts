import type * as pkijs from 'pkijs';
import type { ClosedOrder } from './signatures-client';
import { checkEvidence, type EvidenceProblemCode } from './signing-evidence-check';
import { certificatesFromPem, checkSignedPdf, type SignatureProblemCode } from './signed-pdf-check';

export type SignedDocumentProblemCode = SignatureProblemCode | EvidenceProblemCode | 'signature_count' | 'no_trust_anchors';

export interface SignedDocumentProblem {
  code: SignedDocumentProblemCode;
  field: string | null;
}

/** Decides, before anything is stored, whether a closed order's document may count as signed. */
export type SignedDocumentCheck = (closed: ClosedOrder, boundCprs: string[]) => Promise<SignedDocumentProblem[]>;

/**
 * The app's own check of what Idura returned: the PDF's signatures
 * (checkSignedPdf against `anchors()`), at least one PDF signature per
 * signatory, and each signatory's evidence bound to the CPR we asked for.
 */
export function signedDocumentCheck(anchors: () => Promise<pkijs.Certificate[]>): SignedDocumentCheck {
  return async (closed, boundCprs) => {
    const problems: SignedDocumentProblem[] = [];
    const trust = await anchors();
    if (trust.length === 0) problems.push({ code: 'no_trust_anchors', field: null });
    if (!closed.signedPdf) return [...problems, { code: 'no_signatures', field: null }];
    const report = await checkSignedPdf(closed.signedPdf, trust);
    // Without anchors every signature is "untrusted"; say why once instead.
    problems.push(...report.problems.filter((p) => !(trust.length === 0 && p.code === 'untrusted')));
    if (report.signatures.length < boundCprs.length && report.signatures.length > 0) problems.push({ code: 'signature_count', field: null });
    for (const code of checkEvidence(closed.evidence, boundCprs)) problems.push({ code, field: null });
    return problems;
  };
}

/**
 * Where the trusted roots come from: the installation's PEM file
 * (SIGNATURES_TRUST_ANCHORS_FILE); else, while the app talks to the sandbox, the sandbox
 * CA (fetched from its `/sandbox/ca.pem` at each check, so a sandbox
 * restarted with a new CA is followed: trusting the sandbox for the sandbox);
 * else none, and every document is refused.
 */
export function trustAnchorsFrom(source: () => { pem: string; sandboxEndpoint: string | null }): () => Promise<pkijs.Certificate[]> {
  return async () => {
    const { pem, sandboxEndpoint } = source();
    if (pem.trim()) return certificatesFromPem(pem);
    if (!sandboxEndpoint) return [];
    // A sandbox that cannot be reached throws: the worker retries later rather than refusing the document.
    const res = await fetch(new URL('/sandbox/ca.pem', sandboxEndpoint), { signal: AbortSignal.timeout(10_000) });
    if (!res.ok) return [];
    return certificatesFromPem(await res.text());
  };
}
