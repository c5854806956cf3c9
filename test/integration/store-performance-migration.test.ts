// Migration 008 on a database written by the previous schema (version 7):
// field values move from record_values rows into one JSON object per record,
// the list indexes and the FTS prefix index are built, and the app then reads,
// edits, lists and searches the old records as before.
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DATABASE_FILE } from '../../src-main/app/open-app';
import { LATEST_VERSION, MIGRATIONS, migrate } from '../../src-main/store/migrations';
import type { Session } from '../../src-main/app/session';
import type { RecordDetail, RecordPage } from '../../src-main/contract';
import { useTestApps, value } from './helpers/test-app';

const { tempDir, open } = useTestApps();

/** A version-7 file with a workspace and three records in the old shape (one record_values row per value). */
function version7File(dir: string, claimVersion = 7): string {
  const file = join(dir, DATABASE_FILE);
  const db = new Database(file);
  migrate(db, MIGRATIONS.slice(0, 7));
  db.exec(`
    INSERT INTO users (id, name, initials, email, is_admin, created_at) VALUES (1, 'Mette Jensen', 'MJ', 'mj@kommune.example', 1, '2026-01-01T08:00:00.000Z');
    INSERT INTO groups (id, name) VALUES (1, 'Visitation');
    INSERT INTO memberships (user_id, group_id) VALUES (1, 1);
    INSERT INTO fields (id, key, label, type, required, role, show_in_list, sort_order) VALUES
      (1, 'navn', 'Navn', 'text', 1, 'name', 1, 0),
      (2, 'cpr', 'CPR-nummer', 'cpr', 0, 'cpr', 1, 1),
      (3, 'sagsbehandler', 'Sagsbehandler', 'user', 0, 'responsible_user', 1, 2),
      (4, 'adresse', 'Adresse', 'text', 0, NULL, 0, 3),
      (5, 'beloeb', 'Beløb', 'number', 0, NULL, 0, 4);
    INSERT INTO workflows (id, name) VALUES (1, 'Ansøgning om tilskud');
    INSERT INTO statuses (id, workflow_id, name, sort_order) VALUES (1, 1, 'Modtaget', 0), (2, 1, 'Under behandling', 1);
    UPDATE workflows SET initial_status_id = 1;
    INSERT INTO transitions (workflow_id, from_status_id, to_status_id) VALUES (1, 1, 2);
    INSERT INTO records (id, number, workflow_id, status_id, name, name_key, cpr, responsible_user_id, responsible_group_id, version, created_at, updated_at, created_by) VALUES
      (1, '2026-000001', 1, 1, 'Jens Hansen', 'jens hansen', '0101901234', 1, NULL, 1, '2026-01-02T08:00:00.000Z', '2026-01-02T08:00:00.000Z', 1),
      (2, '2026-000002', 1, 2, 'Åse Øster', 'åse øster', NULL, NULL, 1, 3, '2026-01-03T08:00:00.000Z', '2026-01-05T08:00:00.000Z', 1),
      (3, '2026-000003', 1, 1, 'Hanne Hansen', 'hanne hansen', NULL, NULL, NULL, 1, '2026-01-04T08:00:00.000Z', '2026-01-04T08:00:00.000Z', 1);
    INSERT INTO record_values (record_id, field_id, value) VALUES
      (1, 1, 'Jens Hansen'), (1, 2, '0101901234'), (1, 3, '1'), (1, 4, 'Vestergade 1, "baghuset"'), (1, 5, '1200.50'),
      (2, 1, 'Åse Øster'), (2, 4, 'Østerbro 7'),
      (3, 1, 'Hanne Hansen');
    INSERT INTO records_search (rowid, name) VALUES (1, 'Jens Hansen'), (2, 'Åse Øster'), (3, 'Hanne Hansen');
  `);
  expect(db.pragma('user_version', { simple: true })).toBe(7);
  if (claimVersion !== 7) db.pragma(`user_version = ${claimVersion}`);
  db.close();
  return file;
}

describe('migration 008 on a version-7 database', () => {
  it('moves every field value into record_data and keeps record_values readable as a view', () => {
    const dir = tempDir();
    const file = version7File(dir);
    const before = new Database(file);
    const oldValues = before.prepare('SELECT record_id, field_id, value FROM record_values ORDER BY record_id, field_id').all();
    before.close();

    const db = new Database(file);
    expect(migrate(db)).toEqual({ from: 7, to: LATEST_VERSION });
    expect(db.prepare("SELECT type FROM sqlite_master WHERE name = 'record_values'").pluck().get()).toBe('view');
    expect(db.prepare('SELECT record_id, field_id, value FROM record_values ORDER BY record_id, field_id').all()).toEqual(oldValues);
    expect(JSON.parse(db.prepare('SELECT field_values FROM record_data WHERE record_id = 1').pluck().get() as string)).toEqual({
      '1': 'Jens Hansen',
      '2': '0101901234',
      '3': '1',
      '4': 'Vestergade 1, "baghuset"',
      '5': '1200.50',
    });
    expect(db.prepare('SELECT count(*) FROM record_data').pluck().get()).toBe(3);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The rebuilt search index holds the old names (prefix search, Danish letters).
    expect(db.prepare(`SELECT rowid FROM records_search WHERE records_search MATCH '"ha"*' ORDER BY rowid`).pluck().all()).toEqual([1, 3]);
    expect(db.prepare(`SELECT rowid FROM records_search WHERE records_search MATCH '"øs"*'`).pluck().all()).toEqual([2]);
    db.close();
  });

  it('lets the app read, list, search and edit the migrated records', async () => {
    const dir = tempDir();
    version7File(dir);
    const app = open({ dataDir: dir, seedDemo: false });
    const session: Session = { userId: 1 };

    const getRecord = async (id: number) => value(await app.dispatch('getRecord', { id }, session)) as RecordDetail;
    const list = async (input: Record<string, unknown>) => value(await app.dispatch('listRecords', { offset: 0, limit: 50, ...input }, session)) as RecordPage;
    const record = await getRecord(1);
    expect(record.values).toMatchObject({ navn: 'Jens Hansen', cpr: '010190-****', adresse: 'Vestergade 1, "baghuset"', beloeb: '1200.50' });
    expect((await getRecord(2)).values).toEqual({ navn: 'Åse Øster', adresse: 'Østerbro 7' });

    const hansens = await list({ search: 'hans', sortBy: 'name', sortDir: 'asc' });
    expect(hansens.total).toBe(2);
    expect(hansens.rows.map((r) => r.name)).toEqual(['Hanne Hansen', 'Jens Hansen']);
    const byUpdated = await list({});
    expect(byUpdated.rows.map((r) => r.id)).toEqual([2, 3, 1]);
    const mine = await list({ mine: true, sortBy: 'number', sortDir: 'asc' });
    expect(mine.rows.map((r) => r.id)).toEqual([1, 2]);
    expect(mine.total).toBe(2);

    value(await app.dispatch('updateRecord', { id: 2, version: 3, values: { navn: 'Åse Østergaard', adresse: null, beloeb: '99' } }, session));
    const edited = (await getRecord(2));
    expect(edited.values).toEqual({ navn: 'Åse Østergaard', beloeb: '99' });
    expect(edited.version).toBe(4);
    const found = await list({ search: 'østergaard' });
    expect(found.rows.map((r) => r.id)).toEqual([2]);
  });
});
