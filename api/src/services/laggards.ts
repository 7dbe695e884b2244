import { administrationsBelow, CURRENT, type Db, DERIVED_MODEL_FAMILY, queryRowsAs } from '@ozg/db';
import {
  type Laggard,
  type Laggards,
  median,
  model2ReachedShare,
  model2SeriesPoint,
  REGION_KIND_LABELS,
  REGION_KINDS,
  type RegionKind,
  SIZE_CLASSES,
  type SizeClass,
  sizeClassOf,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type ExportColumn, exportTable, percent } from '../lib/export';
import { totalsOnDays } from './history';
import { model2OnDays, newestModel2 } from './maturity-figures';
import { summarizeRegion, today } from './regions';

export type LaggardFilter = { sameKreis?: boolean; kind?: RegionKind; sizeClass?: SizeClass; limit?: number };

/** With 2.0 the list is ranked by the share at or above minLevel by Reifegradmodell 2.0 (decision 020). */
export type LaggardModel = { family: '1.1' | '2.0'; minLevel?: number | undefined };

/**
 * The fair peers of a municipality (issue 5), one definition for the laggards,
 * the check's comparison and the quick wins: the same kind and size class in
 * the region, and on request the same Kreis.
 */
export function fairPeerKey(
  municipality: { kind: RegionKind; population: number | null; kreisAgs: string | null },
  sameKreis: boolean,
): string {
  return [
    municipality.kind,
    sizeClassOf(municipality.population ?? 0),
    sameKreis ? municipality.kreisAgs : '',
  ].join('|');
}

export const FAIR_PEER_GROUPS = {
  land: 'gleiche Art, gleiche Größenklasse',
  kreis: 'gleiche Art, gleiche Größenklasse, gleicher Kreis',
} as const;

/** A Gemeinde below the region with today's counts (int4 casts; the served population is never null). */
const MunicipalityRow = z.object({
  region_id: z.number().int(),
  ags: z.string(),
  name: z.string(),
  kind: z.enum(REGION_KINDS),
  population: z.number().int(),
  kreis_ags: z.string().nullable(),
  kreis_name: z.string().nullable(),
  target: z.number().int(),
  conformant: z.number().int(),
  consulted: z.boolean(),
  counted2: z.number().int(),
  assessed2: z.number().int(),
  above2: z.number().int(),
});

const twelveMonthsBefore = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() - 1);
  return date.toISOString().slice(0, 10);
};

/**
 * Municipalities ranked against fair peers: the same kind and size class (and,
 * on request, the same Kreis) within the region. The gap is the municipality's
 * OZG-konform share minus its peers' median; the most negative come first.
 */
