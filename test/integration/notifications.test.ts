import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import type { EventMap, MethodInput, MethodName, MethodResults } from '../../src-main/contract';
import { count, createDemoRecord, demo, manualClock, type ManualClock, type TestApp, useTestApps, value } from './helpers/test-app';

const { open } = useTestApps();

let app: TestApp;
let clock: ManualClock;
let admin: Session;

beforeEach(() => {
  clock = manualClock();
  app = open({ seedDemo: true, clock });
  admin = demo(app).adminSession();
});

/** A contract call through the dispatcher (validation included), typed by its method. */
const call = async <M extends MethodName>(method: M, input: MethodInput<M>, session: Session): Promise<MethodResults[M]> =>
  value(await app.dispatch(method, input, session)) as MethodResults[M];
const sessionOf = (name: string): Session => ({ userId: demo(app).user(name).id });
const inbox = (session: Session, unreadOnly = true) => call('listNotifications', { unreadOnly, offset: 0, limit: 50 }, session);
/** Events emitted while `fn` runs and right after (they are sent once the transaction is over). */
async function eventsDuring(fn: () => Promise<unknown>): Promise<EventMap['notificationsChanged'][]> {
  const seen: EventMap['notificationsChanged'][] = [];
  const off = app.events.subscribe((event, payload) => {
    if (event === 'notificationsChanged') seen.push(payload as EventMap['notificationsChanged']);
  });
  await fn();
  await Promise.resolve();
  off();
  return seen;
}

