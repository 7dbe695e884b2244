import { sql } from 'drizzle-orm';
import { type Db, queryRows } from './client';

export type TableChecksum = { rows: number; md5: string };
/** Per table ("schema.table"), its row count and an md5 over its rows. */
export type Checksums = Record<string, TableChecksum>;

/** The tables of the application (public) and of the migrator (drizzle), in a stable order. */
export async function listTables(
  db: Db,
  schemas: readonly string[] = ['public', 'drizzle'],
): Promise<string[]> {
  const rows = await queryRows<{ name: string }>(
    db,
    sql`select schemaname || '.' || tablename as name from pg_tables
        where schemaname = any(${`{${schemas.join(',')}}`}::text[]) order by schemaname, tablename`,
  );
  return rows.map((row) => row.name);
}

export function quoteTable(name: string): string {
  return name
    .split('.')
    .map((part) => `"${part.replaceAll('"', '""')}"`)
    .join('.');
}

/**
 * Row count and md5 over the ordered text of every row, per table. The order
 * is by the row's text in the C collation and the text is written in UTC, so
 * that the same rows give the same sum on PGlite 18 and on a server 15 whatever
 * their collation, time zone or physical order (run inside a transaction to get
 * one snapshot).
 */
export async function tableChecksums(db: Db, schemas?: readonly string[]): Promise<Checksums> {
  const result: Checksums = {};
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local timezone = 'UTC'`);
    for (const table of await listTables(tx as unknown as Db, schemas)) {
      const [row] = await queryRows<{ rows: number; md5: string | null }>(
        tx as unknown as Db,
        sql.raw(
          `select count(*)::int as rows, md5(coalesce(string_agg(t::text, E'\\n' order by t::text collate "C"), '')) as md5 from ${quoteTable(table)} t`,
        ),
      );
      result[table] = { rows: row?.rows ?? 0, md5: row?.md5 ?? '' };
    }
  });
  return result;
}

/** True when no application table holds a row (the single instance_state row does not count). */
/**
 * Rows that every migrated database holds before anyone wrote to it
 * (migrateDb ensures them): the default key dates, not yet frozen (decision
 * 018), and the shipped maturity models (decision 019). They are not data.
 */
const BASELINE_ROWS: Record<string, string> = {
  'public.key_dates': 'created_by is null and frozen_at is null',
  'public.maturity_models': `source = 'builtin'`,
};

export async function isDatabaseEmpty(db: Db): Promise<boolean> {
  for (const table of await listTables(db, ['public'])) {
    if (table === 'public.instance_state') continue;
    const baseline = BASELINE_ROWS[table];
    const rows = await queryRows<{ any: boolean }>(
      db,
      sql.raw(
        `select exists (select 1 from ${quoteTable(table)}${baseline ? ` where not (${baseline})` : ''}) as any`,
      ),
    );
    if (rows[0]?.any) return false;
  }
  return true;
}
