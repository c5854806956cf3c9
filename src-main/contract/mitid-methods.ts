import { z } from 'zod';
import type { MITID_METHOD_NAMES } from './mitid-names';
import { MITID_ACRS, MITID_PROPERTY_NAMES, QUESTION_KINDS } from './mitid-types';
import type { CaseworkerMitidView, MitidSetupView, QuestionnaireRunView, QuestionnaireView } from './mitid-types';
import type { RecordDetail } from './types';

const id = z.int().min(1).max(Number.MAX_SAFE_INTEGER);
const fieldKey = z.string().min(1).max(64).regex(/^[a-z][a-z0-9_]*$/);
const runId = z.string().regex(/^[A-Za-z0-9_-]{10,64}$/);

export const mitidMethodInputs = {
  getMitidSetup: z.strictObject({}),
  saveMitidSettings: z.strictObject({
    domain: z.string().max(200).regex(/^[A-Za-z0-9.:/_-]*$/, 'a domain such as kommune.idura.broker'),
    clientId: z.string().min(1).max(200),
    acr: z.enum(MITID_ACRS),
    askForCpr: z.boolean(),
    priceOre: z.int().min(0).max(1_000_000),
    message: z.string().max(130),
    action: z.enum(['', 'confirm', 'accept', 'approve', 'sign', 'login']),
    timeoutSeconds: z.int().min(30).max(1800),
    /** A new client secret; null removes it; omitted keeps it. */
    clientSecret: z.string().min(1).max(500).nullable().optional(),
  }),
  saveMitidWorkflow: z.strictObject({
    workflowId: id,
    enabled: z.boolean(),
    mappings: z.strictObject(Object.fromEntries(MITID_PROPERTY_NAMES.map((p) => [p, fieldKey.optional()])) as Record<(typeof MITID_PROPERTY_NAMES)[number], z.ZodOptional<typeof fieldKey>>),
  }),
  listQuestionnaires: z.strictObject({}),
  saveQuestionnaire: z.strictObject({
    id: id.optional(),
    title: z.string().min(1).max(200),
    intro: z.string().max(2000),
    mitidRequired: z.boolean(),
    mode: z.enum(['new_record', 'follow_up']),
    workflowId: id,
    startStatusId: id.nullable(),
    completedStatusId: id.nullable(),
    questions: z
      .array(
        z.strictObject({
          kind: z.enum(QUESTION_KINDS),
          label: z.string().min(1).max(500),
          help: z.string().max(1000),
          required: z.boolean(),
          fieldKey,
        }),
      )
      .max(200),
  }),
  deleteQuestionnaire: z.strictObject({ id }),
  startQuestionnaireRun: z.strictObject({ questionnaireId: id, recordId: id.optional() }),
  beginQuestionnaireMitid: z.strictObject({ runId }),
  getQuestionnaireRun: z.strictObject({ runId }),
  completeQuestionnaireRun: z.strictObject({
    runId,
    /** Question id (as text) → answer. */
    answers: z.record(z.string().max(15).regex(/^\d{1,15}$/), z.string().max(20_000)).refine((a) => Object.keys(a).length <= 200, { message: 'too many answers' }),
  }),
  cancelQuestionnaireRun: z.strictObject({ runId }),
  beginCaseworkerMitid: z.strictObject({ userId: id.optional(), business: z.boolean().optional() }),
  getCaseworkerMitid: z.strictObject({ loginId: runId }),
} as const satisfies Record<(typeof MITID_METHOD_NAMES)[number], z.ZodType>;

export interface MitidMethodResults {
  getMitidSetup: MitidSetupView;
  saveMitidSettings: MitidSetupView;
  saveMitidWorkflow: MitidSetupView;
  listQuestionnaires: QuestionnaireView[];
  saveQuestionnaire: QuestionnaireView;
  deleteQuestionnaire: null;
  startQuestionnaireRun: QuestionnaireRunView;
  beginQuestionnaireMitid: QuestionnaireRunView;
  getQuestionnaireRun: QuestionnaireRunView;
  completeQuestionnaireRun: RecordDetail;
  cancelQuestionnaireRun: null;
  beginCaseworkerMitid: CaseworkerMitidView;
  getCaseworkerMitid: CaseworkerMitidView;
}