describe('responsibility notifications', () => {
  it('tells the user set in a user field, with record info and context naming the actor', async () => {
    const jens = demo(app).user('Jens Nielsen');
    const record = await createDemoRecord(app, admin);
    const events = await eventsDuring(() =>
      app.dispatch('updateRecord', { id: record.id, version: record.version, values: { sagsbehandler: String(jens.id), cpr: '0101901234' } }, admin),
    );
    expect(events).toEqual([{ userIds: [jens.id] }]);
    const page = await inbox(sessionOf('Jens Nielsen'));
    expect(page.unread).toBe(1);
    const [n] = page.rows;
    expect(n).toMatchObject({
      kind: 'responsible_user',
      context: "Du blev sat som ansvarlig i feltet 'Sagsbehandler' af Mette Jensen",
      params: { field: 'Sagsbehandler', actor: 'Mette Jensen' },
      actorName: 'Mette Jensen',
      readAt: null,
      record: { id: record.id, number: record.number, name: 'Test Person', workflowName: 'Ansøgning om tilskud', statusName: 'Modtaget', cprMasked: '010190-****' },
    });
    expect(n?.record?.keyFields).toContainEqual({ label: 'Sagsbehandler', value: 'Jens Nielsen' });
    expect(JSON.stringify(page)).not.toContain('0101901234');
    // The actor is not told about their own act; nobody else got anything.
    expect((await inbox(admin)).unread).toBe(0);
    expect(count(app.services.db, 'notifications', 'record_id = ?', record.id)).toBe(1);
  });

  it('does not notify again when the field keeps its value, nor the actor assigning themselves', async () => {
    const me = demo(app).admin;
    const record = await createDemoRecord(app, admin, { sagsbehandler: String(me.id) });
    const again = (await call('updateRecord', { id: record.id, version: record.version, values: { sagsbehandler: String(me.id), adresse: 'Vej 1' } }, admin));
    expect(again.version).toBe(record.version + 1);
    expect(count(app.services.db, 'notifications')).toBe(0);
  });

  it('tells every member of a group set in a group field; a later member gets only later ones', async () => {
    const d = demo(app);
    const group = d.group('Sagsbehandling');
    const record = await createDemoRecord(app, admin);
    (await call('updateRecord', { id: record.id, version: record.version, values: { team: String(group.id) } }, admin));
    const jens = await inbox(sessionOf('Jens Nielsen'));
    const anne = await inbox(sessionOf('Anne Sørensen'));
    expect(jens.rows[0]?.context).toBe("Din gruppe 'Sagsbehandling' blev sat som aktiv gruppe i feltet 'Team' af Mette Jensen");
    expect(anne.unread).toBe(1);
    expect((await inbox(sessionOf('Lars Pedersen'))).unread).toBe(0);
    // Lars joins Sagsbehandling: he does not see the earlier one, only the next.
    const lars = d.user('Lars Pedersen');
    (await call('saveUser', { id: lars.id, name: lars.name, initials: lars.initials, email: lars.email, isAdmin: false, groupIds: [...lars.groupIds, group.id] }, admin));
    expect((await inbox(sessionOf('Lars Pedersen'))).unread).toBe(0);
    const other = await createDemoRecord(app, admin, { team: String(group.id) });
    const larsInbox = await inbox(sessionOf('Lars Pedersen'));
    expect(larsInbox.rows.map((r) => r.record?.id)).toEqual([other.id]);
  });

  it('notifies from an assigning status action exactly once, in the job', async () => {
    const d = demo(app);
    const record = await createDemoRecord(app, admin);
    // The initial status "Modtaget" assigns Visitation when entered (creation enqueued it).
    expect(count(app.services.db, 'notifications')).toBe(0);
    await app.services.jobs.runDue();
    const anne = await inbox(sessionOf('Anne Sørensen'));
    expect(anne.rows).toHaveLength(1);
    expect(anne.rows[0]).toMatchObject({ kind: 'responsible_group', record: { id: record.id } });
    expect(anne.rows[0]?.context).toBe("Din gruppe 'Visitation' blev sat som aktiv gruppe i feltet 'Team' af en statushandling");
    // Mette (admin) is a Visitation member: the job has no person as actor, so she is told too.
    expect((await inbox(admin)).unread).toBe(1);
    await app.services.jobs.runDue();
    expect(count(app.services.db, 'notifications', 'record_id = ?', record.id)).toBe(d.group('Visitation').memberIds.length);
  });

  it('tells each person once per CSV import: one summary for several records, none for failed rows, in one event', async () => {
    const d = demo(app);
    const jens = d.user('Jens Nielsen');
    const lars = d.user('Lars Pedersen');
    // Jens is named on two good rows and one bad row (no name); Lars on one good row.
    const csv = `navn;sagsbehandler\nA Person;${jens.id}\nB Person;${jens.id}\n;${jens.id}\nC Person;${lars.id}\n`;
    const events = await eventsDuring(async () => {
      const report = await call('runCsvImport', { csv, workflowId: d.workflow.id, mapping: { navn: 'navn', sagsbehandler: 'sagsbehandler' } }, admin);
      expect(report.imported).toBe(3);
    });
    expect(events).toHaveLength(1);
    expect(new Set(events[0]?.userIds)).toEqual(new Set([jens.id, lars.id]));

    // One summary each (issue 14): the import is one bulk operation; opening it lists the records.
    const jensInbox = await inbox(sessionOf('Jens Nielsen'));
    expect(jensInbox.unread).toBe(1);
    expect(jensInbox.rows[0]).toMatchObject({ kind: 'bulk_summary', record: null });
    expect(jensInbox.rows[0]?.bulk).toMatchObject({ operation: 'csv_import', records: 2, parts: [{ reason: 'responsible_user', detail: 'Sagsbehandler', count: 2 }] });
    const listed = await call('listNotificationRecords', { id: jensInbox.rows[0]?.id as number, offset: 0, limit: 10 }, sessionOf('Jens Nielsen'));
    expect(listed.rows.map((r) => r.name)).toEqual(['A Person', 'B Person']);

    const larsInbox = await inbox(sessionOf('Lars Pedersen'));
    expect(larsInbox.unread).toBe(1);
    expect(larsInbox.rows[0]?.bulk).toMatchObject({ records: 1, parts: [{ reason: 'responsible_user', detail: 'Sagsbehandler', count: 1 }] });
  });

  it('a CSV import tells every member of a group once, with the count, and not the importer', async () => {
    const d = demo(app);
    const visitation = d.group('Visitation');
    const members = visitation.memberIds;
    expect(members.length).toBeGreaterThan(1);
    const rows = Array.from({ length: 5 }, (_, i) => `Person ${i};${visitation.id}`).join('\n');
    const report = await call('runCsvImport', { csv: `navn;team\n${rows}\n`, workflowId: d.workflow.id, mapping: { navn: 'navn', team: 'team' } }, admin);
    expect(report.imported).toBe(5);
    const told = app.services.db
      .prepare("SELECT id, user_id AS userId, record_id AS recordId FROM notifications WHERE kind = 'bulk_summary' ORDER BY user_id")
      .all() as { id: number; userId: number; recordId: number | null }[];
    expect(told.map((n) => n.userId)).toEqual(members.filter((id) => id !== admin.userId).toSorted((a, b) => a - b));
    for (const n of told) {
      expect(n.recordId).toBeNull();
      const lines = app.services.db.prepare("SELECT count(*) FROM notification_records WHERE notification_id = ? AND reason = 'responsible_group' AND detail = 'Team'").pluck().get(n.id);
      expect(lines).toBe(5);
    }
  });

  it('a rolled-back change leaves no notification', () => {
    const jens = demo(app).user('Jens Nielsen');
    const { records, db } = app.services;
    const id = records.create(demo(app).workflow.id, { navn: 'X' }, { userId: null, via: 'test' });
    expect(() =>
      db.transaction(() => {
        records.applyValues(id, { sagsbehandler: String(jens.id) }, { userId: null, via: 'status action' });
        throw new Error('boom');
      })(),
    ).toThrow('boom');
    expect(count(db, 'notifications')).toBe(0);
  });
});

