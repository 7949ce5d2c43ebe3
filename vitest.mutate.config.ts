// The tests Stryker runs against each mutant: the fast, server-less unit tests only. They are
// the ones that exercise the mutated code's logic directly; the end-to-end suites need a git
// server and a built dist/, which a mutant never reaches.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/unit/**/*.test.ts'],
    exclude: [
      // These check documents and the OpenAPI copy against the code, not the mutated logic.
      'test/unit/docs-consistency.test.ts',
      'test/unit/docs-examples.test.ts',
      'test/unit/openapi-trimmed.test.ts',
      // Runs every chart through Mermaid's parser: seconds per mutant. The dashboard's exact
      // text is pinned by render-status.mutants.test.ts instead.
      'test/unit/render-status.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // No fresh module graph per test file: a mutant run loads the same modules many times
    // otherwise (about 3x slower). The unit tests keep no module state between files.
    isolate: false,
    maxWorkers: 1,
  },
});
