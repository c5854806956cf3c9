import { randomBytes } from 'node:crypto';
import type { QuestionnaireRunView, QuestionnaireView } from '../contract';
import { writeAudit } from '../audit/audit-log';
import { maskCpr } from '../cpr/cpr';
import type { ClaimMappings } from '../mitid/claim-mapping';
import type { MitidIdentity } from '../mitid/mitid-identity';
import type { MitidLogins } from '../mitid/mitid-logins';
import type { NotificationPort } from '../notifications/notification-port';
import type { RecordsService, Values } from '../records/records-service';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';
import type { StatusChanges } from '../workflow/status-change';
import type { WorkspaceRepo } from '../workspace/workspace-repo';
import type { QuestionnaireRepo } from './questionnaire-repo';

interface Run {
  id: string;
  owner: object;
  caseworkerId: number;
  questionnaire: QuestionnaireView;
  recordId: number | null;
  loginId: string | null;
  authorizationUrl: string;
  identity: MitidIdentity | null;
  mismatch: boolean;
  startedAt: number;
}

const RUN_LIFETIME_MS = 4 * 60 * 60_000;

/**
 * A citizen answering a questionnaire at the caseworker's desk (the kiosk).
 * The run, and the MitID identity it collects, live in memory until the
 * citizen completes: then the record is created or updated, answers and claims
 * validated by RecordsService, in one transaction. Cancelling or leaving
 * before that writes nothing.
 */
export class QuestionnaireRuns {
  private readonly runs = new Map<string, Run>();

  constructor(
    private readonly deps: {
      db: Db;
      clock: Clock;
      workspace: WorkspaceRepo;
      records: RecordsService;
      statusChanges: StatusChanges;
      questionnaires: QuestionnaireRepo;
      claims: ClaimMappings;
      logins: MitidLogins;
      notifications: NotificationPort;
    },
  ) {}

  start(owner: object, caseworkerId: number, questionnaireId: number, recordId: number | undefined): QuestionnaireRunView {
    this.sweep();
    const questionnaire = this.deps.questionnaires.get(this.deps.workspace.snapshot(), questionnaireId);
    if (questionnaire.mode === 'follow_up') {
      if (recordId === undefined) throw new DomainError('invalid_input', 'a follow-up questionnaire needs the record it follows up on');
      const row = this.deps.records.row(recordId);
      if (row.workflow_id !== questionnaire.workflowId) throw new DomainError('invalid_input', 'the record is not in the questionnaire\'s workflow');
      if (questionnaire.mitidRequired && !row.cpr) throw new DomainError('invalid_input', 'the record has no CPR number to check the MitID login against');
    }
    const run: Run = {
      id: randomBytes(16).toString('base64url'),
      owner,
      caseworkerId,
      questionnaire,
      recordId: questionnaire.mode === 'follow_up' ? (recordId ?? null) : null,
      loginId: null,
      authorizationUrl: '',
      identity: null,
      mismatch: false,
      startedAt: Date.now(),
    };
    this.runs.set(run.id, run);
    return this.view(run);
  }

  async beginMitid(owner: object, runId: string): Promise<QuestionnaireRunView> {
    const run = this.run(owner, runId);
    if (!run.questionnaire.mitidRequired) throw new DomainError('invalid_input', 'this questionnaire does not use MitID');
    if (run.loginId) this.deps.logins.cancel(owner, run.loginId);
    run.identity = null;
    run.mismatch = false;
    const started = await this.deps.logins.start(owner, { costRecordId: run.recordId });
    run.loginId = started.loginId;
    run.authorizationUrl = started.authorizationUrl;
    return this.view(run);
  }

  get(owner: object, runId: string): QuestionnaireRunView {
    return this.view(this.run(owner, runId));
  }

  cancel(owner: object, runId: string): void {
    const run = this.runs.get(runId);
    if (!run || run.owner !== owner) return;
    if (run.loginId) this.deps.logins.cancel(owner, run.loginId);
    this.runs.delete(runId);
  }

