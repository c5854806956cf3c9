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
  generate(input: { templateId: number; recordId: number; caseworkerUserId: number | null }): GeneratedDocument;
}
