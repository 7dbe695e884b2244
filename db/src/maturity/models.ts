import {
  BUILTIN_MATURITY_DEFINITIONS,
  MATURITY_MODEL_VERSIONS,
  type MaturityDefinition,
  type MaturityModel,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { isoTimestampSql } from '../calendar';
import { type Db, queryRowsAs } from '../client';
import { markDataChanged } from '../instance';

export type StoredMaturityModel = {
  id: number;
  family: MaturityModel;
  version: number;
  definition: MaturityDefinition;
  source: 'builtin' | 'upload';
  createdAt: string;
  current: boolean;
};

/**
 * Version 1 of each shipped definition, added once: on every start after the
 * migrations and after the data are cleared. Never replaces a stored version.
 */
export async function ensureBuiltinMaturityModels(db: Db): Promise<void> {
  for (const definition of BUILTIN_MATURITY_DEFINITIONS) {
    await db.execute(sql`
      insert into maturity_models (family, version, definition, source)
      select ${definition.family}, 1, ${JSON.stringify(definition)}::jsonb, 'builtin'
      where not exists (select 1 from maturity_models where family = ${definition.family})
      on conflict (family, version) do nothing`);
  }
}

/**
 * Adds a definition as the next version of its family. Versions in use stay as
 * they are, so assessments made with them keep their level.
 */
export async function addMaturityModel(
  db: Db,
  definition: MaturityDefinition,
  createdBy: number | null,
): Promise<StoredMaturityModel> {
  // The family's row lock (via the max) is not enough against two uploads at once; the unique index decides.
  const [row] = await queryRowsAs(
    db,
    z.object({ id: z.number().int() }),
    sql`insert into maturity_models (family, version, definition, source, created_by)
        select ${definition.family}, coalesce(max(version), 0) + 1, ${JSON.stringify(definition)}::jsonb, 'upload', ${createdBy}
        from maturity_models where family = ${definition.family}
        returning id`,
  );
  const stored = (await listMaturityModels(db)).find((model) => model.id === row?.id);
  if (!stored) throw new Error('maturity model not stored');
  // The definitions are read with the figures (Methodik, assessments): caches keyed by the data version follow.
  await markDataChanged(db);
  return stored;
}

/**
 * A stored model. The definition (jsonb, checked when it was loaded) is read
 * with every status write: only its being an object, or JSON text, is checked.
 */
const StoredModelRow = z.object({
  id: z.number().int(),
  family: z.enum(MATURITY_MODEL_VERSIONS as ['1.1', '2.0']),
  version: z.number().int(),
  definition: z.union([
    z.string(),
    z.custom<MaturityDefinition>((value) => typeof value === 'object' && value !== null, 'a definition'),
  ]),
  source: z.enum(['builtin', 'upload']),
  created_at: z.string(),
  current: z.boolean(),
});

/** Every stored version, newest first within a family; current = the newest one, which new answers use. */
export async function listMaturityModels(db: Db): Promise<StoredMaturityModel[]> {
  const rows = await queryRowsAs(
    db,
    StoredModelRow,
    sql`select id, family, version, definition, source,
          ${isoTimestampSql('created_at', 'milliseconds')} as created_at,
          version = max(version) over (partition by family) as current
        from maturity_models order by family, version desc`,
  );
  return rows.map((row) => ({
    id: row.id,
    family: row.family,
    version: row.version,
    definition: typeof row.definition === 'string' ? JSON.parse(row.definition) : row.definition,
    source: row.source,
    createdAt: row.created_at,
    current: row.current,
  }));
}
