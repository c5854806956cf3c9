import type { MailingFilter, MailingSendSummary, MailingView } from '../../contract';
import { formatKroner } from '../../shared/danish-formats';
import type { MailingProgress } from '../../mailings/mailing-service';
import { withApp, type CliApp } from '../cli-app';
import { CliError, EXIT_OK } from '../cli-error';
import { flag, stringOption, type CliCommand, type CliIo, type OptionValues } from '../command';
import { findUser, findWorkflow } from '../lookups';

const describe = (m: MailingView): string =>
  `Mailing ${m.id} "${m.name}" (${m.templateName}): ${m.total} letters, ${m.rendered} rendered and not sent, ${m.queued} queued in the outbox, ${m.skipped} skipped (no CPR), ${m.pending} waiting; ${m.state}.`;

const kroner = (ore: number): string => `${formatKroner(ore, 'da')} kr.`;

/** The send dialog's figures as lines: letters, citizens, physical post and why, cost and budget. */
function summaryLines(s: MailingSendSummary): string[] {
  const lines = [
    `Send ${s.letters} letters to ${s.citizens} citizens: ${s.digital} by Digital Post, ${s.physical} by physical post.`,
    ...s.physicalRecipients.map((p) => `  physical post: record ${p.recordNumber} (${p.reason === 'exempt' ? 'exempt from Digital Post' : 'no Digital Post mailbox'})`),
    `Projected Digital Post cost: ${kroner(s.costOre)} (from the price settings).`,
  ];
  if (s.budget.budgetOre !== null) {
    lines.push(`Digital Post budget ${s.budget.month}: ${kroner(s.budget.budgetOre)}; spent ${kroner(s.budget.spentOre)}, committed ${kroner(s.budget.committedOre)}, left ${kroner(s.budget.leftOre ?? 0)}.`);
  }
  return lines;
}

/** A progress line every 5 % (and at the end), so a log file stays readable. */
function progressPrinter(io: CliIo): (p: MailingProgress) => void {
  let lastStep = -1;
  const started = Date.now();
  return (p) => {
    const step = Math.floor((p.done / Math.max(1, p.total)) * 20);
    if (step === lastStep && p.done !== p.total) return;
    lastStep = step;
    const seconds = (Date.now() - started) / 1000;
    io.out(`  ${p.done}/${p.total} letters (${Math.round((p.done / Math.max(1, p.total)) * 100)} %, ${seconds.toFixed(1)} s)`);
  };
}

function filterFrom(app: CliApp, options: OptionValues): MailingFilter {
  const ws = app.services.workspace.snapshot();
  const filter: MailingFilter = {};
  const workflowName = stringOption(options, 'workflow');
  const statusName = stringOption(options, 'status');
  const search = stringOption(options, 'search');
  const workflow = workflowName ? findWorkflow(ws.workflows, workflowName) : undefined;
  if (workflow) filter.workflowId = workflow.id;
  if (statusName) {
    const statuses = (workflow ? [workflow] : ws.workflows).flatMap((w) => w.statuses);
    const hits = statuses.filter((s) => s.name.toLocaleLowerCase('da-DK') === statusName.toLocaleLowerCase('da-DK') || String(s.id) === statusName);
    if (hits.length !== 1) {
      throw new CliError(hits.length ? `Several statuses are named "${statusName}"; add --workflow.` : `There is no status "${statusName}". Known: ${statuses.map((s) => `"${s.name}"`).join(', ')}.`);
    }
    filter.statusId = hits[0]!.id;
  }
  if (search) filter.search = search.slice(0, 200);
  return filter;
}

