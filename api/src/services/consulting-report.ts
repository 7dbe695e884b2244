import { administrationsBelow, CURRENT, type Db, isoTimestampSql, queryRowsAs } from '@ozg/db';
import {
  CONSULTING_AREA_LABELS,
  CONSULTING_AREAS,
  type ConsultingArea,
  type ConsultingReport,
  REGION_KINDS,
  REGION_LEVEL_LABELS,
  sizeClassOf,
  type UptakeRow,
  type Worklist,
  WorklistRequestSchema,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type ExportColumn, exportTable, percent } from '../lib/export';
import { totalsOnDays } from './history';
import { getLaggards } from './laggards';
import { countQuickWins } from './quick-wins';
import { summarizeRegion, today } from './regions';

/**
 * Whom to approach: the municipalities behind their fair peers (negative gap,
 * worst first, from the laggards) that still have a consultation to take in
 * some area (none requested, scheduled or held there).
 */
export async function getWorklist(input: {
  db: Db;
  key: string;
  area?: ConsultingArea;
  kreis?: string;
}): Promise<Worklist> {
  const laggards = await getLaggards({ db: input.db, key: input.key, filter: {} });
  const used = await queryRowsAs(
    input.db,
    z.object({ ags: z.string(), area: z.enum(CONSULTING_AREAS) }),
    sql`select v.ags, c.area from consultations c
        join region_versions v on v.region_id = c.region_id and v.valid_to is null
        where c.state <> 'cancelled'`,
  );
  const taken = new Set(used.map((row) => `${row.ags}:${row.area}`));
  const items = laggards.items
    .filter((item) => item.gap !== null && item.gap < 0)
    .filter((item) => !input.kreis || item.kreis?.ags === input.kreis)
    .map((item) => ({
      region: item.region,
      kreis: item.kreis,
      share: item.share,
      peerMedian: item.peerMedian,
      gap: item.gap,
      overdue: item.overdue,
      openAreas: CONSULTING_AREAS.filter((area) => !taken.has(`${item.region.ags}:${area}`)),
    }))
    .filter((item) => (input.area ? item.openAreas.includes(input.area) : item.openAreas.length > 0));
  const quickWins = await countQuickWins({ db: input.db, ags: items.map((item) => item.region.ags) });
  return {
    peerGroup: laggards.peerGroup,
    requests: await openRequests(input),
    items: items.map((item) => ({ ...item, quickWins: quickWins.get(item.region.ags) ?? 0 })),
  };
}

/**
 * Requests municipalities made themselves and nobody has scheduled yet, within
 * the region (by AGS prefix) and the filters: they come first in the worklist
 * because someone is waiting for an answer.
 */
async function openRequests(input: { db: Db; key: string; area?: ConsultingArea; kreis?: string }) {
  const prefix = input.kreis ?? (await summarizeRegion(input.db, input.key, today())).ags;
  return queryRowsAs(
    input.db,
    WorklistRequestSchema,
    sql`select c.id as "consultationId", json_build_object('ags', v.ags, 'name', v.name) as region,
          case when k.ags is null then null else json_build_object('ags', k.ags, 'name', k.name) end as kreis,
          json_build_object('id', m.id, 'name', m.name) as module, c.area,
          ${isoTimestampSql('c.requested_at')} as "requestedAt",
          c.request_note as note
        from consultations c
        join users creator on creator.id = c.created_by and creator.role = 'officer'
        join consulting_modules m on m.id = c.module_id
        join region_versions v on v.region_id = c.region_id and v.valid_to is null
        left join region_versions k on k.ags = left(v.ags, 5) and k.valid_to is null and length(k.ags) = 5
        where c.state = 'requested' and v.ags like ${`${prefix}%`}
          ${input.area ? sql`and c.area = ${input.area}` : sql``}
        order by c.requested_at, c.id`,
  );
}

const addYear = (day: string) => {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCFullYear(date.getUTCFullYear() + 1);
  return date.toISOString().slice(0, 10);
};

