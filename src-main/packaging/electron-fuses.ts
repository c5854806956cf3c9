import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';

// Electron's fuses are switches compiled into the binary and flipped once, when
// the app is packaged; nothing at run time can turn them back. They close the
// doors a local attacker would use to run code inside our signed app, next to the
// caseworker's data: starting the binary as plain Node, injecting code through
// NODE_OPTIONS or a debugger port, or swapping the app's files beside it.

export const APP_FUSES = {
  version: FuseVersion.V1,
  // ELECTRON_RUN_AS_NODE=1 would turn the app into a Node that runs any script.
  [FuseV1Options.RunAsNode]: false,
  // Cookies and local storage are encrypted with the OS keychain's key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS=--require evil.js would run code in the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect / --inspect-brk would open a debugger on the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app's code is read only from app.asar, whose hash is checked at start.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // The renderer is served from app:// (shell/app-protocol.ts), so file: pages need no extra rights.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
} satisfies FuseV1Config;

/**
 * Flips the fuses in a packaged Electron binary (the app's executable, or on
 * macOS the `.app` bundle's). Returns how many fuse wires were set (2 for a
 * universal macOS build).
 */
export async function applyAppFuses(electronBinary: string): Promise<number> {
  return flipFuses(electronBinary, { ...APP_FUSES, resetAdHocDarwinSignature: process.platform === 'darwin' });
}
