import { earliestHeldOn, todayInGermany } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../client';
import { ImportRefusedError } from '../importers/errors';
import { importGv100 } from '../importers/gv100';
import { readDataset } from '../instance';
import { verifyPassword } from '../passwords';
import {
  createDemoTestDatabase,
  createTestDatabase,
  DEMO_TODAY,
  gv100Line,
  modelTotalsDifferences,
  sampleGv100,
} from '../testing/index';
import { DEMO_USERS, seedDemo } from './seed';

let database: Database;
afterEach(async () => {
  await database.close();
});
/** A migrated, empty database: for the tests that watch the seed itself. */
const empty = async () => {
  database = await createTestDatabase();
};
/**
 * A copy of the run's demo template, seeded by this very `seedDemo` for DEMO_TODAY: for the tests that
 * read what a seed leaves behind, so that they do not generate the same demo again (about 8 s each).
 */
const seeded = async () => {
  database = await createDemoTestDatabase();
};

const one = async <T>(query: ReturnType<typeof sql>) => (await queryRows<T>(database.db, query))[0] as T;

// A seed of Hessen costs about 26 s of CPU (29 s with the 2.0 tables): more than the default 30 s once the
// machine is shared, so these tests get the time of the other import tests.
describe('demo seed', { timeout: 120_000 }, () => {
  it('builds Hessen with its real Bezirke and Kreise, invented Gemeinden and a consistent history', async () => {
    await empty();
    const result = await seedDemo({ database, today: DEMO_TODAY });
    expect(result.status).toBe('seeded');
    expect(await readDataset(database.db)).toBe('demo');
    const counts = await one<{ bezirke: number; kreise: number; kreisfrei: number; gemeinden: number }>(sql`
      select count(*) filter (where r.level = 'bezirk')::int as bezirke,
             count(*) filter (where r.level = 'kreis')::int as kreise,
             count(*) filter (where r.level = 'kreis' and v.kind = 'kreisfreie_stadt')::int as kreisfrei,
             count(*) filter (where r.level = 'gemeinde')::int as gemeinden
      from regions r join region_versions v on v.region_id = r.id and v.valid_to is null`);
    expect(counts).toMatchObject({ bezirke: 3, kreise: 26, kreisfrei: 5 });
    expect(counts.gemeinden).toBeGreaterThan(21 * 7);

    // Each status equals the state after its latest event.
    const mismatches = await one<{ count: number }>(sql`
      select count(*)::int as count from service_statuses s
      join lateral (select e.maturity_level from status_events e where e.status_id = s.id
                    order by e.occurred_at desc, e.id desc limit 1) last on true
      where last.maturity_level <> s.maturity_level`);
    expect(mismatches.count).toBe(0);

    // Rollups equal a plain count over the statuses.
    const rollupDiff = await one<{ count: number }>(sql`
      select count(*)::int as count from (
        select st.region_id, s.themenfeld, count(*)::int as n, count(*) filter (where maturity_level >= 3)::int as konform,
          count(*) filter (where maturity_level >= 3 and online_since <= '2022-12-31')::int as by_deadline
        from service_statuses st join ozg_services s using (ozg_id) where in_target group by st.region_id, s.themenfeld) s
      full join region_rollups r using (region_id, themenfeld)
      where r.region_id is null or s.region_id is null or r.target_count <> s.n or r.level3 + r.level4 <> s.konform
        or r.online_by_deadline <> s.by_deadline`);
    expect(rollupDiff.count).toBe(0);

    // Progress spans the deadline: some services were online before it, some came later, some are missing.
    const timing = await one<{ before: number; after: number; missing: number }>(sql`
      select count(*) filter (where online_since <= '2022-12-31')::int as before,
             count(*) filter (where online_since > '2022-12-31')::int as after,
             count(*) filter (where online_since is null)::int as missing
      from service_statuses`);
    expect(timing.before).toBeGreaterThan(0);
    expect(timing.after).toBeGreaterThan(0);
    expect(timing.missing).toBeGreaterThan(0);

    // Consultations were requested before they were scheduled, and held on or after both (the API's rule).
    const consultations = await queryRows<{
      state: string;
      requestedAt: string;
      scheduledFor: string | null;
      heldOn: string | null;
    }>(
      database.db,
      sql`select state::text, requested_at::text as "requestedAt", scheduled_for::text as "scheduledFor",
            held_on::text as "heldOn" from consultations`,
    );
    expect(consultations.filter((c) => c.state === 'held').length).toBeGreaterThan(10);
    for (const consultation of consultations) {
      const requested = todayInGermany(new Date(consultation.requestedAt));
      expect(requested <= DEMO_TODAY).toBe(true);
      if (consultation.scheduledFor) expect(consultation.scheduledFor >= requested).toBe(true);
      if (consultation.heldOn) expect(consultation.heldOn >= earliestHeldOn(consultation).day).toBe(true);
    }

    // Kreisfreie Städte carry statuses only on their Gemeinde record.
    const cityKreisStatuses = await one<{ count: number }>(sql`
      select count(*)::int as count from service_statuses s
      join region_versions v on v.region_id = s.region_id and v.valid_to is null
      join regions r on r.id = s.region_id
      where r.level = 'kreis' and v.kind = 'kreisfreie_stadt'`);
    expect(cityKreisStatuses.count).toBe(0);

    const admin = await one<{ password_hash: string }>(
      sql`select password_hash from users where email = 'admin@demo.example'`,
    );
    expect(await verifyPassword(admin.password_hash, DEMO_USERS[0].password)).toBe(true);
    expect(await verifyPassword(admin.password_hash, 'falsch')).toBe(false);
  });

  it('rises like a real rollout: up at every year end from 2021 to today, still moving in the last 12 months', async () => {
    const today = '2026-12-02';
    await empty();
    await seedDemo({ database, today });
    // The Land's OZG-konform share on a day: the latest event of every status up to that day (a replay).
    const shareOn = async (day: string) =>
      (
        await one<{ share: number }>(sql`
          select avg((last.maturity_level >= 3)::int)::float8 as share from service_statuses s
          join lateral (select e.maturity_level from status_events e
                        where e.status_id = s.id and e.occurred_at < (${day}::date + 1)::timestamp at time zone 'UTC'
                        order by e.occurred_at desc, e.id desc limit 1) last on true`)
      ).share;
    const days = ['2021-01-31', '2021-12-31', '2022-12-31', '2023-12-31', '2024-12-31', '2025-12-02', today];
    const shares: number[] = [];
    for (const day of days) shares.push(await shareOn(day));
    console.info(
      days.map((day, index) => `${day}: ${((shares[index] as number) * 100).toFixed(1)} %`).join(', '),
    );
    for (let index = 1; index < shares.length; index++)
      expect(shares[index], `${days[index - 1]} → ${days[index]}`).toBeGreaterThan(
        shares[index - 1] as number,
      );
    // No step to a flat line: each of the last three years still adds at least two points.
    const [, , , y2023, y2024, lastYear, now] = shares as number[];
    expect((y2024 as number) - (y2023 as number)).toBeGreaterThan(0.02);
    expect((now as number) - (lastYear as number)).toBeGreaterThan(0.02);
    // Yet far from done: a real rollout is not complete, and at the deadline it was well short.
    expect(now).toBeLessThan(0.9);
    expect(shares[3]).toBeLessThan(now as number);
    // Nearly every Kreis (a kreisfreie Stadt is a single administration) moved in the last 12 months.
    const still = await one<{ kreise: number; moving: number }>(sql`
      select count(distinct v.parent_region_id)::int as kreise,
        count(distinct v.parent_region_id) filter (where e.maturity_level >= 3 and e.occurred_at > ${today}::date - interval '1 year')::int as moving
      from region_versions v join regions r on r.id = v.region_id and r.level = 'gemeinde'
      left join status_events e on e.region_id = v.region_id
      where v.valid_to is null`);
    expect(still.moving).toBeGreaterThanOrEqual(0.8 * still.kreise);
  });

  it('assesses services by criteria at every level, with a visible share of "Bearbeitung analog", 1.1 answers matching the level', async () => {
    await seeded();
    const shares = await one<{
      assessed: number;
      online: number;
      analog: number;
      levels: number[];
      mismatched: number;
      models: number;
    }>(sql`
      select count(*) filter (where m.family = '2.0' and a.level is not null)::int as assessed,
        count(*) filter (where m.family = '2.0' and a.level is not null and a.front_end_level >= 3)::int as online,
        count(*) filter (where m.family = '2.0' and a.analog_processing)::int as analog,
        array_agg(distinct a.level order by a.level) filter (where m.family = '2.0' and a.level is not null) as levels,
        count(*) filter (where m.family = '1.1' and a.level <> st.maturity_level)::int as mismatched,
        (select count(*)::int from maturity_models) as models
      from maturity_assessments a join maturity_models m on m.id = a.model_id
      join service_statuses st on st.id = a.status_id`);
    expect(shares.models).toBe(2);
    expect(shares.assessed).toBeGreaterThan(100);
    // Not only the services online by 1.1: what is not online yet is assessed too, and a few reach 6 and 7.
    expect(shares.levels).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(shares.online / shares.assessed).toBeLessThan(0.9);
    // Of the applications online, a visible share is processed on paper.
    expect(shares.analog / shares.online).toBeGreaterThan(0.15);
    expect(shares.analog / shares.online).toBeLessThan(0.6);
    expect(shares.mismatched).toBe(0);
    // The seed's rebuild fills the derived tables of 2.0 (decision 020): the Land's total row has the assessments.
    expect(await modelTotalsDifferences(database.db)).toEqual([]);
    const land = await one<{ assessed: number; analog: number }>(sql`
      select t.assessed, t.analog from region_model_totals t join region_versions v on v.region_id = t.region_id
      where v.ags = '06' and v.valid_to is null and t.themenfeld is null and t.family = '2.0'`);
    expect(land.assessed).toBe(shares.assessed);
    expect(land.analog).toBeGreaterThan(0);
  });

  it('writes a course by 2.0 from mid-2025 that grows and ends on the demo day at the 2.0 totals', async () => {
    await seeded();
    // Per region: its first and its last row up to the demo day, and whether its assessed count ever fell.
    const rows = await queryRows<{
      ags: string;
      first_day: string;
      first_assessed: number;
      falls: number;
      last_day: string;
      last: string;
      total: string | null;
    }>(
      database.db,
      sql`with s as (
            select region_id, day, counted, assessed, level0, level1, level2, level3, level4, level5, level6,
              level7, analog, assessed < lag(assessed) over (partition by region_id order by day) as fell
            from region_model_snapshots where family = '2.0' and day <= ${DEMO_TODAY}::date)
          select v.ags, min(s.day)::text as first_day,
            (array_agg(s.assessed order by s.day))[1] as first_assessed,
            count(*) filter (where s.fell)::int as falls, max(s.day)::text as last_day,
            (select row(x.counted, x.assessed, x.level0, x.level1, x.level2, x.level3, x.level4, x.level5,
              x.level6, x.level7, x.analog)::text from s x where x.region_id = s.region_id order by x.day desc limit 1) as last,
            (select row(t.counted, t.assessed, t.level0, t.level1, t.level2, t.level3, t.level4, t.level5,
              t.level6, t.level7, t.analog)::text from region_model_totals t
              where t.region_id = s.region_id and t.themenfeld is null and t.family = '2.0') as total
          from s join region_versions v on v.region_id = s.region_id and v.valid_to is null
          group by s.region_id, v.ags order by v.ags`,
    );
    const land = rows.find((row) => row.ags === '06');
    expect(land).toMatchObject({
      first_day: '2025-07-01',
      first_assessed: 0,
      falls: 0,
    });
    expect((land?.last_day ?? '') > '2026-11-01').toBe(true);
    expect(rows.every((row) => row.first_day >= '2025-07-01' && row.falls === 0)).toBe(true);
    // Consistent with today's figures: the last recorded day is the 2.0 total of every region.
    expect(rows.filter((row) => row.last !== row.total)).toEqual([]);
    // It grew: a year before the demo day far fewer were assessed than on it.
    const { before, after } = await one<{ before: number; after: number }>(sql`
      select (select assessed from region_model_snapshots where region_id = v.region_id and day <= '2025-11-25'
              order by day desc limit 1) as before,
        (select assessed from region_model_snapshots where region_id = v.region_id and day <= ${DEMO_TODAY}::date
              order by day desc limit 1) as after
      from region_versions v where v.ags = '06' and v.valid_to is null`);
    expect(after).toBeGreaterThan(100);
    expect(before).toBeGreaterThan(0);
    expect(before / after).toBeLessThan(0.3);
  });

  it('is idempotent and leaves an existing demo alone', async () => {
    await seeded();
    const before = await one<{ n: number }>(sql`select count(*)::int as n from status_events`);
    expect(await seedDemo({ database, today: DEMO_TODAY })).toEqual({ status: 'unchanged' });
    expect(await one<{ n: number }>(sql`select count(*)::int as n from status_events`)).toEqual(before);
  });

  it('regenerates the demo on reset, with the same checks for about a third of the Gemeinden', async () => {
    await seeded();
    const checks = () =>
      one<{ n: number; regions: number; gemeinden: number; own: number; digest: string }>(sql`
        select count(*)::int as n, count(distinct s.region_id)::int as regions,
          (select count(*)::int from regions where level = 'gemeinde') as gemeinden,
          count(*) filter (where v.ags = '06435901')::int as own,
          md5(string_agg(s.scores::text, ',' order by v.ags, s.submitted_at)) as digest
        from check_submissions s join region_versions v on v.region_id = s.region_id and v.valid_to is null`);
    const before = await checks();
    expect(before.regions).toBeGreaterThan(0.25 * before.gemeinden);
    expect(before.regions).toBeLessThan(0.45 * before.gemeinden);
    expect(before.n).toBeGreaterThan(before.regions);
    expect(before.own).toBe(0);
    // Clearing truncates the check tables although their rows refuse UPDATE and DELETE.
    const result = await seedDemo({ database, today: DEMO_TODAY, reset: true });
    expect(result.status).toBe('seeded');
    expect(await checks()).toEqual(before);
    const users = await one<{ n: number }>(sql`select count(*)::int as n from users`);
    expect(users.n).toBe(DEMO_USERS.length);
    // Clearing the data keeps the shipped maturity models.
    expect(await one<{ n: number }>(sql`select count(*)::int as n from maturity_models`)).toEqual({ n: 2 });
  });

  it('keeps the demo when a replacing import fails: clearing and importing are one transaction', async () => {
    await seeded();
    const before = await one<{ regions: number; users: number }>(
      sql`select (select count(*) from regions)::int as regions, (select count(*) from users)::int as users`,
    );
    const broken = `${sampleGv100()}${gv100Line({ type: '60', land: '99', bezirk: '1', kreis: '77', gemeinde: '001', verband: '0001', name: 'Waisendorf', gvType: '64' })}\n`;
    await expect(
      importGv100({ database, text: broken, fileName: 'kaputt.txt', replaceDemo: true }),
    ).rejects.toThrow(/kaputt\.txt:\d+: .*fehlt/);
    expect(await readDataset(database.db)).toBe('demo');
    expect(
      await one<{ regions: number; users: number }>(
        sql`select (select count(*) from regions)::int as regions, (select count(*) from users)::int as users`,
      ),
    ).toEqual(before);
  });

  it('never mixes official and demo data', async () => {
    await seeded();
    await expect(importGv100({ database, text: sampleGv100(), fileName: 'gv.txt' })).rejects.toThrow(
      /--replace-demo/,
    );
    expect(await readDataset(database.db)).toBe('demo');

    await importGv100({ database, text: sampleGv100(), fileName: 'gv.txt', replaceDemo: true });
    expect(await readDataset(database.db)).toBe('official');
    const origins = await queryRows<{ origin: string }>(
      database.db,
      sql`select distinct origin::text from regions`,
    );
    expect(origins).toEqual([{ origin: 'official' }]);
    await expect(seedDemo({ database })).rejects.toBeInstanceOf(ImportRefusedError);
  });
});
