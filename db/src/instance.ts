import type { DatasetKind } from '@ozg/shared';
import { eq, sql } from 'drizzle-orm';
import type { Database, Db } from './client';
import { ImportRefusedError } from './importers/errors';
import { migrateDb } from './migrate';
import { instanceState } from './schema/index';

export async function readDataset(db: Db): Promise<DatasetKind> {
  const [row] = await db
    .select({ dataset: instanceState.dataset })
    .from(instanceState)
    .where(eq(instanceState.id, 1));
  return row?.dataset ?? 'empty';
}

/** Records what the database holds and bumps the data version, in the caller's transaction. */
export async function markDataChanged(db: Db, dataset?: DatasetKind): Promise<void> {
  await db
    .update(instanceState)
    .set({
      ...(dataset ? { dataset } : {}),
      dataVersion: sql`${instanceState.dataVersion} + 1`,
      updatedAt: sql`now()`,
    })
    .where(eq(instanceState.id, 1));
}

/** Drops every table and migrates again: the only way to remove data that has an append-only history. */
export async function wipeDatabase(database: Database): Promise<void> {
  await database.exec(
    'DROP SCHEMA IF EXISTS drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public;',
  );
  await migrateDb(database);
}

/**
 * Official data must never be mixed with the generated demo. A database that
 * holds the demo is replaced only when the caller says so explicitly.
 */
export async function prepareForOfficialImport(
  database: Database,
  options: { replaceDemo: boolean },
): Promise<void> {
  const dataset = await readDataset(database.db);
  if (dataset !== 'demo') return;
  if (!options.replaceDemo) {
    throw new ImportRefusedError(
      'Die Datenbank enthält Demo-Daten. Amtliche Daten werden nicht mit Demo-Daten gemischt: ' +
        'mit --replace-demo werden die Demo-Daten (einschließlich der Demo-Benutzer) gelöscht und ersetzt.',
    );
  }
  await wipeDatabase(database);
}
