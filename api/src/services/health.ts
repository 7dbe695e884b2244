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
