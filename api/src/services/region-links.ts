import {
  administrationsBelow,
  CURRENT,
  type Db,
  isoTimestampSql,
  queryRowsAs,
  textArray,
  validOn,
} from '@ozg/db';
import { LINK_RESULTS, type LinkState, NOT_BROKEN_LINK_RESULTS, type RegionLinks } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { findRegion, today } from './regions';

/** Enough for the workspace of a large city; a Land's full list is for an export, not this answer. */
const MAX_ITEMS = 500;

/** isBrokenLink in SQL, on link_checks as lc (the results are fixed identifiers, not user input). */
export const brokenLinkSql = sql.raw(
  `lc.result not in (${NOT_BROKEN_LINK_RESULTS.map((result) => `'${result}'`).join(', ')})`,
);

const LinkSummaryRow = z.object({
  with_url: z.number().int(),
  checked: z.number().int(),
  broken: z.number().int(),
  last_checked_at: z.string().nullable(),
});

/** The columns of a link check (link_checks as lc) that make its LinkState, read with LinkStateRow. */
const linkStateColumns = sql`lc.url, lc.result::text as result, lc.http_status, ${isoTimestampSql('lc.checked_at')} as checked_at,
  ${isoTimestampSql('lc.last_success_at')} as last_success_at, ${isoTimestampSql('lc.broken_since')} as broken_since`;

const LinkStateRow = z.object({
  url: z.string(),
  result: z.enum(LINK_RESULTS),
  http_status: z.number().int().nullable(),
  checked_at: z.string(),
  last_success_at: z.string().nullable(),
  broken_since: z.string().nullable(),
});

const toLinkState = (row: z.infer<typeof LinkStateRow>): LinkState => ({
  result: row.result,
  httpStatus: row.http_status,
  checkedAt: row.checked_at,
  lastSuccessAt: row.last_success_at,
  brokenSince: row.broken_since,
});

/** The last check of each URL (one query for a page of statuses; a URL shared by statuses is checked once). */
export async function linkStatesOf(db: Db, urls: string[]): Promise<Map<string, LinkState>> {
  if (urls.length === 0) return new Map();
  const rows = await queryRowsAs(
    db,
    LinkStateRow,
    sql`select ${linkStateColumns} from link_checks lc where lc.url = any(${textArray([...new Set(urls)])})`,
  );
  return new Map(rows.map((row) => [row.url, toLinkState(row)]));
}

/** Link state of the target statuses of a region and every administration below it. */
export async function getRegionLinks({ db, key }: { db: Db; key: string }): Promise<RegionLinks> {
  const region = await findRegion(db, key, today());
  const broken = brokenLinkSql;
  const [summary] = await queryRowsAs(
    db,
    LinkSummaryRow,
    sql`with recursive ${administrationsBelow([region.region_id], CURRENT)}
        select count(*)::int as with_url, count(lc.url)::int as checked,
          (count(*) filter (where ${broken}))::int as broken, ${isoTimestampSql(sql`max(lc.checked_at)`)} as last_checked_at
        from administrations a
        join service_statuses st on st.region_id = a.region_id and st.in_target and st.url is not null
        left join link_checks lc on lc.url = st.url`,
  );
  const rows = await queryRowsAs(
    db,
    LinkStateRow.extend({
      status_id: z.number().int(),
      ozg_id: z.number().int(),
      service_name: z.string(),
      ags: z.string(),
      region_name: z.string(),
    }),
    sql`with recursive ${administrationsBelow([region.region_id], CURRENT)}
        select st.id as status_id, st.ozg_id, s.name as service_name, v.ags, v.name as region_name,
          ${linkStateColumns}
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
    lastCheckedAt: summary?.last_checked_at ?? null,
    items: rows.map((row) => ({
      statusId: row.status_id,
      ozgId: row.ozg_id,
      serviceName: row.service_name,
      regionAgs: row.ags,
      regionName: row.region_name,
      url: row.url,
      link: toLinkState(row),
    })),
  };
}
