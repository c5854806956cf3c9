import type { ActionTiming, WorkspaceImportPreview } from '../contract';
import type { TemplateRepo } from '../documents/template-repo';
import type { IntegrationSettings } from '../integration-settings/integration-settings';
import type { QuestionnaireRepo } from '../questionnaires/questionnaire-repo';
import { DomainError } from '../shared/domain-error';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import type { Db } from '../store/database';
import type { Directory } from '../status-actions/action-type';
import type { ActionRegistry } from '../status-actions/registry';
import type { UsersRepo } from '../users/users-repo';
import type { WorkspaceRepo } from './workspace-repo';
import { diffWorkspaceFiles } from './import-preview';
import { importRefusal, isImportRefusal } from './import-refusal';
import {
  exportIntegrationSettings,
  exportQuestionnaires,
  exportTemplates,
  importIntegrationSettings,
  importQuestionnaires,
  importTemplates,
} from './portable-attachments';
import { WORKSPACE_FILE_FORMAT, WORKSPACE_FILE_VERSION, workspaceFileSchema, type WorkspaceFile } from './workspace-file';

/** What the transfer reads and writes beside the workflows: templates, questionnaires, integration settings. */
export interface TransferAttachments {
  templates: TemplateRepo;
  questionnaires: QuestionnaireRepo;
  integrationSettings: IntegrationSettings;
}

/** Thrown inside the preview's transaction so that it rolls back. */
const DRY_RUN = Symbol('dry run');

/** Export and import of the whole workspace definition as one JSON file. */
export class WorkspaceTransfer {
  constructor(
    private readonly db: Db,
    private readonly workspace: WorkspaceRepo,
    private readonly users: UsersRepo,
    private readonly actions: ActionRegistry,
    private readonly directory: Directory,
    private readonly clock: Clock,
    private readonly attachments: TransferAttachments,
  ) {}

  export(): WorkspaceFile {
    const ws = this.workspace.snapshot();
    const groups = this.users.listGroups();
    const groupName = new Map(groups.map((g) => [g.id, g.name]));
    const statusName = (id: number | null) => (id === null ? null : (ws.statusesById.get(id)?.name ?? null));
    return {
      format: WORKSPACE_FILE_FORMAT,
      version: WORKSPACE_FILE_VERSION,
      exportedAt: isoAt(this.clock.now()),
      groups: groups.map((g) => ({ name: g.name })),
      users: this.users.listUsers().map((u) => ({
        name: u.name,
        initials: u.initials,
        email: u.email,
        isAdmin: u.isAdmin,
        groups: u.groupIds.map((id) => groupName.get(id) ?? '').filter(Boolean),
      })),
      fields: ws.fields.map(({ id: _id, ...f }) => f),
      workflows: ws.workflows.map((w) => ({
        name: w.name,
        description: w.description,
        initialStatus: statusName(w.initialStatusId),
        statuses: w.statuses.map((s) => ({
          name: s.name,
          color: s.color,
          isFinal: s.isFinal,
          sortOrder: s.sortOrder,
          actions: s.actions.map((a) => {
            const type = this.actions.get(a.type);
            const parsed = type?.params.safeParse(a.params);
            return {
              type: a.type,
              name: a.name,
              params: type && parsed?.success ? type.toPortable(parsed.data, this.directory, ws) : a.params,
              enabled: a.enabled,
              sortOrder: a.sortOrder,
              ...(a.timing && a.timing.trigger !== 'enter'
                ? {
                    timing: {
                      trigger: a.timing.trigger,
                      delayMs: a.timing.delayMs,
                      delayFrom: a.timing.delayFrom,
                      delayField: a.timing.delayFieldId === null ? null : (ws.fieldsById.get(a.timing.delayFieldId)?.key ?? null),
                    },
                  }
                : {}),
            };
          }),
        })),
        transitions: w.transitions.map((t) => ({
          from: statusName(t.fromStatusId) ?? '',
          to: statusName(t.toStatusId) ?? '',
          label: t.label,
          ...(t.guards?.length ? { guards: t.guards } : {}),
        })),
      })),
      documentTemplates: exportTemplates(this.attachments.templates),
      questionnaires: exportQuestionnaires(this.attachments.questionnaires, ws),
      integrationSettings: exportIntegrationSettings(this.attachments.integrationSettings),
    };
  }

  /**
   * What importing the file would change, without changing anything: the import
   * runs in a transaction that is rolled back, so every refusal the real import
   * would meet (an unknown field, a missing template) is met here too, with its
   * reason. The list of changes compares the file with the current definition.
   */
  preview(json: string, userId: number | null): WorkspaceImportPreview {
    const file = this.parse(json);
    const before = this.export();
    try {
      this.db.transaction(() => {
        this.apply(file, userId);
        throw DRY_RUN;
      }).immediate();
    } catch (error) {
      if (error !== DRY_RUN) throw error;
    } finally {
      this.workspace.invalidate();
    }
    return diffWorkspaceFiles(before, file);
  }

  /**
   * Merges a definition file into this workspace: things are matched by key or
   * name, created when missing and updated when present. Records are never
   * touched, and a change that would invalidate stored values is refused. The
   * whole import is one transaction: it applies completely or not at all.
   */
  import(json: string, userId: number | null = null): void {
    const file = this.parse(json);
    try {
      this.db.transaction(() => this.apply(file, userId)).immediate();
    } finally {
      this.workspace.invalidate();
    }
  }

