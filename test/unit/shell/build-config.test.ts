import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../../../electron.vite.config';

// Guards the few build settings the shell depends on at run time.
describe('electron.vite.config', () => {
  it('builds the preload as one CommonJS file, so it loads with sandbox: true', () => {
    const build = config.preload?.build;
    expect(build?.externalizeDeps).toBe(false);
    expect(build?.rolldownOptions?.input).toEqual({ index: resolve('src-preload/index.ts') });
    expect(build?.rolldownOptions?.output).toMatchObject({ format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false });
    expect(build?.outDir).toBe('out/preload');
  });

  it('keeps native and electron-only packages out of the main bundle', () => {
    expect(config.main?.build?.externalizeDeps).toBe(true);
    // The app's entry, and the CSV import's second thread, which runs from its own file next to it.
    expect(config.main?.build?.rolldownOptions?.input).toEqual({
      index: resolve('src-main/index.ts'),
      'row-checking-worker': resolve('src-main/csv-import/row-checking-worker.ts'),
    });
    expect(config.main?.build?.outDir).toBe('out/main');
  });

  it('builds the renderer from src-renderer into out/renderer', () => {
    expect(config.renderer?.root).toBe('src-renderer');
    expect(config.renderer?.build?.outDir).toBe('out/renderer');
  });
});
