/** What the MeMo builder needs; every part already decided by the caller. */
export interface MemoInput {
  messageUuid: string;
  /** ISO date-time; `createdDateTime` of the message body. */
  createdAt: string;
  sender: { cvr: string; label: string };
  recipient: { cpr: string; label?: string };
  /** The title the citizen sees in the inbox. */
  label: string;
  notification?: string;
  mainDocument: MemoDocument & { actions?: MemoAction[] };
  additionalDocuments?: MemoDocument[];
}

export interface MemoDocument {
  label?: string;
  files: MemoFile[];
}

export interface MemoFile {
  filename: string;
  content: Uint8Array;
  /** MIME type; Digital Post letters are PDF. */
  encodingFormat?: 'application/pdf';
  language?: string;
}

export const MEMO_ACTION_CODES = [
  'AFTALE',
  'BETALING',
  'SELVBETJENING',
  'INFORMATION',
  'UNDERSKRIV',
  'BEKRAEFT',
  'FORBEREDELSE',
  'TILMELDING',
] as const;
export type MemoActionCode = (typeof MEMO_ACTION_CODES)[number];

export interface MemoAction {
  label: string;
  actionCode: MemoActionCode;
  url: string;
}

/** Limits the access point enforces; configuration with safe defaults (no official NgDP limit is published). */
export interface MemoLimits {
  /** Whole message before base64, in bytes. */
  maxMessageBytes: number;
  /** One file, in bytes. */
  maxFileBytes: number;
}

export const DEFAULT_MEMO_LIMITS: MemoLimits = {
  // One practitioner caps digital letters at 74 MiB; the old DP2 limit was 99.5 MB.
  maxMessageBytes: 74 * 1024 * 1024,
  maxFileBytes: 74 * 1024 * 1024,
};

/** One reason a message cannot be built, for the caseworker's error text. */
export interface MemoProblem {
  /** Where: `label`, `notification`, `mainDocument.files.0.filename`, … */
  path: string;
  key:
    | 'required'
    | 'too_long'
    | 'filename_empty'
    | 'filename_forbidden_character'
    | 'filename_too_long'
    | 'filename_not_pdf'
    | 'file_empty'
    | 'file_too_large'
    | 'message_too_large'
    | 'action_not_https'
    | 'action_url_too_long'
    | 'language_format'
    | 'time_not_utc'
    | 'action_code'
    | 'cpr_format'
    | 'cvr_format'
    | 'uuid_format';
  params?: Record<string, string | number>;
}
