import type { Migration } from './migration';

// At start-up the job runner puts jobs that were running when the app stopped
// back in the queue (jobs/job-queue.ts requeueInterrupted). Without an index
// that read every job ever run: after a few large CSV imports into a status with
// actions, hundreds of thousands. The partial index holds only running jobs, so
// it is empty nearly always and costs inserts nothing.
export const migration011: Migration = {
  version: 11,
  name: 'running jobs',
  up: (db) => {
    db.exec("CREATE INDEX jobs_running ON jobs(id) WHERE status = 'running'");
  },
};
