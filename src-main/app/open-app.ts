import { join, resolve } from 'node:path';
import { createDispatcher } from '../api/dispatch';
import { auditHasher } from '../audit/audit-key';
import { useAuditHasher } from '../audit/audit-log';
import { seedDemoWorkspace } from '../demo/seed-demo';
import type { NotificationPort } from '../notifications/notification-port';
import { startDigitalPostWithApp } from '../digital-post/start-with-app';
import type { Clock } from '../shared/clock';
import { openDatabase } from '../store/database';
import { StoreFileError } from '../store/store-file';
import { NO_LOG_TO_WATCH, startBackgroundCheckpoints } from '../store/wal-checkpointer';
import type { BrowserOpener } from '../mitid/browser-opener';
import { ensurePrivateFolder } from '../shared/private-files';
import type { AppHandle } from './app-handle';
import { defaultDataDir } from './data-dir';
import type { SecretStore } from './secrets';
import { createServices, type Services } from './services';
import type { SettingsStore } from './settings';

export interface OpenAppOptions {
  /** The app's data folder; the case store is `<dataDir>/caseworker.sqlite`. */
  dataDir: string;
  settings: SettingsStore;
  secrets: SecretStore;
  transport: 'electron' | 'web' | 'cli';
  /** Seed the sandbox demo workspace when the database is new (default true). */
  seedDemo?: boolean;
  version?: string;
  clock?: Clock;
  /** Use this database file instead of the one in dataDir (CLI `--db`). */
  dbFile?: string;
  /** The notification port (tests pass a recording fake; issue 6 wires the inbox in services). */
  notifications?: NotificationPort;
  /** Opens the system browser for MitID (the Electron shell's). */
  browserOpener?: BrowserOpener;
  /** Digital Post's sandbox on a free port (true), on 4030 unless taken (false), or as the environment says (undefined). */
  ephemeralSandboxPorts?: boolean;
  /** The OS account for the OS-account sign-in (tests); os.userInfo() otherwise. */
  osAccount?: () => string;
}

export const DATABASE_FILE = 'caseworker.sqlite';

/** Opens the case store and builds every service: the one start-up path for all hosts. */
export function openApp(options: OpenAppOptions): AppHandle & { services: Services } {
  const file = options.dbFile ?? join(options.dataDir, DATABASE_FILE);
  // The data folder holds CPR numbers: this account's alone. A folder the
  // administrator named only by giving the CLI a --db file is not ours to tighten.
  if (file !== ':memory:') {
    const ownFolder = !options.dbFile || resolve(options.dataDir) === resolve(defaultDataDir());
    try {
      ensurePrivateFolder(options.dataDir, { tighten: ownFolder });
    } catch {
      throw new StoreFileError('cannot_create', file);
    }
  }
  const { db, isNew } = openDatabase(file);
  useAuditHasher(db, auditHasher(options.secrets, options.dataDir));
  const checkpoints = file === ':memory:' ? { ...NO_LOG_TO_WATCH, stop: async () => {} } : startBackgroundCheckpoints(db, file);
  const services = createServices({
    db,
    walLog: checkpoints,
    settings: options.settings,
    secrets: options.secrets,
    sandbox: true,
    transport: options.transport,
    dataDir: options.dataDir,
    version: options.version ?? '0.1.0',
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.notifications ? { notifications: options.notifications } : {}),
    ...(options.browserOpener ? { browserOpener: options.browserOpener } : {}),
    ...(options.osAccount ? { osAccount: options.osAccount } : {}),
  });
  if (isNew && options.seedDemo !== false) seedDemoWorkspace(services);
  const dispatch = createDispatcher(services);
  let closed = false;
  let digitalPost: Promise<() => Promise<void>> | null = null;
  return {
    services,
    dispatch,
    events: services.events,
    startJobs: () => {
      services.jobs.start();
      services.signingWorker.start();
      services.notificationRetention.start();
      services.timedActions.start();
      digitalPost ??= startDigitalPostWithApp(services.digitalPost, services.config.sandbox, options.dataDir, {
        ...(options.ephemeralSandboxPorts !== undefined ? { ephemeral: options.ephemeralSandboxPorts } : {}),
        onStarted: (sandbox) => services.sandboxAddresses.record(sandbox),
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      services.notificationRetention.stop();
      services.timedActions.stop();
      await services.jobs.stop();
      await services.signingWorker.stop();
      await (await digitalPost)?.();
      await services.digitalPost.stop();
      await services.csvRowChecking.stop();
      db.close();
      // Last, so the final checkpoint sees every commit and removes the log file.
      await checkpoints.stop();
    },
  };
}
