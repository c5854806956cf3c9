import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import { resolve } from 'node:path';
import { devCsp } from './src-renderer/vite-dev-csp';

// Builds the three Electron parts into out/main, out/preload and out/renderer.
// Paths are from the package root, where npm runs electron-vite.
export default defineConfig({
  main: {
    build: {
      // Dependencies (better-sqlite3's native addon, electron-store, …) stay in
      // node_modules and are loaded at run time instead of being bundled.
      externalizeDeps: true,
      outDir: 'out/main',
      rolldownOptions: {
        // package.json has "type": "module", so this is emitted as ESM out/main/index.js.
        // The CSV import's second thread is its own entry, out/main/row-checking-worker.js,
        // which row-checking-thread.ts starts next to the bundle.
        input: {
          index: resolve('src-main/index.ts'),
          'row-checking-worker': resolve('src-main/csv-import/row-checking-worker.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      // A sandboxed preload can require only 'electron' (and a few polyfilled
      // modules), never a file or a package: bundle everything into one file.
      externalizeDeps: false,
      outDir: 'out/preload',
      rolldownOptions: {
        input: { index: resolve('src-preload/index.ts') },
        // Sandboxed preloads cannot be ES modules; .cjs keeps Node from reading the
        // file as ESM under "type": "module".
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    // devCsp loosens index.html's meta CSP for the dev server only (inline HMR preamble, ws:).
    plugins: [react(), devCsp()],
    build: {
      outDir: 'out/renderer',
      // Assets stay same-origin files; the CSP allows no data: scripts or styles.
      assetsInlineLimit: 0,
      rolldownOptions: {
        input: resolve('src-renderer/index.html'),
      },
    },
  },
});
