import { withApp } from '../cli-app';
import { CliError, EXIT_OK, describeError } from '../cli-error';
import { type CliCommand } from '../command';
import { readTextFile } from '../read-text-file';
import { DomainError } from '../../shared/domain-error';

export const importWorkspaceCommand: CliCommand = {
  name: 'import-workspace',
  usage: 'import-workspace <file.json>',
  summary: 'Merge a workspace definition (from export or the app) into the database.',
  details: [
    'Fields, workflows, statuses, users and groups are matched by key or name:',
    'missing ones are created, existing ones updated. Records are not touched.',
    'The import applies completely or not at all.',
  ],
  options: {},
  async run({ args, dbFile, dbGiven, io }) {
    if (args.length !== 1) throw new CliError('Give exactly one definition file: import-workspace <file.json>.');
    const file = args[0] as string;
    const { text } = readTextFile(file);
    return withApp({ dbFile, dbGiven }, ({ services }) => {
      try {
        services.transfer.import(text);
      } catch (error) {
        // The import is one transaction: a refusal leaves the workspace as it was.
        if (error instanceof DomainError) throw new CliError(`${describeError(error)} Nothing was changed.`);
        throw error;
      }
      const ws = services.workspace.snapshot();
      io.out(
        `Imported the workspace definition from ${file}. The workspace now has ${ws.fields.length} fields, ` +
          `${ws.workflows.length} workflows, ${services.users.listUsers().length} users and ${services.users.listGroups().length} groups.`,
      );
      return EXIT_OK;
    });
  },
};
