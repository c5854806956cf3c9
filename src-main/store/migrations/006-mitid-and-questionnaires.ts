import type { Migration } from './migration';

// Reserved for the feature that owns it; it fills in `up` with its tables.
export const migration006: Migration = {
  version: 6,
  name: 'MitID identities and questionnaires',
  up: () => {},
};
