import { type Db, queryRowsAs } from '@ozg/db';
import { REGION_KINDS, REGION_LEVELS, SEARCH_LIMIT, type SearchResult, THEMENFELDER } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';

const RegionHit = z.object({
  ags: z.string(),
  ars: z.string(),
  name: z.string(),
  level: z.enum(REGION_LEVELS),
  kind: z.enum(REGION_KINDS),
  parent_name: z.string().nullable(),
});
const ServiceHit = z.object({ ozg_id: z.number().int(), name: z.string(), themenfeld: z.enum(THEMENFELDER) });

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

/**
 * Finds regions of today's territory by name (any part), AGS or ARS (prefix of
 * the digits) and services by name or OZG-ID. The exact name comes first, then
 * names that start with the query, then the higher levels (Land before
 * Gemeinde), then by name.
 */
export async function search({ db, q }: { db: Db; q: string }): Promise<SearchResult> {
  const digits = /^\d+$/.test(q);
  const pattern = `%${escapeLike(q)}%`;
  const prefix = `${escapeLike(q)}%`;
  const regionMatch = digits
    ? sql`(v.ags like ${prefix} or v.ars like ${prefix})`
    : sql`v.name ilike ${pattern}`;
  const levelOrder = sql.raw(
    `case r.level ${REGION_LEVELS.map((level, index) => `when '${level}' then ${index}`).join(' ')} end`,
  );
  const regions = await queryRowsAs(
    db,
    RegionHit,
    sql`select v.ags, v.ars, v.name, r.level, v.kind, p.name as parent_name
        from region_versions v
        join regions r on r.id = v.region_id
        left join region_versions p on p.region_id = v.parent_region_id and p.valid_to is null
        where v.valid_to is null and ${regionMatch}
        order by lower(v.name) = lower(${q}) desc, v.name ilike ${prefix} desc, ${levelOrder}, v.name, v.ags
        limit ${SEARCH_LIMIT + 1}`,
  );
  const serviceMatch = digits
    ? sql`s.ozg_id::text like ${prefix}`
    : sql`(s.name ilike ${pattern} or s.lebenslage ilike ${pattern})`;
  const services = await queryRowsAs(
    db,
    ServiceHit,
    sql`select s.ozg_id, s.name, s.themenfeld from ozg_services s
        where s.active and ${serviceMatch}
        order by (s.name ilike ${prefix}) desc, s.name, s.ozg_id
        limit ${SEARCH_LIMIT + 1}`,
  );
  return {
    query: q,
    regions: regions.slice(0, SEARCH_LIMIT).map((row) => ({
      ags: row.ags,
      ars: row.ars,
      name: row.name,
      level: row.level,
      kind: row.kind,
      parentName: row.parent_name,
    })),
    services: services
      .slice(0, SEARCH_LIMIT)
      .map((row) => ({ ozgId: row.ozg_id, name: row.name, themenfeld: row.themenfeld })),
    more: { regions: regions.length > SEARCH_LIMIT, services: services.length > SEARCH_LIMIT },
  };
}
