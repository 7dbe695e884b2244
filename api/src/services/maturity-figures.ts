import {
  administrationsBelow,
  CURRENT,
  countedStatus,
  type Db,
  DERIVED_MODEL_FAMILY,
  intArray,
  newestAssessmentSql,
  queryRowsAs,
} from '@ozg/db';
import {
  germanDate,
  MATURITY_MODELS,
  type MaturityMapping,
  type Model2Counts,
  type Model2Figures,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { findRegion, today } from './regions';

/*
 * Figures by Reifegradmodell 2.0 over the counted statuses of regions (issue
 * #14, decision 020). Each status counts with its newest 2.0 assessment (the
 * rule of the lists, decision 019); "nicht bewertet" is a status without a
 * complete one, never level 0.
 *
 * A region's figures are one row of region_model_totals (its total over all
 * Themenfelder), kept in step with the assessments like region_totals with the
 * statuses (decision 020). The figures of one service (coverage) have no
 * derived table (region × service would be millions of rows at national
 * scale): they are counted from the service's statuses below the region, with
 * the assessment found by its primary key.
 */

const LevelRow = z.object({
  root_id: z.number().int(),
  level: z.number().int().nullable(),
  n: z.number().int(),
  analog: z.number().int(),
});

const ConformantRow = z.object({ version: z.number().int(), conformant: z.number().int() });

/** The newest stored 2.0 version and its conformant level (the default of minLevel). */
export async function newestModel2(db: Db): Promise<{ version: number; conformant: number } | null> {
  const [row] = await queryRowsAs(
    db,
    ConformantRow,
    sql`select version, (definition->>'conformantLevel')::int as conformant
        from maturity_models where family = '2.0' order by version desc limit 1`,
  );
  return row ?? null;
}

export function emptyModel2(minLevel: number, version: number | null): Model2Figures {
  return {
    version,
    minLevel,
    counted: 0,
    assessed: 0,
    assessedShare: null,
    levelCounts: Array.from({ length: MATURITY_MODELS['2.0'].maxLevel + 1 }, () => 0),
    atOrAbove: 0,
    atOrAboveShare: null,
    analogProcessing: 0,
    analogShare: null,
  };
}

/**
 * The 2.0 figures of each root over its whole subtree, optionally of one
 * service (today only: a service's figures have no derived table). Today they
 * are the roots' rows of region_model_totals; on an earlier day (`day`, a
 * Stichtag) each root's latest row of region_model_snapshots at or before it
 * (decision 020), so a past day never knows a later assessment. A root without
 * a snapshot by then has counted nothing; before the first 2.0 snapshot of all
 * the roots there is no 2.0 figure for that day, and the request is refused
 * with the first day (unknown is not zero).
 */
export async function model2Figures(
  db: Db,
  rootIds: number[],
  options: { minLevel?: number | undefined; ozgId?: number; day?: string } = {},
): Promise<Map<number, Model2Figures>> {
  const model = await newestModel2(db);
  const minLevel = options.minLevel ?? model?.conformant ?? 3;
  const result = new Map<number, Model2Figures>(
    rootIds.map((id) => [id, emptyModel2(minLevel, model?.version ?? null)]),
  );
  if (rootIds.length === 0) return result;
  const past = options.day !== undefined && options.day !== today() ? options.day : null;
  if (past !== null && options.ozgId !== undefined)
    throw new AppError(
      'validation_failed',
      'model: Kennzahlen einer Leistung nach Reifegradmodell 2.0 gibt es nur für heute; asOf weglassen oder model=1.1 wählen.',
    );
  const rows =
    past !== null
      ? await onDay(db, rootIds, past)
      : options.ozgId === undefined
        ? await fromTotals(db, rootIds)
        : await live(db, rootIds, options.ozgId);
  for (const row of rows) {
    const figures = result.get(row.root_id);
    if (!figures) continue;
    figures.counted += row.n;
    figures.analogProcessing += row.analog;
    if (row.level !== null) {
      figures.assessed += row.n;
      figures.levelCounts[row.level] = (figures.levelCounts[row.level] ?? 0) + row.n;
      if (row.level >= minLevel) figures.atOrAbove += row.n;
    }
  }
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  for (const figures of result.values()) {
    figures.assessedShare = share(figures.assessed, figures.counted);
    figures.atOrAboveShare = share(figures.atOrAbove, figures.assessed);
    figures.analogShare = share(figures.analogProcessing, figures.counted);
  }
  return result;
}

type LevelRow = z.infer<typeof LevelRow>;

const TotalsRow = z.object({
  root_id: z.number().int(),
  counted: z.number().int(),
  assessed: z.number().int(),
  levels: z.array(z.number().int()),
  analog: z.number().int(),
});

/**
 * Each root's total row of region_model_totals as level rows (level null: the
 * counted statuses without a complete assessment), the shape of the live count.
 */
async function fromTotals(db: Db, rootIds: number[]): Promise<LevelRow[]> {
  const rows = await queryRowsAs(
    db,
    TotalsRow,
    sql`select region_id as root_id, counted, assessed,
          array[level0, level1, level2, level3, level4, level5, level6, level7] as levels, analog
        from region_model_totals
        where region_id = any(${intArray(rootIds)}) and themenfeld is null
          and family = ${DERIVED_MODEL_FAMILY}::maturity_model`,
  );
  return rows.flatMap((row) => [
    { root_id: row.root_id, level: null, n: row.counted - row.assessed, analog: row.analog },
    ...row.levels.map((n, level) => ({ root_id: row.root_id, level, n, analog: 0 })),
  ]);
}

/** A region's 2.0 snapshot on a day, or none (all null) before its first one. */
const DayModelRow = z.object({
  region_id: z.number().int(),
  day: z.string(),
  counted: z.number().int().nullable(),
  assessed: z.number().int().nullable(),
  levels: z.array(z.number().int()).nullable(),
  analog: z.number().int().nullable(),
});

/**
 * Regions' 2.0 counts at the end of given German days: the latest row of
 * region_model_snapshots at or before the day (one index lookup per region and
 * day), so a day never sees a later write. Keyed by `${regionId}:${day}`; null
 * before the region's first 2.0 snapshot (unknown, not zero).
 */
export async function model2OnDays(
  db: Db,
  regionIds: readonly number[],
  days: readonly string[],
): Promise<Map<string, Model2Counts | null>> {
  const rows = await queryRowsAs(
    db,
    DayModelRow,
    sql`select r.region_id, d.day::text as day, s.counted, s.assessed, s.levels, s.analog
        from unnest(${intArray(regionIds)}) r(region_id)
        cross join unnest(${`{${days.join(',')}}`}::date[]) d(day)
        left join lateral (
          select p.counted, p.assessed, p.analog,
            array[p.level0, p.level1, p.level2, p.level3, p.level4, p.level5, p.level6, p.level7] as levels
          from region_model_snapshots p
          where p.region_id = r.region_id and p.family = ${DERIVED_MODEL_FAMILY}::maturity_model
            and p.day <= d.day
          order by p.day desc limit 1) s on true`,
  );
  return new Map(
    rows.map((row) => [
      `${row.region_id}:${row.day}`,
      row.counted === null || row.assessed === null || row.levels === null || row.analog === null
        ? null
        : { counted: row.counted, assessed: row.assessed, levelCounts: row.levels, analog: row.analog },
    ]),
  );
}

/** Each root's 2.0 snapshot on a past day as level rows (the shape of the live count); see model2Figures. */
async function onDay(db: Db, rootIds: number[], day: string): Promise<LevelRow[]> {
  const counts = await model2OnDays(db, rootIds, [day]);
  const found = rootIds.flatMap((id) => {
    const row = counts.get(`${id}:${day}`);
    return row ? [{ id, row }] : [];
  });
  if (found.length === 0) {
    const [first] = await queryRowsAs(
      db,
      z.object({ first: z.string().nullable() }),
      sql`select min(day)::text as first from region_model_snapshots
          where region_id = any(${intArray(rootIds)}) and family = ${DERIVED_MODEL_FAMILY}::maturity_model`,
    );
    throw new AppError(
      'validation_failed',
      first?.first
        ? `asOf: Am ${germanDate(day)} gab es noch keinen Stand nach Reifegradmodell 2.0; der erste ist vom ${germanDate(first.first)}.`
        : 'asOf: Nach Reifegradmodell 2.0 ist hier noch nichts erfasst; asOf weglassen oder model=1.1 wählen.',
    );
  }
  return found.flatMap(({ id, row }) => [
    { root_id: id, level: null, n: row.counted - row.assessed, analog: row.analog },
    ...row.levelCounts.map((n, level) => ({ root_id: id, level, n, analog: 0 })),
  ]);
}

/** The counted statuses of one service below each root, by the level of their newest 2.0 assessment. */
async function live(db: Db, rootIds: number[], ozgId: number): Promise<LevelRow[]> {
  return queryRowsAs(
    db,
    LevelRow,
    sql`with recursive ${administrationsBelow(rootIds, CURRENT)}
        select ad.root_id, l.level, count(*)::int as n,
          count(*) filter (where l.analog_processing)::int as analog
        from administrations ad
        join service_statuses st on st.region_id = ad.region_id and ${countedStatus('st')} and st.ozg_id = ${ozgId}
        left join lateral ${newestAssessmentSql('st')} l on true
        group by ad.root_id, l.level`,
  );
}

const MappingRow = z.object({
  level11: z.number().int(),
  level20: z.number().int().nullable(),
  count: z.number().int(),
});

/** 1.1 level × newest 2.0 level of the counted statuses of a region, for the Methodik page. */
export async function maturityMapping({ db, key }: { db: Db; key: string }): Promise<MaturityMapping> {
  const region = await findRegion(db, key, today());
  const cells = await queryRowsAs(
    db,
    MappingRow,
    sql`with recursive ${administrationsBelow([region.region_id], CURRENT)}
        select st.maturity_level::int as level11, l.level::int as level20, count(*)::int as count
        from administrations ad
        join service_statuses st on st.region_id = ad.region_id and ${countedStatus('st')}
        left join lateral ${newestAssessmentSql('st')} l on true
        group by 1, 2 order by 1, 2 nulls first`,
  );
  return { ags: region.ags, cells };
}
