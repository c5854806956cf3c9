import type { ServiceConfig } from '../app/services';
import type { CostLedger } from '../costs/cost-ledger';
import type { IntegrationSettings } from '../integration-settings/integration-settings';
import type { NotificationPort } from '../notifications/notification-port';
import { QuestionnaireRepo } from '../questionnaires/questionnaire-repo';
import { QuestionnaireRuns } from '../questionnaires/questionnaire-runs';
import type { RecordsService } from '../records/records-service';
import type { Clock } from '../shared/clock';
import type { Db } from '../store/database';
import type { StatusChanges } from '../workflow/status-change';
import type { WorkspaceRepo } from '../workspace/workspace-repo';
import { callerOpensBrowser } from './browser-opener';
import { CaseworkerIdentities } from './caseworker-identities';
import { ClaimMappings } from './claim-mapping';
import { MitidLogins } from './mitid-logins';

/** MitID and questionnaire services, built by the composition root. */
export function createMitidServices(d: {
  config: ServiceConfig;
  db: Db;
  clock: Clock;
  workspace: WorkspaceRepo;
  records: RecordsService;
  statusChanges: StatusChanges;
  costs: CostLedger;
  integrationSettings: IntegrationSettings;
  notifications: NotificationPort;
  sandboxUrls: Map<string, string>;
}) {
  const mitidLogins = new MitidLogins({
    settings: d.integrationSettings,
    secrets: d.config.secrets,
    costs: d.costs,
    opener: d.config.browserOpener ?? callerOpensBrowser,
    // Only the MitID sandbox this app started, wherever it listens; null while it is not running.
    sandboxUrl: () => d.sandboxUrls.get('mitid') ?? null,
    language: () => d.config.settings.get().language,
  });
  const claimMappings = new ClaimMappings(d.db);
  const questionnaires = new QuestionnaireRepo(d.db, d.clock);
  const questionnaireRuns = new QuestionnaireRuns({
    db: d.db,
    clock: d.clock,
    workspace: d.workspace,
    records: d.records,
    statusChanges: d.statusChanges,
    questionnaires,
    claims: claimMappings,
    logins: mitidLogins,
    notifications: d.notifications,
  });
  const caseworkerIdentities = new CaseworkerIdentities(d.db, d.clock);
  return { mitidLogins, claimMappings, questionnaires, questionnaireRuns, caseworkerIdentities };
}
