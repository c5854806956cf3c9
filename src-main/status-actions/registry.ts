import type { AnyStatusActionType } from './action-type';
import { assignResponsibleAction } from './assign-responsible';
import { setFieldAction } from './set-field';
import { requestSignatureAction } from '../signing/request-signature-action';
import type { DigitalPostPort } from '../digital-post/digital-post-port';
import type { DocumentPort } from '../documents/document-port';
import { createSendDigitalPostAction } from '../digital-post/status-action/send-digital-post';
import type { NotificationPort } from '../notifications/notification-port';
import { createNotifyAction } from './notify';

/** Every status action type the app knows. Later features register theirs here. */
export class ActionRegistry {
  private readonly types = new Map<string, AnyStatusActionType>();

  constructor(types: AnyStatusActionType[]) {
    for (const t of types) this.types.set(t.type, t);
  }

  get(type: string): AnyStatusActionType | undefined {
    return this.types.get(type);
  }

  list(): AnyStatusActionType[] {
    return [...this.types.values()];
  }
}

/** Ports the action types that reach other features need; an action type whose port is missing is not offered. */
export interface ActionPorts {
  notifications?: NotificationPort;
  /** The Digital Post outbox, looked up when an action runs. */
  outbox?: () => DigitalPostPort;
  /** Document generation, for letters that attach documents made from templates. */
  documents?: () => DocumentPort;
}

export const createActionRegistry = (ports: ActionPorts = {}): ActionRegistry =>
  new ActionRegistry([
    setFieldAction,
    assignResponsibleAction,
    requestSignatureAction,
    ...(ports.notifications ? [createNotifyAction(ports.notifications)] : []),
    ...(ports.outbox ? [createSendDigitalPostAction(ports.outbox, ports.documents)] : []),
  ]);
