import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from './client';
import { createTestDatabase } from './testing/test-db';

/*
 * Migration 0018: the storage parameters of the tables every status write
 * updates in place (decision 005). Runs on both databases: PGlite must accept
 * and keep them although it runs no autovacuum.
 */
let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const HOT_TABLES = [
  'instance_state',
  'progress_snapshots',
  'region_model_rollups',
  'region_model_snapshots',
  'region_model_totals',
  'region_rollups',
  'region_totals',
];

describe('the storage parameters of the tables updated by every write', () => {
  it('leave room for HOT updates and vacuum after a fixed number of dead rows', async () => {
    const rows = await queryRows<{ relname: string; reloptions: string[] | string | null }>(
      database.db,
      sql`select relname, reloptions from pg_class
          where relkind = 'r' and relnamespace = 'public'::regnamespace and reloptions is not null
          order by relname`,
    );
    // pg hands text[] over as an array, PGlite as its text form.
    const options = Object.fromEntries(
      rows.map((row) => [
        row.relname,
        Array.isArray(row.reloptions)
          ? row.reloptions
          : (row.reloptions ?? '').replace(/[{}"]/g, '').split(','),
      ]),
    );
    expect(Object.keys(options)).toEqual(HOT_TABLES);
    for (const table of ['region_totals', 'region_rollups', 'region_model_totals', 'region_model_rollups'])
      expect(options[table]).toEqual([
        'fillfactor=70',
        'autovacuum_vacuum_scale_factor=0.01',
        'autovacuum_vacuum_threshold=1000',
        'autovacuum_analyze_scale_factor=0.05',
      ]);
    expect(options.progress_snapshots).toContain('fillfactor=90');
    // Migration 0019: the 2.0 snapshots like the 1.1 ones (only today's rows change).
    expect(options.region_model_snapshots).toContain('fillfactor=90');
    expect(options.instance_state).toEqual([
      'fillfactor=10',
      'autovacuum_vacuum_scale_factor=0',
      'autovacuum_vacuum_threshold=200',
    ]);
  });
});
