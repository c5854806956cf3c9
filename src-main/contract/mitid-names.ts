// MitID and questionnaire methods (issue 4). Kept apart from the schemas, like names.ts.
export const MITID_METHOD_NAMES = [
  'getMitidSetup',
  'saveMitidSettings',
  'saveMitidWorkflow',
  'listQuestionnaires',
  'saveQuestionnaire',
  'deleteQuestionnaire',
  'startQuestionnaireRun',
  'beginQuestionnaireMitid',
  'getQuestionnaireRun',
  'completeQuestionnaireRun',
  'cancelQuestionnaireRun',
  'beginCaseworkerMitid',
  'getCaseworkerMitid',
] as const;
