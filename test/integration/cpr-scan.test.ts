// The CPR scan: after flows that type CPR numbers into free text, a status
// comment, a CSV file and the CLI, no full CPR number appears in any log line,
// audit entry, status-history entry, job message, notification, API answer or
// CLI output. The only places that keep them are the record's own fields (read
// through the audited reveal) and the sandbox mailbox's letters.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordDetail } from '../../src-main/contract';
import { checkCpr } from '../../src-main/cpr/cpr';
import { maskCprsInConsole } from '../../src-main/shared/log-redaction';
import { count, demo, useTestApps, value } from './helpers/test-app';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const { open, tempDir } = useTestApps();

// Real birth dates, so they are CPR-shaped by the rules (cpr.ts).
const IN_NAME = '0101901234';
const IN_TEXT = '020290-5678';
const IN_TEXT_2 = '0303904321';
const IN_EDIT = '040490-1111';
const IN_COMMENT = '050590-2222';
const IN_CSV_CELL = '060690-3333';
const IN_CSV_NOTE = '0707903444';
const IN_CLI = '080890-5555';
const ALL = [IN_NAME, IN_TEXT, IN_TEXT_2, IN_EDIT, IN_COMMENT, IN_CSV_CELL, IN_CSV_NOTE, IN_CLI];

/** Every full CPR number (valid birth date) in the text, dashed or not. */
function fullCprs(text: string): string[] {
  return [...text.matchAll(/(?<!\d)\d{6}-?\d{4}(?!\d)/g)].map((m) => m[0]).filter((m) => checkCpr(m).ok);
}

function expectNoCpr(where: string, text: string): void {
  expect(fullCprs(text), where).toEqual([]);
  for (const cpr of ALL) {
    expect(text, where).not.toContain(cpr);
    expect(text, where).not.toContain(cpr.replace('-', ''));
  }
}

const logged: string[] = [];
const originals = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug };
beforeAll(() => {
  // What the hosts' logs receive: the console as every host entry sets it up.
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) console[method] = (...args: unknown[]) => void logged.push(args.map(String).join(' '));
  maskCprsInConsole();
});
afterAll(() => Object.assign(console, originals));