const EFFECT_METHOD =
  'Für jede vor mindestens 12 Monaten durchgeführte Beratung: Veränderung des OZG-konformen Anteils der Kommune ' +
  'vom Beratungstag bis 12 Monate danach (Tagesstände). Vergleich: Kommunen gleicher Art und Größenklasse ohne ' +
  'durchgeführte Beratung im selben Zeitraum. Mittelwerte in Prozentpunkten; ein Hinweis, kein Wirkungsnachweis.';

/**
 * The ministry's view of the programme within a region: uptake per
 * Regierungsbezirk and Kreis (municipalities with a held consultation per
 * area), open and overdue measures, and the effect estimate.
 */
export async function getConsultingReport({ db, key }: { db: Db; key: string }): Promise<ConsultingReport> {
  const now = today();
  const region = await summarizeRegion(db, key, now);
  const units = await queryRowsAs(
    db,
    z.object({ id: z.number().int(), ags: z.string(), name: z.string(), level: z.string() }),
    sql`select v.region_id as id, v.ags, v.name, r.level from region_versions v join regions r on r.id = v.region_id
        where v.valid_to is null and (v.region_id = ${region.id}
          or (v.ags like ${`${region.ags}%`} and r.level in ('bezirk', 'kreis') and v.ags <> ${region.ags}))
        order by v.ags`,
  );
  const counts = await queryRowsAs(
    db,
    z.object({
      root_id: z.number().int(),
      municipalities: z.number().int(),
      held_ozg: z.number().int(),
      held_vd: z.number().int(),
      open_measures: z.number().int(),
      overdue_measures: z.number().int(),
    }),
    sql`with recursive ${administrationsBelow(
      units.map((unit) => unit.id),
      CURRENT,
    )}
        select a.root_id, count(*)::int as municipalities,
          count(*) filter (where exists (select 1 from consultations c where c.region_id = a.region_id and c.area = 'ozg' and c.state = 'held'))::int as held_ozg,
          count(*) filter (where exists (select 1 from consultations c where c.region_id = a.region_id and c.area = 'verwaltungsdigitalisierung' and c.state = 'held'))::int as held_vd,
          coalesce(sum((select count(*) from measures m join consultations c on c.id = m.consultation_id
                        where c.region_id = a.region_id and m.state in ('open', 'in_progress'))), 0)::int as open_measures,
          coalesce(sum((select count(*) from measures m join consultations c on c.id = m.consultation_id
                        where c.region_id = a.region_id and m.state in ('open', 'in_progress') and m.due_date < ${now}::date)), 0)::int as overdue_measures
        from administrations a where a.level = 'gemeinde'
        group by a.root_id`,
  );
  const share = (part: number, whole: number) => (whole > 0 ? part / whole : null);
  const uptake: UptakeRow[] = units.map((unit) => {
    const row = counts.find((count) => count.root_id === unit.id);
    const municipalities = row?.municipalities ?? 0;
    return {
      region: { ags: unit.ags, name: unit.name, level: unit.level },
      municipalities,
      held: {
        ozg: { count: row?.held_ozg ?? 0, share: share(row?.held_ozg ?? 0, municipalities) },
        verwaltungsdigitalisierung: {
          count: row?.held_vd ?? 0,
          share: share(row?.held_vd ?? 0, municipalities),
        },
      },
      openMeasures: row?.open_measures ?? 0,
      overdueMeasures: row?.overdue_measures ?? 0,
    };
  });
  return {
    region: { ags: region.ags, name: region.name },
    date: now,
    uptake,
    effect: await estimateEffect(db, region.id, now),
  };
}

