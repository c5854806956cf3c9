import { databaseExists, schemaVersionOf, withApp } from '../cli-app';
import { EXIT_OK } from '../cli-error';
import { flag, type CliCommand } from '../command';

export const initCommand: CliCommand = {
  name: 'init',
  usage: 'init [--demo]',
  summary: 'Create the database, or bring an existing one up to the current schema.',
  details: [
    'A new database is empty unless --demo is given; then it gets the sandbox demo',
    'workspace (a Danish grant workflow, caseworkers, groups and fictitious records).',
    'An existing database keeps its data: --demo never adds demo records to it.',
    'A database written by a newer version of the app is refused and left unchanged.',
  ],
  options: { demo: { type: 'boolean' } },
  async run({ options, dbFile, dbGiven, io }) {
    const demo = flag(options, 'demo');
    const existed = databaseExists(dbFile);
    // Read before opening: opening migrates, and the report says from which version.
    const from = schemaVersionOf(dbFile);
    await withApp(
      { dbFile, dbGiven },
      (app) => {
        const to = app.services.db.pragma('user_version', { simple: true }) as number;
        io.out(`Database: ${dbFile}`);
        if (!existed) io.out(`Created a new database (schema version ${from} → ${to}).`);
        else if (from < to) io.out(`Migrated the database from schema version ${from} to ${to}.`);
        else io.out(`The database is up to date (schema version ${to}).`);
        const isNew = from === 0;
        if (demo && isNew) {
          const ws = app.services.workspace.snapshot();
          const records = (app.services.db.prepare('SELECT count(*) AS n FROM records').get() as { n: number }).n;
          const users = app.services.users.listUsers().length;
          io.out(`Added the sandbox demo workspace: ${ws.workflows.length} workflows, ${ws.fields.length} fields, ${users} users, ${records} records.`);
        } else if (demo) {
          io.out('The database already existed, so the demo workspace was not added.');
        } else if (isNew) {
          io.out('The database is empty. Set up users, fields and workflows in the app, or load a definition with import-workspace.');
        }
      },
      { create: true, seedDemo: demo },
    );
    return EXIT_OK;
  },
};
