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
