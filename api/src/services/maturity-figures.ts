import { administrationsBelow, CURRENT, countedStatus, type Db, queryRowsAs } from '@ozg/db';
import { MATURITY_MODELS, type MaturityMapping, type Model2Figures } from '@ozg/shared';
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
 * Read from maturity_assessments over the territory (not yet from derived
 * tables like the 1.1 figures): one row per status below the roots, the
 * assessment found by its primary key.
 */

const LevelRow = z.object({
  root_id: z.number().int(),
  level: z.number().int().nullable(),
  n: z.number().int(),
  analog: z.number().int(),
});

const ConformantRow = z.object({ version: z.number().int(), conformant: z.number().int() });

/** The newest stored 2.0 version and its conformant level (the default of minLevel). */
async function newestModel2(db: Db): Promise<{ version: number; conformant: number } | null> {
  const [row] = await queryRowsAs(
    db,
    ConformantRow,
    sql`select version, (definition->>'conformantLevel')::int as conformant
        from maturity_models where family = '2.0' order by version desc limit 1`,
  );
  return row ?? null;
}

/** The 2.0 figures are today's: asOf replays only the 1.1 events (decision 020). */
export function requireToday(day: string): void {
  if (day !== today())
    throw new AppError(
      'validation_failed',
      'model: Kennzahlen nach Reifegradmodell 2.0 gibt es nur für heute; asOf weglassen oder model=1.1 wählen.',
    );
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

/** The 2.0 figures of each root over its whole subtree (today's territory), optionally of one service. */
export async function model2Figures(
  db: Db,
  rootIds: number[],
  options: { minLevel?: number | undefined; ozgId?: number } = {},
): Promise<Map<number, Model2Figures>> {
  const model = await newestModel2(db);
  const minLevel = options.minLevel ?? model?.conformant ?? 3;
  const result = new Map<number, Model2Figures>(
    rootIds.map((id) => [id, emptyModel2(minLevel, model?.version ?? null)]),
  );
  if (rootIds.length === 0) return result;
  const service = options.ozgId === undefined ? sql`` : sql`and st.ozg_id = ${options.ozgId}`;
  const rows = await queryRowsAs(
    db,
    LevelRow,
    sql`with recursive ${administrationsBelow(rootIds, CURRENT)}
        select ad.root_id, l.level, count(*)::int as n,
          count(*) filter (where l.analog_processing)::int as analog
        from administrations ad
        join service_statuses st on st.region_id = ad.region_id and ${countedStatus('st')} ${service}
        left join lateral (
          select a.level, a.analog_processing
          from maturity_assessments a join maturity_models m on m.id = a.model_id and m.family = '2.0'
          where a.status_id = st.id order by m.version desc limit 1
        ) l on true
        group by ad.root_id, l.level`,
  );
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
        left join lateral (
          select a.level
          from maturity_assessments a join maturity_models m on m.id = a.model_id and m.family = '2.0'
          where a.status_id = st.id order by m.version desc limit 1
        ) l on true
        group by 1, 2 order by 1, 2 nulls first`,
  );
  return { ags: region.ags, cells };
}
