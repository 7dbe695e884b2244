import { CITY_KREIS_KINDS, type MaturityModel } from '@ozg/shared';
import { type SQL, sql } from 'drizzle-orm';
import { intArray } from './client';

/*
 * The domain rules that SQL needs, each named once (decision 013). Services,
 * importers and the derived tables build their queries from these fragments,
 * so that a rule changes in one place: a second maturity model in the counts,
 * a new kind of city, another notion of validity.
 *
 * Aliases are trusted identifiers written in code (never user input): they
 * are inlined with sql.raw.
 */

const raw = (alias: string) => sql.raw(alias);

/**
 * The maturity model whose levels the rollups, totals, snapshots and as-of
 * figures count (decision 004: Reifegradmodell 1.1; "OZG-konform = 1.1 level
 * >= 3" stays the 2022 deadline view). Reifegradmodell 2.0 becomes a
 * parameter here and nowhere else.
 */
export const COUNTED_MATURITY_MODEL: MaturityModel = '1.1';

/** A counted status in TypeScript: in the target set, of the counted model. */
export function isCountedStatus(status: { inTarget: boolean; maturityModel: MaturityModel }): boolean {
  return status.inTarget && status.maturityModel === COUNTED_MATURITY_MODEL;
}

/**
 * A counted status in SQL, for a row of service_statuses or status_events
 * (both carry in_target and maturity_model).
 */
export function countedStatus(alias: string): SQL {
  const a = raw(alias);
  return sql`(${a}.in_target and ${a}.maturity_model = ${sql.raw(`'${COUNTED_MATURITY_MODEL}'`)})`;
}

/**
 * The family whose figures beside the counted model have derived tables
 * (region_model_rollups, region_model_totals; decision 020).
 */
export const DERIVED_MODEL_FAMILY = '2.0' satisfies MaturityModel;

/**
 * The assessment a status counts with in a family (decision 019: the newest
 * version it has an assessment of): a subquery for `left join lateral … on
 * true`, giving `level` (null: incomplete) and `analog_processing`. One
 * primary-key lookup per status.
 */
export function newestAssessmentSql(statusAlias: string, family: MaturityModel = DERIVED_MODEL_FAMILY): SQL {
  return sql`(select a.level, a.analog_processing
      from maturity_assessments a
      join maturity_models m on m.id = a.model_id and m.family = ${sql.raw(`'${family}'`)}
      where a.status_id = ${raw(statusAlias)}.id order by m.version desc limit 1)`;
}

/** The maturity model of counted statuses as an SQL literal (events written by the importers). */
export const countedModel: SQL = sql.raw(`'${COUNTED_MATURITY_MODEL}'::maturity_model`);

const CITY_KINDS = sql.raw(`'{${CITY_KREIS_KINDS.join(',')}}'::region_kind[]`);

/** A Kreis version that is a single city (kreisfreie Stadt, Stadtkreis): its Gemeinde record carries the statuses. */
export function isCityKreisSql(versionAlias: string): SQL {
  return sql`${raw(versionAlias)}.kind = any(${CITY_KINDS})`;
}

/**
 * A region that carries statuses (an administration): a Gemeinde, or a Kreis
 * that is not a single city. The same rule as `carriesStatuses` in shared.
 */
export function carriesStatusesSql(level: SQL, versionAlias: string): SQL {
  return sql`(${level} = 'gemeinde' or (${level} = 'kreis' and not ${isCityKreisSql(versionAlias)}))`;
}

/** Where region versions are valid: today's territory, or that of a day (a date expression). */
export type Validity = { current: true } | { day: SQL };

/** The territory of a day given as an ISO date. */
export const onDay = (day: string): Validity => ({ day: sql`${day}::date` });
export const CURRENT: Validity = { current: true };

