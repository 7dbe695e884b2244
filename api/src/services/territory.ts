import { intArray } from '@ozg/db';
import { CITY_KREIS_KINDS } from '@ozg/shared';
import { type SQL, sql } from 'drizzle-orm';

/**
 * The CTEs `tree` and `administrations` for queries over the current territory:
 * every region below each root (root included), and among them the
 * administrations that carry statuses, each with the inhabitants it serves (a
 * Gemeinde its own, a Landkreis those of its Gemeinden). Start a query with
 * `with recursive ${administrationsBelow(ids)}, …`.
 */
export function administrationsBelow(rootIds: readonly number[]): SQL {
  const cityKinds = `{${CITY_KREIS_KINDS.join(',')}}`;
  return sql`tree(root_id, region_id, level, kind, population) as (
      select v.region_id, v.region_id, r.level, v.kind, v.population
      from region_versions v join regions r on r.id = v.region_id
      where v.region_id = any(${intArray(rootIds)}) and v.valid_to is null
      union all
      select t.root_id, v.region_id, r.level, v.kind, v.population
      from tree t
      join region_versions v on v.parent_region_id = t.region_id and v.valid_to is null
      join regions r on r.id = v.region_id
    ),
    administrations as (
      select t.root_id, t.region_id, t.level, t.kind,
        case when t.level = 'gemeinde' then coalesce(t.population, 0)::float8
             else (select coalesce(sum(c.population), 0)::float8 from region_versions c
                   where c.parent_region_id = t.region_id and c.valid_to is null) end as population
      from tree t
      where t.level = 'gemeinde' or (t.level = 'kreis' and not t.kind = any(${cityKinds}::region_kind[]))
    )`;
}
