import { createDocumentTemplateTables } from '../../documents/document-tables';
import type { Migration } from './migration';

// Reserved for the feature that owns it; it fills in `up` with its tables.
export const migration007: Migration = {
  version: 7,
  name: 'document templates and signing requests',
  up: (db) => {
    // document templates
    createDocumentTemplateTables(db);
  },
};
