import type { Migration } from './migration';

// Physical post as a workflow (issue 14): a letter for a citizen exempt from
// Digital Post stays in state 'physical_post' ("Til print") until a caseworker
// marks it as posted. The day it was posted, who did it and when they recorded
// it are stored on the letter; only then does it count as delivered for the
// "all letters delivered" guard. Added columns only: no table rebuild.
export const migration015: Migration = {
  version: 15,
  name: 'Physical post: marked as posted',
  up: (db) => {
    db.exec(`
      ALTER TABLE digital_post_messages ADD COLUMN posted_on TEXT;
      ALTER TABLE digital_post_messages ADD COLUMN posted_by INTEGER REFERENCES users(id) ON DELETE SET NULL;
      ALTER TABLE digital_post_messages ADD COLUMN posted_recorded_at TEXT;
      CREATE INDEX digital_post_to_print ON digital_post_messages(id) WHERE state = 'physical_post' AND posted_on IS NULL;
    `);
  },
};
