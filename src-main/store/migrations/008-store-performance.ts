import type { Migration } from './migration';

// Reserved for the feature that owns it; it fills in `up` with its tables.
export const migration008: Migration = {
  version: 8,
  name: 'store performance',
  up: () => {},
};
