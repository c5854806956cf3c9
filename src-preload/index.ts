// Preload for the sandboxed main window. Runs with sandbox: true, so it may
// require only 'electron' (contextBridge, ipcRenderer); electron-vite bundles
// everything else into one CommonJS file (out/preload/index.cjs).
import { contextBridge, ipcRenderer } from 'electron';
import { createCaseworkerApi } from './caseworker-api';

contextBridge.exposeInMainWorld('caseworker', createCaseworkerApi(ipcRenderer));
