import { type Db, intArray, isoTimestampSql, queryRowsAs, syncTargetSets } from '@ozg/db';
import {
  ApplicabilityExceptionSchema,
  EXECUTING_LEVEL_LABELS,
  EXECUTING_LEVELS,
  type ExecutingLevel,
  type Service,
  type ServiceListQuerySchema,
  THEMENFELDER,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { readCsvUpload } from '../lib/csv';
import { AppError } from '../lib/errors';
import { exportTable, tableCsv } from '../lib/export';
import type { Actor } from './auth';

const ServiceRow = z.object({
  ozg_id: z.number().int(),
  name: z.string(),
  lebenslage: z.string(),
  themenfeld: z.enum(THEMENFELDER),
  municipally_relevant: z.boolean(),
  executing_level: z.enum(EXECUTING_LEVELS).nullable(),
  active: z.boolean(),
  leika_count: z.number().int(),
});
const OzgIdRow = z.object({ ozg_id: z.number().int() });

export async function listServices({
  db,
  query,
}: {
  db: Db;
  query: z.infer<typeof ServiceListQuerySchema>;
}): Promise<Service[]> {
  const conditions = [sql`true`];
  if (query.themenfeld) conditions.push(sql`s.themenfeld = ${query.themenfeld}`);
  if (query.executingLevel === 'none') conditions.push(sql`s.executing_level is null`);
  else if (query.executingLevel) conditions.push(sql`s.executing_level = ${query.executingLevel}`);
  if (query.relevant) conditions.push(sql`s.municipally_relevant = ${query.relevant === 'true'}`);
  if (query.q) {
    conditions.push(
      /^\d{5}$/.test(query.q)
        ? sql`s.ozg_id = ${Number(query.q)}`
        : sql`s.name ilike ${`%${query.q.replace(/[\\%_]/g, (char) => `\\${char}`)}%`}`,
    );
  }
  const rows = await queryRowsAs(
    db,
    ServiceRow,
    sql`select s.ozg_id, s.name, s.lebenslage, s.themenfeld, s.municipally_relevant, s.executing_level, s.active,
          (select count(*)::int from leika_services l where l.ozg_id = s.ozg_id) as leika_count
        from ozg_services s where ${sql.join(conditions, sql` and `)} order by s.ozg_id`,
  );
  return rows.map((row) => ({
    ozgId: row.ozg_id,
    name: row.name,
    lebenslage: row.lebenslage,
    themenfeld: row.themenfeld,
    municipallyRelevant: row.municipally_relevant,
    executingLevel: row.executing_level,
    active: row.active,
    leikaCount: row.leika_count,
  }));
}

/**
 * Sets which level executes services, then brings every affected target set in
 * line (statuses created or moved in/out, with events and rollups), in one
 * transaction.
 */
export async function setExecutingLevels(input: {
  db: Db;
  actor: Actor;
  services: { ozgId: number; executingLevel: ExecutingLevel | null }[];
  source: 'ui' | 'api' | 'csv';
}) {
  const ozgIds = input.services.map((service) => service.ozgId);
  if (new Set(ozgIds).size !== ozgIds.length)
    throw new AppError('validation_failed', 'Eine OZG-ID ist mehrfach angegeben.');
  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const known = await queryRowsAs(
      db,
      OzgIdRow,
      sql`select ozg_id from ozg_services where ozg_id = any(${intArray(ozgIds)})`,
    );
    const missing = ozgIds.filter((id) => !known.some((row) => row.ozg_id === id));
    if (missing.length > 0)
      throw new AppError('not_found', `Unbekannte OZG-IDs: ${missing.join(', ')}.`, { missing });
    const updated = await queryRowsAs(
      db,
      OzgIdRow,
      sql`update ozg_services s set executing_level = c.level::executing_level, updated_at = now()
          from jsonb_to_recordset(${JSON.stringify(input.services.map((s) => ({ ozg_id: s.ozgId, level: s.executingLevel })))}::jsonb)
            as c(ozg_id int, level text)
          where s.ozg_id = c.ozg_id and s.executing_level is distinct from c.level::executing_level
          returning s.ozg_id`,
    );
    const sync = updated.length
      ? await syncTargetSets(db, {
          ozgIds: updated.map((row) => row.ozg_id),
          actorUserId: input.actor.id,
          source: input.source,
        })
      : { created: 0, changed: 0 };
    return { updated: updated.length, statusesCreated: sync.created, statusesChanged: sync.changed };
  });
}

const LEVEL_COLUMN = 'ausfuehrende_ebene';

export async function exportExecutingLevelsCsv(db: Db): Promise<string> {
  // Column names as the import reads them (parseExecutingLevelsCsv), so the file goes straight back.
  return tableCsv(
    exportTable<Service>({
      sheet: 'Ausführende Ebenen',
      columns: [
        ['ozg_id', (s) => s.ozgId],
        ['leistung', (s) => s.name],
        ['themenfeld', (s) => s.themenfeld],
        ['kommunal_relevant', (s) => s.municipallyRelevant],
        [LEVEL_COLUMN, (s) => (s.executingLevel ? EXECUTING_LEVEL_LABELS[s.executingLevel] : null)],
      ],
      rows: await listServices({ db, query: {} }),
    }),
  );
}

