import { DomainError } from '../shared/domain-error';

// Why a workspace import is refused, as a code with parameters: the UI words it
// in the administrator's language (errors.field.workspaceImport.<reason>), the
// CLI and the logs read the English message. Nothing is changed by a refused import.

export type ImportRefusalReason =
  | 'notJson'
  | 'notWorkspace'
  | 'unknownActionType'
  | 'actionInvalid'
  | 'templateMissing'
  | 'templateById'
  | 'templateInvalid'
  | 'statusMissing'
  | 'delayFieldMissing'
  | 'questionnaireWorkflowMissing'
  | 'questionnaireStatusMissing'
  | 'questionnaireInvalid'
  | 'settingsUnknown'
  | 'settingsInvalid';

export function importRefusal(reason: ImportRefusalReason, params: Record<string, string>, message: string): DomainError {
  return new DomainError('import_failed', message, [{ field: 'file', key: `workspaceImport.${reason}`, params }]);
}

/** True for a refusal that already says why (so a caller adding context does not hide it). */
export const isImportRefusal = (error: unknown): error is DomainError =>
  error instanceof DomainError && error.code === 'import_failed' && (error.fieldErrors?.length ?? 0) > 0;
