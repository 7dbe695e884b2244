import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { restoreCachedDemoDataDir } from '@ozg/db/testing';
import { todayInGermany } from '@ozg/shared';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An embedded data directory, migrated and seeded with the demo of today; journeys copy it. */
    seededDataDir: string;
  }
}

/**
 * Seeds the demo of today once into an embedded data directory, as `pnpm
 * start` would on its first start; every journey's app starts on a copy of it
 * instead of generating the same demo again. The seeded dump is cached by the
 * code and the day it was made from, so a later run on the same day reuses it.
 */
export default async function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), 'ozg-e2e-seed-'));
  const dataDir = join(folder, 'pglite');
  await restoreCachedDemoDataDir(todayInGermany(), dataDir);
  project.provide('seededDataDir', dataDir);
  return () => rmSync(folder, { recursive: true, force: true });
}