export async function getLaggards({
  db,
  key,
  filter,
  model,
}: {
  db: Db;
  key: string;
  filter: LaggardFilter;
  model?: LaggardModel | undefined;
}): Promise<Laggards> {
  const now = today();
  const region = await summarizeRegion(db, key, now);
  const by2 = model?.family === '2.0';
  const newest = by2 ? await newestModel2(db) : null;
  const minLevel = model?.minLevel ?? newest?.conformant ?? 3;
  // The Gemeinde's total row of region_model_totals (one row each, no status scan): level columns >= minLevel.
  const above = sql.raw(
    Array.from({ length: 8 - minLevel }, (_, index) => `m.level${minLevel + index}`).join(' + ') || '0',
  );
  const model2Columns = by2
    ? sql`coalesce(m.counted, 0)::int as counted2, coalesce(m.assessed, 0)::int as assessed2,
          coalesce(${above}, 0)::int as above2`
    : sql`0 as counted2, 0 as assessed2, 0 as above2`;
  const model2Join = by2
    ? sql`left join region_model_totals m on m.region_id = a.region_id and m.themenfeld is null
            and m.family = ${DERIVED_MODEL_FAMILY}::maturity_model`
    : sql``;
  const rows = await queryRowsAs(
    db,
    MunicipalityRow,
    sql`with recursive ${administrationsBelow([region.id], CURRENT)}
        select a.region_id, v.ags, v.name, a.kind, a.population::int as population, k.ags as kreis_ags, k.name as kreis_name,
          coalesce(t.target_count, 0)::int as target, coalesce(t.level3 + t.level4, 0)::int as conformant,
          exists (select 1 from consultations c where c.region_id = a.region_id and c.state = 'held') as consulted,
          ${model2Columns}
        from administrations a
        join region_versions v on v.region_id = a.region_id and v.valid_to is null
        left join region_versions k on k.region_id = v.parent_region_id and k.valid_to is null
        -- The Gemeinde's own total row (one index lookup), not a sum over its rollups per Themenfeld.
        left join region_totals t on t.region_id = a.region_id and t.themenfeld is null
        ${model2Join}
        where a.level = 'gemeinde'`,
  );
  const yearAgo = twelveMonthsBefore(now);
  const past = await totalsOnDays(
    db,
    rows.map((row) => row.region_id),
    [yearAgo],
  );
  // By 2.0: each Gemeinde's latest 2.0 snapshot at or before the day a year ago (none: no change known).
  const past2 = by2
    ? await model2OnDays(
        db,
        rows.map((row) => row.region_id),
        [yearAgo],
      )
    : null;
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  // Each Gemeinde's peer key and shares once: the medians, the gaps and the sort all read them.
  const ranked = rows.map((row) => ({
    row,
    key: fairPeerKey(
      { kind: row.kind, population: row.population, kreisAgs: row.kreis_ags },
      !!filter.sameKreis,
    ),
    share: share(row.conformant, row.target),
    share2: by2
      ? model2ReachedShare({ atOrAbove: row.above2, assessed: row.assessed2, counted: row.counted2 })
      : null,
  }));
  const peers = peerMedians(ranked.map(({ key, share }) => ({ key, value: share })));
  const peers2 = by2 ? peerMedians(ranked.map(({ key, share2 }) => ({ key, value: share2 }))) : null;
  const model2Of = ({ row, key, share2: value }: (typeof ranked)[number]) => {
    const group = peers2?.get(key);
    const peerMedian = group?.median ?? null;
    const then = past2?.get(`${row.region_id}:${yearAgo}`);
    const before = then ? model2SeriesPoint(then, minLevel).share : null;
    return {
      counted: row.counted2,
      assessed: row.assessed2,
      assessedShare: share(row.assessed2, row.counted2),
      atOrAbove: row.above2,
      share: value,
      peerCount: group?.count ?? 0,
      peerMedian,
      gap: value !== null && peerMedian !== null ? value - peerMedian : null,
      changeTwelveMonths: value !== null && before !== null ? value - before : null,
    };
  };
  const items: Laggard[] = ranked
    .map((entry) => {
      const { row, key, share: now } = entry;
      const then = past.get(`${row.region_id}:${yearAgo}`)?.share ?? null;
      const group = peers.get(key);
      const peerMedian = group?.median ?? null;
      return {
        region: { ags: row.ags, name: row.name, kind: row.kind, population: row.population },
        kreis: row.kreis_ags ? { ags: row.kreis_ags, name: row.kreis_name ?? '' } : null,
        sizeClass: sizeClassOf(row.population),
        targetServices: row.target,
        conformant: row.conformant,
        share: now,
        peerCount: group?.count ?? 0,
        peerMedian,
        gap: now !== null && peerMedian !== null ? now - peerMedian : null,
        changeTwelveMonths: now !== null && then !== null ? now - then : null,
        overdue: row.target - row.conformant,
        consultationHeld: row.consulted,
        ...(by2 ? { model2: model2Of(entry) } : {}),
      };
    })
    .filter(
      (item) =>
        (!filter.kind || item.region.kind === filter.kind) &&
        (!filter.sizeClass || item.sizeClass === filter.sizeClass),
    )
    .sort((a, b) => {
      const gapOf = (item: Laggard) => (by2 ? item.model2?.gap : item.gap) ?? Number.POSITIVE_INFINITY;
      return gapOf(a) - gapOf(b) || a.region.name.localeCompare(b.region.name, 'de');
    });
  return {
    region,
    peerGroup: filter.sameKreis ? FAIR_PEER_GROUPS.kreis : FAIR_PEER_GROUPS.land,
    model: by2 ? '2.0' : '1.1',
    ...(by2 ? { model2: { version: newest?.version ?? null, minLevel } } : {}),
    items: filter.limit ? items.slice(0, filter.limit) : items,
  };
}

