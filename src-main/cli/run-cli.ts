// The CLI's commands and their dispatch, apart from the process they run in, so
// that tests run them in-process (fast and independent of machine load) and
// main.ts stays a thin entry. Errors are one plain-English line on stderr with
// exit code 1; no stack traces, no CPR numbers.
import { parseArgs, type ParseArgsOptionsConfig } from 'node:util';
import { maskCprsInText } from '../cpr/cpr-text';
import { resolveDbFile } from './cli-app';
import { CliError, EXIT_ERROR, EXIT_OK, describeError } from './cli-error';
import type { CliCommand, CliIo } from './command';
import { exportCommand } from './commands/export-workspace';
import { importCommand } from './commands/import-csv';
import { importWorkspaceCommand } from './commands/import-workspace';
import { initCommand } from './commands/init';
import { jobsCommand } from './commands/jobs';
import { mailingCommand } from './commands/mailing';
import { outboxCommand } from './commands/outbox';
import { printCommandHelp, printHelp } from './help';

const COMMANDS: readonly CliCommand[] = [
  initCommand,
  importCommand,
  exportCommand,
  importWorkspaceCommand,
  jobsCommand,
  outboxCommand,
  mailingCommand,
];

const GLOBAL_OPTIONS: ParseArgsOptionsConfig = {
  db: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
};

const HELP_HINT = 'Run "npm run cli -- help" to see the commands.';

/** parseArgs' own messages speak of tokens; these speak of the command line. */
function argumentError(error: unknown, command: string | undefined): CliError {
  const e = error as { code?: string; message?: string };
  const option = /'(-{1,2}[^' ]+)/.exec(e.message ?? '')?.[1] ?? '';
  const where = command ? `the ${command} command` : 'this command line';
  switch (e.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return new CliError(`Unknown option ${option} for ${where}. ${command ? `Run "npm run cli -- help ${command}".` : HELP_HINT}`);
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return new CliError(/does not take/.test(e.message ?? '') ? `The option ${option} takes no value.` : `The option ${option} needs a value.`);
    default:
      return new CliError(`${e.message ?? 'The command line could not be read.'} ${HELP_HINT}`);
  }
}

async function dispatchCli(argv: string[], io: CliIo): Promise<number> {
  // First pass: find the command, knowing every option so their values are not taken for it.
  const allOptions: ParseArgsOptionsConfig = Object.assign({}, GLOBAL_OPTIONS, ...COMMANDS.map((c) => c.options));
  const first = parseArgs({ args: argv, options: allOptions, allowPositionals: true, strict: false });
  const [name, ...rest] = first.positionals;
  const wantsHelp = first.values.help === true;

  if (name === undefined) {
    try {
      parseArgs({ args: argv, options: GLOBAL_OPTIONS, allowPositionals: true, strict: true });
    } catch (error) {
      throw argumentError(error, undefined);
    }
    if (!wantsHelp) throw new CliError(`No command given. ${HELP_HINT}`);
    printHelp(io, COMMANDS, resolveDbFile(undefined));
    return EXIT_OK;
  }
  if (name === 'help') {
    const topic = rest[0];
    const command = COMMANDS.find((c) => c.name === topic);
    if (topic !== undefined && !command) throw new CliError(`Unknown command "${topic}". ${HELP_HINT}`);
    if (command) printCommandHelp(io, command);
    else printHelp(io, COMMANDS, resolveDbFile(undefined));
    return EXIT_OK;
  }

  const command = COMMANDS.find((c) => c.name === name);
  if (!command) throw new CliError(`Unknown command "${name}". ${HELP_HINT}`);

  // Second pass, strict: only the global options and this command's own.
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw argumentError(error, command.name);
  }
  if (parsed.values.help === true) {
    printCommandHelp(io, command);
    return EXIT_OK;
  }
  const db = typeof parsed.values.db === 'string' ? parsed.values.db : undefined;
  if (db !== undefined && db.trim() === '') throw new CliError('The option --db needs a file name.');
  return command.run({
    args: parsed.positionals.slice(1),
    options: parsed.values,
    dbFile: resolveDbFile(db),
    dbGiven: db !== undefined,
    io,
  });
}

/**
 * Runs one command line and returns its exit code; a refusal is reported on io.err.
 * Every line the CLI prints is masked here, once, whatever the command put in it
 * (a CSV header, a cell quoted in an error): no CPR number reaches a terminal or a
 * log. `write` carries an export's data, which is the administrator's own file.
 */
export async function runCli(argv: string[], terminal: CliIo): Promise<number> {
  const io: CliIo = {
    out: (line) => terminal.out(maskCprsInText(line)),
    err: (line) => terminal.err(maskCprsInText(line)),
    write: (text) => terminal.write(text),
  };
  try {
    return await dispatchCli(argv, io);
  } catch (error) {
    io.err(`Error: ${describeError(error)}`);
    return EXIT_ERROR;
  }
}
