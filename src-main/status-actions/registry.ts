import type { AnyStatusActionType } from './action-type';
import { assignResponsibleAction } from './assign-responsible';
import { setFieldAction } from './set-field';
import { requestSignatureAction } from '../signing/request-signature-action';

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

export const createActionRegistry = (): ActionRegistry => new ActionRegistry([setFieldAction, assignResponsibleAction, requestSignatureAction]);