/**
 * Each peer group's size and median, computed once per group: grouping by
 * push (not by copying the group per member) and one median per group keep
 * this linear in the municipalities of the Land, where a median per member
 * made it quadratic (2,056 Gemeinden in Bayern).
 */
export function peerMedians(
  members: readonly { key: string; value: number | null }[],
): Map<string, { count: number; median: number | null }> {
  const groups = new Map<string, number[]>();
  for (const { key, value } of members) {
    if (value === null) continue;
    const group = groups.get(key);
    if (group) group.push(value);
    else groups.set(key, [value]);
  }
  return new Map([...groups].map(([key, values]) => [key, { count: values.length, median: median(values) }]));
}

const sizeLabel = (id: string) => SIZE_CLASSES.find((sizeClass) => sizeClass.id === id)?.label ?? id;

const COLUMNS: readonly ExportColumn<Laggard>[] = [
  ['AGS', (item: Laggard) => item.region.ags],
  ['Kommune', (item: Laggard) => item.region.name],
  ['Art', (item: Laggard) => REGION_KIND_LABELS[item.region.kind]],
  ['Kreis', (item: Laggard) => item.kreis?.name ?? ''],
  ['Einwohner', (item: Laggard) => item.region.population],
  ['Größenklasse', (item: Laggard) => sizeLabel(item.sizeClass)],
  ['Zielleistungen', (item: Laggard) => item.targetServices],
  ['OZG-konform', (item: Laggard) => item.conformant],
  ['Anteil OZG-konform (%)', (item: Laggard) => percent(item.share)],
  ['Median der Vergleichsgruppe (%)', (item: Laggard) => percent(item.peerMedian)],
  ['Abstand (Prozentpunkte)', (item: Laggard) => percent(item.gap)],
  ['Veränderung 12 Monate (Prozentpunkte)', (item: Laggard) => percent(item.changeTwelveMonths)],
  ['Überfällig', (item: Laggard) => item.overdue],
  ['Beratung erhalten', (item: Laggard) => item.consultationHeld],
];

const model2Columns = (minLevel: number): readonly ExportColumn<Laggard>[] => [
  ['RG2.0 bewertet', (item: Laggard) => item.model2?.assessed ?? null],
  ['RG2.0 Anteil bewertet (%)', (item: Laggard) => percent(item.model2?.assessedShare ?? null)],
  [`RG2.0 Stufe ${minLevel}+`, (item: Laggard) => item.model2?.atOrAbove ?? null],
  [`RG2.0 Anteil Stufe ${minLevel}+ (%)`, (item: Laggard) => percent(item.model2?.share ?? null)],
  ['RG2.0 Median der Vergleichsgruppe (%)', (item: Laggard) => percent(item.model2?.peerMedian ?? null)],
  ['RG2.0 Abstand (Prozentpunkte)', (item: Laggard) => percent(item.model2?.gap ?? null)],
  [
    'RG2.0 Veränderung 12 Monate (Prozentpunkte)',
    (item: Laggard) => percent(item.model2?.changeTwelveMonths ?? null),
  ],
];

/** The laggards as a table for CSV and XLSX (lib/export); by 2.0 with the 2.0 columns that rank it. */
export const laggardsTable = (laggards: Laggards) =>
  exportTable({
    sheet: 'Nachzügler',
    title: `Nachzügler in ${laggards.region.name} – Vergleichsgruppe: ${laggards.peerGroup}${
      laggards.model2
        ? ` – nach Reifegradmodell 2.0, Stufe ${laggards.model2.minLevel} oder höher (Arbeitsstand, vom Land anpassbar)`
        : ''
    }`,
    columns: laggards.model2 ? [...COLUMNS, ...model2Columns(laggards.model2.minLevel)] : COLUMNS,
    rows: laggards.items,
  });
