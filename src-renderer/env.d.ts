import type { CaseworkerApi } from '../src-main/contract';

declare global {
  interface Window {
    /** Exposed by the Electron preload script; absent when the renderer runs in a plain browser. */
    readonly caseworker?: CaseworkerApi;
  }
}
