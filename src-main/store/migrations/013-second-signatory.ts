import type { Migration } from './migration';

// A signing request may have a second signatory (e.g. a co-applicant) who
// signs after the first (Idura's signingSequence). Their CPR, their signatory
// at Idura, their own signing link and the letter that carried it sit beside
// the first signatory's columns; null for the one-signatory requests.
export const migration013: Migration = {
  version: 13,
  name: 'second signatory',
  up: (db) => {
    db.exec(`
      ALTER TABLE signing_requests ADD COLUMN second_signer_cpr TEXT;
      ALTER TABLE signing_requests ADD COLUMN second_signatory_id TEXT;
      ALTER TABLE signing_requests ADD COLUMN second_signing_href TEXT;
      ALTER TABLE signing_requests ADD COLUMN second_letter_message_id INTEGER;
    `);
  },
};
