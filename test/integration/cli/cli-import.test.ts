import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { STACK_FRAME, countOf, query, useCli } from './run-cli';

const { cli, tempDir } = useCli();

let dir: string;
let db: string;

beforeEach(async () => {
  dir = tempDir();
  db = join(dir, 'case.sqlite');
  expect((await cli(['--db', db, 'init', '--demo'])).code).toBe(0);
});

const csvFile = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};

// CPR numbers in the file; none of them may ever appear in the CLI's output.
const GOOD_CPR = '170485-1234';
const BAD_DATE_CPR = '300201-1234';
const SHORT_CPR = '0101901';

const MIXED =
  '\uFEFFNavn;CPR;E-mail;Ansøgningstype;Bemærkning\r\n' +
  `Karen Blixen;${GOOD_CPR};karen@example.dk;Tandpleje;x\r\n` + // line 2: good
  `Forkert Dato;${BAD_DATE_CPR};x@example.dk;Tandpleje;\r\n` + // line 3: CPR is not a date
  ';;;;\r\n' + // line 4: name missing
  `To Fejl;${SHORT_CPR};ikke-en-mail;Bil;\r\n` + // line 5: three bad fields
  'Niels Bohr;;niels@example.dk;;"to\nlinjer"\r\n'; // line 6: good (no CPR, no type)

describe('cli import', () => {
  it('imports the good rows, reports each bad row by line, field and reason, and exits 2', async () => {
    const before = countOf(db, 'records');
    const run = await cli(['--db', db, 'import', csvFile('people.csv', MIXED), '--workflow', 'ansøgning om tilskud', '--as', 'Mette Jensen']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(2);
    expect(run.stdout).toContain('Imported 2 records; 3 rows failed.');
    expect(run.stdout).toContain('Columns without a matching field are ignored: Bemærkning.');
    expect(run.stdout).toContain('Line 3: CPR-nummer (cpr): the CPR number does not contain a valid date of birth');
    expect(run.stdout).toContain('Line 4: Navn (navn): a value is required');
    const line5 = run.stdout.split('\n').find((l) => l.includes('Line 5:')) ?? '';
    expect(line5).toContain('the CPR number must be 10 digits');
    expect(line5).toContain('E-mail (email): is not a valid email address');
    expect(line5).toContain('Ansøgningstype (ansoegningstype): must be one of: Boligtilskud, Hjælpemidler, Tandpleje, Medicintilskud');
    for (const cpr of [GOOD_CPR, BAD_DATE_CPR, SHORT_CPR, GOOD_CPR.replace('-', ''), BAD_DATE_CPR.replace('-', '')]) {
      expect(run.stdout + run.stderr).not.toContain(cpr);
    }

    expect(countOf(db, 'records') - before).toBe(2);
    const imported = query<{ name: string; user_id: number | null; details: string }>(
      db,
      `SELECT r.name, a.user_id, a.details FROM records r JOIN audit_log a ON a.record_id = r.id AND a.action = 'record.created'
       WHERE r.id > ? ORDER BY r.id`,
      before,
    );
    const mette = query<{ id: number }>(db, "SELECT id FROM users WHERE name = 'Mette Jensen'")[0]?.id;
    expect(imported.map((r) => r.name)).toEqual(['Karen Blixen', 'Niels Bohr']);
    expect(imported.every((r) => r.user_id === mette && JSON.parse(r.details).via === 'csv import')).toBe(true);
  });

  it('exits 0 when every row is imported, with an explicit --map, and the queued status actions run with jobs run', async () => {
    const file = csvFile('ok.csv', 'Fulde navn,Personnummer\nAnne Hansen,0101901234\nBo Jensen,\n');
    const run = await cli(['--db', db, 'import', file, '--workflow', '1', '--map', 'Fulde navn=navn', '--map', 'Personnummer=cpr']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Fulde navn → navn, Personnummer → cpr');
    expect(run.stdout).toContain('Imported 2 records; 0 rows failed.');
    expect(run.stdout).not.toContain('0101901234');
    expect(run.stdout).toContain('jobs run');

    const queued = countOf(db, 'jobs');
    expect(queued).toBeGreaterThan(0);
    const jobs = await cli(['--db', db, 'jobs', 'run']);
    expect(jobs.code).toBe(0);
    expect(jobs.stdout).toContain(`Ran ${queued} status-action jobs.`);
    expect(query<{ n: number }>(db, "SELECT count(*) AS n FROM jobs WHERE status = 'succeeded'")[0]?.n).toBe(queued);
    expect((await cli(['--db', db, 'jobs', 'run'])).stdout).toContain('Ran 0 status-action jobs.');
  });

  it('reads a Windows-1252 file so æ, ø and å survive', async () => {
    const file = join(dir, 'latin1.csv');
    writeFileSync(file, Buffer.from('Navn;CPR\nSøren Ærø;\n', 'latin1'));
    const run = await cli(['--db', db, 'import', file, '--workflow', 'Ansøgning om tilskud']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('read as Windows-1252');
    expect(query<{ name: string }>(db, 'SELECT name FROM records ORDER BY id DESC LIMIT 1')[0]?.name).toBe('Søren Ærø');
  });

  it('a fatal problem exits 1 with one plain line and imports nothing', async () => {
    const file = csvFile('people.csv', MIXED);
    const before = countOf(db, 'records');
    const cases: [string[], string][] = [
      [[file], 'Choose the workflow with --workflow'],
      [[file, '--workflow', 'Ukendt'], 'There is no workflow "Ukendt". Known workflows: "Ansøgning om tilskud"'],
      [[file, '--workflow', '1', '--map', 'Nope=navn'], 'The file has no column "Nope"'],
      [[file, '--workflow', '1', '--map', 'Navn=nope'], 'there is no field "nope"'],
      [[file, '--workflow', '1', '--map', 'Navn'], '--map needs the form'],
      [[file, '--workflow', '1', '--as', 'Nobody'], 'There is no user "Nobody"'],
      [[join(dir, 'missing.csv'), '--workflow', '1'], 'does not exist'],
      [[csvFile('nomatch.csv', 'A;B\n1;2\n'), '--workflow', '1'], 'No column header matches a field'],
      [[], 'Give exactly one CSV file'],
    ];
    for (const [args, message] of cases) {
      const run = await cli(['--db', db, 'import', ...args]);
      expect(run.code, args.join(' ')).toBe(1);
      expect(run.stderr).toContain(message);
      expect(run.stderr).not.toMatch(STACK_FRAME);
      expect(run.stdout + run.stderr).not.toContain(GOOD_CPR);
    }
    expect(countOf(db, 'records')).toBe(before);
  });
});
