// A mailing is a decision, not a click (issue 14), on a real SQLite file with
// the Digital Post sandbox over HTTP: the send dialog's count and cost are what
// the outbox and the cost ledger show afterwards (an exempt citizen goes by
// physical post, uncharged), and a send over the month's budget is refused
// with its figures in Danish and nothing queued. The same guard stops a
// letter from a record and a status change whose Digital Post action would exceed it.
import { describe, expect, it } from 'vitest';
import { EXAMPLE_LETTER, type ChannelMonthView, type MailingSendSummary, type MailingView } from '../../../src-main/contract';
import type { Session } from '../../../src-main/app/session';
import { count, createDemoRecord, demo, useTestApps, value, type TestApp } from '../helpers/test-app';
import { connect, useSandboxes } from './dp-helpers';

const { open } = useTestApps();
const sandbox = useSandboxes();
const EXEMPT_CPR = '3112451118';

async function until(app: TestApp, id: number, state: MailingView['state'], session: Session): Promise<MailingView> {
  let view = value(await app.dispatch('getMailing', { id }, session)) as MailingView;
  for (let i = 0; i < 500 && (view.state !== state || view.running); i += 1) {
    await new Promise((r) => setTimeout(r, 20));
    view = value(await app.dispatch('getMailing', { id }, session)) as MailingView;
  }
  expect(view.state).toBe(state);
  return view;
}

async function preparedMailing(app: TestApp) {
  const d = demo(app);
  const session = d.adminSession();
  const templateId = app.services.documents.templates.save({ name: 'Prøveafgørelse', definition: EXAMPLE_LETTER }, d.admin.id);
  // One exempt citizen among the records the filter chooses.
  const exempt = await createDemoRecord(app, session, { navn: 'Poul Madsen', cpr: EXEMPT_CPR });
  const created = value(await app.dispatch('createMailing', { name: 'Nye sager', templateId, filter: { statusId: exempt.statusId } }, session)) as MailingView;
  value(await app.dispatch('prepareMailing', { id: created.id }, session));
  const prepared = await until(app, created.id, 'prepared', session);
  return { d, session, exempt, prepared };
}

