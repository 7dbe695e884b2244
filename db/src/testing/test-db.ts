import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Database } from '../client';
import { withDatabase } from './global-setup';
import { dumpForCopies, templateBlob } from './template-cache';

/**
 * A fresh, migrated database of its own for one test file or test: PGlite from
 * the run's template, or a new PostgreSQL database when DATABASE_URL is set.
 * close() removes it.
 */
export function createTestDatabase(): Promise<Database> {
  return copyTemplate('migrated');
}

/** Like createTestDatabase, holding the demo generated for DEMO_TODAY (a copy, not a fresh seed). */
export function createDemoTestDatabase(): Promise<Database> {
  return copyTemplate('demo');
}

async function copyTemplate(which: 'migrated' | 'demo'): Promise<Database> {
  const config = inject('testDatabase');
  if (config.kind === 'pglite') {
    const path = which === 'demo' ? config.demoTemplatePath : config.templatePath;
    return copyPglite(await templateBlob(path));
  }
  return copyPostgres(which === 'demo' ? config.demoTemplate : config.template);
}

async function copyPglite(dump: Blob): Promise<Database> {
  return createDb({ kind: 'pglite', client: await PGlite.create({ loadDataDir: dump }) });
}

/** A new database of this run (named with its prefix, so the teardown finds leftovers), copied from `template`. */
async function createCopy(template: string): Promise<{ serverUrl: string; name: string }> {
  const config = inject('testDatabase');
  if (config.kind !== 'postgres') throw new Error('A server database needs DATABASE_URL.');
  const name = `${config.testPrefix}_${randomBytes(4).toString('hex')}`;
  await withAdmin(config.serverUrl, async (admin) => {
    // Concurrent copies of one template can collide ("being accessed by other users"): retry briefly.
    for (let attempt = 0; ; attempt++) {
      try {
        await admin.query(`create database ${name} template ${template}`);
        return;
      } catch (error) {
        if ((error as { code?: string }).code !== '55006' || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 200));
      }
    }
  });
  return { serverUrl: config.serverUrl, name };
}

/**
 * Drops a test database once its own connections are gone. pg's `pool.end()` resolves when its clients
 * are told to end, not when their backends have exited; a forced drop in between terminates them, and
 * pg reports that as a lost connection (a console.error that fails whichever test is running then).
 * `with (force)` stays for the connections of a crashed test.
 */
const dropDatabase = (serverUrl: string, name: string) =>
  withAdmin(serverUrl, async (admin) => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const { rows } = await admin.query<{ connections: number }>(
        'select count(*)::int as connections from pg_stat_activity where datname = $1',
        [name],
      );
      if ((rows[0]?.connections ?? 0) === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await admin.query(`drop database if exists ${name} with (force)`);
  });

/** A copy of `template` on the server; close() drops it. */
async function copyPostgres(template: string): Promise<Database> {
  const { serverUrl, name } = await createCopy(template);
  const database = await createDb({ kind: 'postgres', url: withDatabase(serverUrl, name), poolSize: 20 });
  return {
    ...database,
    close: async () => {
      await database.close();
      await dropDatabase(serverUrl, name);
    },
  };
}

type PreparedTemplate =
  | { kind: 'pglite'; dump: Blob }
  | { kind: 'postgres'; serverUrl: string; name: string };

/**
 * Test databases of one test file that all start from the same prepared state
 * (the official GV100AD of a Land imported, say): `prepare` runs once, at the
 * first create(), on a fresh migrated database, and every create() returns a
 * copy of the result (PGlite: the data directory dumped once and loaded per
 * copy; PostgreSQL: CREATE DATABASE ... TEMPLATE). The copies share nothing, as
 * with createTestDatabase; only the preparation is paid once per file instead
 * of once per test. dispose() (in afterAll) drops the prepared template on the
 * server; the run's teardown would too, as it carries the run's prefix.
 */
export function preparedTestDatabases(prepare: (database: Database) => Promise<void>): {
  create: () => Promise<Database>;
  dispose: () => Promise<void>;
} {
  let template: Promise<PreparedTemplate> | null = null;
  const build = async (): Promise<PreparedTemplate> => {
    const config = inject('testDatabase');
    if (config.kind === 'pglite') {
      const database = await copyTemplate('migrated');
      try {
        await prepare(database);
        if (database.driver.kind !== 'pglite') throw new Error('unexpected driver');
        return { kind: 'pglite', dump: await dumpForCopies(database.driver.client) };
      } finally {
        await database.close();
      }
    }
    const { serverUrl, name } = await createCopy(config.template);
    const database = await createDb({ kind: 'postgres', url: withDatabase(serverUrl, name), poolSize: 20 });
    try {
      await prepare(database);
    } catch (error) {
      await database.close();
      await dropDatabase(serverUrl, name);
      throw error;
    }
    // A template is copied only without open connections: close the pool, keep the database.
    await database.close();
    return { kind: 'postgres', serverUrl, name };
  };
  return {
    create: async () => {
      template ??= build();
      const prepared = await template;
      return prepared.kind === 'pglite' ? copyPglite(prepared.dump) : copyPostgres(prepared.name);
    },
    dispose: async () => {
      const prepared = await template?.catch(() => null);
      if (prepared?.kind === 'postgres') await dropDatabase(prepared.serverUrl, prepared.name);
    },
  };
}

async function withAdmin<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Where the official reference files live (beside the checkout, read-only); tests never copy them. */
export const OFFICIAL_DATA_DIR = new URL('../../../../shared/data/', import.meta.url);

export function readOfficialFile(name: string): string {
  const url = new URL(name, OFFICIAL_DATA_DIR);
  try {
    return readFileSync(url, 'utf8');
  } catch (error) {
    throw new Error(
      `Amtliche Referenzdatei ${url.pathname} fehlt (${(error as NodeJS.ErrnoException).code}). ` +
        'Die Tests erwarten den Ordner shared/ mit data/ neben dem Checkout.',
    );
  }
}