/** Reads "ozg_id;ausfuehrende_ebene" lines (other columns are ignored); any bad line stops the whole file. */
export function parseExecutingLevelsCsv(
  bytes: Uint8Array,
): { ozgId: number; executingLevel: ExecutingLevel | null }[] {
  const { columns, rows } = readCsvUpload(bytes);
  const idIndex = columns.indexOf('ozg_id');
  const levelIndex = columns.indexOf(LEVEL_COLUMN);
  if (idIndex === -1 || levelIndex === -1) {
    throw new AppError('validation_failed', `Kopfzeile braucht die Spalten ozg_id und ${LEVEL_COLUMN}.`);
  }
  const errors: { line: number; column: string; message: string }[] = [];
  const result = rows.flatMap(
    ({ record, line }): { ozgId: number; executingLevel: ExecutingLevel | null }[] => {
      const id = (record[idIndex] ?? '').trim();
      const rawLevel = (record[levelIndex] ?? '').trim();
      if (!/^\d{5}$/.test(id)) {
        errors.push({
          line,
          column: 'ozg_id',
          message: `"${id}" ist keine fünfstellige OZG-ID.`,
        });
        return [];
      }
      if (rawLevel === '') return [{ ozgId: Number(id), executingLevel: null }];
      const level = EXECUTING_LEVELS.find(
        (code) =>
          code === rawLevel.toLowerCase() ||
          EXECUTING_LEVEL_LABELS[code].toLowerCase() === rawLevel.toLowerCase(),
      );
      if (!level) {
        errors.push({
          line,
          column: LEVEL_COLUMN,
          message: `"${rawLevel}" ist keine Ebene (Gemeinde, Kreis, Land, Bund oder leer).`,
        });
        return [];
      }
      return [{ ozgId: Number(id), executingLevel: level }];
    },
  );
  if (errors.length > 0)
    throw new AppError(
      'unprocessable',
      `${errors.length} Zeilen sind fehlerhaft; nichts übernommen.`,
      errors,
    );
  if (result.length === 0) throw new AppError('validation_failed', 'Die Datei enthält keine Zeilen.');
  return result;
}

export type ApplicabilityException = {
  regionAgs: string;
  ozgId: number;
  applies: boolean;
  reason: string;
  createdAt: string;
};

export async function listExceptions(db: Db, regionId: number): Promise<ApplicabilityException[]> {
  return queryRowsAs(
    db,
    ApplicabilityExceptionSchema,
    sql`select v.ags as "regionAgs", e.ozg_id as "ozgId", e.applies, e.reason,
          ${isoTimestampSql('e.created_at')} as "createdAt"
        from applicability_exceptions e join region_versions v on v.region_id = e.region_id and v.valid_to is null
        where e.region_id = ${regionId} order by e.ozg_id`,
  );
}

/** Adds or replaces a region's exception for a service and updates its target set at once. */
export async function putException(input: {
  db: Db;
  actor: Actor;
  regionId: number;
  ozgId: number;
  applies: boolean;
  reason: string;
  source: 'ui' | 'api';
}) {
  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [service] = await queryRowsAs(
      db,
      OzgIdRow,
      sql`select ozg_id from ozg_services where ozg_id = ${input.ozgId}`,
    );
    if (!service) throw new AppError('not_found', `Unbekannte OZG-ID ${input.ozgId}.`);
    await db.execute(sql`
      insert into applicability_exceptions (region_id, ozg_id, applies, reason, created_by)
      values (${input.regionId}, ${input.ozgId}, ${input.applies}, ${input.reason}, ${input.actor.id})
      on conflict (region_id, ozg_id) do update set applies = excluded.applies, reason = excluded.reason,
        created_by = excluded.created_by, created_at = now()`);
    return applyException(db, input);
  });
}

export async function deleteException(input: {
  db: Db;
  actor: Actor;
  regionId: number;
  ozgId: number;
  source: 'ui' | 'api';
}) {
  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const deleted = await queryRowsAs(
      db,
      OzgIdRow,
      sql`delete from applicability_exceptions where region_id = ${input.regionId} and ozg_id = ${input.ozgId} returning ozg_id`,
    );
    if (deleted.length === 0)
      throw new AppError('not_found', `Für OZG-ID ${input.ozgId} gibt es hier keine Ausnahme.`);
    return applyException(db, input);
  });
}

/** After an exception changed: the region's target set for that service follows at once. */
async function applyException(
  db: Db,
  input: { actor: Actor; regionId: number; ozgId: number; source: 'ui' | 'api' },
): Promise<{ created: number; changed: number }> {
  const sync = await syncTargetSets(db, {
    regionIds: [input.regionId],
    ozgIds: [input.ozgId],
    actorUserId: input.actor.id,
    source: input.source,
  });
  return { created: sync.created, changed: sync.changed };
}
