// The tests Stryker runs against each mutant: the fast, server-less unit tests only. They are
// the ones that exercise the mutated code's logic directly; the end-to-end suites need a git
// server and a built dist/, which a mutant never reaches.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    // docs-consistency reads README/action.yml against main.ts, outside the mutated code.
    exclude: ['test/unit/docs-consistency.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
