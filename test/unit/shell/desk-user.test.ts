import { describe, expect, it } from 'vitest';
import type { Session } from '../../../src-main/app/session';
import type { Result } from '../../../src-main/contract';
import { trackDeskUser } from '../../../src-main/shell/desk-user';

/** A dispatch that only does to the session what main would (sign in, lock, kiosk). */
const fakeApp = {
  dispatch: async (method: string, _input: unknown, session: Session): Promise<Result<unknown>> => {
    if (method === 'selectUser') Object.assign(session, { userId: 7, locked: false, kiosk: null });
    if (method === 'lockSession') session.locked = true;
    if (method === 'startQuestionnaireRun') session.kiosk = { questionnaireId: 1, recordId: null };
    return { ok: true, value: null };
  },
};

describe('the desktop notifications follow who is acting', () => {
  it('nobody while the window is locked or holds the kiosk, the caseworker again after sign-in', async () => {
    const seen: (number | null)[] = [];
    const desk = trackDeskUser(fakeApp, (id) => seen.push(id));
    const session: Session = { userId: null, locked: false, kiosk: null };
    await desk.app.dispatch('selectUser', { userId: 7 }, session);
    await desk.app.dispatch('listRecords', {}, session);
    await desk.app.dispatch('lockSession', {}, session);
    await desk.app.dispatch('selectUser', { userId: 7 }, session);
    await desk.app.dispatch('startQuestionnaireRun', {}, session);
    await desk.app.dispatch('getQuestionnaireRun', {}, session);
    await desk.app.dispatch('selectUser', { userId: 7 }, session);
    expect(seen).toEqual([7, null, 7, null, 7]);
    expect(desk.userId()).toBe(7);
  });
});
