import type { CliCommand, CliIo } from './command';

const PROGRAM = 'npm run cli --';

/** The overview: every command, the global options and where data lives. */
export function printHelp(io: CliIo, commands: readonly CliCommand[], defaultDb: string): void {
  const lines = [
    'Caseworker (Sagsbehandler) administration',
    '',
    `Usage: ${PROGRAM} [--db <file>] <command> [options]`,
    '',
    'Commands:',
    ...commands.flatMap((c) => [`  ${c.usage}`, `      ${c.summary}`]),
    '  help [command]',
    '      Show this help, or the help of one command.',
    '',
    'Options for every command:',
    '  --db <file>   The database file to use.',
    `                Default: ${defaultDb}`,
    '  -h, --help    Show help.',
    '',
    'Environment:',
    '  CASEWORKER_DATA_DIR        The data folder, instead of the default above.',
    '  CASEWORKER_SECRET_<NAME>   Secrets (passwords, API credentials); they are never stored in the database.',
    '',
    'Exit codes: 0 done, 1 error (nothing changed), 2 an import left some rows out.',
  ];
  for (const line of lines) io.out(line);
}

export function printCommandHelp(io: CliIo, command: CliCommand): void {
  io.out(`Usage: ${PROGRAM} [--db <file>] ${command.usage}`);
  io.out('');
  io.out(command.summary);
  for (const line of command.details) io.out(line);
}
