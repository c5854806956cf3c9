import { dirname } from 'node:path';
import { CsvImportService } from '../csv-import/csv-import';
import { CsvUploads } from '../csv-import/csv-uploads';
import { ImportJournal } from '../csv-import/import-journal';
import { RowCheckingThread } from '../csv-import/row-checking-thread';
import { CostLedger } from '../costs/cost-ledger';
import { assertWithinBudget, statusActionCosts } from '../costs/budget-guard';
import { Budgets } from '../costs/budgets';
import { priceOre } from '../digital-post/settings';
import { routeToPhysicalPost } from '../digital-post/outbox/outbox-actions';
import { readSignaturesSettings } from '../signing/signing-settings';
import { DigitalPostService } from '../digital-post/digital-post-service';
import { allMessagesDeliveredGuard } from '../digital-post/delivered-guard';
import { DocumentService } from '../documents/document-service';
import { TemplateRepo } from '../documents/template-repo';
import { MailingService } from '../mailings/mailing-service';
import { EventBus } from '../events/event-bus';
import { IntegrationSettings } from '../integration-settings/integration-settings';
import { JobRunner } from '../jobs/job-runner';
import { AssignmentNotifier } from '../notifications/assignment-notifier';
import { NotificationInbox } from '../notifications/inbox';
import { NotificationService } from '../notifications/notification-service';
import { BulkOperations } from '../notifications/bulk-operations';
import type { NotificationPort } from '../notifications/notification-port';
import { NotificationRetention } from '../notifications/retention';
import { RecordsService } from '../records/records-service';
import type { Clock } from '../shared/clock';
import { systemClock } from '../shared/clock';
import type { Db } from '../store/database';
import { createActionRegistry, type ActionRegistry } from '../status-actions/registry';
import { createSigning } from '../signing/create-signing';
import { signatureCompletedGuard } from '../signing/signature-completed-guard';
import { createDirectory } from '../users/directory';
import { UsersRepo } from '../users/users-repo';
import { TimedActionScheduler } from '../timed-actions/timed-action-scheduler';
import { TransitionGuards } from '../workflow/guard-registry';
import { noFailedStatusActionGuard } from '../workflow/guards/no-failed-status-action';
import { StatusChanges } from '../workflow/status-change';
import { WorkspaceRepo } from '../workspace/workspace-repo';
import { WorkspaceTransfer } from '../workspace/workspace-transfer';
import { SandboxAddresses } from './sandbox-addresses';
import type { SecretStore } from './secrets';
import type { SettingsStore } from './settings';
import { createMitidServices } from '../mitid/mitid-services';
import type { BrowserOpener } from '../mitid/browser-opener';
import { userInfo } from 'node:os';
import { AccessControl } from '../access/access-control';
import { AccessStore } from '../access/access-store';
import type { LogLength } from '../store/wal-checkpointer';

