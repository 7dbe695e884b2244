import type { ChangeSourceKind, DatasetKind } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, intArray, queryRowsAs } from './client';
import { appendEventsSql, CURRENT, carriesStatusesSql, isCityKreisSql, stateOf, validOn } from './domain-sql';
import { applyStatusChanges } from './write-path';

/**
 * Executing levels for services that have none yet, after a catalogue import:
 * municipally relevant ones (LeiKa-Typ 2, 3, 2/3, 4 or 5) go to the Gemeinde level,
 * the rest to the Bund. The ministry then moves Kreis tasks (Kfz-Zulassung,
 * Bauaufsicht, …) to the Kreis level, one by one or by CSV.
 */
export async function applyDefaultExecutingLevels(db: Db): Promise<number> {
  const rows = await queryRowsAs(
    db,
    z.object({ ozg_id: z.number().int() }),
    sql`update ozg_services
        set executing_level = case when municipally_relevant then 'gemeinde'::executing_level else 'bund'::executing_level end,
            updated_at = now()
        where executing_level is null
        returning ozg_id`,
  );
  return rows.length;
}

export type TargetSetSync = { created: number; changed: number; regionIds: number[] };

/**
 * Brings the statuses in line with the target sets on the current territory:
 * a status is created (Reifegrad 0) for every service a region must offer and
 * does not have yet, and `in_target` follows the executing level, the region's
 * kind and its exceptions. Nothing is deleted; every change appends an event,
 * and the rollups of the affected regions are rebuilt in the same transaction
 * (the write path, write-path.ts).
 *
 * This is the set-based form of `appliesByDefault` in @ozg/shared (one
 * statement for ~6 million region/service pairs at national scale); a test
 * checks that both agree.
 */
export async function syncTargetSets(
  db: Db,
  options: {
    regionIds?: readonly number[];
    ozgIds?: readonly number[];
    actorUserId?: number | null;
    source: ChangeSourceKind;
    /**
     * The changes of these regions take effect on an earlier day (a territory
     * change on the file's Stichtag): their events carry it as effective_on.
     */
    effective?: { on: string; regionIds: readonly number[] };
    /** Rebuild every rollup, not only the synced ones (a catalogue import may move services between Themenfelder). */
    rebuildAllRollups?: boolean;
    /** What the database holds afterwards (an official import). */
    dataset?: DatasetKind;
  },
): Promise<TargetSetSync> {
  const regionFilter = options.regionIds ? sql`and v.region_id = any(${intArray(options.regionIds)})` : sql``;
  const serviceFilter = options.ozgIds ? sql`where ozg_id = any(${intArray(options.ozgIds)})` : sql``;
  const effectiveOn = options.effective
    ? sql`case when region_id = any(${intArray(options.effective.regionIds)}) then ${options.effective.on}::date end`
    : sql`null::date`;
  const eventContext = {
    actorUserId: sql`${options.actorUserId ?? null}`,
    source: sql`${options.source}`,
    effectiveOn,
  };
  let regionIds: number[] = [];
  const [result] = await applyStatusChanges<{
    created: number;
    changed: number;
    region_ids: number[] | null;
  }>(db, {
    statement: sql`
    with administrations as (
      select v.region_id, r.level, v.kind
      from region_versions v join regions r on r.id = v.region_id
      where ${validOn('v', CURRENT)} and ${carriesStatusesSql(sql`r.level`, 'v')}
        ${regionFilter}
    ),
    services as (select ozg_id, executing_level, active from ozg_services ${serviceFilter}),
    desired as (
      select a.region_id, s.ozg_id,
        s.active and coalesce(e.applies,
          case s.executing_level
            when 'gemeinde' then a.level = 'gemeinde'
            when 'kreis' then a.level = 'kreis' or ${isCityKreisSql('a')}
            else false
          end) as applies
      from administrations a
      cross join services s
      left join applicability_exceptions e on e.region_id = a.region_id and e.ozg_id = s.ozg_id
    ),
    created as (
      insert into service_statuses (region_id, ozg_id, in_target)
      select d.region_id, d.ozg_id, true
      from desired d
      left join service_statuses st on st.region_id = d.region_id and st.ozg_id = d.ozg_id
      where d.applies and st.id is null
      returning id, region_id, ozg_id, maturity_level, maturity_model, in_target
    ),
    changed as (
      update service_statuses st
      set in_target = d.applies, version = st.version + 1, updated_at = now(), updated_by = ${options.actorUserId ?? null}
      from desired d
      where st.region_id = d.region_id and st.ozg_id = d.ozg_id and st.in_target <> d.applies
      returning st.id, st.region_id, st.ozg_id, st.in_target, st.maturity_level, st.maturity_model
    ),
    created_events as (
      ${appendEventsSql(
        {
          ...stateOf('created'),
          ...eventContext,
          before: sql`'{}'::jsonb`,
          after: sql`jsonb_build_object('inTarget', true, 'maturityLevel', maturity_level)`,
        },
        sql`created`,
      )}
    ),
    -- Statuses of regions that no longer carry statuses (closed, or a Landkreis turned into a city)
    -- leave their target sets; only in a run over all regions, which knows every administration.
    retired as (
      update service_statuses st
      set in_target = false, version = st.version + 1, updated_at = now(), updated_by = ${options.actorUserId ?? null}
      where ${options.regionIds ? sql`false` : sql`true`} and st.in_target
        and st.ozg_id in (select ozg_id from services)
        and not exists (select 1 from administrations a where a.region_id = st.region_id)
      returning st.id, st.region_id, st.ozg_id, st.in_target, st.maturity_level, st.maturity_model
    ),
    changed_events as (
      ${appendEventsSql(
        {
          ...stateOf('c'),
          ...eventContext,
          before: sql`jsonb_build_object('inTarget', not in_target)`,
          after: sql`jsonb_build_object('inTarget', in_target)`,
        },
        sql`(select * from changed union all select * from retired) c`,
      )}
    )
    select (select count(*) from created)::int as created,
           (select count(*) from changed)::int + (select count(*) from retired)::int as changed,
           (select array_agg(distinct region_id) from (
              select region_id from created union select region_id from changed union select region_id from retired) x) as region_ids`,
    derived: ([row]) => {
      regionIds = row?.region_ids ?? [];
      return options.rebuildAllRollups ? { rollupsOf: 'all' } : { rollupsOf: regionIds };
    },
    ...(options.dataset ? { dataset: options.dataset } : {}),
  });
  return { created: result?.created ?? 0, changed: result?.changed ?? 0, regionIds };
}
