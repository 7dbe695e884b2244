import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDb } from '../client';
import { seedDemo } from '../demo/seed';
import { readDbEnv } from '../env';
import { migrateDb } from '../migrate';

/** The day the demo is generated for in tests, so that every run sees the same history. */
export const DEMO_TODAY = '2026-11-25';

declare module 'vitest' {
  export interface ProvidedContext {
    testDatabase:
      | { kind: 'pglite'; templatePath: string; demoTemplatePath: string }
      | { kind: 'postgres'; serverUrl: string; template: string; demoTemplate: string };
  }
}

/**
 * Migrates one template per test run, and seeds a second one with the demo;
 * every test database starts as a copy of one of them (PGlite: loadDataDir,
 * ~0.6 s instead of ~3 s for initdb and ~4 s for the seed; PostgreSQL:
 * CREATE DATABASE ... TEMPLATE), so tests never share data and a test file
 * that needs the demo costs a copy, not a seed.
 */
export default async function setup(project: TestProject) {
  const { DATABASE_URL } = readDbEnv();
  if (DATABASE_URL) {
    const template = `ozg_tpl_${randomBytes(4).toString('hex')}`;
    const admin = new pg.Client({ connectionString: DATABASE_URL });
    await admin.connect();
    await admin.query(`create database ${template}`);
    const database = await createDb({
      kind: 'postgres',
      url: withDatabase(DATABASE_URL, template),
      poolSize: 1,
    });
    await migrateDb(database);
    await database.close();
    const demoTemplate = `${template}_demo`;
    await admin.query(`create database ${demoTemplate} template ${template}`);
    const demoDatabase = await createDb({
      kind: 'postgres',
      url: withDatabase(DATABASE_URL, demoTemplate),
      poolSize: 1,
    });
    await seedDemo({ database: demoDatabase, today: DEMO_TODAY });
    await demoDatabase.close();
    project.provide('testDatabase', { kind: 'postgres', serverUrl: DATABASE_URL, template, demoTemplate });
    return async () => {
      // Test databases are dropped by their tests; this catches those of crashed workers too.
      const leftovers = await admin.query<{ datname: string }>(
        `select datname from pg_database where datname like $1`,
        [`${template.replace('tpl', 'test')}%`],
      );
      for (const { datname } of leftovers.rows)
        await admin.query(`drop database if exists ${datname} with (force)`);
      await admin.query(`drop database if exists ${demoTemplate} with (force)`);
      await admin.query(`drop database if exists ${template} with (force)`);
      await admin.end();
    };
  }
  const folder = mkdtempSync(join(tmpdir(), 'ozg-test-'));
  const client = await PGlite.create();
  const database = await createDb({ kind: 'pglite', client });
  await migrateDb(database);
  const templatePath = join(folder, 'template.tar');
  writeFileSync(templatePath, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  await seedDemo({ database, today: DEMO_TODAY });
  const demoTemplatePath = join(folder, 'demo-template.tar');
  writeFileSync(demoTemplatePath, Buffer.from(await (await client.dumpDataDir('none')).arrayBuffer()));
  await client.close();
  project.provide('testDatabase', { kind: 'pglite', templatePath, demoTemplatePath });
  return () => rmSync(folder, { recursive: true, force: true });
}

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
