import { existsSync, readFileSync } from 'node:fs';
import type { SecretStore } from '../app/secrets';
import type { SettingsStore } from '../app/settings';
import type { CostLedger } from '../costs/cost-ledger';
import type { DigitalPostPort } from '../digital-post/digital-post-port';
import type { DocumentPort } from '../documents/document-port';
import type { EventBus } from '../events/event-bus';
import type { IntegrationSettings } from '../integration-settings/integration-settings';
import type { JobRunner } from '../jobs/job-runner';
import type { NotificationPort } from '../notifications/notification-port';
import type { Clock } from '../shared/clock';
import type { Db } from '../store/database';
import type { StatusChanges } from '../workflow/status-change';
import { SdkSignaturesGateway, type SignaturesGateway } from './signatures-client';
import { signedDocumentCheck, trustAnchorsFrom } from './signature-check';
import { readSignaturesSettings, SANDBOX_CLIENT_ID, signaturesCredentials } from './signing-settings';
import { SigningService } from './signing-service';
import { SigningWorker, type SigningWorkerDeps } from './signing-worker';

export interface SigningDeps {
  db: Db;
  clock: Clock;
  events: EventBus;
  costs: CostLedger;
  statusChanges: StatusChanges;
  integrationSettings: IntegrationSettings;
  secrets: SecretStore;
  settings: SettingsStore;
  notifications: NotificationPort;
  jobs: JobRunner;
  documents: DocumentPort;
  digitalPost: DigitalPostPort;
  gateway?: SignaturesGateway;
  /** Where the Signatures sandbox this app started listens (null: not running); used while the endpoint is the sandbox default. */
  sandboxEndpoint?: () => string | null;
  /** Test hook, see SigningWorkerDeps.afterStep. */
  afterStep?: SigningWorkerDeps['afterStep'];
}

/** Builds the signing worker (started with the app) and the service the handlers use. */
export function createSigning(deps: SigningDeps): { service: SigningService; worker: SigningWorker } {
  const gateway = deps.gateway ?? new SdkSignaturesGateway(() => signaturesCredentials(deps.integrationSettings, deps.secrets, deps.sandboxEndpoint));
  const worker = new SigningWorker({
    db: deps.db,
    clock: deps.clock,
    gateway,
    documents: deps.documents,
    digitalPost: deps.digitalPost,
    notifications: deps.notifications,
    costs: deps.costs,
    statusChanges: deps.statusChanges,
    events: deps.events,
    settings: () => readSignaturesSettings(deps.integrationSettings),
    checkSignedDocument: signedDocumentCheck(
      trustAnchorsFrom(() => {
        const s = readSignaturesSettings(deps.integrationSettings);
        // Idura's roots for production come from a PEM file named in the environment (not secret, but per installation).
        const file = process.env.SIGNATURES_TRUST_ANCHORS_FILE;
        const pem = file && existsSync(file) ? readFileSync(file, 'utf8') : '';
        // The sandbox's CA comes from the sandbox the calls go to (the resolved endpoint of the credentials):
        // the one this app started, wherever it listens, never whatever holds the stored default port.
        const endpoint = signaturesCredentials(deps.integrationSettings, deps.secrets, deps.sandboxEndpoint)?.endpoint ?? null;
        return { pem, sandboxEndpoint: s.clientId === SANDBOX_CLIENT_ID ? endpoint : null };
      }),
    ),
    language: () => deps.settings.get().language,
    onRecordMoved: () => deps.jobs.wake(),
    ...(deps.afterStep ? { afterStep: deps.afterStep } : {}),
  });
  // A "Request MitID signature" job just inserted a request: start on it now.
  deps.events.subscribe((event) => {
    if (event === 'jobsChanged') worker.wake();
  });
  const service = new SigningService(deps.db, deps.clock, deps.integrationSettings, deps.secrets, worker);
  return { service, worker };
}
