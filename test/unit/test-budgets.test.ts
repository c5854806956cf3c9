// No test may give itself less time than the suite's hang guards: on a loaded
// 2-core machine (several `npm test` runs at once) work takes many times longer
// than alone, and a smaller per-test budget then fails a test that is right.
// The guards are in vitest.config.ts and playwright.config.ts; a test that
// needs longer may ask for more, never for less.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import playwrightConfig from '../../playwright.config';
import vitestConfig from '../../vitest.config';

const ROOT = join(import.meta.dirname, '..', '..');

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(join(ROOT, dir), { recursive: true, encoding: 'utf8' })
    .filter((name) => pattern.test(name))
    .map((name) => join(ROOT, dir, name));
}

const number = (text: string): number => Number(text.replaceAll('_', ''));

/** Every `[file:line] ms` whose number, caught by `pattern`, is below `floor`. */
function budgetsBelow(files: string[], pattern: RegExp, floor: number): string[] {
  const found: string[] = [];
  for (const file of files) {
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, index) => {
        for (const match of line.matchAll(pattern)) {
          if (number(match[1] as string) < floor) found.push(`${relative(ROOT, file)}:${index + 1} ${match[0]}`);
        }
      });
  }
  return found;
}

describe('per-test time budgets', () => {
  it('the hang guards are generous: 2 minutes per Vitest test and hook, 5 minutes per Playwright test, 1 minute per expect', () => {
    expect(vitestConfig.test?.testTimeout).toBeGreaterThanOrEqual(120_000);
    expect(vitestConfig.test?.hookTimeout).toBeGreaterThanOrEqual(120_000);
    expect(playwrightConfig.timeout).toBeGreaterThanOrEqual(300_000);
    expect(playwrightConfig.expect?.timeout).toBeGreaterThanOrEqual(60_000);
  });

  it('no Playwright spec lowers its test timeout below the configured one', () => {
    const specs = filesUnder('test/e2e', /\.ts$/);
    expect(specs.length).toBeGreaterThan(10);
    expect(budgetsBelow(specs, /test\.setTimeout\(\s*([\d_]+)\s*\)/g, playwrightConfig.timeout as number)).toEqual([]);
  });

  it('no Vitest test or hook lowers its timeout below the configured one', () => {
    const tests = [...filesUnder('test/unit', /\.test\.ts$/), ...filesUnder('test/integration', /\.test\.ts$/)];
    expect(tests.length).toBeGreaterThan(50);
    const floor = vitestConfig.test?.testTimeout as number;
    // `it(…, async () => { … }, 60_000)` and `it(…, { timeout: 60_000 }, …)`.
    expect(budgetsBelow(tests, /^\s*\},\s*([\d_]+)\s*\);/g, floor)).toEqual([]);
    expect(budgetsBelow(tests, /^(?:it|test|describe)\b.*\{\s*timeout:\s*([\d_]+)\s*\}/g, floor)).toEqual([]);
  });
});
