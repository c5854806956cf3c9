// Method names of document templates and mailings; zod-free so the preload can import it.
export const DOCUMENT_METHOD_NAMES = [
  'listDocumentTemplates',
  'saveDocumentTemplate',
  'deleteDocumentTemplate',
  'previewDocument',
  'listMailings',
  'createMailing',
  'getMailing',
  'previewMailing',
  'prepareMailing',
  'getMailingSendSummary',
  'sendMailing',
  'getBudgetOverview',
  'saveCostBudget',
] as const;
