// Hot queries must be served by their indexes (DESIGN.md: "tests assert that hot
// queries use their index"). The plans are taken from the statements the
// production code really runs, captured while it runs.
import { beforeEach, describe, expect, it } from 'vitest';
import type { Session } from '../../src-main/app/session';
import type { RecordPage } from '../../src-main/contract';
import { requeueInterrupted } from '../../src-main/jobs/job-queue';
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

/** The statement that picks a page's ids, and the one that reads the page's rows. */
const isPageIds = (q: CapturedQuery) => /^SELECT r\.id FROM records r/.test(q.sql);
const isPageRows = (q: CapturedQuery) => /FROM records r WHERE r\.id IN \(\?/.test(q.sql);

describe('record list queries use their indexes', () => {
  it('CPR lookup goes through the records_cpr search index and then by primary key', async () => {
    const plans = await plansFor(/FROM records r/, () => list({ search: '010190-1234' }));
    const ids = plans.filter((p) => isPageIds(p.query));
    expect(ids.length).toBe(1);
    for (const { query, plan } of plans) {
      if (!isPageRows(query)) {
        expect(plan).toMatch(/SCAN records_cpr VIRTUAL TABLE/);
        expect(plan).toMatch(/SEARCH r USING INTEGER PRIMARY KEY/);
      }
      expect(plan).not.toMatch(fullScan('records'));
    }
  });

  it('name search with few matches goes through the records_search FTS table and then by primary key', async () => {
    const plans = await plansFor(/FROM records r/, () => list({ search: 'jens han' }));
    for (const { query, plan } of plans) {
      if (isPageIds(query)) {
        expect(plan).toMatch(/SCAN records_search VIRTUAL TABLE/);
        expect(plan).toMatch(/SEARCH r USING INTEGER PRIMARY KEY/);
      }
      expect(plan).not.toMatch(fullScan('records'));
    }
  });

  it('name search with many matches walks the list index and checks the matches', async () => {
    // "a" as a word start matches many demo records: more than enough to fill a page.
    const many = await plansFor(/^SELECT r\.id FROM records r/, () => list({ search: 'a', limit: 5 }));
    for (const { plan } of many) {
      expect(plan).toContain('COVERING INDEX records_list_by_updated');
      expect(plan).toMatch(/SCAN records_search VIRTUAL TABLE/);
      expect(plan).not.toContain('TEMP B-TREE');
    }
  });

  it('a birth-date search goes through the records_cpr index (a prefix of its token) and the primary key', async () => {
    const plans = await plansFor(/FROM records r/, () => list({ search: '010190' }));
    for (const { query, plan } of plans) {
      if (!isPageRows(query)) expect(plan).toMatch(/SCAN records_cpr VIRTUAL TABLE/);
      expect(plan).not.toMatch(fullScan('records'));
    }
  });

  it('a sequence-number search reads one record by its primary key', async () => {
    const plans = await plansFor(/FROM records r/, () => list({ search: '199' }));
    for (const { plan } of plans) {
      expect(plan).toMatch(/SEARCH r USING INTEGER PRIMARY KEY/);
      expect(plan).not.toMatch(fullScan('records'));
    }
  });

  it('record number search uses the unique index on number', async () => {
    const plans = await plansFor(/FROM records r/, () => list({ search: '2026-12' }));
    for (const { query, plan } of plans) {
      if (!isPageRows(query)) expect(plan).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_records_\d \(number=\?\)/);
    }
  });

  it('every filter × sort page walks its sort order\'s covering list index, without a sort step, and reads the rows by id', async () => {
    const { status, user, group, workflow } = demo(app);
    const filters: Record<string, unknown>[] = [
      {},
      { workflowId: workflow.id },
      { statusId: status('Under behandling').id },
      { responsibleUserId: user('Jens Nielsen').id },
      { responsibleGroupId: group('Visitation').id },
      { mine: true },
      { workflowId: workflow.id, statusId: status('Modtaget').id },
      { statusId: status('Modtaget').id, responsibleUserId: user('Jens Nielsen').id },
    ];
    const indexes = {
      number: 'records_list_by_number',
      name: 'records_list_by_name',
      status: 'records_by_status',
      updatedAt: 'records_list_by_updated',
      createdAt: 'records_list_by_number',
    } as const;
    for (const filter of filters) {
      for (const [sortBy, index] of Object.entries(indexes)) {
        for (const sortDir of ['asc', 'desc'] as const) {
          // A page in the first half and one in the far half (walked from the end).
          const total = (value(await list({ ...filter, limit: 1 })) as RecordPage).total;
          for (const offset of total >= 4 ? [0, Math.floor(total * 0.75)] : [0]) {
            const queries = await captureQueries(app.services.db, () => list({ ...filter, sortBy, sortDir, offset, limit: 50 }));
            const ids = queries.filter(isPageIds);
            expect(ids.length, JSON.stringify({ filter, sortBy })).toBe(1);
            for (const query of ids) {
              const plan = queryPlan(app.services.db, query).join('\n');
              expect(plan, `${JSON.stringify(filter)} by ${sortBy}`).toContain(`COVERING INDEX ${index}`);
              expect(plan, `${JSON.stringify(filter)} by ${sortBy}`).not.toContain('TEMP B-TREE');
            }
            for (const query of queries.filter(isPageRows)) {
              expect(queryPlan(app.services.db, query).join('\n')).toMatch(/SEARCH r USING INTEGER PRIMARY KEY \(rowid=\?\)/);
            }
          }
        }
      }
    }
  });

  it('counts use covering indexes: status, user, group, workflow (through its statuses) and "my records"', async () => {
    const { status, user, group, workflow } = demo(app);
    const countPlans = async (input: Record<string, unknown>) =>
      (await plansFor(/count\(\*\)/, () => list(input))).map((p) => p.plan).join('\n');
    expect(await countPlans({ statusId: status('Under behandling').id })).toContain('COVERING INDEX records_by_status (status_id=?)');
    expect(await countPlans({ responsibleUserId: user('Jens Nielsen').id })).toContain('COVERING INDEX records_by_user (responsible_user_id=?)');
    expect(await countPlans({ responsibleGroupId: group('Visitation').id })).toContain('COVERING INDEX records_by_group (responsible_group_id=?)');
    expect(await countPlans({ workflowId: workflow.id })).toContain('COVERING INDEX records_by_status (status_id=?)');
    const mine = await countPlans({ mine: true });
    expect(mine).toContain('COVERING INDEX records_by_user (responsible_user_id=?)');
    expect(mine).toContain('COVERING INDEX records_by_group (responsible_group_id=?)');
    expect(mine).not.toMatch(fullScan('records'));
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
    expect(planOf(/FROM record_data WHERE record_id/)).toContain('USING INTEGER PRIMARY KEY (rowid=?)');
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

  it('putting interrupted jobs back in the queue at start-up reads the partial index jobs_running, not every job', async () => {
    const queries = await captureQueries(app.services.db, () => requeueInterrupted(app.services.db, Date.now()));
    const requeue = queries.find((q) => /UPDATE jobs SET status = 'queued'.*WHERE status = 'running'/s.test(q.sql));
    expect(requeue).toBeDefined();
    if (requeue) expect(queryPlan(app.services.db, requeue).join('\n')).toContain('USING INDEX jobs_running');
  });
});
