// The Digital Post sandbox alone in its own process on an ephemeral port, for
// the send benchmark (the access point is not the app's process in real life either).
// `--strict <dir>`: strict mode (HTTPS, client certificate from the sandbox CA, Basic
// value), its PKI made in <dir>. Latency is set over HTTP: PUT /sandbox/faults {"latencyMs":30}.
import { startDigitalPostSandbox } from '../../src-main/sandbox/digital-post/digital-post-simulator';

const strictAt = process.argv.indexOf('--strict');
const pkiDir = strictAt >= 0 ? process.argv[strictAt + 1] : undefined;
const sim = await startDigitalPostSandbox({ port: 0, ...(pkiDir ? { strict: { pkiDir } } : {}) });
sim.setFaults({ deliveryDelayMs: 0 });
console.log(`SANDBOX ${sim.url} API ${sim.apiUrl}`);
process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
setInterval(() => {
  if (process.argv.includes('--stats')) console.log(`LETTERS ${sim.state.letters.size}`);
}, 1000).unref();
process.stdin.on('data', (d) => {
  if (d.toString().startsWith('count')) console.log(`LETTERS ${sim.state.letters.size} POSTS ${sim.state.totalPosts}`);
});
