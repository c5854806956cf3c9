/**
 * Who is acting, per client (an Electron window or a browser tab). The transport
 * owns the session objects; the dispatcher and the sign-in code set them.
 */
export interface Session {
  userId: number | null;
  /**
   * Idle tracking, present on sessions the transports create: when the caseworker
   * last showed they are at the keyboard (ms, the app's clock). Sessions without it
   * (the CLI, tests that build one by hand) are never locked for idleness.
   */
  idle?: { lastActivityAt: number };
  /** Locked (idle or by the caseworker): only sign-in methods answer until someone signs in again. */
  locked?: boolean;
  /** The questionnaire kiosk holds the session: only its methods answer until a caseworker signs in. */
  kiosk?: { questionnaireId: number; recordId: number | null } | null;
}

export const newSession = (): Session => ({ userId: null, idle: { lastActivityAt: 0 }, locked: false, kiosk: null });
