import type { DatasetKind } from '@ozg/shared';
import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRowsAs } from './client';
import { ImportRefusedError } from './importers/errors';
import { ensureDefaultKeyDates } from './keydates';
import { ensureBuiltinMaturityModels } from './maturity/models';
import { instanceState, NEW_LINEAGE_SQL } from './schema/index';

export async function readDataset(db: Db): Promise<DatasetKind> {
  const [row] = await db
    .select({ dataset: instanceState.dataset })
    .from(instanceState)
    .where(eq(instanceState.id, 1));
  return row?.dataset ?? 'empty';
}

/**
 * Records what the database holds and bumps the data version, in the caller's transaction; also the
 * past version (the validator of as-of answers, decision 023) unless the caller knows that the write
 * leaves every past day as it was: only status edits whose events are recorded now (`pastUnchanged`).
 * When in doubt, leave it out: a needless bump costs a recomputation, a missing one a stale past.
 */
export async function markDataChanged(
  db: Db,
  dataset?: DatasetKind,
  options: { pastUnchanged?: boolean } = {},
): Promise<void> {
  await db
    .update(instanceState)
    .set({
      ...(dataset ? { dataset } : {}),
      dataVersion: sql`${instanceState.dataVersion} + 1`,
      ...(options.pastUnchanged ? {} : { pastVersion: sql`${instanceState.pastVersion} + 1` }),
      updatedAt: sql`now()`,
    })
    .where(eq(instanceState.id, 1));
}

/**
 * Gives the restored data a new lineage (schema/meta.ts), as one SQL statement that the restore runs
 * in its own transaction, after the dump. A backup older than the column has none: the migration that
 * adds it gives it a new one.
 */
export const RENEW_LINEAGE_SQL = `do $$ begin
  if exists (select 1 from information_schema.columns
             where table_schema = 'public' and table_name = 'instance_state' and column_name = 'lineage') then
    update public.instance_state set lineage = ${NEW_LINEAGE_SQL};
  end if;
end $$;
`;

/**
 * Removes all data, in the caller's transaction, so that a failure after it
 * rolls back to the data that was there. The append-only guard on status
 * events is lifted for this statement only (ALTER TABLE is transactional):
 * this is the one sanctioned way to remove history, used to replace the demo.
 */
export async function clearAllData(db: Db): Promise<void> {
  const tables = await queryRowsAs(
    db,
    z.object({ tablename: z.string() }),
    sql`select tablename from pg_tables where schemaname = 'public' and tablename <> 'instance_state' order by tablename`,
  );
  await db.execute(sql`alter table status_events disable trigger user`);
  await db.execute(
    sql.raw(`truncate ${tables.map((table) => `"${table.tablename}"`).join(', ')} restart identity cascade`),
  );
  await db.execute(sql`alter table status_events enable trigger user`);
  // Every database has the default key dates, also one that was just emptied (decision 018).
  await ensureDefaultKeyDates(db);
  // The shipped maturity models are configuration, not data: they come back at once (decision 019).
  await ensureBuiltinMaturityModels(db);
  await db
    .update(instanceState)
    .set({ dataset: 'empty', dataVersion: sql`${instanceState.dataVersion} + 1`, updatedAt: sql`now()` })
    .where(eq(instanceState.id, 1));
}

/**
 * Official data must never be mixed with the generated demo. A database that
 * holds the demo is cleared only when the caller says so explicitly, inside the
 * import's transaction.
 */
export async function prepareForOfficialImport(db: Db, options: { replaceDemo: boolean }): Promise<void> {
  const dataset = await readDataset(db);
  if (dataset !== 'demo') return;
  if (!options.replaceDemo) {
    throw new ImportRefusedError(
      'Die Datenbank enthält Demo-Daten. Amtliche Daten werden nicht mit Demo-Daten gemischt: ' +
        'mit --replace-demo werden die Demo-Daten (einschließlich der Demo-Benutzer) gelöscht und ersetzt.',
    );
  }
  await clearAllData(db);
}