  /** Writes the answers (and the MitID claims) and ends the run. Returns the record id. */
  complete(owner: object, runId: string, answers: Record<string, string>): number {
    const run = this.run(owner, runId);
    this.collect(run);
    const q = run.questionnaire;
    if (q.mitidRequired && !run.identity) throw new DomainError('not_allowed', 'the citizen must log in with MitID before answering');
    const ws = this.deps.workspace.snapshot();
    const values: Values = {};
    const missing: string[] = [];
    for (const question of q.questions) {
      const answer = (answers[String(question.id)] ?? '').trim();
      if (answer === '') {
        if (question.required) missing.push(question.fieldKey);
        continue;
      }
      values[question.fieldKey] = answer;
    }
    if (missing.length) {
      throw new DomainError('validation_failed', 'some questions need an answer', missing.map((field) => ({ field, key: 'required' })));
    }
    const actor = { userId: run.caseworkerId, via: q.mitidRequired ? 'questionnaire (MitID)' : 'questionnaire' };
    const recordId = this.deps.db
      .transaction(() => {
        let id: number;
        if (q.mode === 'new_record') {
          // Answers win over claims only for fields the caseworker chose to ask about.
          const all = { ...(run.identity ? this.deps.claims.valuesFor(ws, q.workflowId, run.identity) : {}), ...values };
          const { clean, errors } = this.deps.records.checkValues(ws, all, true);
          if (errors.length) throw new DomainError('validation_failed', 'some answers are not valid', errors);
          const workflow = ws.workflowsById.get(q.workflowId);
          const statusId = q.startStatusId ?? workflow?.initialStatusId ?? null;
          if (!workflow || statusId === null) throw new DomainError('invalid_input', 'the questionnaire\'s workflow has no status to start at');
          id = this.deps.records.insert(ws, q.workflowId, statusId, clean, actor);
        } else {
          id = run.recordId as number;
          this.deps.records.applyValues(id, values, actor);
        }
        const at = isoAt(this.deps.clock.now());
        this.deps.db
          .prepare('INSERT INTO questionnaire_responses (questionnaire_id, record_id, with_mitid, completed_at, completed_by) VALUES (?, ?, ?, ?, ?)')
          .run(q.id, id, run.identity ? 1 : 0, at, run.caseworkerId);
        writeAudit(this.deps.db, { at, userId: run.caseworkerId, recordId: id, action: 'questionnaire.completed', details: { questionnaire: q.title, mitid: Boolean(run.identity) } });
        const row = this.deps.records.row(id);
        if (q.completedStatusId !== null && q.completedStatusId !== row.status_id) {
          // Through StatusChanges, so the target status's actions run as for any other move.
          this.deps.statusChanges.change({ recordId: id, expectedVersion: null, toStatusId: q.completedStatusId, comment: q.title, userId: run.caseworkerId });
        }
        this.deps.notifications.publish({
          kind: 'questionnaire_completed',
          recordId: id,
          toRecordResponsibles: true,
          userIds: [run.caseworkerId],
          message: `Spørgeskemaet "${q.title}" er udfyldt`,
          actorUserId: null,
          params: { title: q.title },
        });
        return id;
      })
      .immediate();
    this.runs.delete(runId);
    return recordId;
  }

  /** Picks up the MitID result once it arrives; for a follow-up, checks the CPR against the record's. */
  private collect(run: Run): void {
    if (!run.loginId || run.identity || run.mismatch) return;
    const state = this.deps.logins.state(run.owner, run.loginId);
    if (state.status !== 'succeeded') return;
    const identity = this.deps.logins.take(run.owner, run.loginId);
    if (run.questionnaire.mode === 'follow_up') {
      const recordCpr = this.deps.records.row(run.recordId as number).cpr;
      if (!identity.cpr || identity.cpr !== recordCpr) {
        run.mismatch = true;
        // Audited with masked numbers only: enough to see that someone else tried.
        writeAudit(this.deps.db, {
          at: isoAt(this.deps.clock.now()),
          userId: run.caseworkerId,
          recordId: run.recordId,
          action: 'questionnaire.mitid_cpr_mismatch',
          details: { questionnaire: run.questionnaire.title, mitidCpr: identity.cpr ? maskCpr(identity.cpr) : '(none)', recordCpr: maskCpr(recordCpr) },
        });
        return;
      }
    }
    run.identity = identity;
  }

  private view(run: Run): QuestionnaireRunView {
    this.collect(run);
    const base = { runId: run.id, questionnaire: run.questionnaire, recordId: run.recordId };
    if (!run.questionnaire.mitidRequired) return { ...base, mitid: { status: 'not_required' } };
    if (run.mismatch) return { ...base, mitid: { status: 'cpr_mismatch' } };
    if (run.identity) return { ...base, mitid: { status: 'succeeded', name: run.identity.name, maskedCpr: maskCpr(run.identity.cpr) } };
    if (!run.loginId) return { ...base, mitid: { status: 'not_started' } };
    const state = this.deps.logins.state(run.owner, run.loginId);
    if (state.status === 'failed') return { ...base, mitid: { status: 'failed', reason: state.failure } };
    return { ...base, mitid: { status: 'pending', authorizationUrl: run.authorizationUrl } };
  }

  private run(owner: object, runId: string): Run {
    const run = this.runs.get(runId);
    if (!run || run.owner !== owner) throw notFound('Questionnaire run');
    return run;
  }

  private sweep(): void {
    for (const [id, run] of this.runs) if (Date.now() - run.startedAt > RUN_LIFETIME_MS) this.cancel(run.owner, id);
  }
}