async function estimateEffect(db: Db, regionId: number, now: string): Promise<ConsultingReport['effect']> {
  const municipalities = await queryRowsAs(
    db,
    z.object({
      region_id: z.number().int(),
      kind: z.enum(REGION_KINDS),
      population: z.number().int().nullable(),
      held_on: z.string().nullable(),
    }),
    sql`with recursive ${administrationsBelow([regionId], CURRENT)}
        select a.region_id, a.kind, a.population::int as population,
          (select min(c.held_on)::text from consultations c where c.region_id = a.region_id and c.state = 'held') as held_on
        from administrations a where a.level = 'gemeinde'`,
  );
  const peerKey = (row: (typeof municipalities)[number]) => `${row.kind}|${sizeClassOf(row.population ?? 0)}`;
  const consulted = municipalities.filter((row) => row.held_on !== null && addYear(row.held_on) <= now);
  const others = municipalities.filter((row) => row.held_on === null);
  const days = [
    ...new Set(consulted.flatMap((row) => [row.held_on as string, addYear(row.held_on as string)])),
  ];
  const peersOf = (row: (typeof municipalities)[number]) =>
    others.filter((other) => peerKey(other) === peerKey(row));
  const ids = [...new Set([...consulted, ...consulted.flatMap(peersOf)].map((row) => row.region_id))];
  const points = days.length > 0 ? await totalsOnDays(db, ids, days) : new Map();
  const change = (id: number, from: string) => {
    const before = points.get(`${id}:${from}`)?.share;
    const after = points.get(`${id}:${addYear(from)}`)?.share;
    return before === null || before === undefined || after === null || after === undefined
      ? null
      : after - before;
  };
  const mean = (values: (number | null)[]) => {
    const known = values.filter((value): value is number => value !== null);
    return known.length > 0 ? known.reduce((sum, value) => sum + value, 0) / known.length : null;
  };
  const consultedChanges = consulted.map((row) => change(row.region_id, row.held_on as string));
  // Each consultation is compared with its own peers over its own window; the peers' mean per consultation is averaged.
  const comparisonChanges = consulted.map((row) =>
    mean(peersOf(row).map((peer) => change(peer.region_id, row.held_on as string))),
  );
  const comparisonIds = new Set(consulted.flatMap(peersOf).map((row) => row.region_id));
  return {
    method: EFFECT_METHOD,
    consulted: { count: consulted.length, meanChange: mean(consultedChanges) },
    comparison: { count: comparisonIds.size, meanChange: mean(comparisonChanges) },
  };
}

const COLUMNS: readonly ExportColumn<UptakeRow>[] = [
  ['AGS', (row: UptakeRow) => row.region.ags],
  ['Gebiet', (row: UptakeRow) => row.region.name],
  [
    'Ebene',
    (row: UptakeRow) =>
      REGION_LEVEL_LABELS[row.region.level as keyof typeof REGION_LEVEL_LABELS] ?? row.region.level,
  ],
  ['Gemeinden', (row: UptakeRow) => row.municipalities],
  ...CONSULTING_AREAS.flatMap((area) => [
    [`Beraten ${CONSULTING_AREA_LABELS[area]}`, (row: UptakeRow) => row.held[area].count] as const,
    [
      `Anteil beraten ${CONSULTING_AREA_LABELS[area]} (%)`,
      (row: UptakeRow) => percent(row.held[area].share),
    ] as const,
  ]),
  ['Offene Maßnahmen', (row: UptakeRow) => row.openMeasures],
  ['Überfällige Maßnahmen', (row: UptakeRow) => row.overdueMeasures],
];

type EffectRow = { group: string; count: number; meanChange: number | null };

/** The report as tables for CSV (the uptake) and XLSX (uptake and effect; lib/export). */
export function consultingReportTables(report: ConsultingReport) {
  const uptake = exportTable({
    sheet: 'Inanspruchnahme',
    title: `Digitalisierungsberatung in ${report.region.name}, Stand ${report.date}`,
    columns: COLUMNS,
    rows: report.uptake,
    width: 20,
  });
  const effect = exportTable<EffectRow>({
    sheet: 'Wirkung',
    title: report.effect.method,
    columns: [
      ['Gruppe', (row) => row.group],
      ['Kommunen', (row) => row.count],
      ['Mittlere Veränderung (Prozentpunkte)', (row) => percent(row.meanChange)],
    ],
    rows: [
      { group: 'Beraten', ...report.effect.consulted },
      { group: 'Vergleichsgruppe', ...report.effect.comparison },
    ],
    width: 36,
  });
  return [uptake, effect] as const;
}
