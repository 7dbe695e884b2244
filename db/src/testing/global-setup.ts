import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb, type Database } from '../client';
import { seedDemo } from '../demo/seed';
import { readDbEnv } from '../env';
import { migrateDb } from '../migrate';
import {
  cachedTemplateDatabase,
  cachedTemplateFile,
  dumpForCopies,
  pruneStaleTemplateDatabases,
  templateBlob,
  templateKey,
} from './template-cache';

/** The day the demo is generated for in tests, so that every run sees the same history. */
export const DEMO_TODAY = '2026-11-25';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase:
      | { kind: 'pglite'; templatePath: string; demoTemplatePath: string }
      | { kind: 'postgres'; serverUrl: string; template: string; demoTemplate: string; testPrefix: string };
  }
}

/**
 * Migrates one template, and seeds a second one with the demo; every test
 * database starts as a copy of one of them (PGlite: loadDataDir, ~0.6 s
 * instead of ~3 s for initdb and ~4 s for the seed; PostgreSQL: CREATE
 * DATABASE ... TEMPLATE), so tests never share data and a test file that needs
 * the demo costs a copy, not a seed. The templates are cached by a hash of the
 * code they are made from (template-cache.ts): the second Vitest project of a
 * run, and every later run of unchanged code, reuse them.
 */
export default async function setup(project: TestProject) {
  const { DATABASE_URL } = readDbEnv();
  const key = templateKey(DEMO_TODAY);
  if (DATABASE_URL) {
    const template = `ozg_tplc_${key}`;
    const demoTemplate = `${template}_demo`;
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await cachedTemplateDatabase(admin, template, async (name) => {
      await withDatabaseAt(DATABASE_URL, name, (database) => migrateDb(database));
    });
    await cachedTemplateDatabase(
      admin,
      demoTemplate,
      (name) => withDatabaseAt(DATABASE_URL, name, (database) => seedDemo({ database, today: DEMO_TODAY })),
      template,
    );
    await pruneStaleTemplateDatabases(admin, [template, demoTemplate]);
    // Test databases carry the run's own prefix, so cleaning up never touches another run's.
    const testPrefix = `ozg_test_${randomBytes(4).toString('hex')}`;
    project.provide('testDatabase', {
      kind: 'postgres',
      serverUrl: DATABASE_URL,
      template,
      demoTemplate,
      testPrefix,
    });
    return async () => {
      // Test databases are dropped by their tests; this catches those of crashed workers too.
      const leftovers = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`${testPrefix}%`],
      );
      for (const { datname } of leftovers.rows)
        await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.end();
    };
  }
  const templatePath = await cachedTemplateFile(key, 'template.tar', async () => {
    const client = await PGlite.create();
    try {
      await migrateDb(await createDb({ kind: 'pglite', client }));
      return new Uint8Array(await (await dumpForCopies(client)).arrayBuffer());
    } finally {
      await client.close();
    }
  });
  const demoTemplatePath = await cachedTemplateFile(key, 'demo-template.tar', async () => {
    const client = await PGlite.create({ loadDataDir: await templateBlob(templatePath) });
    try {
      await seedDemo({ database: await createDb({ kind: 'pglite', client }), today: DEMO_TODAY });
      return new Uint8Array(await (await dumpForCopies(client)).arrayBuffer());
    } finally {
      await client.close();
    }
  });
  project.provide('testDatabase', { kind: 'pglite', templatePath, demoTemplatePath });
}

async function withDatabaseAt(serverUrl: string, name: string, fn: (database: Database) => Promise<unknown>) {
  const database = await createDb({ kind: 'postgres', url: withDatabase(serverUrl, name), poolSize: 1 });
  try {
    await fn(database);
  } finally {
    await database.close();
  }
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
