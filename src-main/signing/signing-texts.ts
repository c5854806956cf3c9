import type { Language } from '../contract';
import type { SignedDocumentProblemCode } from './signature-check';

/** The signing worker's notifications, by the text that says them (params.signing). */
export type SigningNotice = 'requested' | 'completed' | 'rejected' | 'expired' | 'failed' | 'refused';

/**
 * Texts the signing worker writes for people: the letter to the citizen and
 * the caseworkers' notifications. Danish first. Never a CPR number.
 */
export const signingTexts = (lang: Language) =>
  lang === 'da'
    ? {
        letterNotification: (title: string) => `Du bedes underskrive: ${title}`,
        letterActionLabel: 'Underskriv med MitID',
        requested: (title: string, number: string) => `Underskrift sendt til borgeren: "${title}" (sag ${number})`,
        completed: (title: string, number: string) => `Borgeren har underskrevet "${title}" (sag ${number})`,
        rejected: (title: string, number: string) => `Borgeren har afvist at underskrive "${title}" (sag ${number})`,
        expired: (title: string, number: string) => `Fristen for at underskrive "${title}" er udløbet (sag ${number})`,
        failed: (title: string, number: string, why: string) => `Underskriften "${title}" mislykkedes (sag ${number}): ${why}`,
        cost: (title: string) => `MitID-underskrift: ${title}`,
        statusComment: (title: string, outcome: string) => `Underskrift "${title}": ${outcome}`,
        outcome: { signed: 'underskrevet', rejected: 'afvist', expired: 'udløbet' },
        couldNotMove: (why: string) => `Sagen kunne ikke flyttes: ${why}`,
        refused: (title: string, number: string, why: string) =>
          `Det underskrevne dokument "${title}" blev ikke godkendt og er ikke gemt (sag ${number}): ${why}. Anmodningen står åben: annullér den, eller bed om en ny underskrift.`,
        problem: {
          unreadable: 'PDF-filen kan ikke læses',
          no_signatures: 'dokumentet har ingen underskrift',
          byte_range: 'en underskrift dækker ikke dokumentet korrekt',
          not_whole_file: 'den sidste underskrift eller det sidste tidsstempel dækker ikke hele filen',
          digest_mismatch: 'dokumentet er ændret efter underskriften',
          signature_invalid: 'en underskrift er ugyldig',
          untrusted: 'en underskrift er ikke udstedt af en betroet udbyder',
          no_signing_certificate_v2: 'en underskrift mangler bindingen til sit certifikat (signing-certificate-v2)',
          signing_time: 'en underskrift har et CMS-signeringstidspunkt, som PAdES ikke tillader',
          no_signature_timestamp: 'en underskrift mangler tidsstempel',
          timestamp_invalid: 'et tidsstempel er ugyldigt',
          no_document_timestamp: 'dokumentet mangler det afsluttende dokumenttidsstempel',
          signature_count: 'der er færre underskrifter end underskrivere',
          no_trust_anchors: 'der er ikke sat betroede rodcertifikater op for underskrifter',
          evidence_missing: 'MitID-beviset for underskriften mangler',
          evidence_invalid: 'MitID-beviset for underskriften kan ikke verificeres',
          evidence_cpr_mismatch: 'MitID-beviset hører ikke til det CPR-nummer, underskriften blev bedt om fra',
        } satisfies Record<SignedDocumentProblemCode, string>,
      }
    : {
        letterNotification: (title: string) => `Please sign: ${title}`,
        letterActionLabel: 'Sign with MitID',
        requested: (title: string, number: string) => `Signature request sent to the citizen: "${title}" (record ${number})`,
        completed: (title: string, number: string) => `The citizen has signed "${title}" (record ${number})`,
        rejected: (title: string, number: string) => `The citizen has rejected signing "${title}" (record ${number})`,
        expired: (title: string, number: string) => `The deadline to sign "${title}" has passed (record ${number})`,
        failed: (title: string, number: string, why: string) => `The signature request "${title}" failed (record ${number}): ${why}`,
        cost: (title: string) => `MitID signature: ${title}`,
        statusComment: (title: string, outcome: string) => `Signature "${title}": ${outcome}`,
        outcome: { signed: 'signed', rejected: 'rejected', expired: 'expired' },
        couldNotMove: (why: string) => `The record could not be moved: ${why}`,
        refused: (title: string, number: string, why: string) =>
          `The signed document "${title}" was not accepted and has not been stored (record ${number}): ${why}. The request stays open: cancel it, or ask for a new signature.`,
        problem: {
          unreadable: 'the PDF file cannot be read',
          no_signatures: 'the document has no signature',
          byte_range: 'a signature does not cover the document correctly',
          not_whole_file: 'the last signature or timestamp does not cover the whole file',
          digest_mismatch: 'the document was changed after it was signed',
          signature_invalid: 'a signature is invalid',
          untrusted: 'a signature was not issued by a trusted provider',
          no_signing_certificate_v2: 'a signature lacks the binding to its certificate (signing-certificate-v2)',
          signing_time: 'a signature has a CMS signing time, which PAdES does not allow',
          no_signature_timestamp: 'a signature has no timestamp',
          timestamp_invalid: 'a timestamp is invalid',
          no_document_timestamp: 'the document lacks the final document timestamp',
          signature_count: 'there are fewer signatures than signatories',
          no_trust_anchors: 'no trusted root certificates are set up for signatures',
          evidence_missing: 'the MitID evidence of the signature is missing',
          evidence_invalid: 'the MitID evidence of the signature cannot be verified',
          evidence_cpr_mismatch: 'the MitID evidence does not belong to the CPR number the signature was requested from',
        } satisfies Record<SignedDocumentProblemCode, string>,
      };
