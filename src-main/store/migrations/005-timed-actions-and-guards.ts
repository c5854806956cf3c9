import type { Migration } from './migration';

// Reserved for the feature that owns it; it fills in `up` with its tables.
export const migration005: Migration = {
  version: 5,
  name: 'timed status actions and transition guards',
  up: () => {},
};
