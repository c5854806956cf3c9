// `npm run web`: the real renderer in a browser, for machines without Electron
// and for end-to-end tests. Prints the one URL (with the per-run token) to open.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultDataDir } from '../app/data-dir';
import { FileSettingsStore } from '../app/file-settings-store';
import { openApp } from '../app/open-app';
import { EnvSecretStore } from '../app/secrets';
import { startSandbox } from '../sandbox/start-sandbox';
import { SIMULATORS_STARTED_BY_HOSTS } from '../sandbox/simulators';
import { startWebServer } from './web-server';
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
let app: ReturnType<typeof openApp>;
try {
  app = openApp({
    dataDir,
    settings: new FileSettingsStore(resolve(dataDir, 'settings.json')),
    secrets: new EnvSecretStore(),
    transport: 'web',
    seedDemo: !values['no-demo'],
  });
} catch (error) {
  console.error((error as Error).message);
  process.exit(1);
}
app.startJobs();
// The sandbox simulators run with the app; on ephemeral ports when the server is (tests run in parallel).
const sandbox = await startSandbox({ ephemeralPorts: values.port === '0', simulators: SIMULATORS_STARTED_BY_HOSTS });
for (const s of sandbox.simulators) app.services.sandboxUrls.set(s.name, s.url);
const server = await startWebServer({
  app,
  staticDir: resolve(values.static),
  port: Number(values.port),
  ...(values.token ?? process.env.CASEWORKER_WEB_TOKEN ? { token: values.token ?? process.env.CASEWORKER_WEB_TOKEN } : {}),
});
console.log(`Caseworker web: ${server.url}`);
console.log(`Data folder: ${dataDir}`);

const shutdown = async () => {
  await server.close();
  await sandbox.close();
  await app.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
