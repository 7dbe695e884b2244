import { administrationsBelow, CURRENT, type Db, queryRows, validOn } from '@ozg/db';
import type { LinkResult, RegionLinks } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { findRegion, today } from './regions';

/** Enough for the workspace of a large city; a Land's full list is for an export, not this answer. */
const MAX_ITEMS = 500;

/** A link counts as broken when its last check failed (`refused` was never checked): on link_checks as lc. */
export const brokenLinkSql = sql`lc.result not in ('ok', 'refused')`;

const iso = (value: string | Date | null) => (value === null ? null : new Date(value).toISOString());

/** Link state of the target statuses of a region and every administration below it. */
export async function getRegionLinks({ db, key }: { db: Db; key: string }): Promise<RegionLinks> {
  const region = await findRegion(db, key, today());
  const broken = brokenLinkSql;
  const [summary] = await queryRows<{
    with_url: number;
    checked: number;
    broken: number;
    last_checked_at: string | Date | null;
  }>(
    db,
    sql`with recursive ${administrationsBelow([region.region_id], CURRENT)}
        select count(*)::int as with_url, count(lc.url)::int as checked,
          (count(*) filter (where ${broken}))::int as broken, max(lc.checked_at) as last_checked_at
        from administrations a
        join service_statuses st on st.region_id = a.region_id and st.in_target and st.url is not null
        left join link_checks lc on lc.url = st.url`,
  );
  const rows = await queryRows<{
    status_id: number;
    ozg_id: number;
    service_name: string;
    ags: string;
    region_name: string;
    url: string;
    result: LinkResult;
    http_status: number | null;
    checked_at: string | Date;
    last_success_at: string | Date | null;
    broken_since: string | Date | null;
  }>(
    db,
    sql`with recursive ${administrationsBelow([region.region_id], CURRENT)}
        select st.id as status_id, st.ozg_id, s.name as service_name, v.ags, v.name as region_name, st.url,
          lc.result, lc.http_status, lc.checked_at, lc.last_success_at, lc.broken_since
        from administrations a
        join service_statuses st on st.region_id = a.region_id and st.in_target
        join link_checks lc on lc.url = st.url and ${broken}
        join ozg_services s on s.ozg_id = st.ozg_id
        join region_versions v on v.region_id = st.region_id and ${validOn('v', CURRENT)}
        order by lc.broken_since asc nulls last, v.ags, st.ozg_id
        limit ${MAX_ITEMS}`,
  );
  return {
    withUrl: summary?.with_url ?? 0,
    checked: summary?.checked ?? 0,
    broken: summary?.broken ?? 0,
    lastCheckedAt: iso(summary?.last_checked_at ?? null),
    items: rows.map((row) => ({
      statusId: row.status_id,
      ozgId: row.ozg_id,
      serviceName: row.service_name,
      regionAgs: row.ags,
      regionName: row.region_name,
      url: row.url,
      link: {
        result: row.result,
        httpStatus: row.http_status,
        checkedAt: iso(row.checked_at) ?? '',
        lastSuccessAt: iso(row.last_success_at),
        brokenSince: iso(row.broken_since),
      },
    })),
  };
}