export const mailingCommand: CliCommand = {
  name: 'mailing',
  usage:
    'mailing prepare [<id>] | mailing prepare --template <name|id> [--workflow <name>] [--status <name>] [--search <text>] [--name <text>] [--as <user>] | mailing send <id> [--yes] [--as <user>] | mailing list',
  summary: 'Prepare a mailing (one personalised PDF letter per record), then send it to Digital Post as a separate step.',
  details: [
    'prepare: with an id, prepares (or continues) that mailing. With --template, first makes a new',
    'mailing of the records the filters choose (the same filters as the record list).',
    'Letters are rendered in chunks and nothing is queued; records without a CPR number are skipped.',
    'send: shows how many letters go to how many citizens, which go by physical post and why, and',
    'the projected cost; with --yes it sends them. A send over the month\'s Digital Post budget is',
    'refused before anything is queued. An interrupted send continues and never queues a letter twice.',
    '--as names the caseworker for {{caseworker}}, the mailing\'s author and who sent it.',
  ],
  options: {
    template: { type: 'string' },
    workflow: { type: 'string' },
    status: { type: 'string' },
    search: { type: 'string' },
    name: { type: 'string' },
    as: { type: 'string' },
    yes: { type: 'boolean' },
  },
  async run({ args, options, dbFile, dbGiven, io }) {
    const [sub, ...rest] = args;
    if (sub === 'list' && rest.length === 0) {
      return withApp({ dbFile, dbGiven }, ({ services }) => {
        const all = services.mailings.list();
        if (all.length === 0) io.out('There are no mailings.');
        for (const m of all) io.out(describe(m));
        return EXIT_OK;
      });
    }
    if (sub === 'send') {
      if (rest.length !== 1 || !/^\d{1,15}$/.test(rest[0] ?? '')) throw new CliError('Say which mailing to send: mailing send <id> [--yes]; see: mailing list.');
      const id = Number(rest[0]);
      return withApp({ dbFile, dbGiven }, async ({ services }) => {
        const asName = stringOption(options, 'as');
        const user = asName ? findUser(services.users.listUsers(), asName) : null;
        const m = services.mailings.view(id);
        if (m.state !== 'prepared' && m.state !== 'sending') {
          throw new CliError(m.state === 'sent' ? `Mailing ${id} has been sent.` : `Mailing ${id} is not prepared yet; run: mailing prepare ${id}.`);
        }
        const summary = services.mailings.sendSummary(id);
        for (const line of summaryLines(summary)) io.out(line);
        if (!flag(options, 'yes')) {
          io.out(`Nothing was sent. To send, run: mailing send ${id} --yes`);
          return EXIT_OK;
        }
        const done = await services.mailings.send(id, summary.fingerprint, user?.id ?? null, { onProgress: progressPrinter(io) });
        io.out(describe(done));
        return EXIT_OK;
      });
    }
    if (sub !== 'prepare' || rest.length > 1) throw new CliError('Use: mailing prepare [<id>] [--template <name|id> …], mailing send <id> [--yes], or mailing list.');
    return withApp({ dbFile, dbGiven }, async (app) => {
      const { services } = app;
      const asName = stringOption(options, 'as');
      const user = asName ? findUser(services.users.listUsers(), asName) : null;
      let id: number;
      if (rest[0] !== undefined) {
        if (!/^\d{1,15}$/.test(rest[0])) throw new CliError(`"${rest[0]}" is not a mailing id; see: mailing list.`);
        id = Number(rest[0]);
      } else {
        const templateName = stringOption(options, 'template');
        if (!templateName) throw new CliError('Say which mailing to prepare (its id) or which template to use (--template).');
        const templates = services.documents.templates.list();
        const template = templates.find((t) => String(t.id) === templateName) ?? templates.find((t) => t.name.toLocaleLowerCase('da-DK') === templateName.toLocaleLowerCase('da-DK'));
        if (!template) throw new CliError(`There is no document template "${templateName}". Known: ${templates.map((t) => `"${t.name}"`).join(', ') || 'none'}.`);
        const created = services.mailings.create(
          { name: stringOption(options, 'name') ?? `${template.name} ${new Date().toISOString().slice(0, 10)}`, templateId: template.id, filter: filterFrom(app, options) },
          user ?? { id: 0, groupIds: [] },
          user?.id ?? null,
        );
        io.out(`Made mailing ${created.id} with ${created.total} letters.`);
        id = created.id;
      }
      const before = services.mailings.view(id);
      io.out(`Preparing ${before.pending} of ${before.total} letters…`);
      const done = await services.mailings.prepare(id, user?.id ?? null, { onProgress: progressPrinter(io) });
      io.out(describe(done));
      if (done.rendered > 0) io.out(`Nothing is sent yet. To see the figures: mailing send ${id}; to send: mailing send ${id} --yes`);
      if ('held' in services.digitalPost) {
        io.err('Note: this build has no Digital Post outbox yet; the letters were rendered and counted but are not kept.');
      }
      return EXIT_OK;
    });
  },
};
