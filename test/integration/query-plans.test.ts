// Hot queries must be served by their indexes (DESIGN.md: "tests assert that hot
// queries use their index"). The plans are taken from the statements the
// production code really runs, captured while it runs.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import { captureQueries, queryPlan, type CapturedQuery } from './helpers/capture-queries';
import { createDemoRecord, demo, type TestApp, useTestApps, value } from './helpers/test-app';

const { open } = useTestApps();

let app: TestApp;
let session: Session;

beforeEach(() => {
  app = open({ seedDemo: true });
  session = demo(app).adminSession();
});

/** Plans of the captured statements whose SQL matches `pattern`. */
async function plansFor(pattern: RegExp, fn: () => unknown): Promise<{ query: CapturedQuery; plan: string }[]> {
  const queries = (await captureQueries(app.services.db, fn)).filter((q) => pattern.test(q.sql));
  expect(queries.length, `no query matching ${pattern} ran`).toBeGreaterThan(0);
  return queries.map((query) => ({ query, plan: queryPlan(app.services.db, query).join('\n') }));
}

/** A full scan of a table without any index: the thing hot queries must never do. */
const fullScan = (table: string) => new RegExp(`SCAN ${table}(?! USING| VIRTUAL)(\\s|$)|SCAN r(?! USING| VIRTUAL)(\\s|$)`);

describe('the full-scan detector itself', () => {
  it('flags plain scans and accepts index walks', () => {
    expect('SCAN r').toMatch(fullScan('records'));
    expect('SEARCH x\nSCAN records\nUSE TEMP B-TREE').toMatch(fullScan('records'));
    expect('SCAN r USING INDEX records_by_name').not.toMatch(fullScan('records'));
    expect('SCAN records_search VIRTUAL TABLE INDEX 0:M1').not.toMatch(fullScan('records'));
  });
});

const list = (input: Record<string, unknown>) => app.dispatch('listRecords', { offset: 0, limit: 50, ...input }, session);

describe('record list queries use their indexes', () => {
  it('CPR lookup uses records_by_cpr', async () => {
    const plans = await plansFor(/FROM records r/, () => list({ search: '010190-1234' }));
    for (const { plan } of plans) {
      expect(plan).toContain('records_by_cpr (cpr=?)');
      expect(plan).not.toMatch(fullScan('records'));
    }
  });

  it('name search goes through the records_search FTS table and then by primary key', async () => {
    const plans = await plansFor(/FROM records r/, () => list({ search: 'jens han' }));
    for (const { plan } of plans) {
      expect(plan).toMatch(/SCAN records_search VIRTUAL TABLE/);
      expect(plan).toMatch(/SEARCH r USING INTEGER PRIMARY KEY/);
      expect(plan).not.toMatch(fullScan('records'));
    }
  });

  it('record number search uses the unique index on number', async () => {
    const plans = await plansFor(/FROM records r/, () => list({ search: '2026-12' }));
    for (const { plan } of plans) expect(plan).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_records_\d \(number=\?\)/);
  });

  it('status filter sorted by last change uses records_by_status without a sort step', async () => {
    const statusId = demo(app).status('Under behandling').id;
    const plans = await plansFor(/FROM records r .*ORDER BY/s, () => list({ statusId, sortBy: 'updatedAt', sortDir: 'desc' }));
    for (const { plan } of plans) {
      expect(plan).toContain('records_by_status (status_id=?)');
      expect(plan).not.toContain('TEMP B-TREE');
    }
    const counts = await plansFor(/count\(\*\)/, () => list({ statusId }));
    for (const { plan } of counts) expect(plan).toContain('COVERING INDEX records_by_status');
  });

  it('responsible user filter uses records_by_user', async () => {
    const userId = demo(app).user('Jens Nielsen').id;
    const plans = await plansFor(/FROM records r/, () => list({ responsibleUserId: userId }));
    for (const { plan } of plans) {
      // Counting may take migration 004's covering twin (records_by_user_status): same search, no row reads.
      expect(plan).toMatch(/records_by_user(_status)? \(responsible_user_id=\?\)/);
      expect(plan).not.toMatch(fullScan('records'));
    }
  });

  it('responsible group filter uses records_by_group', async () => {
    const groupId = demo(app).group('Visitation').id;
    const plans = await plansFor(/FROM records r/, () => list({ responsibleGroupId: groupId }));
    for (const { plan } of plans) expect(plan).toMatch(/records_by_group(_status)? \(responsible_group_id=\?\)/);
  });

  it('"my records" combines the user and group indexes', async () => {
    const plans = await plansFor(/FROM records r/, () => list({ mine: true }));
    for (const { plan } of plans) {
      expect(plan).toContain('MULTI-INDEX OR');
      expect(plan).toContain('records_by_user');
      expect(plan).toContain('records_by_group');
      expect(plan).not.toMatch(fullScan('records'));
    }
  });

  it('sorting by name walks records_by_name', async () => {
    const plans = await plansFor(/ORDER BY r\.name_key/, () => list({ sortBy: 'name', sortDir: 'asc' }));
    for (const { plan } of plans) {
      expect(plan).toContain('records_by_name');
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });
});

describe('record view and job queries use their indexes', () => {
  it('history, audit, values and jobs of one record', async () => {
    const { status } = demo(app);
    const record = await createDemoRecord(app, session);
    value(await app.dispatch('changeStatus', { id: record.id, version: record.version, toStatusId: status('Under behandling').id, comment: '' }, session));
    await app.services.jobs.runDue();

    const queries = await captureQueries(app.services.db, () => app.dispatch('getRecord', { id: record.id }, session));
    const planOf = (pattern: RegExp) => {
      const query = queries.find((q) => pattern.test(q.sql));
      expect(query, `no query matching ${pattern}`).toBeDefined();
      return query ? queryPlan(app.services.db, query).join('\n') : '';
    };
    expect(planOf(/FROM status_history WHERE record_id/)).toContain('USING INDEX status_history_by_record (record_id=?)');
    expect(planOf(/FROM audit_log WHERE record_id/)).toContain('USING INDEX audit_log_by_record (record_id=?)');
    expect(planOf(/FROM record_values WHERE record_id/)).toContain('USING PRIMARY KEY (record_id=?)');
    expect(planOf(/FROM jobs WHERE record_id/)).toContain('USING INDEX jobs_by_record (record_id=?)');
    const attempts = planOf(/FROM job_attempts/);
    expect(attempts).toContain('job_attempts_by_job (job_id=?)');
    expect(attempts).not.toMatch(/SCAN job_attempts(\s|$)/);
    expect(planOf(/FROM records WHERE id = \?/)).toContain('USING INTEGER PRIMARY KEY');
  });

  it('the due-job scan and the wake-up query use the partial index jobs_due', async () => {
    const { status } = demo(app);
    const record = await createDemoRecord(app, session);
    value(await app.dispatch('changeStatus', { id: record.id, version: record.version, toStatusId: status('Under behandling').id, comment: '' }, session));
    const queries = await captureQueries(app.services.db, () => app.services.jobs.runDue());
    const due = queries.find((q) => /FROM jobs WHERE status = 'queued' AND next_run_at <= \?/.test(q.sql));
    expect(due).toBeDefined();
    if (due) expect(queryPlan(app.services.db, due).join('\n')).toContain('USING INDEX jobs_due (next_run_at<?)');
  });
});
