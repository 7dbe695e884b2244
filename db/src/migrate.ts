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

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../migrations', import.meta.url));

type JournalEntry = { idx: number; tag: string; when: number };

export function readJournal(): JournalEntry[] {
  const journal = JSON.parse(readFileSync(`${MIGRATIONS_FOLDER}/meta/_journal.json`, 'utf8')) as {
    entries: JournalEntry[];
  };
  return journal.entries;
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
  });
}

export type MigrationState = { applied: number; available: number; upToDate: boolean; latest: string | null };

export async function readMigrationState(database: Database): Promise<MigrationState> {
  const journal = readJournal();
  const [row] = await queryRows<{ applied: number; latest: string | null }>(
    database.db,
    sql`select count(*)::int as applied, max(created_at)::text as latest from drizzle.__drizzle_migrations`,
  );
  const applied = row?.applied ?? 0;
  const latestEntry = journal.find((entry) => String(entry.when) === row?.latest);
  return {
    applied,
    available: journal.length,
    upToDate: applied === journal.length,
    latest: latestEntry?.tag ?? null,
  };
}
