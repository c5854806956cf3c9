/**
 * How other features get a document generated from a template and a record's
 * data (the signing request uses it). Implemented by the documents module.
 */
export interface GeneratedDocument {
  fileName: string;
  title: string;
  pdf: Uint8Array;
}

export interface DocumentPort {
  /** `caseworkerUserId`: the acting caseworker, for `{{caseworker}}` where the record names no responsible one. */
  generate(input: { templateId: number; recordId: number; caseworkerUserId: number | null }): GeneratedDocument;
  /** A letter with the given subject and body on the workspace's letterhead (sender, recipient, Danish date, signature). */
  recordLetter(input: { recordId: number; subject: string; body: string; actingUserId: number | null }): GeneratedDocument;
}
