import { defineConfig } from 'vitest/config';

/** End-to-end tests: they spawn the built CLI (`dist/src/cli.js`), `npm start` or `npm pack`. */
const E2E = 'test/**/*.e2e.test.ts';

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    pool: 'forks',
    projects: [
      // In-process tests: `npm run test:unit`, no build needed.
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: [E2E] } },
      // Refuse to run against a dist/ older than its sources.
      { extends: true, test: { name: 'e2e', include: [E2E], globalSetup: ['test/setup/dist-is-fresh.ts'] } },
    ],
  },
});
