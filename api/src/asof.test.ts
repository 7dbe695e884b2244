import { type Database, queryRows, rebuildDerivedTables, schema } from '@ozg/db';
import { importGv100 } from '@ozg/db/importers';
import { createTestDatabase, sampleGv100 } from '@ozg/db/testing';
import { daysBetween, endOfGermanDay, germanDayOf, OZG_DEADLINE } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getProgressSeries } from './services/history';
import { currentFigures, figuresAsOf, getChildrenProgress, getProgress } from './services/progress';
import { today } from './services/regions';

/*
 * Decision 007: every figure of a German day D is a function of what was
 * recorded up to midnight in Berlin at the end of D. Random histories, with
 * many events between 21:00 and 01:00 UTC (around German midnight, winter and
 * summer), then events on later German days: no figure of D may change.
 */

const DAY = 86_400_000;
const MINUTE = 60_000;
/** The sample territory is valid from 01.01.2025. */
const FIRST = Date.UTC(2025, 0, 1);
const LAST = Math.floor((Date.now() - FIRST) / DAY) - 2;
const SERVICES = [
  { ozgId: 91001, themenfeld: 'Querschnitt' as const },
  { ozgId: 91002, themenfeld: 'Bauen & Wohnen' as const },
  { ozgId: 91003, themenfeld: 'Bauen & Wohnen' as const },
];
// Regions of the sample (Land 99): the Land, its RB, the kreisfreie Stadt, the Landkreis and one of its Gemeinden.
const KEYS = ['99', '991', '99101', '99131', '99131001'];

/** An instant: often between 21:00 and 01:00 UTC, where the UTC and the German day part. */
const instant = (fromDay: number, toDay: number) =>
  fc
    .record({
      day: fc.integer({ min: fromDay, max: toDay }),
      minute: fc.oneof(fc.integer({ min: 21 * 60, max: 25 * 60 - 1 }), fc.integer({ min: 0, max: 1439 })),
    })
    .map(({ day, minute }) => FIRST + day * DAY + minute * MINUTE);

type Step = { level: number; inTarget: boolean; backdate: number };
const step = fc.record({
  level: fc.integer({ min: 0, max: 4 }),
  inTarget: fc.oneof(
    { weight: 5, arbitrary: fc.constant(true) },
    { weight: 1, arbitrary: fc.constant(false) },
  ),
  // How many days before the recording "online seit" lies: 0 (today) up to years (before the deadline).
  backdate: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 1200 })),
});

const scenario = fc.record({
  histories: fc.array(fc.array(fc.tuple(instant(0, LAST), step), { maxLength: 5 }), {
    minLength: 15,
    maxLength: 15,
  }),
  /** An administration whose statuses never enter its target set (it must not count). */
  idle: fc.nat(4),
  cut: instant(0, LAST - 1),
  later: fc.array(
    fc.record({
      pick: fc.nat(),
      // 0 = exactly German midnight after D, the first instant of the next day.
      offset: fc.oneof(
        fc.constant(0),
        fc.integer({ min: 1, max: 3 * 60 * MINUTE }),
        fc.double({ min: 0, max: 1, noNaN: true }),
      ),
      step,
    }),
    { minLength: 1, maxLength: 12 },
  ),
});

type State = { level: number; inTarget: boolean; onlineSince: string | null };
type EventRow = { statusId: number; at: number; state: State; after: Record<string, unknown> };

const minusDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) - days * DAY).toISOString().slice(0, 10);

/** The next state and what its event records: "online seit" is set on reaching Reifegrad 3 (never after the recording's German day). */
function advance(previous: State, at: number, next: Step): { state: State; after: Record<string, unknown> } {
  const onlineSince =
    next.level < 3
      ? null
      : previous.level >= 3 && previous.onlineSince !== null
        ? previous.onlineSince
        : minusDays(germanDayOf(new Date(at)), next.backdate);
  const state = { level: next.level, inTarget: next.inTarget, onlineSince };
  const after: Record<string, unknown> = { maturityLevel: next.level, inTarget: next.inTarget };
  if (onlineSince !== previous.onlineSince) after.onlineSince = onlineSince;
  return { state, after };
}

