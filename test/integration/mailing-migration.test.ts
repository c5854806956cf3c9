// Migration 014 on a database written by the one-click version: a mailing that
// was "prepared" had queued its letters, so it becomes "sent" with its items
// and their messages kept; an unfinished one keeps its pending items.
import Database from 'better-sqlite3';
import { expect, it } from 'vitest';
import { MIGRATIONS, migrate } from '../../src-main/store/migrations';

it('turns a one-click prepared mailing into a sent one and keeps every item', () => {
  const db = new Database(':memory:');
  migrate(db, MIGRATIONS.slice(0, 13));
  db.pragma('foreign_keys = OFF');
  db.exec(`
    INSERT INTO mailings (id, name, template_id, filter, state, created_at, prepared_at) VALUES
      (1, 'Gammel', 1, '{}', 'prepared', '2026-11-01T10:00:00Z', '2026-11-01T10:05:00Z'),
      (2, 'Halv', 1, '{}', 'preparing', '2026-11-02T10:00:00Z', NULL);
    INSERT INTO mailing_items (mailing_id, record_id, state, message_id, reason) VALUES
      (1, 10, 'queued', 100, ''), (1, 11, 'skipped', NULL, 'no_cpr'), (2, 10, 'queued', 101, ''), (2, 12, 'pending', NULL, '');
  `);
  migrate(db);
  expect(db.prepare('SELECT id, state, sent_at FROM mailings ORDER BY id').all()).toEqual([
    { id: 1, state: 'sent', sent_at: '2026-11-01T10:05:00Z' },
    { id: 2, state: 'preparing', sent_at: null },
  ]);
  expect(db.prepare('SELECT mailing_id, record_id, state, message_id, reason, channel FROM mailing_items ORDER BY mailing_id, record_id').all()).toEqual([
    { mailing_id: 1, record_id: 10, state: 'queued', message_id: 100, reason: '', channel: null },
    { mailing_id: 1, record_id: 11, state: 'skipped', message_id: null, reason: 'no_cpr', channel: null },
    { mailing_id: 2, record_id: 10, state: 'queued', message_id: 101, reason: '', channel: null },
    { mailing_id: 2, record_id: 12, state: 'pending', message_id: null, reason: '', channel: null },
  ]);
  // The new states are allowed, unknown ones still refused.
  expect(() => db.prepare("UPDATE mailing_items SET state = 'rendered' WHERE record_id = 12").run()).not.toThrow();
  expect(() => db.prepare("UPDATE mailings SET state = 'gone' WHERE id = 1").run()).toThrow(/CHECK/);
  expect(db.prepare('SELECT count(*) FROM cost_budgets').pluck().get()).toBe(0);
});
