import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { inject } from 'vitest';
import { createDb, type Database } from '../client';
import { withDatabase } from './global-setup';

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
    const client = await PGlite.create({ loadDataDir: new Blob([readFileSync(path)]) });
    return createDb({ kind: 'pglite', client });
  }
  const template = which === 'demo' ? config.demoTemplate : config.template;
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
  const database = await createDb({
    kind: 'postgres',
    url: withDatabase(config.serverUrl, name),
    poolSize: 20,
  });
  return {
    ...database,
    close: async () => {
      await database.close();
      await withAdmin(config.serverUrl, (admin) =>
        admin.query(`drop database if exists ${name} with (force)`),
      );
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
