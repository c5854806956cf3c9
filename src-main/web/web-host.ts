import { resolve } from 'node:path';
import { FileSettingsStore } from '../app/file-settings-store';
import { openApp } from '../app/open-app';
import { EnvSecretStore, type SecretStore } from '../app/secrets';
import { startSandbox, type RunningSandbox } from '../sandbox/start-sandbox';
import { SIMULATORS_STARTED_BY_HOSTS } from '../sandbox/simulators';
import { startWebServer, type WebServer } from './web-server';

export interface WebHostOptions {
  dataDir: string;
  staticDir: string;
  port: number;
  token?: string;
  seedDemo: boolean;
  /**
   * True: every sandbox simulator on a free port; false: the default ports
   * (moving off any that is taken); undefined: as the environment says
   * (CASEWORKER_SANDBOX_EPHEMERAL=1, tests). `npm run web -- --port 0` passes true.
   */
  ephemeralSandboxPorts?: boolean;
  secrets?: SecretStore;
}

export interface WebHost {
  app: ReturnType<typeof openApp>;
  server: WebServer;
  sandbox: RunningSandbox;
  close(): Promise<void>;
}

/**
 * The browser transport's wiring (`npm run web`): the app, its sandbox
 * simulators and the HTTP server. Every client reads the simulators' real
 * addresses from `services.sandboxAddresses`, recorded here as each starts.
 * Throws when the case store cannot be opened.
 */
export async function startWebHost(options: WebHostOptions): Promise<WebHost> {
  const app = openApp({
    dataDir: options.dataDir,
    settings: new FileSettingsStore(resolve(options.dataDir, 'settings.json')),
    secrets: options.secrets ?? new EnvSecretStore(),
    transport: 'web',
    seedDemo: options.seedDemo,
    ...(options.ephemeralSandboxPorts !== undefined ? { ephemeralSandboxPorts: options.ephemeralSandboxPorts } : {}),
  });
  app.startJobs();
  const sandbox = await startSandbox({
    ...(options.ephemeralSandboxPorts !== undefined ? { ephemeralPorts: options.ephemeralSandboxPorts } : {}),
    simulators: SIMULATORS_STARTED_BY_HOSTS,
  });
  for (const s of sandbox.simulators) app.services.sandboxAddresses.record(s);
  const server = await startWebServer({ app, staticDir: options.staticDir, port: options.port, ...(options.token ? { token: options.token } : {}) });
  return {
    app,
    server,
    sandbox,
    close: async () => {
      await server.close();
      await sandbox.close();
      await app.close();
    },
  };
}
