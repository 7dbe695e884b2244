import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { type Database, type Db, queryRows } from './client';
import { ensureDefaultKeyDates } from './keydates';
import { ensureBuiltinMaturityModels } from './maturity/models';
import { ensureModelTotals } from './model-totals';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

type JournalEntry = { idx: number; tag: string; when: number };

let journalRead: JournalEntry[] | null = null;

/**
 * The migrations this program ships. Read from disk once: they are part of
 * the program and do not change while it runs, and /health and /health/ready
 * would otherwise read and parse the file on every call.
 */
export function readJournal(): JournalEntry[] {
  journalRead ??= (
    JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as { entries: JournalEntry[] }
  ).entries;
  return journalRead;
}

/** Applies the committed migrations that are not applied yet; safe with several instances starting at once. */
export async function migrateDb(database: Database): Promise<void> {
  await database.withExclusiveConnection(async (db) => {
    if (database.kind === 'postgres') {
      await migratePg(db as unknown as NodePgDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    } else {
      await migratePglite(db as unknown as PgliteDatabase, { migrationsFolder: MIGRATIONS_FOLDER });
    }
    // Data, not schema: after every migration run, so no install lacks them (decision 018).
    await ensureDefaultKeyDates(db as unknown as Db);
    // Maturity models (decision 019): the shipped definitions are data, added once.
    await ensureBuiltinMaturityModels(db as unknown as Db);
    // Derived tables of Reifegradmodell 2.0 (decision 020): filled once in a database older than them.
    await ensureModelTotals(db as unknown as Db);
  });
}

export type MigrationState = { applied: number; available: number; upToDate: boolean; latest: string | null };

/** The applied migrations as a scalar subquery each, to read with other values in one statement. */
export const APPLIED_MIGRATIONS_SQL = {
  applied: sql`(select count(*)::int from drizzle.__drizzle_migrations)`,
  latest: sql`(select max(created_at)::text from drizzle.__drizzle_migrations)`,
};

export async function readMigrationState(database: Database): Promise<MigrationState> {
  const [row] = await queryRows<{ applied: number; latest: string | null }>(
    database.db,
    sql`select ${APPLIED_MIGRATIONS_SQL.applied} as applied, ${APPLIED_MIGRATIONS_SQL.latest} as latest`,
  );
  return migrationState(row?.applied ?? 0, row?.latest ?? null);
}

/** Compares what the database has applied with the journal of this program. */
export function migrationState(applied: number, latest: string | null): MigrationState {
  const journal = readJournal();
  const latestEntry = journal.find((entry) => String(entry.when) === latest);
  return {
    applied,
    available: journal.length,
    upToDate: applied === journal.length,
    latest: latestEntry?.tag ?? null,
  };
}
