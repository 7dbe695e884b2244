import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableChecksums } from './checksums';
import { createDb, type Database, queryRows } from './client';
import { seedDemo } from './demo/seed';
import { migrateDb } from './migrate';
import { migrateToServer } from './migrate-to';
import { createTestDatabase, DEMO_TODAY } from './testing/index';

let source: Database;
let target: Database;
let targetUrl: string;

beforeAll(async () => {
  // The embedded database a user started with the README's commands (`pnpm start` seeds the demo).
  source = await createDb({ kind: 'pglite', client: await PGlite.create() });
  await migrateDb(source);
  await seedDemo({ database: source, today: DEMO_TODAY });
  target = await createTestDatabase();
  if (target.driver.kind !== 'postgres') throw new Error('Dieser Test braucht DATABASE_URL (PostgreSQL).');
  targetUrl = target.driver.url;
}, 300_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
});

// Copies and checks the whole demo: seconds, and minutes on a machine shared by many.
describe('pnpm ozg migrate-to', { timeout: 300_000 }, () => {
  it('copies every table of the embedded database to the server, events included, equal by counts and checksums', async () => {
    const expected = await tableChecksums(source.db, ['public']);
    const result = await migrateToServer({ source, targetUrl });
    expect(result.tables).toEqual(expected);
    expect(await tableChecksums(target.db, ['public'])).toEqual(expected);
    expect(expected['public.status_events']?.rows).toBeGreaterThan(1000);
    expect(result.rows).toBe(Object.values(expected).reduce((sum, table) => sum + table.rows, 0));
  });

  it('continues the identity sequences where the embedded database left them', async () => {
    const [next] = await queryRows<{ fresh: number; max: number }>(
      target.db,
      sql`with added as (insert into consulting_modules (name, area)
            select 'Nach dem Umzug', area from consulting_modules limit 1 returning id)
          select (select id from added) as fresh, (select max(id) from consulting_modules) as max`,
    );
    const [before] = await queryRows<{ max: number }>(
      source.db,
      sql`select max(id) as max from consulting_modules`,
    );
    expect(next?.fresh).toBeGreaterThan(before?.max ?? 0);
  });

  it('refuses a server database with data unless forced, and with --force replaces it by the copy', async () => {
    await expect(migrateToServer({ source, targetUrl })).rejects.toThrow(/--force/);
    await migrateToServer({ source, targetUrl, force: true });
    expect(await tableChecksums(target.db, ['public'])).toEqual(await tableChecksums(source.db, ['public']));
  });
});