async function writeEvents(database: Database, events: EventRow[], finals: Map<number, State>) {
  if (events.length > 0) {
    await database.db.execute(sql`
      insert into status_events (status_id, region_id, ozg_id, occurred_at, source, before, after, maturity_level, maturity_model, in_target)
      select e.status_id, st.region_id, st.ozg_id, e.occurred_at, 'seed', '{}'::jsonb, e.after, e.level, '1.1', e.in_target
      from jsonb_to_recordset(${JSON.stringify(
        events.map((event) => ({
          status_id: event.statusId,
          occurred_at: new Date(event.at).toISOString(),
          after: event.after,
          level: event.state.level,
          in_target: event.state.inTarget,
        })),
      )}::jsonb) as e(status_id int, occurred_at timestamptz, after jsonb, level smallint, in_target boolean)
      join service_statuses st on st.id = e.status_id`);
  }
  // The statuses hold the latest state, as an edit through the API would leave them.
  await database.db.execute(sql`
    update service_statuses st set maturity_level = f.level, in_target = f.in_target, online_since = f.online_since
    from jsonb_to_recordset(${JSON.stringify(
      [...finals].map(([id, state]) => ({
        id,
        level: state.level,
        in_target: state.inTarget,
        online_since: state.onlineSince,
      })),
    )}::jsonb) as f(id int, level smallint, in_target boolean, online_since date)
    where st.id = f.id`);
  await rebuildDerivedTables(database.db);
}

/** Every figure a page of day D shows: progress, children, series (with forecast) of the sample's regions. */
async function figuresOfDay(database: Database, day: string) {
  const { db } = database;
  // One after the other: one pooled connection, which a test database's forced drop never finds busy.
  const progress = [];
  for (const key of KEYS) progress.push(await getProgress({ db, key, asOf: day }));
  const children = [];
  for (const key of ['99', '991', '99131']) children.push(await getChildrenProgress({ db, key, asOf: day }));
  const series = [];
  for (const key of ['99', '99131']) series.push(await getProgressSeries({ db, key, asOf: day }));
  return { progress, children, series };
}

/**
 * `administrations` by a second route: the Gemeinden and Landkreise below a
 * region (AGS prefix) with at least one target service, today from the
 * statuses or at an instant from the latest event before it.
 */
async function administrationsBySql(
  database: Database,
  before: Date | null,
): Promise<Record<string, number>> {
  const state = before
    ? sql`(select distinct on (status_id) region_id, in_target, maturity_model from status_events
           where occurred_at < ${before.toISOString()}::timestamptz order by status_id, occurred_at desc, id desc)`
    : sql`service_statuses`;
  const rows = await queryRows<{ ags: string; n: number }>(
    database.db,
    sql`select x.ags, count(distinct a.region_id)::int as n
        from region_versions x
        join (select v.region_id, v.ags from region_versions v join regions r on r.id = v.region_id
              where v.valid_to is null
                and (r.level = 'gemeinde' or (r.level = 'kreis' and v.kind not in ('kreisfreie_stadt', 'stadtkreis')))) a
          on a.ags like x.ags || '%'
        join ${state} st on st.region_id = a.region_id and st.in_target and st.maturity_model = '1.1'
        where x.valid_to is null
        group by x.ags`,
  );
  return Object.fromEntries(KEYS.map((key) => [key, rows.find((row) => row.ags === key)?.n ?? 0]));
}

type FigureEntry = Awaited<ReturnType<typeof currentFigures>> extends Map<number, infer E> ? E : never;

