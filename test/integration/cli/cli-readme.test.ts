// Every command the README's "Command line" section shows works on a fresh
// data folder (issue 14): the commands are read from README.md itself, so the
// test follows the README when it changes, and run in-process in order.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { startDigitalPostSandbox } from '../../../src-main/sandbox/digital-post/digital-post-simulator';
import { query, useCli } from './run-cli';

const { cli, tempDir } = useCli();
const README = fileURLToPath(new URL('../../../README.md', import.meta.url));

/** The `npm run cli -- …` lines of the README's "Command line" section, as argument lists. */
function readmeCommands(): string[][] {
  const readme = readFileSync(README, 'utf8');
  const section = readme.slice(readme.indexOf('## Command line'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .filter((line) => line.startsWith('npm run cli -- '))
    .map((line) => line.slice('npm run cli -- '.length).replace(/\s+#.*$/, ''))
    .map((line) => [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? (m[2] as string)));
}

describe("the README's commands", () => {
  it('all succeed, in order, on a fresh data folder with the sandbox workspace', async () => {
    const commands = readmeCommands();
    expect(commands.map((c) => c[0])).toEqual(expect.arrayContaining(['init', 'import', 'export', 'import-workspace', 'jobs', 'mailing', 'outbox', 'help']));
    const dataDir = tempDir();
    const files = tempDir();
    // The files the README's commands name, in a folder of their own.
    writeFileSync(join(files, 'people.csv'), 'Navn;CPR\nKaren Holm;010180-1234\nÅse Æbelø;220792-4321\n');
    const local = (arg: string) => (/^[\w-]+\.(csv|json)$/.test(arg) ? join(files, arg) : arg);
    const sandbox = await startDigitalPostSandbox({ port: 0 });
    try {
      for (const command of commands) {
        const args = command.map(local);
        // As the README says: in sandbox mode `outbox send` names the running sandbox.
        if (args[0] === 'outbox' && args[1] === 'send' && !args.includes('--sandbox-url')) args.push('--sandbox-url', sandbox.apiUrl);
        const run = await cli(args, { dataDir });
        expect({ command: command.join(' '), code: run.code, stderr: run.stderr }).toEqual({ command: command.join(' '), code: 0, stderr: '' });
      }
    } finally {
      await sandbox.close();
    }
    const db = join(dataDir, 'caseworker.sqlite');
    // The import, the mailing with the shipped "Afgørelse" and the letters it queued really happened.
    expect(query<{ n: number }>(db, "SELECT count(*) AS n FROM audit_log WHERE action = 'record.created' AND json_extract(details, '$.via') = 'csv import'")[0]?.n).toBe(2);
    const mailing = query<{ template: string; items: number }>(db, 'SELECT t.name AS template, (SELECT count(*) FROM mailing_items i WHERE i.mailing_id = m.id) AS items FROM mailings m JOIN document_templates t ON t.id = m.template_id');
    expect(mailing).toHaveLength(1);
    expect(mailing[0]?.template).toBe('Afgørelse');
    expect(mailing[0]?.items).toBeGreaterThan(0);
    expect(query<{ n: number }>(db, 'SELECT count(*) AS n FROM digital_post_messages')[0]?.n).toBeGreaterThan(0);
  });
});
