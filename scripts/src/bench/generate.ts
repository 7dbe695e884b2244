import { readFileSync } from 'node:fs';
import { appendEventsSql, countedModel, type Database, queryRows, rebuildDerivedTables } from '@ozg/db';
import { insertDemoAssessments, insertDemoModelHistory } from '@ozg/db/demo';
import { importCatalog, importGv100 } from '@ozg/db/importers';
import { todayInGermany } from '@ozg/shared';
import { sql } from 'drizzle-orm';

export const OFFICIAL_DATA = new URL('../../../../shared/data/', import.meta.url);

const read = (name: string) => ({ text: readFileSync(new URL(name, OFFICIAL_DATA), 'utf8'), fileName: name });

/**
 * Loads the real GV100AD (all of Germany, or one Land) and the official
 * catalogue, which creates a status for every Gemeinde and municipally relevant
 * service (~5 million for Germany), then writes a plausible history: one
 * backdated step per status between 2021 and 2025, and a final state today.
 * Three events per status in all. Then the demo's criteria answers by both
 * maturity models (one in eight administrations, every level) and its course
 * by Reifegradmodell 2.0 since July 2025, so the 2.0 reads measure real rows.
 */
export async function generate(database: Database, options: { land?: string; log: (line: string) => void }) {
  const started = Date.now();
  const gv100 = read('GV100AD_301123.txt');
  await importGv100({ database, ...gv100, ...(options.land ? { land: options.land } : {}) });
  options.log(`  Gebiete importiert (${seconds(started)} s)`);
  await importCatalog({ database, ozg: read('ozg-leistungen.csv'), leika: read('leika-leistungen.csv') });
  options.log(`  Katalog importiert, Status angelegt (${seconds(started)} s)`);

  const { db } = database;
  // Each Gemeinde gets a pace (0..1), each status a backdated intermediate step and a final level.
  await db.execute(sql`create temporary table pace as
    select region_id, random() as pace from (select distinct region_id from service_statuses) r`);
  await db.execute(sql`create temporary table plan as
    select st.id, st.region_id, st.ozg_id,
      least(4, greatest(0, floor(p.pace * 4.2 + random() * 1.6)))::smallint as final_level,
      timestamp '2021-01-15' + random() * interval '1400 days' as step_at
    from service_statuses st join pace p using (region_id)`);
  options.log(`  Verlauf geplant (${seconds(started)} s)`);
  const planned = {
    statusId: sql`id`,
    regionId: sql`region_id`,
    ozgId: sql`ozg_id`,
    source: sql`'seed'`,
    maturityModel: countedModel,
    inTarget: sql`true`,
  };
  await db.execute(
    appendEventsSql(
      {
        ...planned,
        occurredAt: sql`step_at`,
        before: sql`'{"maturityLevel": 0}'::jsonb`,
        after: sql`jsonb_build_object('maturityLevel', greatest(final_level - 1, 0))`,
        maturityLevel: sql`greatest(final_level - 1, 0)`,
      },
      sql`plan`,
    ),
  );
  options.log(`  Ereignisse der Vergangenheit geschrieben (${seconds(started)} s)`);
  await db.execute(sql`
    update service_statuses st set maturity_level = p.final_level,
      online_since = case when p.final_level >= 3 then (p.step_at + interval '200 days')::date end,
      workflow_state = case when p.final_level >= 3 then 'online'::workflow_state else 'in_progress'::workflow_state end,
      version = st.version + 1
    from plan p where p.id = st.id`);
  await db.execute(
    appendEventsSql(
      {
        ...planned,
        before: sql`'{}'::jsonb`,
        after: sql`jsonb_build_object('maturityLevel', final_level, 'onlineSince', case when final_level >= 3 then (step_at + interval '200 days')::date end)`,
        maturityLevel: sql`final_level`,
      },
      sql`plan`,
    ),
  );
  options.log(`  Endstand geschrieben (${seconds(started)} s)`);
  await insertDemoAssessments(db, null, { regionsPerStep: 200, everyNth: 8 });
  await insertDemoModelHistory(db, todayInGermany());
  options.log(`  Bewertungen nach Reifegradmodell 1.1 und 2.0 geschrieben (${seconds(started)} s)`);
  await db.execute(sql`select 1`); // keeps the order of log lines honest on slow machines
  // The history is backdated: every derived table comes from the statuses and events.
  await rebuildDerivedTables(db);
  options.log(`  Rollups, Summen und Tagesstände neu berechnet (${seconds(started)} s)`);
  await db.execute(sql`analyze`);
  const [counts] = await queryRows<{ gemeinden: number; statuses: number; events: number; assessed: number }>(
    db,
    sql`select (select count(*) from regions where level = 'gemeinde')::int as gemeinden,
               (select count(*) from service_statuses)::int as statuses,
               (select count(*) from status_events)::int as events,
               (select count(*) from maturity_assessments a join maturity_models m on m.id = a.model_id
                 where m.family = '2.0' and a.level is not null)::int as assessed`,
  );
  return {
    ...(counts as { gemeinden: number; statuses: number; events: number; assessed: number }),
    seconds: seconds(started),
  };
}

const seconds = (since: number) => Math.round((Date.now() - since) / 100) / 10;
