// Digital Post's method names (kept apart from the schemas, like names.ts, for the preload bundle).
export const DIGITAL_POST_METHOD_NAMES = [
  'listRecordMessages',
  'previewDigitalPost',
  'sendDigitalPost',
  'checkDigitalPostExemption',
  'getMessageProof',
  'getOutbox',
  'retryMessage',
  'cancelMessage',
  'getDigitalPostSettings',
  'saveDigitalPostSettings',
  'testDigitalPostConnection',
  'getCostOverview',
] as const;

/** The states of a Digital Post letter (zod-free, so the renderer may import it under its CSP). */
export const MESSAGE_STATE_NAMES = ['queued', 'sending', 'awaiting_receipt', 'accepted', 'delivered', 'read', 'failed', 'cancelled', 'physical_post'] as const;
export type MessageStateName = (typeof MESSAGE_STATE_NAMES)[number];
