import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // Browser rendering checks run apart: `npm run preview` (vitest.preview.config.ts).
    exclude: ['test/preview/**', '**/node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests spawn git servers and action processes; two cores do not gain from more workers.
    pool: 'forks',
    maxWorkers: 2,
  },
});
