import { countsByState, nextDueAt, releaseInterrupted } from '../../digital-post/outbox/outbox-repo';
import { isoAt } from '../../shared/clock';
import { withApp } from '../cli-app';
import { CliError, EXIT_ERROR, EXIT_OK } from '../cli-error';
import { stringOption, type CliCommand } from '../command';

const STATES = ['queued', 'sending', 'awaiting_receipt', 'accepted', 'delivered', 'read', 'failed', 'cancelled', 'physical_post'] as const;

export const outboxCommand: CliCommand = {
  name: 'outbox',
  usage: 'outbox send [--sandbox-url <url>] [--wait <seconds>] | outbox status',
  summary: 'Send the queued Digital Post letters now, or show how many are in each state.',
  details: [
    'send: hands every due letter to Digital Post with progress output, then collects',
    'delivery receipts. Letters keep their messageUUID, so sending again never delivers',
    'twice. In sandbox mode --sandbox-url names the running sandbox to send to (the',
    'address the app or npm run sandbox prints); there is no default port to guess.',
    '--wait waits that long for retries that are',
    'not due yet (default 0: only what is due now).',
    'status: counts per state, and when the next retry is due.',
  ],
  options: { 'sandbox-url': { type: 'string' }, wait: { type: 'string' } },
  async run({ args, options, dbFile, dbGiven, io }) {
    const [sub, ...rest] = args;
    if ((sub !== 'send' && sub !== 'status') || rest.length) {
      throw new CliError(sub === undefined ? 'Say what to do with the outbox: outbox send or outbox status.' : `Unknown outbox command "${[sub, ...rest].join(' ')}". Use: outbox send, outbox status.`);
    }
    const waitSeconds = Number(stringOption(options, 'wait') ?? '0');
    if (!Number.isFinite(waitSeconds) || waitSeconds < 0) throw new CliError('The option --wait needs a number of seconds.');
    return withApp({ dbFile, dbGiven }, async ({ services }) => {
      const db = services.db;
      if (sub === 'status') {
        const counts = countsByState(db);
        for (const s of STATES) io.out(`${s.padEnd(14)} ${counts[s]}`);
        const next = nextDueAt(db);
        if (next !== null) io.out(`next attempt   ${isoAt(Math.max(next, Date.now()))}`);
        return EXIT_OK;
      }
      const dp = services.digitalPost;
      const url = stringOption(options, 'sandbox-url');
      if (url) dp.sandboxApiUrl = url.replace(/\/+$/, '').endsWith('/apis/v1') ? url : `${url.replace(/\/+$/, '')}/apis/v1`;
      const settings = dp.settings();
      if (!url && settings.transport === 'sandbox' && settings.endpoint === '') {
        // No default port to guess: whatever holds 4030 may not be our sandbox, and letters carry CPR numbers.
        throw new CliError('In sandbox mode, name the running Digital Post sandbox: --sandbox-url <address> (the app and npm run sandbox print it).');
      }
      // Letters a killed sender left half-sent go again now; their fixed messageUUID makes that safe.
      releaseInterrupted(db, Date.now());
      const waiting = () => {
        const c = countsByState(db);
        // A letter awaiting its receipt is still ours to finish: sent again, or reconciled by its receipt.
        return c.queued + c.sending + c.awaiting_receipt;
      };
      const total = waiting();
      io.out(`${total} ${total === 1 ? 'letter' : 'letters'} to send.`);
      const deadline = Date.now() + waitSeconds * 1000;
      let sent = 0;
      let failed = 0;
      let physical = 0;
      let lastLine = 0;
      for (;;) {
        const pass = await dp.sender.sendDue((p) => {
          if (Date.now() - lastLine > 500) {
            lastLine = Date.now();
            io.out(`  sent ${sent + p.sent} of ${total}, failed ${failed + p.failed}, physical post ${physical + p.physical}, retrying ${p.retried}`);
          }
        });
        sent += pass.sent;
        failed += pass.failed;
        physical += pass.physical;
        const status = dp.sender.status();
        const left = waiting();
        if (left === 0 || Date.now() >= deadline) {
          if (status.paused) io.err(`Sending paused: ${status.pauseReason}`);
          break;
        }
        if (countsByState(db).awaiting_receipt > 0) await dp.sender.pollReceipts().catch(() => 0);
        const next = nextDueAt(db) ?? Date.now();
        const pauseUntil = status.resumesAt ? Date.parse(status.resumesAt) : 0;
        await new Promise((r) => setTimeout(r, Math.min(1000, Math.max(20, Math.max(next, pauseUntil) - Date.now()))));
      }
      try {
        await dp.sender.pollReceipts();
      } catch {
        io.err('Delivery receipts could not be collected now; they will be next time.');
      }
      const counts = countsByState(db);
      io.out(`Sent ${sent}, failed ${failed}, physical post ${physical}; still waiting ${counts.queued + counts.sending}; awaiting receipt ${counts.awaiting_receipt}; delivered ${counts.delivered}.`);
      await dp.stop();
      return counts.queued + counts.sending + counts.awaiting_receipt > 0 && dp.sender.status().paused ? EXIT_ERROR : EXIT_OK;
    });
  },
};