describe('a mailing is a decision', () => {
  it('prepares without queueing; the confirmed count and cost are what the outbox and the cost ledger show afterwards', async () => {
    const app = open({ seedDemo: true, language: 'da' });
    const sim = await sandbox();
    connect(app, sim);
    const { session, exempt, prepared } = await preparedMailing(app);
    expect(prepared.rendered).toBeGreaterThan(2);
    expect(count(app.services.db, 'digital_post_messages')).toBe(0);
    expect(sim.state.totalPosts).toBe(0);

    const summary = value(await app.dispatch('getMailingSendSummary', { id: prepared.id }, session)) as MailingSendSummary;
    expect(summary.letters).toBe(prepared.rendered);
    expect(summary.physical).toBe(1);
    expect(summary.physicalRecipients).toEqual([{ recordId: exempt.id, recordNumber: exempt.number, reason: 'exempt' }]);
    expect(summary.digital).toBe(summary.letters - 1);
    expect(summary.costOre).toBeGreaterThan(summary.digital * 19 - 1);
    expect(summary.budget).toMatchObject({ kind: 'digital_post', budgetOre: null, committedOre: 0 });

    value(await app.dispatch('sendMailing', { id: prepared.id, confirmation: summary.fingerprint }, session));
    const sent = await until(app, prepared.id, 'sent', session);
    expect(sent.queued).toBe(summary.letters);
    // Queued but not charged yet: the month's committed figure is the dialog's cost.
    const committed = (value(await app.dispatch('getBudgetOverview', {}, session)) as ChannelMonthView[]).find((c) => c.kind === 'digital_post')!;
    expect(committed).toMatchObject({ spentOre: 0, committedOre: summary.costOre });

    for (let i = 0; i < 20 && count(app.services.db, 'digital_post_messages', "state NOT IN ('delivered', 'physical_post')") > 0; i += 1) {
      await app.services.digitalPost.sender.sendDue();
      await app.services.digitalPost.sender.pollReceipts();
    }
    const db = app.services.db;
    expect(count(db, 'digital_post_messages', 'mailing_id = ?', prepared.id)).toBe(summary.letters);
    expect(count(db, 'digital_post_messages', "mailing_id = ? AND state = 'delivered'", prepared.id)).toBe(summary.digital);
    expect(count(db, 'digital_post_messages', "mailing_id = ? AND state = 'physical_post'", prepared.id)).toBe(summary.physical);
    const charged = db
      .prepare('SELECT coalesce(sum(c.amount_ore), 0) FROM cost_entries c JOIN digital_post_messages m ON m.message_uuid = c.idempotency_key WHERE m.mailing_id = ?')
      .pluck()
      .get(prepared.id) as number;
    expect(charged).toBe(summary.costOre);
    const after = (value(await app.dispatch('getBudgetOverview', {}, session)) as ChannelMonthView[]).find((c) => c.kind === 'digital_post')!;
    expect(after).toMatchObject({ spentOre: summary.costOre, committedOre: 0 });
    // The sandbox got the digital letters only; the exempt citizen's waits for print.
    expect(sim.state.letters.size).toBe(summary.digital);
    const audit = db.prepare("SELECT details FROM audit_log WHERE action = 'mailing.send_confirmed'").pluck().get() as string;
    expect(JSON.parse(audit)).toMatchObject({ mailingId: prepared.id, letters: summary.letters, costOre: summary.costOre, physical: 1 });
  });

  it('refuses a mailing over the month\'s Digital Post budget before anything is queued, with the figures in Danish', async () => {
    const app = open({ seedDemo: true, language: 'da' });
    const sim = await sandbox();
    connect(app, sim);
    const { d, session, prepared } = await preparedMailing(app);
    const summary = value(await app.dispatch('getMailingSendSummary', { id: prepared.id }, session)) as MailingSendSummary;
    // Only the administrator sets budgets, and a budget is validated.
    const jens = { userId: d.user('Jens Nielsen').id };
    expect(await app.dispatch('saveCostBudget', { kind: 'digital_post', monthlyOre: 100 }, jens)).toMatchObject({ ok: false, error: { code: 'not_allowed' } });
    expect((await app.dispatch('saveCostBudget', { kind: 'digital_post', monthlyOre: -1 }, session)).ok).toBe(false);
    expect((await app.dispatch('saveCostBudget', { kind: 'digital_post', monthlyOre: 1.5 }, session)).ok).toBe(false);
    const budget = value(await app.dispatch('saveCostBudget', { kind: 'digital_post', monthlyOre: summary.costOre - 1 }, session)) as ChannelMonthView;
    expect(budget).toMatchObject({ budgetOre: summary.costOre - 1, leftOre: summary.costOre - 1 });
    const audit = app.services.db.prepare("SELECT details FROM audit_log WHERE action = 'costs.budget_changed'").pluck().get() as string;
    expect(JSON.parse(audit)).toEqual({ channel: 'digital_post', fromOre: null, toOre: summary.costOre - 1 });

    // The dialog says so before the click, and the send is refused.
    const shown = value(await app.dispatch('getMailingSendSummary', { id: prepared.id }, session)) as MailingSendSummary;
    expect(shown.withinBudget).toBe(false);
    const refused = await app.dispatch('sendMailing', { id: prepared.id, confirmation: shown.fingerprint }, session);
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    expect(refused.error.code).toBe('budget_exceeded');
    expect(refused.error.message).toMatch(/^Budgettet for Digital Post i [a-zæøå]+ \d{4} er [\d.]+,\d\d kr\.; brugt 0,00 kr\., reserveret 0,00 kr\., tilbage [\d.]+,\d\d kr\.; denne udsendelse koster [\d.]+,\d\d kr\.$/);
    expect(refused.error.fieldErrors?.[0]?.params).toMatchObject({ channel: 'digital_post', budgetOre: summary.costOre - 1, leftOre: summary.costOre - 1, costOre: summary.costOre });
    expect(count(app.services.db, 'digital_post_messages')).toBe(0);
    expect(count(app.services.db, 'mailing_items', "state = 'queued'")).toBe(0);
    expect((value(await app.dispatch('getMailing', { id: prepared.id }, session)) as MailingView).state).toBe('prepared');
    await app.services.digitalPost.sender.sendDue();
    expect(sim.state.totalPosts).toBe(0);
  });

  it('stops a letter from a record and a status change whose Digital Post action would exceed what is left', async () => {
    const app = open({ seedDemo: true, language: 'da' });
    const sim = await sandbox();
    connect(app, sim);
    const { status, adminSession } = demo(app);
    const session = adminSession();
    const record = await createDemoRecord(app, session, { navn: 'Åse Æbelø', cpr: '2207924321' });
    value(await app.dispatch('saveCostBudget', { kind: 'digital_post', monthlyOre: 10 }, session));
    const letter = await app.dispatch('sendDigitalPost', { recordId: record.id, subject: 'Svar', notification: '', body: 'Tekst', attachments: [], requestId: crypto.randomUUID() }, session);
    expect(letter).toMatchObject({ ok: false, error: { code: 'budget_exceeded' } });
    if (!letter.ok) expect(letter.error.message).toContain('tilbage 0,10 kr.');

    const target = status('Under behandling');
    app.services.workspace.saveStatusAction({
      statusId: target.id,
      type: 'send_digital_post',
      name: 'Kvittering',
      params: { recipient: { mode: 'field', fieldKey: 'cpr' }, subject: 'Vi har modtaget din sag', notification: '', body: 'Tak.' },
      enabled: true,
      sortOrder: 9,
    });
    const jobsBefore = count(app.services.db, 'jobs');
    const moved = await app.dispatch('changeStatus', { id: record.id, version: record.version, toStatusId: target.id, comment: '' }, session);
    expect(moved).toMatchObject({ ok: false, error: { code: 'budget_exceeded' } });
    expect((app.services.db.prepare('SELECT status_id FROM records WHERE id = ?').pluck().get(record.id) as number)).toBe(record.statusId);
    expect(count(app.services.db, 'jobs')).toBe(jobsBefore);
    expect(count(app.services.db, 'digital_post_messages')).toBe(0);
    // No budget: no limit.
    value(await app.dispatch('saveCostBudget', { kind: 'digital_post', monthlyOre: null }, session));
    value(await app.dispatch('changeStatus', { id: record.id, version: record.version, toStatusId: target.id, comment: '' }, session));
  });
});
