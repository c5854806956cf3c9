// `npm run cli -- <command>`: administration over the same services as the app
// (openApp with transport 'cli'); the commands live in run-cli.ts, which also
// masks every line they print.
import { maskCprsInConsole } from '../shared/log-redaction';
import type { CliIo } from './command';
import { runCli } from './run-cli';

maskCprsInConsole();

const io: CliIo = {
  out: (line) => void process.stdout.write(`${line}\n`),
  err: (line) => void process.stderr.write(`${line}\n`),
  write: (text) => void process.stdout.write(text),
};

process.exitCode = await runCli(process.argv.slice(2), io);
