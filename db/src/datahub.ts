import { type SQL, sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, queryRowsAs } from './client';

/*
 * The reconciliation with the federal Data Hub (decision 021): the differences
 * between the latest import per region and the current statuses, and the
 * stored count of them per region behind the ministry's per-Kreis view.
 */

/**
 * The open differences of the given administrations, one row per status and
 * kind. Per region only its latest import counts; of several records of one
 * service (several LeiKa services) a working one wins.
 */
export function differencesSql(regionFilter: SQL): SQL {
  return sql`
    with recs as not materialized (
      select * from datahub_records where ${regionFilter}
    ), latest as (
      -- The latest import per region first, then its records: a subquery per record (max(import_id)
      -- for its region) cost 5 million index probes for the whole country.
      select region_id, max(import_id) as import_id from recs group by region_id
    ), src as materialized (
      select distinct on (d.region_id, d.ozg_id) d.*
      from latest l join recs d on d.region_id = l.region_id and d.import_id = l.import_id
      order by d.region_id, d.ozg_id, (d.online_status = 'ok') desc, d.url nulls last
    ), covered as (
      select region_id, max(import_id) as import_id, max(imported_at) as imported_at from src group by region_id
    ), pairs as (
      -- Driven by the records (index lookups of the statuses), and the statuses missing at the Bund
      -- by an anti join to src: a left join of statuses to src plans as a nested loop.
      select st.id as status_id, st.version, st.region_id, st.ozg_id, st.maturity_level, st.maturity_model::text,
        st.url, st.online_since::text as online_since, src.url as source_url, src.online_status as source_status,
        src.coverage as source_coverage, src.imported_at
      from src join (select * from service_statuses where ${regionFilter}) st
        on st.region_id = src.region_id and st.ozg_id = src.ozg_id and st.in_target
      union all
      select st.id, st.version, st.region_id, st.ozg_id, st.maturity_level, st.maturity_model::text,
        st.url, st.online_since::text, null, null, null, c.imported_at
      from covered c
      -- The filter again on the statuses: from the covered regions alone the planner expects
      -- hundreds of regions and reads every status.
      join (select * from service_statuses where ${regionFilter}) st
        on st.region_id = c.region_id and st.in_target and st.online_since is not null
      -- Against src, which holds every service of the region's latest import: the records again
      -- (whose index does not lead with the service) planned as a hash over the whole table.
      where not exists (select 1 from src s2 where s2.region_id = c.region_id and s2.ozg_id = st.ozg_id)
    ), found as (
      select p.*, k.kind, k.source_value from pairs p
      cross join lateral (values
        ('online_at_bund', p.source_status = 'ok' and p.online_since is null, coalesce(p.source_url, '') || '|ok'),
        ('not_listed', p.source_status is null and p.online_since is not null, 'nicht gelistet'),
        ('url_differs', p.source_status = 'ok' and p.online_since is not null and p.source_url is not null
          and p.url is distinct from p.source_url, p.source_url),
        ('bund_not_ok', p.source_status = 'nicht ok', 'nicht ok|' || coalesce(p.source_url, ''))
      ) as k(kind, applies, source_value)
      where k.applies
    ), decided as (
      select distinct on (region_id, ozg_id, kind) region_id, ozg_id, kind, source_value, decision, reason, decided_at
      from datahub_decisions where ${regionFilter}
      order by region_id, ozg_id, kind, decided_at desc, id desc
    )
    select f.*, s.name as service_name,
      case when dd.decision = 'clarify' and dd.source_value = f.source_value then dd.reason end as clarify_reason,
      case when dd.decision = 'clarify' and dd.source_value = f.source_value then dd.decided_at end as clarify_at
    from found f
    join ozg_services s on s.ozg_id = f.ozg_id
    left join decided dd on dd.region_id = f.region_id and dd.ozg_id = f.ozg_id and dd.kind = f.kind
    where not (dd.decision is not null and dd.decision = 'rejected' and dd.source_value = f.source_value)`;
}

/** Which regions a refresh or a stale mark concerns: some, or every region. */
export type DatahubRegions = readonly number[] | 'all';

const regionsFilter = (regions: DatahubRegions, column = sql`region_id`) =>
  regions === 'all' ? sql`true` : sql`${column} = any(${`{${regions.join(',')}}`}::int[])`;

/**
 * Stores the open differences of these regions (all: every covered region),
 * one row per region covered by the Data Hub, zeros included, and clears their
 * stale mark. In the caller's transaction: the import and the decision that
 * changed the differences commit them with their counts.
 */
export async function refreshDatahubCounts(db: Db, regions: DatahubRegions): Promise<void> {
  if (regions !== 'all' && regions.length === 0) return;
  // A national import reconciles millions of records at once: room to sort and hash in memory
  // (the default 4 MB spills to disk), for this transaction only.
  if (regions === 'all' || regions.length > 1000) await db.execute(sql`set local work_mem = '256MB'`);
  await db.execute(sql`delete from datahub_region_counts where ${regionsFilter(regions)}`);
  await db.execute(sql`
    insert into datahub_region_counts (region_id, open, clarify, oldest_imported_at)
    select c.region_id, coalesce(d.open, 0), coalesce(d.clarify, 0), d.oldest
    from (select distinct region_id from datahub_records where ${regionsFilter(regions)}) c
    left join (
      select region_id, count(*)::int as open, count(clarify_at)::int as clarify, min(imported_at) as oldest
      from (${differencesSql(regionsFilter(regions))}) f group by region_id
    ) d on d.region_id = c.region_id`);
}

/**
 * Marks the stored counts of these regions as stale after a status write (the
 * write path): the per-Kreis view computes them from the records until the
 * next import or decision stores them again. One index lookup per region,
 * instead of reconciling the region on every status write.
 */
export async function markDatahubCountsStale(db: Db, regions: DatahubRegions): Promise<void> {
  if (regions !== 'all' && regions.length === 0) return;
  await db.execute(
    sql`update datahub_region_counts set stale = true where not stale and ${regionsFilter(regions)}`,
  );
}

/**
 * The open differences per region as the per-Kreis view reads them: the
 * stored counts, and for the stale regions the count from the records, so
 * the figures equal the read-time query at any moment (tested). The stale
 * regions are looked up first: as a subquery in the reconciliation the
 * planner read every record before finding the set empty.
 */
export async function datahubCountsSql(db: Db): Promise<SQL> {
  const stale = (
    await queryRowsAs(
      db,
      z.object({ region_id: z.number().int() }),
      sql`select region_id from datahub_region_counts where stale`,
    )
  ).map((row) => row.region_id);
  const fresh = sql`select region_id, open, clarify, oldest_imported_at as oldest
    from datahub_region_counts where not stale`;
  if (stale.length === 0) return fresh;
  return sql`${fresh}
    union all
    select region_id, count(*)::int, count(clarify_at)::int, min(imported_at)
    from (${differencesSql(regionsFilter(stale))}) f
    group by region_id`;
}
