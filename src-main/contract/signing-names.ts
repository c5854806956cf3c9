// Method names of MitID signatures (issue 5); kept apart from the schemas so the preload stays zod-free.
export const SIGNING_METHOD_NAMES = [
  'listSigningRequests',
  'cancelSigningRequest',
  'refreshSigningRequests',
  'getSigningDocument',
  'getSignaturesSettings',
  'saveSignaturesSettings',
] as const;
