import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { devCsp } from './vite-dev-csp';

// The renderer built for the browser transport (`npm run web`, e2e tests). Paths are
// relative to the package root, where npm runs scripts. `base: './'` keeps asset
// URLs relative so the same files also load from Electron's file:// page.
export default defineConfig({
  root: 'src-renderer',
  base: './',
  plugins: [react(), devCsp()],
  build: {
    outDir: '../out/web',
    emptyOutDir: true,
    // Never inline assets as data: URLs into scripts; keep everything a same-origin file.
    assetsInlineLimit: 0,
    sourcemap: false,
  },
});
