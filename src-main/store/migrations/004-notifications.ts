import type { Migration } from './migration';

// Reserved for the feature that owns it; it fills in `up` with its tables.
export const migration004: Migration = {
  version: 4,
  name: 'notifications and read state',
  up: () => {},
};
