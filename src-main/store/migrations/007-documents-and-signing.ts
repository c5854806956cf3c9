import { createSigningTables } from '../../signing/signing-tables';
import { createDocumentTemplateTables } from '../../documents/document-tables';
import type { Migration } from './migration';

// Document templates (and the mailings that use them), and signing requests.
export const migration007: Migration = {
  version: 7,
  name: 'document templates and signing requests',
  up: (db) => {
    createSigningTables(db);
    createDocumentTemplateTables(db);
  },
};
