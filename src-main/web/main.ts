// `npm run web`: the real renderer in a browser, for machines without Electron
// and for end-to-end tests. Prints the one URL (with the per-run token) to open.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir';
import { startWebHost, type WebHost } from './web-host';
import { keepSandboxPkiIn } from '../sandbox/signatures/signatures-simulator';
import { maskCprsInConsole } from '../shared/log-redaction';

maskCprsInConsole();

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: process.env.CASEWORKER_WEB_PORT ?? '5174' },
    'data-dir': { type: 'string' },
    static: { type: 'string', default: 'out/web' },
    token: { type: 'string' },
    'no-demo': { type: 'boolean', default: false },
  },
});

const dataDir = resolve(values['data-dir'] ?? defaultDataDir());
const token = values.token ?? process.env.CASEWORKER_WEB_TOKEN;
// The Signatures sandbox keeps its CA, signing and TSA certificates in the data folder.
keepSandboxPkiIn(resolve(dataDir, 'sandbox-signatures-pki'));
let host: WebHost;
try {
  host = await startWebHost({
    dataDir,
    staticDir: resolve(values.static),
    port: Number(values.port),
    ...(token ? { token } : {}),
    seedDemo: !values['no-demo'],
    // `--port 0` (tests run in parallel): every sandbox simulator on a free port too.
    ...(values.port === '0' ? { ephemeralSandboxPorts: true } : {}),
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
console.log(`Caseworker web: ${host.server.url}`);
console.log(`Data folder: ${dataDir}`);

const shutdown = async () => {
  await host.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
