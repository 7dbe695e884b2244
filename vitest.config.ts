import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['db/src/testing/global-setup.ts'],
    setupFiles: ['vitest.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'shared', include: ['shared/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'db', include: ['db/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'api', include: ['api/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'scripts', include: ['scripts/src/*.test.ts'] } },
      {
        extends: true,
        // Browser journeys start the app as `pnpm start` serves it; one at a time keeps the 2-core CI steady.
        test: {
          name: 'browser',
          include: ['scripts/src/e2e/**/*.test.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
