import { administrationsBelow, CURRENT, countedStatus, type Db, intArray, queryRowsAs } from '@ozg/db';
import {
  HIGH_DEMAND_PER_THOUSAND,
  LOW_USE_SHARE,
  MIN_USAGE_PEERS,
  OZG_CONFORMANT_LEVEL,
  type RegionUsage,
  type ServiceUsage,
  USAGE_NONE_LABEL,
  type UsageCell,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import { exportTable } from '../lib/export';
import { findRegion, today } from './regions';

/*
 * Usage figures (decision 022). Every figure reads the 12 months up to the
 * latest month loaded anywhere, on today's territory, with the inhabitants of
 * the current region versions (Stichtag of the GV100AD file). A region or
 * service without figures answers null ("Keine Nutzungszahlen geliefert"),
 * never 0.
 */

export const USAGE_METHOD =
  'Anträge der letzten 12 Monate bis zum jüngsten gelieferten Monat, summiert über die Gemeinden (und Kreise) des ' +
  'Gebiets nach heutigem Gebietsstand; je 1.000 Einwohner bezogen auf die Einwohner aller Gemeinden des Gebiets ' +
  '(Stichtag des Gemeindeverzeichnisses). Vergleichsgruppe einer Gemeinde: die anderen Gemeinden desselben Kreises, ' +
  `die die Leistung online anbieten (Reifegrad ≥ ${OZG_CONFORMANT_LEVEL}) und Zahlen geliefert haben (mindestens ` +
  `${MIN_USAGE_PEERS}). „online, aber kaum genutzt“: online, aber weniger als ${LOW_USE_SHARE * 100} % des Medians ` +
  `der Vergleichsgruppe je 1.000 Einwohner. „hohe Nachfrage, nicht online“: nicht online, während der Median der ` +
  `Vergleichsgruppe mindestens ${HIGH_DEMAND_PER_THOUSAND} Anträge je 1.000 Einwohner erreicht.`;

const WindowRow = z.object({ last: z.string().nullable() });

/** The 12-month window: up to the latest month with figures, or null when none exist. */
export async function usageWindow(db: Db): Promise<{ from: string; to: string } | null> {
  const [row] = await queryRowsAs(db, WindowRow, sql`select max(month)::text as last from usage_figures`);
  if (!row?.last) return null;
  const [year, month] = row.last.split('-').map(Number) as [number, number];
  const start = new Date(Date.UTC(year, month - 12, 1)).toISOString().slice(0, 10);
  return { from: start, to: row.last };
}

const month = (day: string) => day.slice(0, 7);
const rate = (applications: number, population: number) =>
  population > 0 ? Math.round((applications * 1000 * 100) / population) / 100 : null;

const CellRow = z.object({
  ags: z.string(),
  name: z.string(),
  ozg_id: z.number().int(),
  service_name: z.string(),
  online: z.boolean(),
  apps: z.number().nullable(),
  rate: z.number().nullable(),
  peer_median: z.number().nullable(),
  peers: z.number().int(),
});

/** The flag of one cell, by the rule in USAGE_METHOD. */
export function usageFlag(cell: {
  online: boolean;
  rate: number | null;
  peerMedian: number | null;
  peers: number;
}): UsageCell['flag'] {
  if (cell.peers < MIN_USAGE_PEERS || cell.peerMedian === null) return null;
  if (cell.online && cell.rate !== null && cell.peerMedian > 0 && cell.rate < cell.peerMedian * LOW_USE_SHARE)
    return 'online_low_use';
  if (!cell.online && cell.peerMedian >= HIGH_DEMAND_PER_THOUSAND) return 'high_demand_offline';
  return null;
}

/**
 * Gemeinde × service cells for the Gemeinden in `gemeindeIds` (today's
 * territory), for every service with figures in their Kreis: own rate, the
 * median of the Kreis' online peers with figures, and the flag.
 */
export async function usageCells(
  db: Db,
  gemeindeIds: readonly number[],
  window: { from: string; to: string },
  ozgId?: number,
): Promise<UsageCell[]> {
  if (gemeindeIds.length === 0) return [];
  const rows = await queryRowsAs(
    db,
    CellRow,
    sql`with mine as (
          select v.region_id, v.parent_region_id as kreis_id from region_versions v
          where v.valid_to is null and v.region_id = any(${intArray(gemeindeIds)})
        ),
        g as (
          select v.region_id, v.parent_region_id as kreis_id, v.ags, v.name, coalesce(v.population, 0)::float8 as pop
          from region_versions v join regions r on r.id = v.region_id
          where v.valid_to is null and r.level = 'gemeinde'
            and v.parent_region_id in (select kreis_id from mine)
        ),
        u as (
          select f.region_id, f.ozg_id, sum(f.applications)::float8 as apps
          from usage_figures f
          where f.region_id in (select region_id from g)
            and f.month between ${window.from}::date and ${window.to}::date
            ${ozgId === undefined ? sql`` : sql`and f.ozg_id = ${ozgId}`}
          group by f.region_id, f.ozg_id
        ),
        svc as (select distinct g.kreis_id, u.ozg_id from u join g using (region_id)),
        cells as (
          select g.region_id, g.kreis_id, g.ags, g.name, g.pop, svc.ozg_id, u.apps,
            coalesce(s.maturity_level >= ${OZG_CONFORMANT_LEVEL}, false) as online,
            case when g.pop > 0 and u.apps is not null then u.apps * 1000 / g.pop end as rate
          from g
          join svc on svc.kreis_id = g.kreis_id
          left join u on u.region_id = g.region_id and u.ozg_id = svc.ozg_id
          left join service_statuses s on s.region_id = g.region_id and s.ozg_id = svc.ozg_id
            and ${countedStatus('s')}
        )
        select c.ags, c.name, c.ozg_id, o.name as service_name, c.online, c.apps, c.rate,
          p.median as peer_median, p.n as peers
        from cells c
        join ozg_services o on o.ozg_id = c.ozg_id
        cross join lateral (
          select percentile_cont(0.5) within group (order by x.rate)::float8 as median, count(*)::int as n
          from cells x
          where x.kreis_id = c.kreis_id and x.ozg_id = c.ozg_id and x.region_id <> c.region_id
            and x.online and x.rate is not null
        ) p
        where c.region_id in (select region_id from mine)
        order by c.ags, c.ozg_id`,
  );
  return rows.map((row) => ({
    ags: row.ags,
    name: row.name,
    ozgId: row.ozg_id,
    serviceName: row.service_name,
    online: row.online,
    applications12m: row.apps === null ? null : Math.round(row.apps),
    perThousand: row.rate === null ? null : Math.round(row.rate * 100) / 100,
    peerMedianPerThousand: row.peer_median === null ? null : Math.round(row.peer_median * 100) / 100,
    peers: row.peers,
    flag: usageFlag({ online: row.online, rate: row.rate, peerMedian: row.peer_median, peers: row.peers }),
  }));
}

const TotalsRow = z.object({
  population: z.number(),
  population_date: z.string().nullable(),
  apps: z.number().nullable(),
  completed: z.number().nullable(),
  abandoned: z.number().nullable(),
  gemeinden: z.array(z.number().int()),
});
const SeriesRow = z.object({ month: z.string(), applications: z.number() });
const ServiceRow = z.object({ ozg_id: z.number().int(), name: z.string(), apps: z.number() });

/**
 * Usage of a region of any level: the figures of every region below it (itself
 * included) on today's territory, per 1,000 of its Gemeinden's inhabitants.
 */
export async function getRegionUsage({ db, key }: { db: Db; key: string }): Promise<RegionUsage> {
  const region = await findRegion(db, key, today());
  const window = await usageWindow(db);
  const below = sql`with recursive ${administrationsBelow([region.region_id], CURRENT)}`;
  const [totals] = await queryRowsAs(
    db,
    TotalsRow,
    sql`${below},
        figures as (
          select f.* from usage_figures f
          where f.region_id in (select region_id from tree)
            and ${window ? sql`f.month between ${window.from}::date and ${window.to}::date` : sql`false`}
        )
        select
          (select coalesce(sum(population), 0)::float8 from tree where level = 'gemeinde') as population,
          (select max(v.source_date)::text from tree t join region_versions v
             on v.region_id = t.region_id and v.valid_to is null where t.level = 'gemeinde') as population_date,
          (select sum(applications)::float8 from figures) as apps,
          (select sum(completed)::float8 from figures) as completed,
          (select sum(abandoned)::float8 from figures) as abandoned,
          (select coalesce(array_agg(region_id order by region_id), '{}') from tree where level = 'gemeinde') as gemeinden`,
  );
  if (!totals) throw new AppError('not_found', `Kein Gebiet mit dem Schlüssel ${key}.`);
  const series = window
    ? await queryRowsAs(
        db,
        SeriesRow,
        sql`${below}
            select to_char(f.month, 'YYYY-MM') as month, sum(f.applications)::float8 as applications
            from usage_figures f where f.region_id in (select region_id from tree)
              and f.month between ${window.from}::date and ${window.to}::date
            group by f.month order by f.month`,
      )
    : [];
  const services = window
    ? await queryRowsAs(
        db,
        ServiceRow,
        sql`${below}
            select f.ozg_id, o.name, sum(f.applications)::float8 as apps
            from usage_figures f join ozg_services o on o.ozg_id = f.ozg_id
            where f.region_id in (select region_id from tree)
              and f.month between ${window.from}::date and ${window.to}::date
            group by f.ozg_id, o.name order by apps desc, f.ozg_id`,
      )
    : [];
  const cells = window ? await usageCells(db, totals.gemeinden, window) : [];
  const population = Math.round(totals.population);
  return {
    region: { ags: region.ags, name: region.name, level: region.level },
    window: window ? { from: month(window.from), to: month(window.to) } : null,
    population,
    populationDate: totals.population_date,
    applications12m: totals.apps === null ? null : Math.round(totals.apps),
    completed12m: totals.completed === null ? null : Math.round(totals.completed),
    abandoned12m: totals.abandoned === null ? null : Math.round(totals.abandoned),
    perThousand: totals.apps === null ? null : rate(totals.apps, population),
    series: series.map((row) => ({ month: row.month, applications: Math.round(row.applications) })),
    services: services.map((row) => ({
      ozgId: row.ozg_id,
      name: row.name,
      applications12m: Math.round(row.apps),
      perThousand: rate(row.apps, population),
    })),
    flags: cells.filter((cell) => cell.flag !== null),
    method: USAGE_METHOD,
  };
}

const ServiceNameRow = z.object({ name: z.string() });

/** Usage of one service in a region (default: Germany as far as loaded, i.e. every Land). */
export async function getServiceUsage({
  db,
  ozgId,
  regionKey,
}: {
  db: Db;
  ozgId: number;
  regionKey: string;
}): Promise<ServiceUsage> {
  const [service] = await queryRowsAs(
    db,
    ServiceNameRow,
    sql`select name from ozg_services where ozg_id = ${ozgId}`,
  );
  if (!service) throw new AppError('not_found', `Keine OZG-Leistung mit der ID ${ozgId}.`);
  const region = await findRegion(db, regionKey, today());
  const window = await usageWindow(db);
  const below = sql`with recursive ${administrationsBelow([region.region_id], CURRENT)}`;
  const series = window
    ? await queryRowsAs(
        db,
        SeriesRow,
        sql`${below}
            select to_char(f.month, 'YYYY-MM') as month, sum(f.applications)::float8 as applications
            from usage_figures f where f.ozg_id = ${ozgId} and f.region_id in (select region_id from tree)
              and f.month between ${window.from}::date and ${window.to}::date
            group by f.month order by f.month`,
      )
    : [];
  const [gemeinden] = await queryRowsAs(
    db,
    z.object({ ids: z.array(z.number().int()) }),
    sql`${below} select coalesce(array_agg(region_id), '{}') as ids from tree where level = 'gemeinde'`,
  );
  const cells = window ? await usageCells(db, gemeinden?.ids ?? [], window, ozgId) : [];
  const delivered = cells.filter((cell) => cell.applications12m !== null);
  const [delivering] = await queryRowsAs(
    db,
    z.object({ population: z.number() }),
    sql`${below}
        select coalesce(sum(t.population), 0)::float8 as population from tree t
        where t.level = 'gemeinde' and ${
          window
            ? sql`exists (select 1 from usage_figures f where f.region_id = t.region_id
          and f.ozg_id = ${ozgId} and f.month between ${window.from}::date and ${window.to}::date)`
            : sql`false`
        }`,
  );
  const population = Math.round(delivering?.population ?? 0);
  const applications = series.reduce((sum, row) => sum + Math.round(row.applications), 0);
  const rates = delivered
    .map((cell) => cell.perThousand)
    .filter((value): value is number => value !== null)
    .sort((a, b) => a - b);
  const median =
    rates.length === 0
      ? null
      : rates.length % 2
        ? (rates[(rates.length - 1) / 2] as number)
        : ((rates[rates.length / 2 - 1] as number) + (rates[rates.length / 2] as number)) / 2;
  return {
    service: { ozgId, name: service.name },
    region: { ags: region.ags, name: region.name },
    window: window ? { from: month(window.from), to: month(window.to) } : null,
    population,
    applications12m: series.length ? applications : null,
    perThousand: series.length ? rate(applications, population) : null,
    medianPerThousand: median === null ? null : Math.round(median * 100) / 100,
    series: series.map((row) => ({ month: row.month, applications: Math.round(row.applications) })),
    gemeinden: cells,
    method: USAGE_METHOD,
  };
}

const DemandRow = z.object({ ozg_id: z.number().int(), median: z.number() });

/**
 * Demand for quick wins (decision 017, 022): per service, the median
 * applications per 1,000 inhabitants in 12 months among `peerIds` that offer
 * it online and delivered figures. Services without such figures are absent.
 */
export async function peerDemand(
  db: Db,
  peerIds: readonly number[],
  ozgIds: readonly number[],
): Promise<Map<number, number>> {
  const window = await usageWindow(db);
  if (!window || peerIds.length === 0 || ozgIds.length === 0) return new Map();
  const rows = await queryRowsAs(
    db,
    DemandRow,
    sql`select x.ozg_id, percentile_cont(0.5) within group (order by x.rate)::float8 as median
        from (
          select f.region_id, f.ozg_id, sum(f.applications)::float8 * 1000 / v.population as rate
          from usage_figures f
          join region_versions v on v.region_id = f.region_id and v.valid_to is null and v.population > 0
          join service_statuses s on s.region_id = f.region_id and s.ozg_id = f.ozg_id and ${countedStatus('s')}
            and s.maturity_level >= ${OZG_CONFORMANT_LEVEL}
          where f.region_id = any(${intArray(peerIds)}) and f.ozg_id = any(${intArray(ozgIds)})
            and f.month between ${window.from}::date and ${window.to}::date
          group by f.region_id, f.ozg_id, v.population
        ) x
        group by x.ozg_id`,
  );
  return new Map(rows.map((row) => [row.ozg_id, Math.round(row.median * 100) / 100]));
}

/**
 * The usage of a region as an export table: the region in total, then each
 * service with figures (columns Anträge 12 Monate, je 1.000 EW). A region
 * without figures gets one row that says so, never 0.
 */
export function usageTable(usage: RegionUsage) {
  type Row = {
    name: string;
    ozgId: number | null;
    applications12m: number | null;
    perThousand: number | null;
  };
  const window = usage.window ? `${usage.window.from} bis ${usage.window.to}` : USAGE_NONE_LABEL;
  return exportTable<Row>({
    sheet: 'Nutzung',
    title: `${usage.region.name}: Nutzungszahlen, 12 Monate ${window}`,
    columns: [
      ['Leistung', (row) => row.name],
      ['OZG-ID', (row) => row.ozgId],
      ['Anträge 12 Monate', (row) => row.applications12m],
      ['je 1.000 EW', (row) => row.perThousand],
    ],
    rows: [
      {
        name:
          usage.applications12m === null
            ? `Alle Leistungen: ${USAGE_NONE_LABEL}`
            : 'Alle Leistungen mit Zahlen',
        ozgId: null,
        applications12m: usage.applications12m,
        perThousand: usage.perThousand,
      },
      ...usage.services,
    ],
    width: 40,
  });
}
