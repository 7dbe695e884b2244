import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../client';

const LEVELS = [0, 1, 2, 3, 4, 5, 6, 7];
const levelCounts = sql.raw(
  LEVELS.map((level) => `count(*) filter (where counted and level = ${level})::int as level${level}`).join(
    ', ',
  ),
);
const counts = sql.raw(
  ['counted', 'assessed', ...LEVELS.map((level) => `level${level}`), 'analog'].join(', '),
);

/**
 * Each status with the 2.0 assessment of the highest version it has, found
 * by a second route (a correlated subquery, not newestAssessmentSql's lateral
 * "order by limit 1").
 */
const statusFacts = sql`
  select st.region_id, s.themenfeld, (st.in_target and st.maturity_model = '1.1') as counted,
    a.level, coalesce(a.analog_processing, false) as analog
  from service_statuses st
  join ozg_services s on s.ozg_id = st.ozg_id
  left join maturity_assessments a on a.status_id = st.id and a.model_id = (
    select m.id from maturity_assessments a2 join maturity_models m on m.id = a2.model_id
    where a2.status_id = st.id and m.family = '2.0' order by m.version desc limit 1)`;

/**
 * The derived tables of Reifegradmodell 2.0 against a plain recomputation
 * (decision 020), for the property tests: the rollups against the statuses of
 * each administration; the totals of every current region against the
 * statuses of the administrations whose AGS starts with its own (the AGS
 * encodes the hierarchy, not the territory walk); and the grid: the 2.0 tables
 * have a row wherever the 1.1 tables have one, so a later delta finds it.
 * Returns the differing rows (none when all agree).
 */
export async function modelTotalsDifferences(db: Db): Promise<unknown[]> {
  return queryRows(
    db,
    sql`with facts as (${statusFacts}),
        rollup_truth as (
          select region_id, themenfeld, count(*) filter (where counted)::int as counted,
            count(*) filter (where counted and level is not null)::int as assessed, ${levelCounts},
            count(*) filter (where counted and analog)::int as analog
          from facts group by region_id, themenfeld
        ),
        rollup_stored as (
          select region_id, themenfeld, ${counts} from region_model_rollups where family = '2.0'
        ),
        admins as (
          select v.region_id, v.ags from region_versions v join regions r on r.id = v.region_id
          where v.valid_to is null
            and (r.level = 'gemeinde' or (r.level = 'kreis' and v.kind not in ('kreisfreie_stadt', 'stadtkreis')))
        ),
        below as (
          select x.region_id as ancestor_id, f.themenfeld, f.counted, f.level, f.analog
          from region_versions x
          join admins a on a.ags like x.ags || '%'
          join facts f on f.region_id = a.region_id and f.counted
          where x.valid_to is null
        ),
        total_truth as (
          select ancestor_id as region_id, themenfeld, count(*)::int as counted,
            count(*) filter (where level is not null)::int as assessed, ${levelCounts},
            count(*) filter (where analog)::int as analog
          from below group by grouping sets ((ancestor_id), (ancestor_id, themenfeld))
        ),
        total_stored as (
          select region_id, themenfeld, ${counts} from region_model_totals where family = '2.0' and counted > 0
        )
        select 'rollup' as kind, coalesce(t.region_id, s.region_id) as region_id, row_to_json(t) as truth,
          row_to_json(s) as stored
        from rollup_truth t full join rollup_stored s on s.region_id = t.region_id and s.themenfeld = t.themenfeld
        where (t.counted, t.assessed, t.level0, t.level1, t.level2, t.level3, t.level4, t.level5, t.level6,
            t.level7, t.analog)
          is distinct from (s.counted, s.assessed, s.level0, s.level1, s.level2, s.level3, s.level4, s.level5,
            s.level6, s.level7, s.analog)
        union all
        select 'total', coalesce(t.region_id, s.region_id), row_to_json(t), row_to_json(s)
        from total_truth t full join total_stored s
          on s.region_id = t.region_id and s.themenfeld is not distinct from t.themenfeld
        where (t.counted, t.assessed, t.level0, t.level1, t.level2, t.level3, t.level4, t.level5, t.level6,
            t.level7, t.analog)
          is distinct from (s.counted, s.assessed, s.level0, s.level1, s.level2, s.level3, s.level4, s.level5,
            s.level6, s.level7, s.analog)
        union all
        select 'rollup grid', coalesce(a.region_id, b.region_id), row_to_json(a), row_to_json(b)
        from (select region_id, themenfeld from region_rollups) a
        full join (select region_id, themenfeld from region_model_rollups where family = '2.0') b
          on a.region_id = b.region_id and a.themenfeld = b.themenfeld
        where a.region_id is null or b.region_id is null
        union all
        select 'totals grid', coalesce(a.region_id, b.region_id), row_to_json(a), row_to_json(b)
        from (select region_id, themenfeld from region_totals) a
        full join (select region_id, themenfeld from region_model_totals where family = '2.0') b
          on a.region_id = b.region_id and a.themenfeld is not distinct from b.themenfeld
        where a.region_id is null or b.region_id is null`,
  );
}

/** The rows of region_model_snapshots before today (German day, decision 010), in key order: what no write may change. */
export async function pastModelSnapshots(db: Db): Promise<unknown[]> {
  return queryRows(
    db,
    sql`select region_id, family, day::text as day, ${counts} from region_model_snapshots
        where day < (now() at time zone 'Europe/Berlin')::date order by region_id, family, day`,
  );
}

/**
 * The latest 2.0 snapshot (up to today) of every region against its 2.0 total
 * row (all Themenfelder): the course ends where today's figures stand. The
 * latest, not today's: a region whose totals did not move today keeps the row
 * of the day they last moved (and a test template may be from an earlier day).
 * Returns the differing rows.
 */
export async function modelSnapshotDifferences(db: Db): Promise<unknown[]> {
  return queryRows(
    db,
    sql`with t as (
          select region_id, ${counts} from region_model_totals where family = '2.0' and themenfeld is null),
        s as (
          select distinct on (region_id) region_id, ${counts} from region_model_snapshots
          where family = '2.0' and day <= (now() at time zone 'Europe/Berlin')::date
            and region_id in (select region_id from t)
          order by region_id, day desc)
        select coalesce(t.region_id, s.region_id) as region_id, row_to_json(t) as total, row_to_json(s) as snapshot
        from t full join s on s.region_id = t.region_id
        where (t.counted, t.assessed, t.level0, t.level1, t.level2, t.level3, t.level4, t.level5, t.level6,
            t.level7, t.analog)
          is distinct from (s.counted, s.assessed, s.level0, s.level1, s.level2, s.level3, s.level4, s.level5,
            s.level6, s.level7, s.analog)`,
  );
}
