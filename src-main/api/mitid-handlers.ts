import type { CaseworkerMitidView, MitidSetupView } from '../contract';
import { MITID_SECRET_NAME, MITID_SETTINGS_KEY, mitidSettingsSchema, issuerFor } from '../mitid/mitid-settings';
import { recordDetail } from '../records/record-detail';
import { checkHostOrUrl, refuseInvalidSettings } from '../integration-settings/setting-checks';
import { DomainError } from '../shared/domain-error';
import type { HandlerContext, HandlerTable } from './handler';
import { currentUser, language, requireAdmin } from './handler';
import { accessTexts } from '../access/access-texts';

type MitidMethods =
  | 'getMitidSetup'
  | 'saveMitidSettings'
  | 'saveMitidWorkflow'
  | 'listQuestionnaires'
  | 'saveQuestionnaire'
  | 'deleteQuestionnaire'
  | 'startQuestionnaireRun'
  | 'beginQuestionnaireMitid'
  | 'getQuestionnaireRun'
  | 'completeQuestionnaireRun'
  | 'cancelQuestionnaireRun'
  | 'beginCaseworkerMitid'
  | 'getCaseworkerMitid';

function setup(ctx: HandlerContext): MitidSetupView {
  const { services } = ctx;
  const settings = services.integrationSettings.read(MITID_SETTINGS_KEY, mitidSettingsSchema);
  const ws = services.workspace.snapshot();
  return {
    settings,
    usesSandbox: settings.domain.trim() === '',
    // Empty while the sandbox is meant but not running: nothing else is called instead.
    issuer: issuerFor(settings, services.sandboxUrls.get('mitid') ?? ''),
    clientSecretSet: Boolean(services.config.secrets.get(MITID_SECRET_NAME)),
    workflows: ws.workflows.map((w) => services.claimMappings.forWorkflow(ws, w.id)),
  };
}

/** What the caseworker sign-in with MitID has come to; signs in (and links on first use) when it succeeded. */
function caseworkerLogin(ctx: HandlerContext, loginId: string): CaseworkerMitidView {
  const { services, session } = ctx;
  const pending = services.caseworkerIdentities.pending.get(loginId);
  if (!pending) throw new DomainError('not_found', 'that MitID login does not exist (it may have expired)');
  const base = { loginId, authorizationUrl: pending.authorizationUrl };
  const state = services.mitidLogins.state(session, loginId);
  if (state.status === 'pending') return { ...base, status: 'pending' };
  services.caseworkerIdentities.pending.delete(loginId);
  if (state.status === 'failed') {
    services.access.signInFailed('mitid', state.failure ?? 'failed', pending.userId);
    return { ...base, status: 'failed', reason: state.failure };
  }
  const identity = services.mitidLogins.take(session, loginId);
  let userId = services.caseworkerIdentities.userFor(identity.uuid);
  if (userId === null) {
    if (pending.userId === null) {
      services.access.signInFailed('mitid', 'not_linked', null);
      return { ...base, status: 'not_linked' };
    }
    services.caseworkerIdentities.link(identity.uuid, pending.userId);
    userId = pending.userId;
  }
  const user = services.users.getUser(userId);
  if (!user) {
    services.access.signInFailed('mitid', 'not_linked', null);
    return { ...base, status: 'not_linked' };
  }
  services.access.signIn(session, user, 'mitid');
  return { ...base, status: 'signed_in', user };
}

