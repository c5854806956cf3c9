import { CostLedger } from '../costs/cost-ledger';
import { EventBus } from '../events/event-bus';
import { IntegrationSettings } from '../integration-settings/integration-settings';
import { JobRunner } from '../jobs/job-runner';
import type { NotificationPort } from '../notifications/notification-port';
import { RecordsService } from '../records/records-service';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import type { Db } from '../store/database';
import { createActionRegistry, type ActionRegistry } from '../status-actions/registry';
import { createDirectory } from '../users/directory';
import { UsersRepo } from '../users/users-repo';
import { StatusChanges } from '../workflow/status-change';
import { WorkspaceRepo } from '../workspace/workspace-repo';
import { WorkspaceTransfer } from '../workspace/workspace-transfer';
import type { SecretStore } from './secrets';
import type { SettingsStore } from './settings';
import { createMitidServices } from '../mitid/mitid-services';
import type { BrowserOpener } from '../mitid/browser-opener';

export interface ServiceConfig {
  db: Db;
  settings: SettingsStore;
  secrets: SecretStore;
  clock?: Clock;
  random?: () => number;
  sandbox: boolean;
  transport: 'electron' | 'web' | 'cli';
  dataDir: string;
  version: string;
  /** Opens the system browser (Electron shell); absent where the caller opens URLs itself. */
  browserOpener?: BrowserOpener;
}

/**
 * The composition root: every service, built from a config and a database
 * handle. The Electron entry, the browser transport, the CLI and the tests all
 * come through here; there are no module-level singletons.
 */
export function createServices(config: ServiceConfig) {
  const { db } = config;
  const clock = config.clock ?? systemClock;
  const events = new EventBus();
  const actions: ActionRegistry = createActionRegistry();
  const directory = createDirectory(db);
  const users = new UsersRepo(db, clock);
  const workspace = new WorkspaceRepo(db, actions, directory);
  const records = new RecordsService(db, workspace, clock, directory);
  const statusChanges = new StatusChanges(db, workspace, records, actions, directory, clock);
  const transfer = new WorkspaceTransfer(db, workspace, users, actions, directory, clock);
  const costs = new CostLedger(db, clock);
  const integrationSettings = new IntegrationSettings(db);
  // Until the notification inbox exists (issue 6), features publish into nothing.
  const notifications: NotificationPort = { publish: () => {} };
  // Where the running sandbox simulators listen (set by the host that starts them).
  const sandboxUrls = new Map<string, string>();
  const mitid = createMitidServices({ config, db, clock, workspace, records, statusChanges, costs, integrationSettings, notifications, sandboxUrls });
  const jobs = new JobRunner({ db, actions, workspace, records, clock, events, ...(config.random ? { random: config.random } : {}) });
  return {
    config,
    db,
    clock,
    events,
    actions,
    directory,
    users,
    workspace,
    records,
    statusChanges,
    transfer,
    jobs,
    costs,
    integrationSettings,
    notifications,
    sandboxUrls,
    ...mitid,
  };
}

export type Services = ReturnType<typeof createServices>;
