// One notification per person per bulk operation (issue 14): a CSV import, a
// bulk status change and a mailing each leave every person they concern one
// summary notification listing the records, whatever status actions or
// assignments caused it. A single change still notifies per record.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import { EXAMPLE_LETTER, type MethodInput, type MethodName, type MethodResults, type NotificationView } from '../../src-main/contract';
import { routeToPhysicalPost } from '../../src-main/digital-post/outbox/outbox-actions';
import { count, createDemoRecord, demo, manualClock, type TestApp, useTestApps, value } from './helpers/test-app';
import { connect, useSandboxes } from './digital-post/dp-helpers';

const { open } = useTestApps();
const sandbox = useSandboxes();

let app: TestApp;
let admin: Session;

beforeEach(() => {
  app = open({ seedDemo: true, clock: manualClock() });
  admin = demo(app).adminSession();
});

const call = async <M extends MethodName>(method: M, input: MethodInput<M>, session: Session): Promise<MethodResults[M]> =>
  value(await app.dispatch(method, input, session)) as MethodResults[M];
const inbox = async (userId: number): Promise<NotificationView[]> =>
  (await call('listNotifications', { unreadOnly: false, offset: 0, limit: 200 }, { userId })).rows;
/** Every record id of a summary, read page by page as the UI does. */
async function recordsOf(userId: number, id: number): Promise<number[]> {
  const ids: number[] = [];
  for (let offset = 0; ; offset += 500) {
    const page = await call('listNotificationRecords', { id, offset, limit: 500 }, { userId });
    ids.push(...page.rows.map((r) => r.id));
    if (ids.length >= page.total) return ids;
  }
}
/** A notify action on a status, to every member of a group (a "Modtaget"-like action). */
async function notifyGroupOn(statusId: number, groupId: number, message: string): Promise<void> {
  await call(
    'saveStatusAction',
    { statusId, type: 'notify', name: 'Giv besked', params: { userIds: [], groupIds: [groupId], fieldKeys: [], message }, enabled: true, sortOrder: 9 },
    admin,
  );
}
async function drainJobs(): Promise<void> {
  while ((await app.services.jobs.runDue()) > 0);
}

