import {
  APPLIED_MIGRATIONS_SQL,
  type Database,
  migrationState,
  queryRowsAs,
  readMigrationState,
} from '@ozg/db';
import { DATASET_KINDS, type Health } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';

const HealthRow = z.object({
  server_version: z.string(),
  applied: z.number().int(),
  latest: z.string().nullable(),
  dataset: z.enum(DATASET_KINDS).nullable(),
});

/** One statement (monitors poll this): server version, applied migrations and the dataset together. */
export async function getHealth({ database }: { database: Database }): Promise<Health> {
  const [row] = await queryRowsAs(
    database.db,
    HealthRow,
    sql`select current_setting('server_version') as server_version,
          ${APPLIED_MIGRATIONS_SQL.applied} as applied, ${APPLIED_MIGRATIONS_SQL.latest} as latest,
          (select dataset from instance_state where id = 1)::text as dataset`,
  );
  return {
    status: 'ok',
    database: {
      kind: database.kind,
      serverVersion: row?.server_version ?? 'unbekannt',
      migrations: migrationState(row?.applied ?? 0, row?.latest ?? null),
    },
    dataset: row?.dataset ?? 'empty',
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
