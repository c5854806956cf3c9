import { CostLedger } from '../costs/cost-ledger';
import { EventBus } from '../events/event-bus';
import { IntegrationSettings } from '../integration-settings/integration-settings';
import { JobRunner } from '../jobs/job-runner';
import { AssignmentNotifier } from '../notifications/assignment-notifier';
import { NotificationInbox } from '../notifications/inbox';
import { NotificationService } from '../notifications/notification-service';
import { NotificationRetention } from '../notifications/retention';
import { RecordsService } from '../records/records-service';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import type { Db } from '../store/database';
import { createActionRegistry, type ActionRegistry } from '../status-actions/registry';
import { createSigning } from '../signing/create-signing';
import { createDirectory } from '../users/directory';
import { UsersRepo } from '../users/users-repo';
import { StatusChanges } from '../workflow/status-change';
import { WorkspaceRepo } from '../workspace/workspace-repo';
import { WorkspaceTransfer } from '../workspace/workspace-transfer';
import type { SecretStore } from './secrets';
import type { SettingsStore } from './settings';

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
  // The inbox (issue 6): features publish inside their transactions; see docs/notifications.md.
  const notifications = new NotificationService(db, clock, events);
  const actions: ActionRegistry = createActionRegistry({ notifications });
  const directory = createDirectory(db);
  const users = new UsersRepo(db, clock);
  const workspace = new WorkspaceRepo(db, actions, directory);
  const records = new RecordsService(db, workspace, clock, directory, new AssignmentNotifier(notifications, directory));
  const statusChanges = new StatusChanges(db, workspace, records, actions, directory, clock);
  const transfer = new WorkspaceTransfer(db, workspace, users, actions, directory, clock);
  const costs = new CostLedger(db, clock);
  const integrationSettings = new IntegrationSettings(db);
  const inbox = new NotificationInbox(db, clock, () => workspace.snapshot(), directory);
  const notificationRetention = new NotificationRetention(notifications, integrationSettings);
  const jobs = new JobRunner({ db, actions, workspace, records, clock, events, ...(config.random ? { random: config.random } : {}) });
  const signing = createSigning({ db, clock, events, costs, statusChanges, integrationSettings, secrets: config.secrets, settings: config.settings, notifications, jobs });
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
    signing: signing.service,
    signingWorker: signing.worker,
    inbox,
    notificationRetention,
  };
}

export type Services = ReturnType<typeof createServices>;
