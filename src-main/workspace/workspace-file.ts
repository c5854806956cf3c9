import { z } from 'zod';
import { actionTimingInput, FIELD_ROLES, FIELD_TYPES, guardTypesInput, QUESTION_KINDS, templateDefinitionSchema } from '../contract';

/**
 * The portable workspace definition file. Statuses are referred to by name and
 * users/groups by name, so a file exported from one installation imports into
 * another whose ids differ.
 */
export const WORKSPACE_FILE_FORMAT = 'caseworker-workspace';
export const WORKSPACE_FILE_VERSION = 1;

const name = z.string().min(1).max(200);

/** A status action's timing with its date field named by key, so it survives differing field ids. */
const portableTiming = actionTimingInput.omit({ delayFieldId: true }).extend({ delayField: z.string().max(64).nullable() });

export const workspaceFileSchema = z.strictObject({
  format: z.literal(WORKSPACE_FILE_FORMAT),
  version: z.literal(WORKSPACE_FILE_VERSION),
  exportedAt: z.string().max(40),
  groups: z.array(z.strictObject({ name })).max(10_000),
  users: z
    .array(
      z.strictObject({
        name,
        initials: z.string().min(1).max(8),
        email: z.string().max(200),
        isAdmin: z.boolean(),
        groups: z.array(name).max(1000),
      }),
    )
    .max(10_000),
  fields: z
    .array(
      z.strictObject({
        key: z.string().regex(/^[a-z][a-z0-9_]*$/).max(64),
        label: name,
        type: z.enum(FIELD_TYPES),
        required: z.boolean(),
        options: z.array(name).max(200),
        role: z.enum(FIELD_ROLES).nullable(),
        showInList: z.boolean(),
        sortOrder: z.int().min(0).max(100_000),
      }),
    )
    .max(1000),
  workflows: z
    .array(
      z.strictObject({
        name,
        description: z.string().max(2000),
        initialStatus: name.nullable(),
        statuses: z
          .array(
            z.strictObject({
              name,
              color: z.string().regex(/^#[0-9a-fA-F]{6}$/),
              isFinal: z.boolean(),
              sortOrder: z.int().min(0).max(100_000),
              actions: z
                .array(
                  z.strictObject({
                    type: z.string().min(1).max(64),
                    name,
                    params: z.record(z.string(), z.unknown()),
                    enabled: z.boolean(),
                    sortOrder: z.int().min(0).max(100_000),
                    // Issue 7; absent in older files, which means "on enter".
                    timing: portableTiming.optional(),
                  }),
                )
                .max(100),
            }),
          )
          .max(200),
        transitions: z
          .array(z.strictObject({ from: name, to: name, label: z.string().max(200), guards: guardTypesInput.optional() }))
          .max(2000),
      }),
    )
    .max(200),
  // Added later: absent in older files, which then import without them. Templates
  // and questionnaires are matched by name and title; status actions name the
  // templates they use, so the ids of the exporting installation never travel.
  documentTemplates: z
    .array(
      z.strictObject({
        name,
        definition: templateDefinitionSchema,
        logo: z.strictObject({ type: z.enum(['png', 'jpeg']), base64: z.string().max(3_000_000) }).nullable(),
      }),
    )
    .max(500)
    .optional(),
  questionnaires: z
    .array(
      z.strictObject({
        title: name,
        intro: z.string().max(5000),
        mitidRequired: z.boolean(),
        mode: z.enum(['new_record', 'follow_up']),
        workflow: name,
        startStatus: name.nullable(),
        completedStatus: name.nullable(),
        questions: z
          .array(
            z.strictObject({
              kind: z.enum(QUESTION_KINDS),
              label: z.string().min(1).max(500),
              help: z.string().max(2000),
              required: z.boolean(),
              field: z.string().max(64),
            }),
          )
          .max(200),
      }),
    )
    .max(500)
    .optional(),
  /** The integrations' non-secret settings (endpoints, sender, prices), by integration. Secrets never travel. */
  integrationSettings: z.record(z.string().max(64), z.record(z.string(), z.unknown())).optional(),
});

export type WorkspaceFile = z.infer<typeof workspaceFileSchema>;