describe('bulk operations notify once per person', () => {
  it('a 2,000-row CSV import: each Visitation member gets exactly one notification listing all records', async () => {
    const d = demo(app);
    const visitation = d.group('Visitation');
    const jens = d.user('Jens Nielsen');
    // The demo's "Modtaget" assigns Visitation to the Team field; add a message to the group too.
    await notifyGroupOn(d.workflow.initialStatusId as number, visitation.id, 'Ny sag {{navn}}');
    const rows = Array.from({ length: 2000 }, (_, i) => `Person ${i};${i < 120 ? jens.id : ''}`).join('\n');
    const report = await call(
      'runCsvImport',
      { csv: `navn;sagsbehandler\n${rows}\n`, workflowId: d.workflow.id, mapping: { navn: 'navn', sagsbehandler: 'sagsbehandler' }, fileName: 'sager.csv' },
      admin,
    );
    expect(report.imported).toBe(2000);
    await drainJobs();
    const imported = app.services.db.prepare("SELECT id FROM records WHERE name LIKE 'Person %' ORDER BY id").pluck().all() as number[];
    expect(imported).toHaveLength(2000);

    const members = visitation.memberIds.filter((id) => id !== admin.userId);
    expect(members.length).toBeGreaterThan(0);
    for (const userId of members) {
      const rowsOf = await inbox(userId);
      expect(rowsOf).toHaveLength(1);
      const [summary] = rowsOf as [NotificationView];
      expect(summary.kind).toBe('bulk_summary');
      expect(summary.bulk).toMatchObject({ operation: 'csv_import', label: 'sager.csv', records: 2000 });
      const parts = new Map(summary.bulk?.parts.map((p) => [`${p.reason}:${p.detail}`, p.count]));
      expect(parts.get('status_action:Modtaget')).toBe(2000);
      expect(parts.get('responsible_group:Team')).toBe(2000);
      expect(await recordsOf(userId, summary.id)).toEqual(imported);
    }
    // Jens is in Visitation too? Either way: one notification, which counts his 120 as his own.
    const jensRows = await inbox(jens.id);
    expect(jensRows).toHaveLength(1);
    expect(jensRows[0]?.bulk?.parts.find((p) => p.reason === 'responsible_user')).toMatchObject({ detail: 'Sagsbehandler', count: 120 });
    // The importer (a Visitation member, told of the status action's assignment as before) has one at most.
    expect((await inbox(admin.userId as number)).map((n) => n.kind)).toEqual(['bulk_summary']);
    // Nobody has more than one: not the old one-per-record flood.
    expect(app.services.db.prepare('SELECT max(n) FROM (SELECT count(*) AS n FROM notifications GROUP BY user_id)').pluck().get()).toBe(1);
    expect(count(app.services.db, 'notification_records')).toBeGreaterThanOrEqual(2000 * 3);
  }, 120_000);

  it('a bulk status change: one summary per person; someone else reading another person\u2019s summary gets nothing', async () => {
    const d = demo(app);
    const target = d.status('Under behandling');
    const okonomi = d.group('Økonomi');
    await notifyGroupOn(target.id, okonomi.id, 'Sag {{navn}} er under behandling');
    const ids: number[] = [];
    for (let i = 0; i < 30; i += 1) ids.push((await createDemoRecord(app, admin, { navn: `Flyt ${i}` })).id);
    await drainJobs();
    app.services.db.prepare('DELETE FROM notifications').run();

    const result = await call('changeStatusMany', { ids, toStatusId: target.id, comment: 'Samlet' }, admin);
    expect(result).toEqual({ changed: 30, refused: [] });
    await drainJobs();
    const members = okonomi.memberIds.filter((id) => id !== admin.userId);
    expect(members.length).toBeGreaterThan(0);
    for (const userId of members) {
      const rows = await inbox(userId);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.bulk).toMatchObject({ operation: 'status_change', label: 'Under behandling', records: 30 });
      expect(await recordsOf(userId, rows[0]?.id as number)).toEqual(ids.toSorted((a, b) => a - b));
    }
    const outsider = app.services.users.listUsers().find((u) => !okonomi.memberIds.includes(u.id) && u.id !== admin.userId);
    if (outsider && members[0] !== undefined) {
      const theirs = (await inbox(members[0]))[0]?.id as number;
      expect((await call('listNotificationRecords', { id: theirs, offset: 0, limit: 10 }, { userId: outsider.id })).total).toBe(0);
    }
  });

  it('a mailing: letters that go by physical post give each responsible person one summary', async () => {
    const d = demo(app);
    const templateId = app.services.documents.templates.save({ name: 'Prøveafgørelse', definition: EXAMPLE_LETTER }, d.admin.id);
    const statusId = d.status('Under behandling').id;
    const mailing = app.services.mailings.create({ name: 'Status-breve', templateId, filter: { statusId } }, { id: admin.userId as number, groupIds: [] });
    await app.services.mailings.prepare(mailing.id, admin.userId as number);
    const sent = await app.services.mailings.send(mailing.id, app.services.mailings.sendSummary(mailing.id).fingerprint, admin.userId as number);
    expect(sent.queued).toBeGreaterThan(5);
    app.services.db.prepare('DELETE FROM notifications').run();
    const letters = app.services.db.prepare('SELECT id, record_id FROM digital_post_messages WHERE mailing_id = ?').all(mailing.id) as {
      id: number;
      record_id: number;
    }[];
    const { db, clock, notifications } = app.services;
    for (const letter of letters) routeToPhysicalPost(db, clock, notifications, letter.id, 'recipient.exempt');
    // Who would have been told per letter: every record's responsible user and group members.
    const expected = new Map<number, Set<number>>();
    for (const { record_id: recordId } of letters) {
      const r = db.prepare('SELECT responsible_user_id AS u, responsible_group_id AS g FROM records WHERE id = ?').get(recordId) as { u: number | null; g: number | null };
      const people = [...(r.u ? [r.u] : []), ...(r.g ? (db.prepare('SELECT user_id FROM memberships WHERE group_id = ?').pluck().all(r.g) as number[]) : [])];
      for (const p of people) (expected.get(p) ?? expected.set(p, new Set()).get(p))?.add(recordId);
    }
    expect(expected.size).toBeGreaterThan(0);
    for (const [userId, records] of expected) {
      const rows = await inbox(userId);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.bulk).toMatchObject({ operation: 'mailing', label: 'Status-breve', records: records.size });
      expect(rows[0]?.bulk?.parts).toEqual([{ reason: 'digital_post_physical_fallback', detail: '', count: records.size }]);
      expect(new Set(await recordsOf(userId, rows[0]?.id as number))).toEqual(records);
    }
  });

  it('a mailing over real HTTP to exempt citizens: the access point names them exempt, their letters go to print, and each responsible person gets one summary', async () => {
    const sim = await sandbox();
    connect(app, sim);
    const d = demo(app);
    const templateId = app.services.documents.templates.save({ name: 'Prøveafgørelse', definition: EXAMPLE_LETTER }, d.admin.id);
    // Sandbox test citizens exempt from Digital Post (Poul Madsen, Bent Kristiansen).
    const ids: number[] = [];
    for (let i = 0; i < 6; i += 1) ids.push((await createDemoRecord(app, admin, { navn: `Fritaget ${i}`, cpr: i % 2 ? '3112451118' : '1810574327' })).id);
    await drainJobs();
    app.services.db.prepare('DELETE FROM notifications').run();
    const mailing = app.services.mailings.create({ name: 'Til fritagne', templateId, filter: { search: 'Fritaget' } }, { id: admin.userId as number, groupIds: [] });
    expect(mailing.total).toBe(6);
    await app.services.mailings.prepare(mailing.id, admin.userId as number);
    await app.services.mailings.send(mailing.id, app.services.mailings.sendSummary(mailing.id).fingerprint, admin.userId as number);
    await app.services.digitalPost.sender.sendDue();
    expect(count(app.services.db, 'digital_post_messages', "mailing_id = ? AND state = 'physical_post'", mailing.id)).toBe(6);
    const group = app.services.db.prepare('SELECT DISTINCT responsible_group_id FROM records WHERE id IN (' + ids.join(',') + ')').pluck().all() as number[];
    expect(group).toHaveLength(1);
    const members = app.services.db.prepare('SELECT user_id FROM memberships WHERE group_id = ?').pluck().all(group[0]) as number[];
    expect(members.length).toBeGreaterThan(0);
    for (const userId of members) {
      const rows = await inbox(userId);
      expect(rows).toHaveLength(1);
      expect(rows[0]?.bulk).toMatchObject({ operation: 'mailing', label: 'Til fritagne', records: 6, parts: [{ reason: 'digital_post_physical_fallback', count: 6 }] });
      expect(await recordsOf(userId, rows[0]?.id as number)).toEqual(ids);
    }
  });

  it('a single status change still notifies per record, with the record', async () => {
    const d = demo(app);
    const target = d.status('Under behandling');
    const okonomi = d.group('Økonomi');
    await notifyGroupOn(target.id, okonomi.id, 'Sag {{navn}}');
    const a = await createDemoRecord(app, admin, { navn: 'Enkelt A' });
    const b = await createDemoRecord(app, admin, { navn: 'Enkelt B' });
    await drainJobs();
    app.services.db.prepare('DELETE FROM notifications').run();
    for (const r of [a, b]) {
      const fresh = await call('getRecord', { id: r.id }, admin);
      await call('changeStatus', { id: r.id, version: fresh.version, toStatusId: target.id, comment: '' }, admin);
    }
    await drainJobs();
    const member = okonomi.memberIds.find((id) => id !== admin.userId) as number;
    const rows = (await inbox(member)).filter((n) => n.kind === 'status_action');
    expect(rows.map((n) => n.record?.id).toSorted()).toEqual([a.id, b.id].toSorted());
    expect(rows.every((n) => n.bulk === null)).toBe(true);
    expect(count(app.services.db, 'bulk_operations')).toBe(0);
  });
});
