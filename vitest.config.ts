import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser rendering checks run apart: `npm run preview` (vitest.preview.config.ts).
    exclude: ['test/preview/**', '**/node_modules/**'],
    // Bounds, not expectations: on a busy two-core machine a test that takes 20 s alone can take
    // minutes. Nothing may depend on speed; a test only fails by timing out when it truly hangs.
    testTimeout: 300_000,
    hookTimeout: 300_000,
    // Tests spawn git servers and action processes; two cores do not gain from more workers.
    pool: 'forks',
    maxWorkers: 2,
  },
});