export interface ServiceConfig {
  db: Db;
  /** The write-ahead log's length, watched by long writers (the CSV import); none for an in-memory store. */
  walLog?: LogLength;
  settings: SettingsStore;
  secrets: SecretStore;
  clock?: Clock;
  random?: () => number;
  sandbox: boolean;
  transport: 'electron' | 'web' | 'cli';
  dataDir: string;
  version: string;
  /** Tests pass a recording port that receives everything published, alongside the inbox. */
  notifications?: NotificationPort;
  /** Opens the system browser (Electron shell); absent where the caller opens URLs itself. */
  browserOpener?: BrowserOpener;
  /** The operating-system account for the OS-account sign-in; os.userInfo() when not given (tests pass one). */
  osAccount?: () => string;
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
  // Imports, mailings and bulk status changes: one summary notification per person each (issue 14).
  const bulkOperations = new BulkOperations(db, clock);
  const notifications = new NotificationService(db, clock, events, bulkOperations);
  // What features publish into; tests may listen in on it without bypassing the inbox.
  const notificationPort: NotificationPort = config.notifications ? teeNotifications(notifications, config.notifications) : notifications;
  const costs = new CostLedger(db, clock);
  const integrationSettings = new IntegrationSettings(db);
  const language = () => config.settings.get().language;
  const digitalPost = new DigitalPostService({ db, clock, integrationSettings, secrets: config.secrets, costs, notifications: notificationPort, events, language });
  const actions: ActionRegistry = createActionRegistry({
    notifications: notificationPort,
    outbox: () => digitalPost.outbox,
    // Built further down (it needs the workspace, which needs the actions); only called when an action runs.
    documents: () => documents,
  });
  const directory = createDirectory(db);
  const users = new UsersRepo(db, clock);
  const access = new AccessControl({
    db,
    clock,
    users,
    store: new AccessStore(integrationSettings, config.sandbox),
    osAccount: config.osAccount ?? (() => userInfo().username),
    language,
  });
  const workspace = new WorkspaceRepo(db, actions, directory);
  const assignmentNotifier = new AssignmentNotifier(notificationPort, directory);
  const records = new RecordsService(db, workspace, clock, directory, assignmentNotifier);
  const csvRowChecking = new RowCheckingThread();
  const csvImport = new CsvImportService({
    db,
    workspace,
    records,
    csvRowChecking,
    assignments: assignmentNotifier,
    journal: new ImportJournal(db.memory ? null : dirname(db.name)),
    bulk: bulkOperations,
    ...(config.walLog ? { walLog: config.walLog } : {}),
  });
  const csvUploads = new CsvUploads();
  const guards = new TransitionGuards()
    .register(noFailedStatusActionGuard)
    .register(allMessagesDeliveredGuard)
    .register(signatureCompletedGuard);
  // Monthly budgets per channel (issue 14); the one guard that stops what would exceed them.
  const budgets = new Budgets(db, clock, {
    digitalPost: () => digitalPost.settings().prices,
    signatureOre: () => readSignaturesSettings(integrationSettings).priceOre,
  });
  const statusChanges = new StatusChanges(db, workspace, records, actions, directory, clock, guards, (entering, lang) =>
    assertWithinBudget(budgets, statusActionCosts(entering, budgets.prices), lang),
  );
  const inbox = new NotificationInbox(db, clock, () => workspace.snapshot(), directory);
  const notificationRetention = new NotificationRetention(notifications, integrationSettings);
  const jobs = new JobRunner({
    db,
    actions,
    workspace,
    records,
    clock,
    events,
    notifications: notificationPort,
    language,
    ...(config.random ? { random: config.random } : {}),
  });
  const timedActions = new TimedActionScheduler({ db, clock, events, onJobsQueued: () => jobs.wake() });
  const documentTemplates = new TemplateRepo(db, workspace, clock);
  const documents = new DocumentService(db, workspace, documentTemplates, directory, clock, () => digitalPost.settings().senderLabel);
  const mailings = new MailingService(db, documents, digitalPost.outbox, clock, {
    priceOre: (letter) => priceOre(digitalPost.outbox.prepare(letter).memo.length, digitalPost.settings().prices),
    lookupContacts: (cprs) => digitalPost.lookupContacts(cprs),
    toPhysicalPost: (messageId, code) => void routeToPhysicalPost(db, clock, notificationPort, messageId, code),
    budgets,
    priceSettings: () => digitalPost.settings().prices,
    language,
  });
  // Where the running sandbox simulators listen (recorded by the host that starts them).
  const sandboxAddresses = new SandboxAddresses();
  const sandboxUrls = sandboxAddresses.urls;
  const mitid = createMitidServices({
    config,
    db,
    clock,
    workspace,
    records,
    statusChanges,
    costs,
    integrationSettings,
    notifications: notificationPort,
    sandboxUrls,
  });
  const transfer = new WorkspaceTransfer(db, workspace, users, actions, directory, clock, {
    templates: documentTemplates,
    questionnaires: mitid.questionnaires,
    integrationSettings,
  });
  const signing = createSigning({
    db,
    clock,
    events,
    costs,
    statusChanges,
    integrationSettings,
    secrets: config.secrets,
    settings: config.settings,
    notifications: notificationPort,
    jobs,
    documents,
    digitalPost: digitalPost.outbox,
    sandboxEndpoint: () => sandboxUrls.get('signatures') ?? null,
  });
  return {
    config,
    db,
    clock,
    events,
    actions,
    directory,
    users,
    access,
    workspace,
    records,
    /** The CSV import's second thread for reading and checking rows (started on the first large import). */
    csvRowChecking,
    /** Reads, checks and imports CSV files in bounded steps (issue 13). */
    csvImport,
    /** CSV files on their way from a renderer, piece by piece. */
    csvUploads,
    statusChanges,
    transfer,
    jobs,
    timedActions,
    guards,
    costs,
    budgets,
    integrationSettings,
    notifications,
    bulkOperations,
    signing: signing.service,
    signingWorker: signing.worker,
    inbox,
    notificationRetention,
    digitalPost,
    documents,
    mailings,
    sandboxUrls,
    sandboxAddresses,
    ...mitid,
  };
}

export type Services = ReturnType<typeof createServices>;

function teeNotifications(inbox: NotificationPort, listener: NotificationPort): NotificationPort {
  return {
    publish(request) {
      listener.publish(request);
      return inbox.publish(request);
    },
  };
}