/** The region version valid on the day: valid_from <= day < valid_to (open-ended when valid_to is null). */
export function validOn(alias: string, validity: Validity): SQL {
  const a = raw(alias);
  return 'current' in validity
    ? sql`${a}.valid_to is null`
    : sql`${a}.valid_from <= ${validity.day} and (${a}.valid_to is null or ${a}.valid_to > ${validity.day})`;
}

/**
 * The inhabitants an administration serves: a Gemeinde its own, a Landkreis
 * those of its Gemeinden (valid on the same day).
 */
function servedPopulation(level: SQL, versionAlias: string, validity: Validity): SQL {
  const v = raw(versionAlias);
  return sql`case when ${level} = 'gemeinde' then coalesce(${v}.population, 0)::bigint
    else (select coalesce(sum(c.population), 0)::bigint from region_versions c
          where c.parent_region_id = ${v}.region_id and ${validOn('c', validity)}) end`;
}

/**
 * The CTEs `tree` and `administrations(root_id, region_id, level, kind,
 * population)` for queries over the territory of a day (or today's): every
 * region below each root (the root included), walked down the parent links
 * valid that day, and among them the administrations that carry statuses,
 * with the inhabitants each serves. Start the query with
 * `with recursive ${administrationsBelow(ids, validity)}, …`.
 */
export function administrationsBelow(rootIds: readonly number[], validity: Validity): SQL {
  return sql`tree(root_id, region_id, level, kind, population) as (
      select v.region_id, v.region_id, r.level, v.kind, v.population
      from region_versions v join regions r on r.id = v.region_id
      where v.region_id = any(${intArray(rootIds)}) and ${validOn('v', validity)}
      union all
      select t.root_id, v.region_id, r.level, v.kind, v.population
      from tree t
      join region_versions v on v.parent_region_id = t.region_id and ${validOn('v', validity)}
      join regions r on r.id = v.region_id
    ),
    administrations as (
      select t.root_id, t.region_id, t.level, t.kind,
        (${servedPopulation(sql`t.level`, 't', validity)})::float8 as population
      from tree t
      where ${carriesStatusesSql(sql`t.level`, 't')}
    )`;
}

/**
 * CTE `links(admin_id, population, ancestor_id)`: every administration of the
 * territory (today's or of a day) once for itself and once for each ancestor,
 * with the inhabitants it serves. The upward form of administrationsBelow,
 * for the derived tables: a filter on admin_id reaches the first join, so one
 * edit reads only its administration's ancestors.
 */
export function administrationLinks(validity: Validity): SQL {
  return sql`links as (
    select v0.region_id as admin_id, ${servedPopulation(sql`r.level`, 'v0', validity)} as population, x.ancestor_id
    from region_versions v0
    join regions r on r.id = v0.region_id
    left join region_versions v1 on v1.region_id = v0.parent_region_id and ${validOn('v1', validity)}
    left join region_versions v2 on v2.region_id = v1.parent_region_id and ${validOn('v2', validity)}
    left join region_versions v3 on v3.region_id = v2.parent_region_id and ${validOn('v3', validity)}
    cross join lateral (values (v0.region_id), (v1.region_id), (v2.region_id), (v3.region_id)) x(ancestor_id)
    where ${validOn('v0', validity)} and x.ancestor_id is not null and ${carriesStatusesSql(sql`r.level`, 'v0')}
  )`;
}

/**
 * The values of a status event, by column. The state columns are those of the
 * status after the change (`stateOf`). Columns left out take their defaults:
 * no actor, no change set, effective from the recording, recorded now.
 */
export type EventValues = {
  statusId: SQL;
  regionId: SQL;
  ozgId: SQL;
  source: SQL;
  before: SQL;
  after: SQL;
  maturityLevel: SQL;
  maturityModel: SQL;
  inTarget: SQL;
  actorUserId?: SQL;
  changeSetId?: SQL;
  effectiveOn?: SQL;
  occurredAt?: SQL;
};

