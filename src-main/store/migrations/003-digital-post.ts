import type { Migration } from './migration';

// Reserved for the feature that owns it; it fills in `up` with its tables.
export const migration003: Migration = {
  version: 3,
  name: 'Digital Post messages, outbox and mailings',
  up: () => {},
};
