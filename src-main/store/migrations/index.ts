import type Database from 'better-sqlite3';
import { DomainError } from '../../shared/domain-error';
import { migration001 } from './001-initial';
import { migration002 } from './002-costs-and-integration-settings';
import { migration003 } from './003-digital-post';
import { migration004 } from './004-notifications';
import { migration005 } from './005-timed-actions-and-guards';
import { migration006 } from './006-mitid-and-questionnaires';
import { migration007 } from './007-documents-and-signing';
import { migration008 } from './008-store-performance';
import { migration009 } from './009-fewer-record-indexes';
import { migration010 } from './010-danish-name-order';
import { migration011 } from './011-running-jobs';
import { migration012 } from './012-digital-post-receipts';
import { migration013 } from './013-second-signatory';
import { migration014 } from './014-mailing-decision';
import { migration015 } from './015-physical-post';
import { migration016 } from './016-bulk-notifications';
import type { Migration } from './migration';

/** Every migration, in order. A new migration is a new file added here. */
export const MIGRATIONS: readonly Migration[] = [
  migration001,
  migration002,
  migration003,
  migration004,
  migration005,
  migration006,
  migration007,
  migration008,
  migration009,
  migration010,
  migration011,
  migration012,
  migration013,
  migration014,
  migration015,
  migration016,
];

export const LATEST_VERSION = MIGRATIONS.length;

export class DatabaseTooNewError extends DomainError {
  constructor(found: number, supported: number) {
    super(
      'database_too_new',
      `This database was written by a newer version of the app (schema ${found}; this app knows up to ${supported}). ` +
        'Install the newer version; the database has not been changed.',
    );
  }
}

/**
 * Brings the database to the latest schema. All pending migrations run in one
 * transaction, so a failure leaves the database exactly as it was. A database
 * from a newer app is refused before anything is written.
 */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): { from: number; to: number } {
  migrations.forEach((m, index) => {
    if (m.version !== index + 1) throw new Error(`migration ${m.name} must have version ${index + 1}`);
  });
  const from = db.pragma('user_version', { simple: true }) as number;
  const latest = migrations.length;
  if (from > latest) throw new DatabaseTooNewError(from, latest);
  if (from === latest) return { from, to: latest };
  db.transaction(() => {
    for (const m of migrations.slice(from)) m.up(db);
    db.pragma(`user_version = ${latest}`);
  }).immediate();
  return { from, to: latest };
}