/** A region's figures with the absent ones as zero (a region without any status has no row in a replay). */
function normalize(entry: FigureEntry | undefined) {
  const row = (figures: FigureEntry['total'] | undefined) => ({
    administrations: figures?.administrations ?? 0,
    counts: [figures?.target, figures?.l0, figures?.l1, figures?.l2, figures?.l3, figures?.l4].map(
      (n) => n ?? 0,
    ),
    byDeadline: figures?.by_deadline ?? 0,
    weighted: [figures?.w_target ?? 0, figures?.w_conformant ?? 0],
    medianDaysLate: figures?.median_days_late ?? null,
  });
  return {
    total: row(entry?.total),
    byThemenfeld: [...(entry?.byThemenfeld ?? [])]
      .sort((a, b) => String(a.themenfeld).localeCompare(String(b.themenfeld)))
      .map((figures) => ({ themenfeld: figures.themenfeld, ...row(figures) })),
  };
}

describe('figures of a day depend on nothing recorded after it (one calendar, decision 010)', () => {
  it('as-of figures of a random German day D stay the same when events of later days are appended; today equals as-of-today', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ histories, idle, cut, later }) => {
        const database = await createTestDatabase();
        try {
          const { db } = database;
          await importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'gebiet.txt' });
          await db.insert(schema.ozgServices).values(
            SERVICES.map(({ ozgId, themenfeld }) => ({
              ozgId,
              name: `Leistung ${ozgId}`,
              lebenslage: 'Test',
              themenfeld,
              municipallyRelevant: true,
              executingLevel: 'gemeinde' as const,
            })),
          );
          const admins = await queryRows<{ region_id: number }>(
            db,
            sql`select v.region_id from region_versions v join regions r on r.id = v.region_id
                where r.level = 'gemeinde' or (r.level = 'kreis' and v.kind = 'landkreis') order by v.ags`,
          );
          expect(admins).toHaveLength(5);
          const statuses = await queryRows<{ id: number; region_id: number }>(
            db,
            sql`insert into service_statuses (region_id, ozg_id, in_target)
                select a.region_id, s.ozg_id, false
                from unnest(${`{${admins.map((a) => a.region_id).join(',')}}`}::int[]) a(region_id)
                cross join unnest(${`{${SERVICES.map((s) => s.ozgId).join(',')}}`}::int[]) s(ozg_id)
                order by 1, 2
                returning id, region_id`,
          );
          const idleRegion = admins[idle]?.region_id;
          const finals = new Map<number, State>();
          const events: EventRow[] = [];
          statuses.forEach((status, index) => {
            let state: State = { level: 0, inTarget: false, onlineSince: null };
            const history = [...(histories[index] ?? [])].sort((a, b) => a[0] - b[0]);
            for (const [at, next] of history) {
              const move = advance(state, at, {
                ...next,
                inTarget: next.inTarget && status.region_id !== idleRegion,
              });
              state = move.state;
              events.push({ statusId: status.id, at, ...move });
            }
            finals.set(status.id, state);
          });
          await writeEvents(database, events, finals);

          const day = germanDayOf(new Date(cut));
          const before = await figuresOfDay(database, day);
          // What a page of D must never show: more on time than OZG-konform, lateness beyond D.
          for (const { figures } of before.progress) {
            expect(figures.onlineByDeadline).toBeLessThanOrEqual(figures.conformant);
            if (figures.medianDaysLate !== null)
              expect(figures.medianDaysLate).toBeLessThanOrEqual(daysBetween(OZG_DEADLINE, day));
          }
          for (const series of before.series) {
            expect(series.monthly.at(-1)?.date).toBe(day);
            expect(series.daily.at(-1)?.date).toBe(day);
          }
          const end = endOfGermanDay(day);
          expect(before.progress.map((p) => p.administrations)).toEqual(
            Object.values(await administrationsBySql(database, end)),
          );

          // Later German days: from the first instant after D's midnight in Berlin up to now.
          const span = Date.now() - 60_000 - end.getTime();
          const appended: EventRow[] = [];
          const lastAt = new Map<number, number>();
          for (const event of events)
            lastAt.set(event.statusId, Math.max(lastAt.get(event.statusId) ?? 0, event.at));
          for (const { pick, offset, step: next } of later) {
            const status = statuses[pick % statuses.length] as (typeof statuses)[number];
            // Recorded after D and after the status's own latest event, as a later edit would be.
            const at = Math.max(
              end.getTime() + Math.floor(offset <= 1 ? offset * span : Math.min(offset, span)),
              (lastAt.get(status.id) ?? 0) + 1,
            );
            lastAt.set(status.id, at);
            const move = advance(finals.get(status.id) as State, at, {
              ...next,
              inTarget: next.inTarget && status.region_id !== idleRegion,
            });
            finals.set(status.id, move.state);
            appended.push({ statusId: status.id, at, ...move });
          }
          await writeEvents(database, appended, finals);
          expect(await figuresOfDay(database, day)).toEqual(before);

          // Today: the totals (kept by delta and rebuilds) and a replay of the events give the same figures.
          const ids = before.progress.map((p) => p.region.id);
          const fromTotals = await currentFigures(db, ids);
          const fromEvents = await figuresAsOf(db, ids, today());
          for (const id of ids) expect(normalize(fromEvents.get(id))).toEqual(normalize(fromTotals.get(id)));
          const now = [];
          for (const key of KEYS) now.push(await getProgress({ db, key }));
          expect(now.map((p) => p.administrations)).toEqual(
            Object.values(await administrationsBySql(database, null)),
          );
          for (const progress of now) {
            for (const { figures } of progress.byThemenfeld)
              expect(figures.targetServices).toBeGreaterThan(0);
          }
          const series = await getProgressSeries({ db, key: '99' });
          expect(series.daily.at(-1)).toMatchObject({
            date: today(),
            targetServices: now[0]?.figures.targetServices,
            conformant: now[0]?.figures.conformant,
          });
        } finally {
          await database.close();
        }
      }),
      { numRuns: 10, endOnFailure: true },
    );
  }, 300_000);

  it('a service put online at 23:30 UTC on 30 November (00:30 on 1 December in Germany) counts from 1 December on', async () => {
    const database = await createTestDatabase();
    try {
      const { db } = database;
      await importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'gebiet.txt' });
      await db.insert(schema.ozgServices).values({
        ozgId: 91001,
        name: 'Leistung 91001',
        lebenslage: 'Test',
        themenfeld: 'Querschnitt',
        municipallyRelevant: true,
        executingLevel: 'gemeinde',
      });
      const [status] = await queryRows<{ id: number }>(
        db,
        sql`insert into service_statuses (region_id, ozg_id, in_target)
            select region_id, 91001, true from region_versions where ags = '99131001' returning id`,
      );
      const id = status?.id as number;
      const events: EventRow[] = [
        {
          statusId: id,
          at: Date.parse('2025-06-01T10:00:00Z'),
          state: { level: 1, inTarget: true, onlineSince: null },
          after: { maturityLevel: 1 },
        },
        {
          statusId: id,
          at: Date.parse('2025-11-30T23:30:00Z'),
          state: { level: 3, inTarget: true, onlineSince: '2025-12-01' },
          after: { maturityLevel: 3, onlineSince: '2025-12-01' },
        },
      ];
      await writeEvents(
        database,
        events,
        new Map([[id, { level: 3, inTarget: true, onlineSince: '2025-12-01' }]]),
      );
      const conformantOn = async (day: string) =>
        (await getProgress({ db, key: '99131001', asOf: day })).figures.conformant;
      expect(await conformantOn('2025-11-30')).toBe(0);
      expect(await conformantOn('2025-12-01')).toBe(1);
      const series = await getProgressSeries({ db, key: '99131001', asOf: '2025-11-30' });
      expect(series.daily.at(-1)).toMatchObject({ date: '2025-11-30', targetServices: 1, conformant: 0 });
      const snapshots = await queryRows<{ day: string; conformant: number }>(
        db,
        sql`select p.day::text as day, p.conformant from progress_snapshots p
            join region_versions v on v.region_id = p.region_id where v.ags = '99131001' and p.conformant > 0 order by p.day limit 1`,
      );
      expect(snapshots[0]?.day).toBe('2025-12-01');
    } finally {
      await database.close();
    }
  }, 60_000);
});