describe('the "notify" status action', () => {
  it('reaches fixed users, fixed groups and the user named in a field, with a masked template', async () => {
    const d = demo(app);
    const target = d.status('Under behandling');
    const jens = d.user('Jens Nielsen');
    const lars = d.user('Lars Pedersen');
    value(
      await app.dispatch(
        'saveStatusAction',
        {
          statusId: target.id,
          type: 'notify',
          name: 'Giv besked',
          params: { userIds: [jens.id], groupIds: [d.group('Økonomi').id], fieldKeys: ['sagsbehandler'], message: 'Sag {{navn}} ({{cpr}}) til {{sagsbehandler}}' },
          enabled: true,
          sortOrder: 9,
        },
        admin,
      ),
    );
    const anne = d.user('Anne Sørensen');
    const record = await createDemoRecord(app, admin, { cpr: '0101901234', sagsbehandler: String(anne.id) });
    await app.services.jobs.runDue();
    const fresh = (await call('getRecord', { id: record.id }, admin));
    (await call('changeStatus', { id: record.id, version: fresh.version, toStatusId: target.id, comment: '' }, admin));
    await app.services.jobs.runDue();
    const expected = "Statushandling på 'Under behandling': Sag Test Person (010190-****) til Anne Sørensen";
    for (const who of [jens, lars, anne]) {
      const page = await inbox({ userId: who.id });
      expect(page.rows.filter((r) => r.kind === 'status_action').map((r) => r.context)).toEqual([expected]);
    }
    // The admin moved the record: not told about her own act.
    expect((await inbox(admin)).rows.filter((r) => r.kind === 'status_action')).toEqual([]);
    expect(JSON.stringify(app.services.db.prepare('SELECT * FROM notifications').all())).not.toContain('0101901234');
  });

  it('refuses a template naming an unknown field and an action without recipients', async () => {
    const target = demo(app).status('Under behandling');
    const base = { statusId: target.id, type: 'notify', name: 'x', enabled: true, sortOrder: 1 };
    const r1 = await app.dispatch('saveStatusAction', { ...base, params: { userIds: [1], message: 'Hej {{findes_ikke}}' } }, admin);
    expect(r1.ok).toBe(false);
    const r2 = await app.dispatch('saveStatusAction', { ...base, params: { message: 'Hej' } }, admin);
    expect(r2.ok).toBe(false);
  });
});

