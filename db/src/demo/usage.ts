import { sql } from 'drizzle-orm';
import { type Db, queryRows } from '../client';
import { countedStatus } from '../domain-sql';

/*
 * Invented usage figures for the demo (decision 022), in one statement: for
 * three of four Gemeinden and every third Gemeinde-level service, monthly
 * applications over the last 24 months, proportional to the inhabitants, with
 * a season (spring high, winter low), rising over the first year online, none
 * before "online seit". Every eleventh Gemeinde × service is barely used
 * (a tenth), so both flags occur: the online-but-barely-used one and the
 * offline neighbours of busy peers. Arithmetic on the ids keeps it
 * deterministic on PGlite and PostgreSQL alike.
 */

const figuresSql = (today: string) => sql`
  with months as (
    select m::date as month
    from generate_series(date_trunc('month', ${today}::date) - interval '24 months',
                         date_trunc('month', ${today}::date) - interval '1 month', interval '1 month') m
  ),
  cells as (
    select v.region_id, s.ozg_id, coalesce(v.population, 0)::float8 as pop, s.online_since,
      (1 + s.ozg_id % 7) * 0.4 as base,
      case when (v.region_id * 7919 + s.ozg_id) % 11 = 0 then 0.1 else 1 end as uptake
    from region_versions v
    join regions r on r.id = v.region_id and r.level = 'gemeinde' and r.origin = 'demo'
    join service_statuses s on s.region_id = v.region_id and ${countedStatus('s')}
    join ozg_services o on o.ozg_id = s.ozg_id and o.executing_level = 'gemeinde'
    where v.valid_to is null and v.region_id % 4 <> 0 and s.ozg_id % 3 = 0
      and s.maturity_level >= 3 and s.online_since is not null
  )
  select c.region_id, c.ozg_id, m.month,
    round(c.pop / 1000 * c.base * c.uptake
      * (1 + 0.25 * sin(2 * pi() * (extract(month from m.month) - 1) / 12))
      * least(1, 0.2 + (m.month - c.online_since)::float8 / 365)
      * (0.85 + ((c.region_id * 31 + extract(month from m.month)::int * 17) % 30)::float8 / 100))::int as applications
  from cells c join months m on m.month >= date_trunc('month', c.online_since)`;

/** Writes the demo's usage figures, recorded as one import; returns how many rows. */
export async function insertDemoUsage(db: Db, today: string): Promise<number> {
  const [recorded] = await queryRows<{ id: number }>(
    db,
    sql`insert into usage_imports (file_name, source, rows, first_month, last_month)
        values ('Demo-Nutzungszahlen', 'demo', 0,
          (date_trunc('month', ${today}::date) - interval '24 months')::date,
          (date_trunc('month', ${today}::date) - interval '1 month')::date)
        returning id`,
  );
  const [written] = await queryRows<{ n: number }>(
    db,
    sql`with inserted as (
          insert into usage_figures (region_id, ozg_id, month, applications, completed, abandoned, import_id)
          select region_id, ozg_id, month, applications,
            (applications * 0.9)::int, applications - (applications * 0.9)::int, ${recorded?.id}
          from (${figuresSql(today)}) f
          returning 1
        )
        select count(*)::int as n from inserted`,
  );
  await db.execute(sql`update usage_imports set rows = ${written?.n ?? 0} where id = ${recorded?.id}`);
  return written?.n ?? 0;
}

/** The demo's figures as an upload file (AGS;OZG-ID;Monat;Anträge), so the upload can be tried. */
export async function demoUsageCsv(db: Db, today: string): Promise<string> {
  const rows = await queryRows<{ ags: string; ozg_id: number; month: string; applications: number }>(
    db,
    sql`select v.ags, f.ozg_id, to_char(f.month, 'YYYY-MM') as month, f.applications
        from (${figuresSql(today)}) f
        join region_versions v on v.region_id = f.region_id and v.valid_to is null
        order by v.ags, f.ozg_id, f.month`,
  );
  return `AGS;OZG-ID;Monat;Anträge\n${rows.map((r) => `${r.ags};${r.ozg_id};${r.month};${r.applications}`).join('\n')}\n`;
}
