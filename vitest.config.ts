import { defineConfig } from 'vitest/config';
import { SlowFilesFirst } from './test/slow-files-first';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts', 'test/integration/**/*.test.ts'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default on a 2-core machine is one worker (cores − 1), which runs
    // the files one after another while most of them wait on HTTP, SQLite or a
    // child process. Two workers keep both cores busy; each file still gets its
    // own fresh process (isolation), so no file sees another's state.
    maxWorkers: 2,
    sequence: { sequencer: SlowFilesFirst },
    // A timeout here only catches a hung test; it is not a performance budget.
    // On a loaded 2-core machine (several test runs at once) real work takes
    // many times longer than alone, so these are generous. Benchmarks live in
    // `npm run bench:*`.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
