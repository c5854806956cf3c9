// Vitest orders files longest-first from its results cache, but a fresh clone
// (CI) has no cache and falls back to file size, which can start a minute-long
// crash test last, when the other worker has nothing left to do. These files
// start child processes or run crash loops; they start first. A file missing
// from the list only costs time, never a result.
import { BaseSequencer, type TestSpecification } from 'vitest/node';

const SLOW_FILES = [
  'test/integration/digital-post/crash-outbox.test.ts',
  'test/integration/store/wrong-files.test.ts',
  'test/integration/contract-fuzz.test.ts',
  'test/integration/signing/crash-safety.test.ts',
  'test/integration/shell/built-entry.test.ts',
  'test/integration/sandbox/squatted-ports.test.ts',
  'test/integration/finding-cases.test.ts',
];

export class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification): number => {
      const index = SLOW_FILES.findIndex((file) => spec.moduleId.replaceAll('\\', '/').endsWith(file));
      return index === -1 ? SLOW_FILES.length : index;
    };
    // Array.prototype.sort is stable: the rest keep Vitest's order.
    return sorted.sort((a, b) => rank(a) - rank(b));
  }
}
