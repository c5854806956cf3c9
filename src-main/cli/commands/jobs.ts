import { nextWakeAt } from '../../jobs/job-queue';
import { isoAt } from '../../shared/clock';
import { withApp } from '../cli-app';
import { CliError, EXIT_OK } from '../cli-error';
import { type CliCommand } from '../command';

export const jobsCommand: CliCommand = {
  name: 'jobs',
  usage: 'jobs run',
  summary: 'Run the status-action jobs that are due now, once.',
  details: [
    'The app runs jobs by itself while it is open; this is for a database no app has',
    'open, e.g. after a CSV import from the command line. A job that fails is retried',
    'later with a growing delay; run the command again after that time.',
  ],
  options: {},
  async run({ args, dbFile, dbGiven, io }) {
    const [sub, ...rest] = args;
    if (sub !== 'run' || rest.length) {
      throw new CliError(sub === undefined ? 'Say what to do with the jobs: jobs run.' : `Unknown jobs command "${[sub, ...rest].join(' ')}". Use: jobs run.`);
    }
    return withApp({ dbFile, dbGiven }, async ({ services }) => {
      // Timed status actions that fell due become jobs first, so they run in this same pass.
      const fired = services.timedActions.fireDue();
      if (fired > 0) io.out(`${fired} timed status ${fired === 1 ? 'action' : 'actions'} fell due.`);
      const ran = await services.jobs.runDue();
      io.out(`Ran ${ran} status-action ${ran === 1 ? 'job' : 'jobs'}.`);
      const next = nextWakeAt(services.db);
      if (next !== null) io.out(`Some jobs wait for a retry; the next is due at ${isoAt(next)}.`);
      return EXIT_OK;
    });
  },
};
