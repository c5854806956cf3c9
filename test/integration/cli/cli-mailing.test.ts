import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { query, useCli } from './run-cli';

const { cli, tempDir } = useCli();
let db: string;

beforeEach(async () => {
  db = join(tempDir(), 'case.sqlite');
  // The sandbox workspace ships the template "Afgørelse".
  expect((await cli(['--db', db, 'init', '--demo'])).code).toBe(0);
});

describe('cli mailing', () => {
  it('makes a mailing from the filters, prepares it with progress lines, and lists it', async () => {
    const expected = query<{ n: number }>(db, "SELECT count(*) AS n FROM records r JOIN statuses s ON s.id = r.status_id WHERE s.name = 'Under behandling'")[0]!.n;
    const run = await cli(['--db', db, 'mailing', 'prepare', '--template', 'afgørelse', '--workflow', 'Ansøgning om tilskud', '--status', 'Under behandling', '--as', 'Mette Jensen', '--name', 'Statusbreve']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Made mailing 1 with ${expected} letters.`);
    expect(run.stdout).toMatch(new RegExp(`${expected}/${expected} letters \\(100 %`));
    expect(run.stdout).toContain(`Mailing 1 "Statusbreve" (Afgørelse): ${expected} letters, ${expected} rendered and not sent, 0 queued in the outbox, 0 skipped (no CPR), 0 waiting; prepared.`);
    expect(run.stdout).toContain('Nothing is sent yet.');
    // No CPR number in anything the CLI printed.
    expect(run.stdout + run.stderr).not.toMatch(/\d{6}-?\d{4}/);
    expect(query<{ state: string; n: number }>(db, 'SELECT state, count(*) AS n FROM mailing_items GROUP BY state')).toEqual([{ state: 'rendered', n: expected }]);
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM digital_post_messages')[0]!.n).toBe(0);

    // send without --yes shows the figures and sends nothing.
    const dry = await cli(['--db', db, 'mailing', 'send', '1']);
    expect(dry.code).toBe(0);
    expect(dry.stdout).toMatch(new RegExp(`Send ${expected} letters to \\d+ citizens: \\d+ by Digital Post, \\d+ by physical post\\.`));
    expect(dry.stdout).toMatch(/Projected Digital Post cost: [\d.]+,\d\d kr\./);
    expect(dry.stdout).toContain('Nothing was sent. To send, run: mailing send 1 --yes');
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM digital_post_messages')[0]!.n).toBe(0);
    const sent = await cli(['--db', db, 'mailing', 'send', '1', '--yes', '--as', 'Mette Jensen']);
    expect(sent.code).toBe(0);
    expect(sent.stdout).toContain(`${expected} queued in the outbox`);
    expect(sent.stdout).toContain('; sent.');
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM digital_post_messages WHERE mailing_id = 1')[0]!.n).toBe(expected);
    expect((await cli(['--db', db, 'mailing', 'send', '1', '--yes'])).stderr).toContain('Mailing 1 has been sent.');
    const list = await cli(['--db', db, 'mailing', 'list']);
    expect(list.stdout).toContain('Mailing 1 "Statusbreve"');
    // Preparing it again is a no-op that reports the same counts.
    const again = await cli(['--db', db, 'mailing', 'prepare', '1']);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('Preparing 0 of');
  });

  it('explains an unknown template or status in plain words', async () => {
    const run = await cli(['--db', db, 'mailing', 'prepare', '--template', 'Findes ikke']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('There is no document template "Findes ikke". Known: "Afgørelse".');
    const status = await cli(['--db', db, 'mailing', 'prepare', '--template', 'Afgørelse', '--status', 'Glemt']);
    expect(status.stderr).toContain('There is no status "Glemt"');
  });
});