const EVENT_COLUMNS = {
  statusId: 'status_id',
  regionId: 'region_id',
  ozgId: 'ozg_id',
  source: 'source',
  before: 'before',
  after: 'after',
  maturityLevel: 'maturity_level',
  maturityModel: 'maturity_model',
  inTarget: 'in_target',
  actorUserId: 'actor_user_id',
  changeSetId: 'change_set_id',
  effectiveOn: 'effective_on',
  occurredAt: 'occurred_at',
} as const satisfies Record<keyof EventValues, string>;

/** The state an event records from a row of service_statuses (or of a returning clause with the same columns). */
export function stateOf(
  alias: string,
): Pick<EventValues, 'statusId' | 'regionId' | 'ozgId' | 'maturityLevel' | 'maturityModel' | 'inTarget'> {
  const a = raw(alias);
  return {
    statusId: sql`${a}.id`,
    regionId: sql`${a}.region_id`,
    ozgId: sql`${a}.ozg_id`,
    maturityLevel: sql`${a}.maturity_level`,
    maturityModel: sql`${a}.maturity_model`,
    inTarget: sql`${a}.in_target`,
  };
}

/** The field a confirmation event names (decision 025): it changes nothing but when the record was vouched for. */
export const CONFIRMATION_FIELD = 'confirmedAt';

/**
 * A confirmation event ("Bestätigen"): its before/after name only
 * confirmedAt. It changes no field, so an undo or a field's provenance
 * looks past it.
 */
export function isConfirmationEvent(alias: string): SQL {
  const a = raw(alias);
  return sql`(${a}.after ? ${CONFIRMATION_FIELD} and ${a}.after - ${CONFIRMATION_FIELD} = '{}'::jsonb)`;
}

/**
 * A status not confirmed for more than `days` German calendar days (decisions
 * 010 and 025), or never: confirmed before the start of the German day `days`
 * days before `now`. Written as a range on confirmed_at, so an index can serve it.
 */
export function staleConfirmationSql(alias: string, days: number, now: SQL = sql`now()`): SQL {
  const a = raw(alias);
  const cutoff = sql`(((${now} at time zone 'Europe/Berlin')::date - ${days}::int)::timestamp at time zone 'Europe/Berlin')`;
  return sql`(${a}.confirmed_at is null or ${a}.confirmed_at < ${cutoff})`;
}

/**
 * Appends status events (append-only, decision 005): `insert into
 * status_events (…) select <values> from <from>`. A statement, or the body
 * of a data-modifying CTE. Only the write path (write-path.ts) runs it.
 */
export function appendEventsSql(values: EventValues, from: SQL): SQL {
  const entries = (Object.keys(EVENT_COLUMNS) as (keyof EventValues)[]).flatMap((key) => {
    const value = values[key];
    return value ? [[EVENT_COLUMNS[key], value] as const] : [];
  });
  return sql`insert into status_events (${sql.raw(entries.map(([column]) => column).join(', '))})
    select ${sql.join(
      entries.map(([, value]) => value),
      sql`, `,
    )} from ${from}`;
}

/**
 * The median of a histogram of days late (jsonb: days → count), in SQL: the
 * same value as medianOfHistogram in @ozg/shared (the two middle values
 * averaged when the count is even; null when empty). Computed where the
 * histogram lies, so a read does not ship and JSON-parse ~900 keys per row.
 */
export function medianOfHistogramSql(histogram: SQL): SQL {
  return sql`(select ((min(h.days) filter (where h.seen >= (h.total + 1) / 2))
                     + (min(h.days) filter (where h.seen >= (h.total + 2) / 2)))::float8 / 2
      from (select b.key::int as days,
              (sum(b.value::int) over (order by b.key::int))::bigint as seen,
              -- bigint, not sum's numeric: the halves below are integer divisions as in medianOfHistogram.
              (sum(b.value::int) over ())::bigint as total
            from jsonb_each_text(${histogram}) b where b.value::int > 0) h)`;
}
