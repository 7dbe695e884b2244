import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, queryRows } from './client';
import { clearAllData } from './instance';
import { freezeDueKeyDates } from './keydates';
import { createDemoTestDatabase } from './testing/test-db';

let database: Database;
beforeAll(async () => {
  database = await createDemoTestDatabase();
});
afterAll(async () => {
  await database.close();
});

const keyDates = () =>
  queryRows<{ day: string; frozen: boolean; rows: number }>(
    database.db,
    sql`select k.day::text as day, k.frozen_at is not null as frozen,
          (select count(*)::int from key_date_figures f where f.key_date_id = k.id) as rows
        from key_dates k order by k.day`,
  );

describe('key dates in the demo', () => {
  it('the seed freezes the three default days: the Land, 3 Bezirke and the Kreise of each day, per Themenfeld', async () => {
    const days = await keyDates();
    expect(days.map((day) => [day.day, day.frozen])).toEqual([
      ['2022-12-31', true],
      ['2024-07-24', true],
      ['2026-01-01', true],
    ]);
    const [totals] = await queryRows<{ lands: number; bezirke: number; kreise: number }>(
      database.db,
      sql`select count(*) filter (where level = 'land')::int as lands, count(*) filter (where level = 'bezirk')::int as bezirke,
            count(*) filter (where level = 'kreis')::int as kreise
          from key_date_figures f join key_dates k on k.id = f.key_date_id
          where k.day = '2022-12-31' and f.themenfeld is null`,
    );
    expect(totals).toMatchObject({ lands: 1, bezirke: 3 });
    expect(totals?.kreise).toBeGreaterThanOrEqual(26);
    for (const day of days) expect(day.rows).toBeGreaterThan(30);
  });

  it('freezes once: a second run changes nothing', async () => {
    const before = await keyDates();
    expect(await freezeDueKeyDates(database.db, '2026-11-25')).toBe(0);
    expect(await keyDates()).toEqual(before);
  });

  it('after the data is cleared the default days exist again, unfrozen, and an empty database freezes none', async () => {
    await database.db.transaction(async (tx) => {
      await clearAllData(tx as never);
    });
    expect((await keyDates()).map((day) => [day.day, day.frozen, day.rows])).toEqual([
      ['2022-12-31', false, 0],
      ['2024-07-24', false, 0],
      ['2026-01-01', false, 0],
    ]);
    expect(await freezeDueKeyDates(database.db, '2026-11-25')).toBe(0);
  });
});
