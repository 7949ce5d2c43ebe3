import { defineConfig } from 'vitest/config';

// `npm run preview`: renders every summary, comment and pull request body the product writes as
// GitHub would, screenshots them in headless Chromium and checks the rendered pages. Kept out of
// `npm test`, which needs nothing but Node, npm and git.
export default defineConfig({
  test: {
    include: ['test/preview/**/*.test.ts'],
    testTimeout: 300_000,
    hookTimeout: 900_000,
    pool: 'forks',
    maxWorkers: 1,
  },
});
