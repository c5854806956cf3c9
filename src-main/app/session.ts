/**
 * Who is acting, per client (an Electron window or a browser tab). The transport
 * owns the session objects; handlers only read and set the selected user.
 */
export interface Session {
  userId: number | null;
}

export const newSession = (): Session => ({ userId: null });