  private parse(json: string): WorkspaceFile {
    let raw: unknown;
    try {
      raw = JSON.parse(json);
    } catch {
      throw importRefusal('notJson', {}, 'the file is not valid JSON');
    }
    const parsed = workspaceFileSchema.safeParse(raw);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      const where = first?.path.join('.') ?? '';
      throw importRefusal('notWorkspace', { where }, `the file is not a workspace definition (${where}: ${first?.message ?? ''})`);
    }
    return parsed.data;
  }

  private apply(file: WorkspaceFile, userId: number | null): void {
    for (const g of file.groups) {
      if (this.directory.groupIdByName(g.name) === null) this.users.saveGroup({ name: g.name });
    }
    for (const u of file.users) {
      if (this.directory.userIdByName(u.name) !== null) continue;
      this.users.saveUser({
        name: u.name,
        initials: u.initials,
        email: u.email,
        isAdmin: u.isAdmin,
        groupIds: u.groups.map((name) => this.directory.groupIdByName(name)).filter((id): id is number => id !== null),
      });
    }
    // Roles move between fields in two passes so a swap never collides on the unique role.
    for (const f of file.fields) {
      const existing = this.workspace.snapshot().fieldsByKey.get(f.key);
      if (existing?.role && existing.role !== f.role) this.workspace.saveField({ ...existing, role: null });
    }
    for (const f of file.fields) {
      const existing = this.workspace.snapshot().fieldsByKey.get(f.key);
      this.workspace.saveField({ ...f, id: existing?.id });
    }
    // Templates first: the workflows' status actions name them.
    if (file.documentTemplates) importTemplates(file.documentTemplates, this.attachments.templates, userId);
    for (const w of file.workflows) this.applyWorkflow(w);
    this.workspace.invalidate();
    if (file.questionnaires) importQuestionnaires(file.questionnaires, this.attachments.questionnaires, this.workspace.snapshot());
    if (file.integrationSettings) importIntegrationSettings(file.integrationSettings, this.attachments.integrationSettings);
  }

  private applyWorkflow(w: WorkspaceFile['workflows'][number]): void {
    const existing = this.workspace.snapshot().workflows.find((x) => x.name === w.name);
    const workflow = this.workspace.saveWorkflow({
      id: existing?.id,
      name: w.name,
      description: w.description,
      initialStatusId: existing?.initialStatusId ?? null,
    });
    const statusIds = new Map<string, number>();
    for (const s of w.statuses) {
      const current = workflow.statuses.find((x) => x.name === s.name);
      const saved = this.workspace.saveStatus({
        id: current?.id,
        workflowId: workflow.id,
        name: s.name,
        color: s.color,
        isFinal: s.isFinal,
        sortOrder: s.sortOrder,
      });
      statusIds.set(s.name, saved.id);
    }
    // Actions after every status exists: an action may move the record to a later status.
    for (const s of w.statuses) {
      const savedId = statusIds.get(s.name) as number;
      this.db.prepare('DELETE FROM status_actions WHERE status_id = ?').run(savedId);
      this.workspace.invalidate();
      for (const a of s.actions) {
        const type = this.actions.get(a.type);
        if (!type) throw importRefusal('unknownActionType', { type: a.type, status: s.name }, `unknown status action type "${a.type}" on status "${s.name}"`);
        let params: unknown;
        try {
          params = type.fromPortable(a.params, this.directory, this.workspace.snapshot(), savedId);
        } catch (error) {
          if (isImportRefusal(error)) throw error;
          throw importRefusal('actionInvalid', { action: a.name, status: s.name }, `status action "${a.name}" on "${s.name}": ${(error as Error).message}`);
        }
        const timing = a.timing ? { timing: this.timingFromPortable(a.timing, a.name, s.name) } : {};
        try {
          this.workspace.saveStatusAction({
            statusId: savedId,
            type: a.type,
            name: a.name,
            params: params as Record<string, unknown>,
            enabled: a.enabled,
            sortOrder: a.sortOrder,
            ...timing,
          });
        } catch (error) {
          if (!(error instanceof DomainError) || error.code !== 'invalid_input') throw error;
          throw importRefusal('actionInvalid', { action: a.name, status: s.name }, `status action "${a.name}" on "${s.name}": ${error.message}`);
        }
      }
    }
    const lookup = (statusName: string): number => {
      const id = statusIds.get(statusName) ?? this.workspace.snapshot().workflowsById.get(workflow.id)?.statuses.find((s) => s.name === statusName)?.id;
      if (id === undefined) throw importRefusal('statusMissing', { workflow: w.name, status: statusName }, `workflow "${w.name}" has no status "${statusName}"`);
      return id;
    };
    this.db.prepare('DELETE FROM transitions WHERE workflow_id = ?').run(workflow.id);
    this.workspace.invalidate();
    for (const t of w.transitions) {
      this.workspace.saveTransition({
        workflowId: workflow.id,
        fromStatusId: lookup(t.from),
        toStatusId: lookup(t.to),
        label: t.label,
        ...(t.guards ? { guards: t.guards } : {}),
      });
    }
    const initial = w.initialStatus === null ? null : lookup(w.initialStatus);
    this.workspace.saveWorkflow({ id: workflow.id, name: w.name, description: w.description, initialStatusId: initial ?? workflow.initialStatusId });
  }

  private timingFromPortable(
    t: NonNullable<WorkspaceFile['workflows'][number]['statuses'][number]['actions'][number]['timing']>,
    actionName: string,
    statusName: string,
  ): ActionTiming {
    let delayFieldId: number | null = null;
    if (t.delayField !== null) {
      const field = this.workspace.snapshot().fieldsByKey.get(t.delayField);
      if (!field) {
        throw importRefusal(
          'delayFieldMissing',
          { action: actionName, status: statusName, field: t.delayField },
          `status action "${actionName}" on "${statusName}" counts from unknown field "${t.delayField}"`,
        );
      }
      delayFieldId = field.id;
    }
    return { trigger: t.trigger, delayMs: t.delayMs, delayFrom: t.delayFrom, delayFieldId };
  }
}