describe('CPR numbers typed into free text stay masked outside the record', () => {
  it('free text, an edit, a comment, notifications, the CSV preview and import, logs and the CLI', async () => {
    const dataDir = tempDir();
    const app = open({ dataDir, seedDemo: true });
    const d = demo(app);
    const session = d.adminSession();
    const caseworker = d.user('Jens Nielsen');
    const answers: unknown[] = [];
    const call = async (method: string, input: unknown) => {
      const result = await app.dispatch(method, input, session);
      answers.push(result);
      return result;
    };

    // A notify action quotes the description, where the caseworker typed CPR numbers.
    const target = d.status('Under behandling');
    app.services.workspace.saveStatusAction({
      statusId: target.id,
      type: 'notify',
      name: 'Fortæl sagsbehandleren',
      params: { userIds: [caseworker.id], groupIds: [], fieldKeys: [], message: `Se beskrivelsen: {{beskrivelse}} (sag ${IN_TEXT_2})` },
      enabled: true,
      sortOrder: 0,
    });

    const created = value(
      await call('createRecord', {
        workflowId: d.workflow.id,
        values: {
          navn: `Jens ${IN_NAME} Hansen`,
          beskrivelse: `Borgeren oplyste CPR ${IN_TEXT} og ægtefællens ${IN_TEXT_2}.`,
          sagsbehandler: String(caseworker.id),
        },
      }),
    ) as RecordDetail;
    // The record's view shows the text masked; the audited reveal shows it whole.
    expect(created.values.beskrivelse).toBe(`Borgeren oplyste CPR 020290-**** og ægtefællens 030390-****.`);
    const revealed = value(await app.dispatch('revealCpr', { id: created.id, fieldKey: 'beskrivelse' }, session)) as { cpr: string };
    expect(revealed.cpr).toContain(IN_TEXT);

    // Editing the masked text keeps the numbers it hid, and adds one.
    const edited = value(
      await call('updateRecord', { id: created.id, version: created.version, values: { beskrivelse: `${created.values.beskrivelse} Barn: ${IN_EDIT}.` } }),
    ) as RecordDetail;
    const stored = value(await app.dispatch('revealCpr', { id: created.id, fieldKey: 'beskrivelse' }, session)) as { cpr: string };
    expect(stored.cpr).toBe(`Borgeren oplyste CPR ${IN_TEXT} og ægtefællens ${IN_TEXT_2}. Barn: ${IN_EDIT}.`);

    const afterMove = value(
      await call('changeStatus', { id: created.id, version: edited.version, toStatusId: target.id, comment: `Ringet op, CPR ${IN_COMMENT}` }),
    ) as RecordDetail;
    expect(afterMove.history[0]?.comment).toBe('Ringet op, CPR 050590-****');
    await app.services.jobs.runDue();

    const csv = `Navn;CPR;Note\r\nKaren Blixen;${IN_CSV_CELL};Ny adresse, se ${IN_CSV_NOTE}\r\n;${IN_CSV_CELL};mangler navn\r\n`;
    await call('previewCsvImport', { csv });
    await call('runCsvImport', { csv, workflowId: d.workflow.id, mapping: { Navn: 'navn', CPR: 'cpr', Note: 'beskrivelse' } });

    await call('getRecord', { id: created.id });
    await call('listRecords', { limit: 50 });
    for (const user of [caseworker.id, d.admin.id]) answers.push(await app.dispatch('listNotifications', {}, { userId: user }));

    // The audit knows the description changed, and that its numbers differ, without holding them.
    const audit = (value(await app.dispatch('getRecord', { id: created.id }, session)) as RecordDetail).audit;
    const entry = audit
      .filter((a) => a.action === 'record.fields_changed')
      .flatMap((a) => a.details.changes as { field: string; fromHash?: string; toHash?: string }[])
      .find((c) => c.field === 'beskrivelse');
    expect(entry?.fromHash).toMatch(/^[\w-]{22}$/);
    expect(entry?.toHash).toMatch(/^[\w-]{22}$/);
    expect(entry?.fromHash).not.toBe(entry?.toHash);

    // The CLI: a header-less file whose first row is taken as the header, echoed by --map, and its rows' errors.
    const file = join(dataDir, 'uden-overskrift.csv');
    writeFileSync(file, `Ole Olsen;${IN_CLI};note\r\nEva;${IN_CLI};x\r\n`);
    const cli = spawnSync(
      process.execPath,
      ['--import', 'tsx', 'src-main/cli/main.ts', '--db', join(dataDir, 'caseworker.sqlite'), 'import', file, '--workflow', d.workflow.name, '--map', `${IN_CLI}=cpr`, '--map', 'Ole Olsen=navn'],
      { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' }, timeout: 120_000 },
    );
    expect(cli.stdout + cli.stderr).toContain('080890-****');

    const db = app.services.db;
    const rows = (sql: string) => (db.prepare(sql).raw().all() as unknown[][]).map((r) => r.join(' ')).join('\n');
    expect(count(db, 'notifications')).toBeGreaterThan(0);
    expectNoCpr('audit_log', rows('SELECT action, details FROM audit_log'));
    expectNoCpr('status_history', rows('SELECT comment FROM status_history'));
    expectNoCpr('notifications', rows('SELECT context, params FROM notifications'));
    expectNoCpr('jobs', rows("SELECT last_error FROM jobs"));
    expectNoCpr('job_attempts', rows('SELECT message FROM job_attempts'));
    expectNoCpr('API answers', JSON.stringify(answers));
    expectNoCpr('log lines', logged.join('\n'));
    expectNoCpr('CLI output', cli.stdout + cli.stderr);
    // The numbers are kept where they belong: the records' own fields.
    expect(rows('SELECT field_values FROM record_data')).toContain(IN_TEXT);
  }, 180_000);
});
