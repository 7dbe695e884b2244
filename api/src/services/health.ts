import { type Database, queryRows, readDataset, readMigrationState } from '@ozg/db';
import type { Health } from '@ozg/shared';
import { sql } from 'drizzle-orm';

export async function getHealth({ database }: { database: Database }): Promise<Health> {
  const [version] = await queryRows<{ server_version: string }>(database.db, sql`show server_version`);
  return {
    status: 'ok',
    database: {
      kind: database.kind,
      serverVersion: version?.server_version ?? 'unbekannt',
      migrations: await readMigrationState(database),
    },
    dataset: await readDataset(database.db),
  };
}

export type Readiness = { status: 'ready' } | { status: 'unavailable'; reason: string };

/** Ready when the database answers and every migration of this program is applied, and not shutting down. */
export async function getReadiness({
  database,
  draining,
}: {
  database: Database;
  draining: boolean;
}): Promise<Readiness> {
  if (draining) return { status: 'unavailable', reason: 'Der Dienst wird heruntergefahren.' };
  try {
    const migrations = await readMigrationState(database);
    if (!migrations.upToDate)
      return {
        status: 'unavailable',
        reason: `Migrationen ausstehend: ${migrations.applied} von ${migrations.available} angewendet.`,
      };
    return { status: 'ready' };
  } catch (error) {
    return { status: 'unavailable', reason: `Datenbank antwortet nicht: ${(error as Error).message}` };
  }
}
