// Migration 010 and the record list: names sort as Danish does.
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { RecordPage } from '../../../src-main/contract';
import { MIGRATIONS, migrate } from '../../../src-main/store/migrations';
import { useTestApps, value } from '../helpers/test-app';

const { open } = useTestApps();

const NAMES = ['Åse Ågesen', 'Aage Aagaard', 'Ærø Ærenlund', 'Øjvind Østergaard', 'Zenia Zahle', 'Anders Andersen', 'Émile Ébert'];

describe('Danish name order', () => {
  it('the record list sorts by name as Danish does: Z, Æ, Ø, Å, with Aa as Å', async () => {
    const app = open({ seedDemo: false });
    const { db } = app.services;
    // A workspace of one workflow and a name field is all this needs.
    app.services.workspace.saveField({ key: 'navn', label: 'Navn', type: 'text', required: true, options: [], role: 'name', showInList: true, sortOrder: 1 });
    const wf = app.services.workspace.saveWorkflow({ name: 'W', description: '', initialStatusId: null });
    app.services.workspace.saveStatus({ workflowId: wf.id, name: 'S', color: '#000000', isFinal: false, sortOrder: 1 });
    for (const name of NAMES) app.services.records.create(wf.id, { navn: name }, { userId: null, via: 'test' });
    const user = app.services.users.saveUser({ name: 'Admin', initials: 'AD', email: '', isAdmin: true, groupIds: [] });
    const page = value(await app.dispatch('listRecords', { sortBy: 'name', sortDir: 'asc', offset: 0, limit: 50 }, { userId: user.id })) as RecordPage;
    expect(page.rows.map((r) => r.name)).toEqual(['Anders Andersen', 'Émile Ébert', 'Zenia Zahle', 'Ærø Ærenlund', 'Øjvind Østergaard', 'Aage Aagaard', 'Åse Ågesen']);
    expect(db.prepare('SELECT count(*) FROM records').pluck().get()).toBe(NAMES.length);
  });

  it('migration 010 rewrites the stored keys of a version-9 store', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 9));
    db.exec("INSERT INTO workflows (id, name) VALUES (1, 'W'); INSERT INTO statuses (id, workflow_id, name) VALUES (1, 1, 'S')");
    const insert = db.prepare("INSERT INTO records (id, number, workflow_id, status_id, name, name_key, created_at, updated_at) VALUES (?, ?, 1, 1, ?, ?, 'x', 'x')");
    // Version 9 stored the plain lower-cased name.
    NAMES.forEach((name, i) => insert.run(i + 1, `2026-00000${i + 1}`, name, name.toLowerCase()));
    migrate(db);
    const order = db.prepare('SELECT name FROM records ORDER BY name_key, id').pluck().all();
    expect(order).toEqual(['Anders Andersen', 'Émile Ébert', 'Zenia Zahle', 'Ærø Ærenlund', 'Øjvind Østergaard', 'Aage Aagaard', 'Åse Ågesen']);
    expect(db.prepare("SELECT name_key FROM records WHERE name = 'Zenia Zahle'").pluck().get()).toBe('zenia zahle');
    db.close();
  });
});
