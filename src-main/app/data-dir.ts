import { homedir } from 'node:os';
import { join } from 'node:path';

export const PRODUCT_NAME = 'Sagsbehandler';

/**
 * Where the app keeps its data when run outside Electron (CLI, browser
 * transport): the same folder Electron's app.getPath('userData') gives, so all
 * hosts see one case store. CASEWORKER_DATA_DIR overrides it.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.CASEWORKER_DATA_DIR) return env.CASEWORKER_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), PRODUCT_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', PRODUCT_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), PRODUCT_NAME);
}
