// `node test/run-parallel.mjs "<command>" "<command>" …`: runs the commands at
// the same time (the static checks of `npm test`: two tsc projects and eslint,
// each single-threaded, so together they use both cores). Each command's
// output is printed in one piece when it ends, so nothing interleaves; the exit
// code is the first failing command's, or 0 when all pass.
import { spawn } from 'node:child_process';

const commands = process.argv.slice(2);
if (commands.length === 0) {
  console.error('usage: node test/run-parallel.mjs "<command>" ["<command>" …]');
  process.exit(2);
}

const run = (command) =>
  new Promise((done) => {
    const started = Date.now();
    const child = spawn(command, { shell: true, stdio: ['ignore', 'pipe', 'pipe'] });
    const output = [];
    child.stdout.on('data', (chunk) => output.push(chunk));
    child.stderr.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => output.push(Buffer.from(`${error.message}\n`)));
    child.on('close', (code, signal) => {
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const status = code === 0 ? 'ok' : `failed (${signal ?? `exit ${code}`})`;
      process.stdout.write(`> ${command}: ${status} in ${seconds} s\n`);
      process.stdout.write(Buffer.concat(output));
      done(code === 0 ? 0 : (code ?? 1));
    });
  });

const codes = await Promise.all(commands.map(run));
process.exitCode = codes.find((code) => code !== 0) ?? 0;