describe('read state, paging and retention', () => {
  it('lists unread first, marks read / unread / all read, only for oneself', async () => {
    const d = demo(app);
    const jens = sessionOf('Jens Nielsen');
    const ids: number[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await createDemoRecord(app, admin, { sagsbehandler: String(jens.userId) })).id);
    let page = await inbox(jens);
    expect(page.rows.map((r) => r.record?.id)).toEqual([...ids].reverse());
    const newest = page.rows[0]?.id as number;
    expect((await call('markNotificationsRead', { ids: [newest] }, jens))).toEqual({ unread: 2 });
    // Someone else cannot mark Jens's notification.
    (await call('markNotificationUnread', { id: newest }, admin));
    expect((await call('countUnreadNotifications', {}, jens))).toEqual({ unread: 2 });
    page = await inbox(jens, false);
    expect(page.rows.map((r) => r.readAt === null)).toEqual([true, true, false]);
    expect(page.rows[2]?.id).toBe(newest);
    const second = (await call('listNotifications', { offset: 2, limit: 1 }, jens));
    expect(second.rows.map((r) => r.id)).toEqual([newest]);
    expect((await call('markNotificationUnread', { id: newest }, jens))).toEqual({ unread: 3 });
    expect((await call('markAllNotificationsRead', {}, jens))).toEqual({ unread: 0 });
    expect((await inbox(jens)).rows).toEqual([]);
    void d;
  });

  it('deletes notifications older than the retention setting', async () => {
    const jens = sessionOf('Jens Nielsen');
    await createDemoRecord(app, admin, { sagsbehandler: String(jens.userId) });
    clock.advance(10 * 86_400_000);
    await createDemoRecord(app, admin, { sagsbehandler: String(jens.userId) });
    app.services.integrationSettings.write('notifications', (await import('../../src-main/notifications/retention')).notificationSettingsSchema, { retentionDays: 5 });
    expect(app.services.notificationRetention.runOnce()).toBe(1);
    expect((await inbox(jens)).unread).toBe(1);
  });

  it('requires a selected user', async () => {
    expect(await app.dispatch('listNotifications', { offset: 0, limit: 10 }, { userId: null })).toMatchObject({ ok: false, error: { code: 'no_user_selected' } });
  });
});

describe('my responsibilities', () => {
  it('counts records per status, directly and through groups, each record once', async () => {
    const d = demo(app);
    const jens = d.user('Jens Nielsen');
    const before = (await call('getMyResponsibilities', {}, { userId: jens.id }));
    const sags = d.group('Sagsbehandling');
    await createDemoRecord(app, admin, { sagsbehandler: String(jens.id) });
    await createDemoRecord(app, admin, { sagsbehandler: String(jens.id), team: String(sags.id) });
    await createDemoRecord(app, admin, { team: String(sags.id) });
    const after = (await call('getMyResponsibilities', {}, { userId: jens.id }));
    expect(after.total - before.total).toBe(3);
    const modtaget = (v: typeof after) => v.byStatus.find((s) => s.statusName === 'Modtaget' && s.workflowName === d.workflow.name);
    expect((modtaget(after)?.mine ?? 0) - (modtaget(before)?.mine ?? 0)).toBe(2);
    expect((modtaget(after)?.viaGroup ?? 0) - (modtaget(before)?.viaGroup ?? 0)).toBe(1);
    // The same as the record list's "mine" scope.
    const list = (await call('listRecords', { mine: true, offset: 0, limit: 1 }, { userId: jens.id }));
    expect(after.total).toBe(list.total);
  });
});

describe('the "notify" action in an exported workspace', () => {
  it('travels by names and comes back with the target installation ids', async () => {
    const d = demo(app);
    const lars = d.user('Lars Pedersen');
    const oekonomi = d.group('Økonomi');
    app.services.workspace.saveStatusAction({
      statusId: d.status('Afventer underskrift').id,
      type: 'notify',
      name: 'Besked til økonomi',
      params: { userIds: [lars.id], groupIds: [oekonomi.id], fieldKeys: ['team'], message: 'Klar til udbetaling: {{navn}}' },
      enabled: true,
      sortOrder: 3,
    });
    const file = (await call('exportWorkspace', {}, admin)).json;
    expect(JSON.stringify(JSON.parse(file))).toContain('"userNames":["Lars Pedersen"],"groupNames":["Økonomi"]');

    const target = open({ seedDemo: false });
    target.services.users.saveGroup({ name: 'Skubber id’erne' });
    const newAdmin = target.services.users.saveUser({ name: 'Ny Admin', initials: 'NA', email: '', isAdmin: true, groupIds: [] });
    value(await target.dispatch('importWorkspace', { json: file }, { userId: newAdmin.id }));
    const t = demo(target);
    const action = t.status('Afventer underskrift').actions.find((a) => a.type === 'notify');
    expect(action?.params).toEqual({
      userIds: [t.user('Lars Pedersen').id],
      groupIds: [t.group('Økonomi').id],
      fieldKeys: ['team'],
      message: 'Klar til udbetaling: {{navn}}',
    });
    expect(t.group('Økonomi').id).not.toBe(oekonomi.id);
  });
});
