/**
 * The slice of electron-store the shell's stores use. Kept this small so the
 * stores can be tested with a Map, without Electron (electron-store needs the app).
 */
export interface KeyValueFile {
  get(key: string): unknown;
  set(key: string, value: unknown): void;
}
