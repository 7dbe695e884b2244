import {
  type Db,
  emptyRow,
  type FigureRow,
  FigureRowSchema,
  type Figures,
  figuresAsOf,
  groupFigures,
  intArray,
  medianOfHistogramSql,
  queryRowsAs,
} from '@ozg/db';
import type {
  ChildrenProgress,
  PROGRESS_SORTS,
  ProgressFigures,
  RegionLevel,
  RegionProgress,
  Themenfeld,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { model2Figures } from './maturity-figures';
import { listChildren, summarizeRegion, today } from './regions';

/**
 * Today's figures of several regions at once, each over its whole subtree, in
 * total and (unless only the totals are asked for) per Themenfeld: read from
 * the region totals, a handful of rows per region whatever its size; the median
 * days late comes from their histogram of days late. Themenfelder without
 * target services are left out, as figuresAsOf leaves them out.
 */
export async function currentFigures(db: Db, rootIds: number[], totalsOnly = false): Promise<Figures> {
  // The median is taken in SQL (medianOfHistogramSql): parsing each row's histogram here cost half the request.
  const rows = await queryRowsAs(
    db,
    FigureRowSchema,
    sql`select region_id as root_id, themenfeld, administrations, target_count as target,
          level0 as l0, level1 as l1, level2 as l2, level3 as l3, level4 as l4, online_by_deadline as by_deadline,
          weighted_target::float8 as w_target, weighted_conformant::float8 as w_conformant,
          ${medianOfHistogramSql(sql`days_late`)} as median_days_late
        from region_totals
        where region_id = any(${intArray(rootIds)})
          and ${totalsOnly ? sql`themenfeld is null` : sql`(themenfeld is null or target_count > 0)`}`,
  );
  return groupFigures(rows);
}

// The replay moved to db (decision 018); callers here keep importing it from this module.
export { figuresAsOf };

/** Today from the totals; another day from the events. */
export function figuresOf(db: Db, rootIds: number[], day: string, totalsOnly = false): Promise<Figures> {
  return day === today() ? currentFigures(db, rootIds, totalsOnly) : figuresAsOf(db, rootIds, day);
}

export function toFigures(row: FigureRow): ProgressFigures {
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const conformant = row.l3 + row.l4;
  return {
    targetServices: row.target,
    levelCounts: [row.l0, row.l1, row.l2, row.l3, row.l4],
    conformant,
    conformantShare: share(conformant, row.target),
    populationWeightedShare: share(row.w_conformant, row.w_target),
    onlineByDeadline: row.by_deadline,
    onlineByDeadlineShare: share(row.by_deadline, row.target),
    overdue: row.target - conformant,
    medianDaysLate: row.median_days_late,
  };
}

export async function getProgress({
  db,
  key,
  asOf,
  model,
}: {
  db: Db;
  key: string;
  asOf?: string;
  /** With 2.0 the figures by Reifegradmodell 2.0 come along (on a past day from its 2.0 snapshot). */
  model?: { family: '1.1' | '2.0'; minLevel?: number | undefined };
}): Promise<RegionProgress> {
  const day = asOf ?? today();
  const region = await summarizeRegion(db, key, day);
  const figures = (await figuresOf(db, [region.id], day)).get(region.id);
  const model2 =
    model?.family === '2.0'
      ? (await model2Figures(db, [region.id], { minLevel: model.minLevel, day })).get(region.id)
      : undefined;
  return {
    ...(model2 ? { model2 } : {}),
    region,
    administrations: figures?.total.administrations ?? 0,
    figures: toFigures(figures?.total ?? emptyRow(region.id)),
    byThemenfeld: (figures?.byThemenfeld ?? [])
      .map((row) => ({ themenfeld: row.themenfeld as Themenfeld, figures: toFigures(row) }))
      .sort((a, b) => a.themenfeld.localeCompare(b.themenfeld, 'de')),
  };
}

/** The children of a region with their figures, ranked by OZG-konform share (1 = best), then sorted. */
export async function getChildrenProgress({
  db,
  key,
  sort = 'conformantShare',
  order,
  asOf,
  level,
  model,
}: {
  db: Db;
  key: string;
  sort?: (typeof PROGRESS_SORTS)[number];
  order?: 'asc' | 'desc';
  asOf?: string;
  /** All descendants of this level instead of the direct children (the Kreise of a Land with Bezirke). */
  level?: RegionLevel;
  model?: { family: '1.1' | '2.0'; minLevel?: number | undefined };
}): Promise<ChildrenProgress> {
  const day = asOf ?? today();
  const { parent, children } = await listChildren({ db, key, asOf: day, ...(level ? { level } : {}) });
  const figures = await figuresOf(
    db,
    children.map((child) => child.id),
    day,
    true,
  );
  const model2 =
    model?.family === '2.0'
      ? await model2Figures(
          db,
          children.map((child) => child.id),
          { minLevel: model.minLevel, day },
        )
      : null;
  const rows = children.map((child) => {
    const entry = figures.get(child.id);
    const child2 = model2?.get(child.id);
    return {
      ...(child2 ? { model2: child2 } : {}),
      region: child,
      administrations: entry?.total.administrations ?? 0,
      figures: toFigures(entry?.total ?? emptyRow(child.id)),
      rank: null as number | null,
    };
  });
  // Competition ranking: equal shares share a rank; regions without target services get none.
  const ranked = rows.filter((row) => row.figures.conformantShare !== null);
  ranked.sort((a, b) => (b.figures.conformantShare as number) - (a.figures.conformantShare as number));
  ranked.forEach((row, index) => {
    const previous = ranked[index - 1];
    row.rank =
      previous && previous.figures.conformantShare === row.figures.conformantShare
        ? previous.rank
        : index + 1;
  });
  const direction = (order ?? (sort === 'name' ? 'asc' : 'desc')) === 'asc' ? 1 : -1;
  const value = (row: (typeof rows)[number]): number | string | null =>
    sort === 'name'
      ? row.region.name
      : sort === 'population'
        ? row.region.population
        : sort === 'overdue'
          ? row.figures.overdue
          : row.figures[sort];
  rows.sort((a, b) => {
    const va = value(a);
    const vb = value(b);
    if (va === null && vb === null) return a.region.name.localeCompare(b.region.name, 'de');
    if (va === null) return 1; // regions without figures last, in either direction
    if (vb === null) return -1;
    const compared = typeof va === 'string' ? va.localeCompare(vb as string, 'de') : va - (vb as number);
    return direction * compared || a.region.name.localeCompare(b.region.name, 'de');
  });
  return { parent, children: rows };
}
