import type { Services } from '../app/services';
import type { HandlerTable } from './handler';
import { currentUser, requireAdmin } from './handler';
import { DomainError } from '../shared/domain-error';

type WorkspaceMethods =
  | 'getWorkspace'
  | 'listActionTypes'
  | 'saveField'
  | 'deleteField'
  | 'saveWorkflow'
  | 'deleteWorkflow'
  | 'saveStatus'
  | 'deleteStatus'
  | 'saveTransition'
  | 'deleteTransition'
  | 'saveStatusAction'
  | 'deleteStatusAction'
  | 'saveUser'
  | 'saveGroup'
  | 'exportWorkspace'
  | 'previewWorkspaceImport'
  | 'importWorkspace';

/** Reading the workspace is for everyone; changing it needs an administrator. */
export const workspaceHandlers: HandlerTable<WorkspaceMethods> = {
  getWorkspace: (_input, { services }) => workspaceView(services),
  listActionTypes: (_input, { services }) => services.actions.list().map((t) => ({ type: t.type, labelKey: t.labelKey })),
  saveField: (input, ctx) => {
    requireAdmin(ctx);
    return changed(ctx, ctx.services.workspace.saveField(input));
  },
  deleteField: (input, ctx) => {
    requireAdmin(ctx);
    ctx.services.workspace.deleteField(input.id);
    return changed(ctx, null);
  },
  saveWorkflow: (input, ctx) => {
    requireAdmin(ctx);
    return changed(ctx, ctx.services.workspace.saveWorkflow(input));
  },
  deleteWorkflow: (input, ctx) => {
    requireAdmin(ctx);
    ctx.services.workspace.deleteWorkflow(input.id);
    return changed(ctx, null);
  },
  saveStatus: (input, ctx) => {
    requireAdmin(ctx);
    return changed(ctx, ctx.services.workspace.saveStatus(input));
  },
  deleteStatus: (input, ctx) => {
    requireAdmin(ctx);
    ctx.services.workspace.deleteStatus(input.id);
    return changed(ctx, null);
  },
  saveTransition: (input, ctx) => {
    requireAdmin(ctx);
    const unknown = input.guards?.find((g) => !ctx.services.guards.has(g));
    if (unknown) throw new DomainError('invalid_input', `unknown transition guard "${unknown}"`);
    return changed(ctx, ctx.services.workspace.saveTransition(input));
  },
  deleteTransition: (input, ctx) => {
    requireAdmin(ctx);
    ctx.services.workspace.deleteTransition(input.id);
    return changed(ctx, null);
  },
  saveStatusAction: (input, ctx) => {
    requireAdmin(ctx);
    return changed(ctx, ctx.services.workspace.saveStatusAction(input));
  },
  deleteStatusAction: (input, ctx) => {
    requireAdmin(ctx);
    ctx.services.workspace.deleteStatusAction(input.id);
    return changed(ctx, null);
  },
  saveUser: (input, ctx) => {
    requireAdmin(ctx);
    return changed(ctx, ctx.services.users.saveUser(input));
  },
  saveGroup: (input, ctx) => {
    requireAdmin(ctx);
    return changed(ctx, ctx.services.users.saveGroup(input));
  },
  exportWorkspace: (_input, ctx) => {
    currentUser(ctx);
    const file = ctx.services.transfer.export();
    return { json: JSON.stringify(file, null, 2), fileName: `arbejdsomraade-${file.exportedAt.slice(0, 10)}.json` };
  },
  previewWorkspaceImport: (input, ctx) => {
    const admin = requireAdmin(ctx);
    return ctx.services.transfer.preview(input.json, admin.id);
  },
  importWorkspace: (input, ctx) => {
    const admin = requireAdmin(ctx);
    ctx.services.transfer.import(input.json, admin.id);
    return changed(ctx, workspaceView(ctx.services));
  },
};

function workspaceView(services: Services) {
  const ws = services.workspace.snapshot();
  return { fields: ws.fields, workflows: ws.workflows, users: services.users.listUsers(), groups: services.users.listGroups() };
}

function changed<T>(ctx: { services: Services }, value: T): T {
  ctx.services.events.emit('workspaceChanged', {});
  return value;
}
