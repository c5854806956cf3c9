import { renameSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { withApp } from '../cli-app';
import { CliError, EXIT_OK, fileError } from '../cli-error';
import { stringOption, type CliCommand } from '../command';

export const exportCommand: CliCommand = {
  name: 'export',
  usage: 'export [--out <file.json>]',
  summary: 'Write the workspace definition (fields, workflows, users, groups) as JSON.',
  details: [
    'Without --out the JSON goes to standard output. Records are not part of the',
    'definition. Load the file into another database with import-workspace.',
  ],
  options: { out: { type: 'string' } },
  async run({ args, options, dbFile, dbGiven, io }) {
    if (args.length) throw new CliError(`export takes no file argument; use --out <file.json> (got "${args[0]}").`);
    const out = stringOption(options, 'out');
    return withApp({ dbFile, dbGiven }, ({ services }) => {
      const definition = services.transfer.export();
      const json = `${JSON.stringify(definition, null, 2)}\n`;
      if (out === undefined) {
        io.write(json);
        return EXIT_OK;
      }
      const target = resolve(out);
      try {
        // Written aside and renamed, so an existing file is replaced whole or not at all.
        writeFileSync(`${target}.tmp`, json);
        renameSync(`${target}.tmp`, target);
      } catch (error) {
        throw fileError(out, error);
      }
      io.out(
        `Exported the workspace definition to ${target}: ${definition.fields.length} fields, ${definition.workflows.length} workflows, ` +
          `${definition.users.length} users, ${definition.groups.length} groups.`,
      );
      return EXIT_OK;
    });
  },
};