export const mitidHandlers: HandlerTable<MitidMethods> = {
  getMitidSetup: (_input, ctx) => {
    requireAdmin(ctx);
    return setup(ctx);
  },
  saveMitidSettings: (input, ctx) => {
    requireAdmin(ctx);
    const { clientSecret, ...settings } = input;
    // Empty means the sandbox; anything else must be an https address (http only to the sandbox on this computer).
    refuseInvalidSettings([checkHostOrUrl('mitid_domain', settings.domain, { sandbox: ctx.services.config.sandbox, optional: true })]);
    if (clientSecret !== undefined) {
      const secrets = ctx.services.config.secrets;
      if (clientSecret === null) secrets.delete(MITID_SECRET_NAME);
      else if (!secrets.isAvailable()) throw new DomainError('not_allowed', 'this computer cannot store secrets safely');
      else secrets.set(MITID_SECRET_NAME, clientSecret);
    }
    ctx.services.integrationSettings.write(MITID_SETTINGS_KEY, mitidSettingsSchema, settings);
    return setup(ctx);
  },
  saveMitidWorkflow: (input, ctx) => {
    requireAdmin(ctx);
    const ws = ctx.services.workspace.snapshot();
    if (!ws.workflowsById.get(input.workflowId)) throw new DomainError('not_found', 'Workflow was not found');
    for (const key of Object.values(input.mappings)) {
      if (key && !ws.fieldsByKey.get(key)) throw new DomainError('invalid_input', `there is no field "${key}"`);
    }
    ctx.services.claimMappings.save(ws, { workflowId: input.workflowId, enabled: input.enabled, mappings: input.mappings });
    return setup(ctx);
  },
  listQuestionnaires: (_input, ctx) => {
    currentUser(ctx);
    return ctx.services.questionnaires.list(ctx.services.workspace.snapshot());
  },
  saveQuestionnaire: (input, ctx) => {
    requireAdmin(ctx);
    const ws = ctx.services.workspace.snapshot();
    const id = ctx.services.questionnaires.save(ws, input);
    return ctx.services.questionnaires.get(ws, id);
  },
  deleteQuestionnaire: (input, ctx) => {
    requireAdmin(ctx);
    ctx.services.questionnaires.delete(input.id);
    return null;
  },
  startQuestionnaireRun: (input, ctx) => {
    const user = currentUser(ctx);
    const run = ctx.services.questionnaireRuns.start(ctx.session, user.id, input.questionnaireId, input.recordId);
    // The kiosk now holds the session: only its methods answer until a caseworker signs in (see access-control.ts).
    ctx.session.kiosk = { questionnaireId: input.questionnaireId, recordId: input.recordId ?? null };
    return run;
  },
  beginQuestionnaireMitid: (input, ctx) => {
    currentUser(ctx);
    return ctx.services.questionnaireRuns.beginMitid(ctx.session, input.runId);
  },
  getQuestionnaireRun: (input, ctx) => {
    currentUser(ctx);
    return ctx.services.questionnaireRuns.get(ctx.session, input.runId);
  },
  completeQuestionnaireRun: (input, ctx) => {
    currentUser(ctx);
    const id = ctx.services.questionnaireRuns.complete(ctx.session, input.runId, input.answers);
    ctx.services.jobs.wake();
    ctx.services.events.emit('recordsChanged', { recordIds: [id] });
    return recordDetail(ctx.services.db, ctx.services.records, ctx.services.workspace, id);
  },
  cancelQuestionnaireRun: (input, ctx) => {
    ctx.services.questionnaireRuns.cancel(ctx.session, input.runId);
    return null;
  },
  beginCaseworkerMitid: async (input, ctx) => {
    const { services, session } = ctx;
    services.access.requireMethod('mitid');
    // From the lock screen or the kiosk only an already linked MitID signs in: a citizen
    // must not link their own MitID to a caseworker's profile.
    if (input.userId !== undefined && (session.locked || session.kiosk)) throw new DomainError('not_allowed', accessTexts(language(ctx)).noLinkWhileLocked);
    if (input.userId !== undefined && !services.users.getUser(input.userId)) throw new DomainError('not_found', 'that user does not exist');
    const started = await services.mitidLogins.start(session, {
      askForCpr: false,
      ...(input.business ? { acr: 'urn:grn:authn:dk:mitid:business' } : {}),
    });
    services.caseworkerIdentities.pending.set(started.loginId, { userId: input.userId ?? null, authorizationUrl: started.authorizationUrl });
    return { loginId: started.loginId, status: 'pending', authorizationUrl: started.authorizationUrl };
  },
  getCaseworkerMitid: (input, ctx) => caseworkerLogin(ctx, input.loginId),
};
