import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';
import LongestFirstSequencer from './vitest.sequencer.ts';

/**
 * Only the suites that use a test database pay for its templates (migrated, and seeded with the demo).
 * On the embedded database they run without a fresh module graph per file (isolate: false): every file
 * imports the whole API and drizzle schema, which cost 58 s of the api project's 167 s, and without it
 * the project took 98 s (decision 027). Their state lives in the PGlite instance each file creates for
 * itself, not in modules (no vi.mock, no environment stubs, fake timers restored where used). Against
 * PostgreSQL a pool that one file leaves open outlives it in a shared worker, and another file's
 * `drop database … with (force)` then ends its connections into a foreign test, so there each file keeps
 * its own worker (the gain there was 15 s of 158).
 */
const withTestDatabase = {
  globalSetup: ['db/src/testing/global-setup.ts'],
  isolate: Boolean(process.env.DATABASE_URL),
};
/** Tests of moving to and scaling out on a server (migrate-to, read replica): they need a real PostgreSQL. */
const serverOnly = ['db/src/**/*.server.test.ts', 'api/src/**/*.server.test.ts'];

export default defineConfig({
  test: {
    setupFiles: ['vitest.setup.ts'],
    testTimeout: 30_000,
    // Vitest's default is one worker fewer than the cores: one worker on a 2-core CI machine, which then
    // waits idle while PostgreSQL, an app server or Chromium does the work. Two keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    hookTimeout: 60_000,
    // Longest files first across all projects, not project by project (vitest.sequencer.ts).
    sequence: { sequencer: LongestFirstSequencer },
    projects: [
      { extends: true, test: { name: 'shared', include: ['shared/src/**/*.test.ts'] } },
      {
        extends: true,
        test: { name: 'db', include: ['db/src/**/*.test.ts'], exclude: serverOnly, ...withTestDatabase },
      },
      {
        extends: true,
        test: { name: 'api', include: ['api/src/**/*.test.ts'], exclude: serverOnly, ...withTestDatabase },
      },
      // Part of the PostgreSQL pass only (DATABASE_URL set; .ci/run runs it there), like the browser
      // journeys are part of the embedded pass only: there is no server to move to on the embedded pass.
      ...(process.env.DATABASE_URL
        ? [{ extends: true as const, test: { name: 'server', include: serverOnly, ...withTestDatabase } }]
        : []),
      { extends: true, test: { name: 'web', include: ['web/src/**/*.test.{ts,tsx}'] } },
      { extends: true, test: { name: 'scripts', include: ['scripts/src/*.test.ts'] } },
      {
        extends: true,
        // Browser journeys start the app as `pnpm start` serves it, each on its own port and copy of the
        // seeded data directory. They share the workers with the other suites: a journey keeps one core
        // busy only about 70 % of its time (it waits for Chromium and the app), and run serially after
        // the others (Vitest's group for file parallelism off) they took 11 of 16 minutes of the pass.
        test: {
          name: 'browser',
          include: ['scripts/src/e2e/**/*.test.ts'],
          globalSetup: ['scripts/src/e2e/global-setup.ts'],
          testTimeout: 120_000,
          // A page settles when its queries answer: on a loaded 2-core machine that can take seconds, so
          // expect.poll waits up to 15 s (Vitest's default of 1 s made journeys fail by load, not by fault).
          expect: { poll: { timeout: 15_000 } },
        },
      },
    ],
  },
});
