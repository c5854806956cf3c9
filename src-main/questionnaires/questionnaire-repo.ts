import type { FieldType, QuestionKind, QuestionnaireView, QuestionView } from '../contract';
import type { Clock } from '../shared/clock';
import { isoAt } from '../shared/clock';
import { DomainError, notFound } from '../shared/domain-error';
import type { Db } from '../store/database';
import type { WorkspaceSnapshot } from '../workspace/workspace-snapshot';

export interface QuestionnaireInput {
  id?: number | undefined;
  title: string;
  intro: string;
  mitidRequired: boolean;
  mode: 'new_record' | 'follow_up';
  workflowId: number;
  startStatusId: number | null;
  completedStatusId: number | null;
  questions: { kind: QuestionKind; label: string; help: string; required: boolean; fieldKey: string }[];
}

/** Which record field types each kind of question may fill. */
const FITS: Record<QuestionKind, FieldType[]> = {
  text: ['text', 'email', 'phone', 'cpr'],
  longtext: ['longtext', 'text'],
  number: ['number'],
  date: ['date'],
  choice: ['choice'],
  yesno: ['yesno'],
};

type Row = {
  id: number;
  title: string;
  intro: string;
  mitid_required: number;
  mode: 'new_record' | 'follow_up';
  workflow_id: number;
  start_status_id: number | null;
  completed_status_id: number | null;
};

/** Questionnaires and their ordered questions, each mapped to a record field. */
export class QuestionnaireRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  list(ws: WorkspaceSnapshot): QuestionnaireView[] {
    const rows = this.db.prepare('SELECT * FROM questionnaires ORDER BY title, id').all() as Row[];
    return rows.map((r) => this.view(ws, r));
  }

  get(ws: WorkspaceSnapshot, id: number): QuestionnaireView {
    const row = this.db.prepare('SELECT * FROM questionnaires WHERE id = ?').get(id) as Row | undefined;
    if (!row) throw notFound('Questionnaire');
    return this.view(ws, row);
  }

  save(ws: WorkspaceSnapshot, input: QuestionnaireInput): number {
    const workflow = ws.workflowsById.get(input.workflowId);
    if (!workflow) throw notFound('Workflow');
    for (const statusId of [input.startStatusId, input.completedStatusId]) {
      if (statusId !== null && ws.statusesById.get(statusId)?.workflowId !== workflow.id) {
        throw new DomainError('invalid_input', `that status does not belong to the workflow "${workflow.name}"`);
      }
    }
    input.questions.forEach((q, i) => {
      const field = ws.fieldsByKey.get(q.fieldKey);
      if (!field) throw new DomainError('invalid_input', `question ${i + 1}: there is no field "${q.fieldKey}"`);
      if (!FITS[q.kind].includes(field.type)) {
        throw new DomainError('invalid_input', `question ${i + 1}: a ${q.kind} question cannot fill the ${field.type} field "${field.label}"`);
      }
    });
    return this.db
      .transaction(() => {
        const at = isoAt(this.clock.now());
        const args = [input.title, input.intro, input.mitidRequired ? 1 : 0, input.mode, input.workflowId, input.startStatusId, input.completedStatusId, at];
        let id = input.id;
        if (id === undefined) {
          id = Number(
            this.db
              .prepare(
                'INSERT INTO questionnaires (title, intro, mitid_required, mode, workflow_id, start_status_id, completed_status_id, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
              )
              .run(...args).lastInsertRowid,
          );
        } else {
          const info = this.db
            .prepare(
              'UPDATE questionnaires SET title = ?, intro = ?, mitid_required = ?, mode = ?, workflow_id = ?, start_status_id = ?, completed_status_id = ?, updated_at = ? WHERE id = ?',
            )
            .run(...args, id);
          if (info.changes === 0) throw notFound('Questionnaire');
          this.db.prepare('DELETE FROM questionnaire_questions WHERE questionnaire_id = ?').run(id);
        }
        const insert = this.db.prepare(
          'INSERT INTO questionnaire_questions (questionnaire_id, position, kind, label, help, required, field_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
        );
        input.questions.forEach((q, i) => insert.run(id, i, q.kind, q.label, q.help, q.required ? 1 : 0, ws.fieldsByKey.get(q.fieldKey)?.id));
        return id;
      })
      .immediate();
  }

  delete(id: number): void {
    this.db.prepare('DELETE FROM questionnaires WHERE id = ?').run(id);
  }

  private view(ws: WorkspaceSnapshot, r: Row): QuestionnaireView {
    const questions = this.db
      .prepare('SELECT id, kind, label, help, required, field_id FROM questionnaire_questions WHERE questionnaire_id = ? ORDER BY position')
      .all(r.id) as { id: number; kind: QuestionKind; label: string; help: string; required: number; field_id: number }[];
    return {
      id: r.id,
      title: r.title,
      intro: r.intro,
      mitidRequired: r.mitid_required === 1,
      mode: r.mode,
      workflowId: r.workflow_id,
      startStatusId: r.start_status_id,
      completedStatusId: r.completed_status_id,
      questions: questions.flatMap((q): QuestionView[] => {
        const field = ws.fieldsById.get(q.field_id);
        return field
          ? [{ id: q.id, kind: q.kind, label: q.label, help: q.help, required: q.required === 1, fieldKey: field.key, options: field.options }]
          : [];
      }),
    };
  }
}
