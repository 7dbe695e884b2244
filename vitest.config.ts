import { defineConfig } from 'vitest/config';

/** Only the suites that use a test database pay for its templates (migrated, and seeded with the demo). */
const withTestDatabase = { globalSetup: ['db/src/testing/global-setup.ts'] };

export default defineConfig({
  test: {
    setupFiles: ['vitest.setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    projects: [
      { extends: true, test: { name: 'shared', include: ['shared/src/**/*.test.ts'] } },
      { extends: true, test: { name: 'db', include: ['db/src/**/*.test.ts'], ...withTestDatabase } },
      { extends: true, test: { name: 'api', include: ['api/src/**/*.test.ts'], ...withTestDatabase } },
      { extends: true, test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'scripts', include: ['scripts/src/*.test.ts'] } },
      {
        extends: true,
        // Browser journeys start the app as `pnpm start` serves it; one at a time keeps the 2-core CI steady.
        test: {
          name: 'browser',
          include: ['scripts/src/e2e/**/*.test.ts'],
          globalSetup: ['scripts/src/e2e/global-setup.ts'],
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
