import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Tests spawn git servers and action processes; two cores do not gain from more workers.
    pool: 'forks',
    maxWorkers: 2,
  },
});
