import { administrationsBelow, type Db, onDay, queryRowsAs, validOn } from '@ozg/db';
import {
  carriesStatuses,
  isCityKreis,
  parseRegionKey,
  REGION_KINDS,
  REGION_LEVELS,
  type RegionDetail,
  type RegionLevel,
  type RegionSummary,
  todayInGermany,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';

/*
 * Every request reads a region through here, so the row schemas stay flat:
 * plain scalars and two enums, no transforms (the int4 columns and the casts
 * below come as numbers, the dates as text, from both drivers).
 */
const RegionLevelSchema = z.enum(REGION_LEVELS);
const RegionKindSchema = z.enum(REGION_KINDS);

/** A row of versionColumns. */
const VersionRow = z.object({
  region_id: z.number().int(),
  level: RegionLevelSchema,
  ags: z.string(),
  ars: z.string(),
  name: z.string(),
  kind: RegionKindSchema,
  population: z.number().int().nullable(),
  area_hectares: z.number().int().nullable(),
  sonderstatus: z.boolean(),
  valid_from: z.string(),
  parent_region_id: z.number().int().nullable(),
});
type VersionRow = z.infer<typeof VersionRow>;

const versionColumns = sql`v.region_id, r.level, v.ags, v.ars, v.name, v.kind, v.population, v.area_hectares,
  v.sonderstatus, v.valid_from::text as valid_from, v.parent_region_id`;

/** Today in Germany: the default "as of" date and the limit for "online seit". */
export const today = () => todayInGermany();

/** Finds the region version that a key (AGS or ARS) names on a date; 404 when there is none. */
export async function findRegion(db: Db, key: string, asOf: string): Promise<VersionRow> {
  const parsed = parseRegionKey(key);
  if (!parsed)
    throw new AppError(
      'validation_failed',
      `"${key}" ist kein AGS (2, 3, 5 oder 8 Ziffern) und kein ARS (12 Ziffern).`,
    );
  const column = sql.raw(`v.${parsed.column}`);
  const [row] = await queryRowsAs(
    db,
    VersionRow,
    sql`select ${versionColumns} from region_versions v join regions r on r.id = v.region_id
        where ${column} = ${parsed.value} and r.level = ${parsed.level} and ${validOn('v', onDay(asOf))}`,
  );
  if (!row) throw new AppError('not_found', `Kein Gebiet mit dem Schlüssel ${key} am ${formatDate(asOf)}.`);
  return row;
}

const TreeTotals = z.object({
  root_id: z.number().int(),
  bezirke: z.number().int(),
  kreise: z.number().int(),
  gemeinden: z.number().int(),
  /** float8: the sum of the Gemeinden's inhabitants, null when none has a figure. */
  population: z.number().nullable(),
});
type TreeTotals = z.infer<typeof TreeTotals>;

const AncestorRow = z.object({
  ags: z.string(),
  name: z.string(),
  level: RegionLevelSchema,
  kind: RegionKindSchema,
  depth: z.number().int(),
});

/** Counts the descendants of each root and sums the population of their Gemeinden, on the territory of a date. */
async function treeTotals(db: Db, rootIds: number[], asOf: string): Promise<Map<number, TreeTotals>> {
  if (rootIds.length === 0) return new Map();
  const rows = await queryRowsAs(
    db,
    TreeTotals,
    sql`with recursive ${administrationsBelow(rootIds, onDay(asOf))}
        select root_id,
          (count(*) filter (where level = 'bezirk' and region_id <> root_id))::int as bezirke,
          (count(*) filter (where level = 'kreis' and region_id <> root_id))::int as kreise,
          (count(*) filter (where level = 'gemeinde' and region_id <> root_id))::int as gemeinden,
          (sum(population) filter (where level = 'gemeinde'))::float8 as population
        from tree group by root_id`,
  );
  return new Map(rows.map((row) => [row.root_id, row]));
}

function toSummary(row: VersionRow, totals: TreeTotals | undefined): RegionSummary {
  return {
    id: row.region_id,
    ags: row.ags,
    ars: row.ars,
    name: row.name,
    level: row.level,
    kind: row.kind,
    population: row.level === 'gemeinde' ? row.population : (totals?.population ?? null),
    areaHectares: row.area_hectares,
    sonderstatus: row.sonderstatus,
    validFrom: row.valid_from,
  };
}

export async function getRegion({
  db,
  key,
  asOf,
}: {
  db: Db;
  key: string;
  asOf: string;
}): Promise<RegionDetail> {
  const row = await findRegion(db, key, asOf);
  const totals = (await treeTotals(db, [row.region_id], asOf)).get(row.region_id);
  const ancestors = await queryRowsAs(
    db,
    AncestorRow,
    sql`with recursive up(region_id, depth) as (
          select ${row.parent_region_id}::int, 1 where ${row.parent_region_id}::int is not null
          union all
          select v.parent_region_id, up.depth + 1 from up
          join region_versions v on v.region_id = up.region_id and ${validOn('v', onDay(asOf))}
          where v.parent_region_id is not null
        )
        select v.ags, v.name, r.level, v.kind, up.depth from up
        join region_versions v on v.region_id = up.region_id and ${validOn('v', onDay(asOf))}
        join regions r on r.id = v.region_id
        order by up.depth desc`,
  );
  const lineage = ancestors.map(({ ags, name, level, kind }) => ({ ags, name, level, kind }));
  return {
    ...toSummary(row, totals),
    parent: lineage.at(-1) ?? null,
    ancestors: lineage,
    descendants: {
      bezirke: totals?.bezirke ?? 0,
      kreise: totals?.kreise ?? 0,
      gemeinden: row.level === 'gemeinde' ? 0 : (totals?.gemeinden ?? 0),
    },
  };
}

/**
 * The direct children of a region, or with `level` all its descendants of that
 * level (e.g. every Kreis of a Land, across its Regierungsbezirke), sorted by name.
 */
export async function listChildren({
  db,
  key,
  asOf,
  level,
}: {
  db: Db;
  key: string;
  asOf: string;
  level?: RegionLevel;
}): Promise<{ parent: RegionSummary; children: RegionSummary[] }> {
  const parent = await findRegion(db, key, asOf);
  const rows = await queryRowsAs(
    db,
    VersionRow,
    sql`with recursive tree(region_id) as (
          select ${parent.region_id}::int
          union all
          select v.region_id from tree t
          join region_versions v on v.parent_region_id = t.region_id and ${validOn('v', onDay(asOf))}
          ${level ? sql`` : sql`where t.region_id = ${parent.region_id}::int`}
        )
        select ${versionColumns} from tree t
        join region_versions v on v.region_id = t.region_id and ${validOn('v', onDay(asOf))}
        join regions r on r.id = v.region_id
        where v.region_id <> ${parent.region_id}::int
          ${level ? sql`and r.level = ${level}` : sql`and v.parent_region_id = ${parent.region_id}::int`}
        `,
  );
  const totals = await treeTotals(
    db,
    [parent.region_id, ...rows.filter((row) => row.level !== 'gemeinde').map((row) => row.region_id)],
    asOf,
  );
  return {
    parent: toSummary(parent, totals.get(parent.region_id)),
    children: rows
      .map((row) => toSummary(row, totals.get(row.region_id)))
      .sort((a, b) => a.name.localeCompare(b.name, 'de')),
  };
}

/** A YYYY-MM-DD date as Germans write it (31.12.2022). */
export function formatDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}.${month}.${year}`;
}

/**
 * The administration whose statuses a key names: a Gemeinde or a Landkreis as
 * it is, and for a kreisfreie Stadt given by its Kreis key the city's Gemeinde
 * record, which carries its statuses.
 */
export async function resolveAdministration(
  db: Db,
  key: string,
): Promise<{ regionId: number; ags: string; name: string }> {
  const region = await findRegion(db, key, today());
  if (region.level === 'kreis' && isCityKreis(region.kind)) {
    const [city] = await queryRowsAs(
      db,
      z.object({ region_id: z.number().int(), ags: z.string(), name: z.string() }),
      sql`select region_id, ags, name from region_versions where parent_region_id = ${region.region_id} and valid_to is null`,
    );
    if (city) return { regionId: city.region_id, ags: city.ags, name: city.name };
  }
  if (!carriesStatuses({ level: region.level, kind: region.kind })) {
    throw new AppError(
      'unprocessable',
      `${region.name} hat keine eigenen Leistungen; Status gibt es für Gemeinden und Kreise.`,
    );
  }
  return { regionId: region.region_id, ags: region.ags, name: region.name };
}

/** The summary of one region (as in the lists), on the territory of a date. */
export async function summarizeRegion(db: Db, key: string, asOf: string): Promise<RegionSummary> {
  const row = await findRegion(db, key, asOf);
  return toSummary(row, (await treeTotals(db, [row.region_id], asOf)).get(row.region_id));
}
