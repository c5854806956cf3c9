import type { z } from 'zod';
import { DIGITAL_POST_SETTINGS_KEY, digitalPostSettingsSchema } from '../digital-post/settings';
import type { TemplateRepo } from '../documents/template-repo';
import type { IntegrationSettings } from '../integration-settings/integration-settings';
import { MITID_SETTINGS_KEY, mitidSettingsSchema } from '../mitid/mitid-settings';
import { NOTIFICATION_SETTINGS_KEY, notificationSettingsSchema } from '../notifications/retention';
import type { QuestionnaireRepo } from '../questionnaires/questionnaire-repo';
import { DomainError } from '../shared/domain-error';
import { importRefusal } from './import-refusal';
import { SIGNATURES_SETTINGS_KEY, signaturesSettingsSchema } from '../signing/signing-settings';
import type { WorkspaceSnapshot } from './workspace-snapshot';
import type { WorkspaceFile } from './workspace-file';

// The parts of a workspace beside its fields and workflows that a second
// installation needs to work the same way: the document templates its status
// actions generate, the citizens' questionnaires, and the integrations'
// non-secret settings. Secrets (certificate passwords, client secrets) live in the
// OS keychain or the environment and never travel in the file.

/** Every integration's settings document, with the schema that checks it on import. */
const PORTABLE_SETTINGS: Record<string, z.ZodType> = {
  [DIGITAL_POST_SETTINGS_KEY]: digitalPostSettingsSchema,
  [MITID_SETTINGS_KEY]: mitidSettingsSchema,
  [SIGNATURES_SETTINGS_KEY]: signaturesSettingsSchema,
  [NOTIFICATION_SETTINGS_KEY]: notificationSettingsSchema,
};

export type PortableTemplates = NonNullable<WorkspaceFile['documentTemplates']>;
export type PortableQuestionnaires = NonNullable<WorkspaceFile['questionnaires']>;

export function exportTemplates(templates: TemplateRepo): PortableTemplates {
  return templates.list().map((t) => {
    const logo = templates.get(t.id).logo;
    return { name: t.name, definition: t.definition, logo: logo ? { type: logo.type, base64: Buffer.from(logo.bytes).toString('base64') } : null };
  });
}

/** Creates or updates each template by name; status actions are imported after, so they find them. */
export function importTemplates(file: PortableTemplates, templates: TemplateRepo, userId: number | null): void {
  const existing = new Map(templates.list().map((t) => [t.name, t.id]));
  for (const t of file) {
    try {
      templates.save(
        {
          ...(existing.has(t.name) ? { id: existing.get(t.name) as number } : {}),
          name: t.name,
          definition: t.definition,
          ...(t.logo ? { logo: { type: t.logo.type, bytes: new Uint8Array(Buffer.from(t.logo.base64, 'base64')) } } : {}),
        },
        userId,
      );
    } catch (error) {
      const details = error instanceof DomainError && error.fieldErrors?.length ? ` (${error.fieldErrors.map((e) => `${e.field}: ${e.key}`).join(', ')})` : '';
      throw importRefusal('templateInvalid', { name: t.name }, `document template "${t.name}" cannot be used here${details}`);
    }
  }
}

export function exportQuestionnaires(questionnaires: QuestionnaireRepo, ws: WorkspaceSnapshot): PortableQuestionnaires {
  const statusName = (id: number | null) => (id === null ? null : (ws.statusesById.get(id)?.name ?? null));
  return questionnaires.list(ws).map((q) => ({
    title: q.title,
    intro: q.intro,
    mitidRequired: q.mitidRequired,
    mode: q.mode,
    workflow: ws.workflowsById.get(q.workflowId)?.name ?? '',
    startStatus: statusName(q.startStatusId),
    completedStatus: statusName(q.completedStatusId),
    questions: q.questions.map((x) => ({ kind: x.kind, label: x.label, help: x.help, required: x.required, field: x.fieldKey })),
  }));
}

/** Creates or updates each questionnaire by title, in the workflow it names. */
export function importQuestionnaires(file: PortableQuestionnaires, questionnaires: QuestionnaireRepo, ws: WorkspaceSnapshot): void {
  const existing = new Map(questionnaires.list(ws).map((q) => [q.title, q.id]));
  for (const q of file) {
    const workflow = ws.workflows.find((w) => w.name === q.workflow);
    if (!workflow) {
      throw importRefusal(
        'questionnaireWorkflowMissing',
        { title: q.title, workflow: q.workflow },
        `questionnaire "${q.title}" belongs to workflow "${q.workflow}", which is neither in the file nor in this workspace`,
      );
    }
    const status = (name: string | null) => {
      if (name === null) return null;
      const found = workflow.statuses.find((s) => s.name === name);
      if (!found) {
        throw importRefusal('questionnaireStatusMissing', { title: q.title, workflow: q.workflow, status: name }, `questionnaire "${q.title}": workflow "${q.workflow}" has no status "${name}"`);
      }
      return found.id;
    };
    try {
      questionnaires.save(ws, {
        ...(existing.has(q.title) ? { id: existing.get(q.title) } : {}),
        title: q.title,
        intro: q.intro,
        mitidRequired: q.mitidRequired,
        mode: q.mode,
        workflowId: workflow.id,
        startStatusId: status(q.startStatus),
        completedStatusId: status(q.completedStatus),
        questions: q.questions.map((x) => ({ kind: x.kind, label: x.label, help: x.help, required: x.required, fieldKey: x.field })),
      });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'import_failed') throw error;
      throw importRefusal('questionnaireInvalid', { title: q.title }, `questionnaire "${q.title}": ${(error as Error).message}`);
    }
  }
}

export function exportIntegrationSettings(settings: IntegrationSettings): Record<string, Record<string, unknown>> {
  return Object.fromEntries(Object.entries(PORTABLE_SETTINGS).map(([key, schema]) => [key, settings.read(key, schema) as Record<string, unknown>]));
}

/** Checks each document with its integration's schema; an unknown integration or a bad value is refused by name. */
export function importIntegrationSettings(file: Record<string, Record<string, unknown>>, settings: IntegrationSettings): void {
  for (const [key, value] of Object.entries(file)) {
    const schema = PORTABLE_SETTINGS[key];
    if (!schema) throw importRefusal('settingsUnknown', { key }, `the file has settings for "${key}", an integration this version does not know`);
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const first = parsed.error.issues[0];
      throw importRefusal('settingsInvalid', { key }, `the settings of "${key}" are not valid (${first?.path.join('.') ?? ''}: ${first?.message ?? ''})`);
    }
    settings.write(key, schema, parsed.data);
  }
}
