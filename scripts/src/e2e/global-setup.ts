import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDb, migrateDb } from '@ozg/db';
import { seedDemo } from '@ozg/db/demo';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** An embedded data directory, migrated and seeded with the demo of today; journeys copy it. */
    seededDataDir: string;
  }
}

/**
 * Seeds the demo once per run into an embedded data directory, as `pnpm start`
 * would on its first start; every journey's app starts on a copy of it
 * instead of generating the same demo again.
 */
export default async function setup(project: TestProject) {
  const folder = mkdtempSync(join(tmpdir(), 'ozg-e2e-seed-'));
  const dataDir = join(folder, 'pglite');
  const database = await createDb({ kind: 'pglite', dataDir });
  try {
    await migrateDb(database);
    await seedDemo({ database });
  } finally {
    await database.close();
  }
  project.provide('seededDataDir', dataDir);
  return () => rmSync(folder, { recursive: true, force: true });
}
