import type { daWorkspaceImportReasons, daWorkspaceTools } from './da-workspace-tools';
import type { Widen } from './catalogue';

export const enWorkspaceTools: Widen<typeof daWorkspaceTools> = {
  preview: {
    check: 'Show changes',
    title: 'Import the workspace?',
    intro: 'The file {{fileName}} will change this:',
    nothing: 'The file changes nothing: everything in it is already here.',
    unchanged_one: '{{count}} item in the file is already here as it is.',
    unchanged_other: '{{count}} items in the file are already here as they are.',
    keeps: 'The import deletes nothing, and existing users and groups are not changed. Records are not touched.',
    confirm: 'Import',
    cancel: 'Cancel',
    change: { new: 'new', changed: 'changes' },
    kind: {
      group: 'Group',
      user: 'User',
      field: 'Field',
      template: 'Document template',
      workflow: 'Workflow',
      questionnaire: 'Questionnaire',
      settings: 'Integration settings',
    },
    settingsName: { digital_post: 'Digital Post', mitid: 'MitID', signatures: 'MitID signature', notifications: 'Notifications' },
  },
  letters: {
    emptyPlaceholders_one: 'The placeholder {{names}} is empty for this record: the letter has a gap there. Fill in the field on the record, or change the template.',
    emptyPlaceholders_other: 'The placeholders {{names}} are empty for this record: the letter has gaps there. Fill in the fields on the record, or change the template.',
  },
  summary: {
    setField: '{{field}} is set to {{value}}',
    clearField: '{{field}} is cleared',
    assign: '{{field}} ← {{who}}',
    notify: 'Message to {{who}}: {{message}}',
    digitalPost: 'Digital Post “{{subject}}” to {{recipient}}',
    digitalPostAttachments_one: '{{count}} attached document',
    digitalPostAttachments_other: '{{count}} attached documents',
    fixedRecipient: 'a fixed recipient',
    signature: 'MitID signature: “{{title}}”',
    secondSigner: 'then [{{field}}] signs',
    signedMoves: 'signed → {{status}}',
    rejectedMoves: 'rejected → {{status}}',
    expiredMoves: 'expired → {{status}}',
    other: 'Settings saved',
  },
};

export const enWorkspaceImportReasons: Widen<typeof daWorkspaceImportReasons> = {
  notJson: 'The file is not valid JSON.',
  notWorkspace: 'The file is not an export of a workspace (problem at “{{where}}”).',
  unknownActionType: 'The status action of type “{{type}}” on status “{{status}}” is not known to this version.',
  actionInvalid: 'The status action “{{action}}” on status “{{status}}” does not fit this workspace (e.g. a field or person that does not exist).',
  templateMissing: 'The document template “{{name}}” is neither in the file nor here.',
  templateById: 'The file refers to document templates by number instead of name. Export it again from an updated version.',
  templateInvalid: 'The document template “{{name}}” uses placeholders this workspace does not have.',
  statusMissing: 'The workflow “{{workflow}}” has no status “{{status}}”.',
  delayFieldMissing: 'The status action “{{action}}” on “{{status}}” counts from the field “{{field}}”, which does not exist.',
  questionnaireWorkflowMissing: 'The questionnaire “{{title}}” belongs to the workflow “{{workflow}}”, which is neither in the file nor here.',
  questionnaireStatusMissing: 'The questionnaire “{{title}}”: the workflow “{{workflow}}” has no status “{{status}}”.',
  questionnaireInvalid: 'The questionnaire “{{title}}” does not fit the fields of this workspace.',
  settingsUnknown: 'The file has settings for “{{key}}”, which this version does not know.',
  settingsInvalid: 'The settings for “{{key}}” in the file are not valid.',
};
