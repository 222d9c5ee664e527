import { defineConfig } from 'vitest/config';

/** `npm run test:image`: the Airbyte connector image checks (Docker), kept out of `npm test`. */
export default defineConfig({
  test: {
    include: ['test/image/**/*.image-test.ts'],
    // One private Docker daemon and one sandbox for the whole file; docker runs take seconds each.
    testTimeout: 300_000,
    hookTimeout: 900_000,
    pool: 'forks',
    fileParallelism: false,
  },
});
