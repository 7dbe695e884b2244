import { DEFAULT_KEY_DATES } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, intArray, queryRowsAs } from './client';
import { emptyRow, FigureRowSchema, figuresAsOf } from './figures';

/**
 * Key dates (decision 018). The three default days are inserted on every
 * migration run and after every clearAllData, so an installation, a test
 * template and a regenerated demo always have them, whatever was truncated.
 */
export async function ensureDefaultKeyDates(db: Db): Promise<void> {
  for (const { day, label } of DEFAULT_KEY_DATES)
    await db.execute(
      sql`insert into key_dates (day, label) values (${day}, ${label}) on conflict (day) do nothing`,
    );
}

/**
 * Freezes one key date: the figures of every Land, Regierungsbezirk and Kreis
 * of that day's territory, in total and per Themenfeld, by the as-of replay
 * (figuresAsOf, the same computation as `?asOf=`), which reads nothing after
 * the end of the day. Runs once: the row lock and the frozenAt check make a
 * concurrent second call a no-op; the stored rows cannot be changed (trigger).
 */
export async function freezeKeyDate(db: Db, keyDateId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    const [keyDate] = await queryRowsAs(
      t,
      z.object({ day: z.string(), frozen: z.boolean() }),
      sql`select day::text as day, frozen_at is not null as frozen from key_dates where id = ${keyDateId} for update`,
    );
    if (!keyDate || keyDate.frozen) return false;
    const regions = await queryRowsAs(
      t,
      z.object({
        region_id: z.number().int(),
        level: z.string(),
        ags: z.string(),
        name: z.string(),
        parent_region_id: z.number().int().nullable(),
      }),
      sql`select v.region_id, r.level, v.ags, v.name, v.parent_region_id
          from region_versions v join regions r on r.id = v.region_id
          where r.level in ('land', 'bezirk', 'kreis')
            and v.valid_from <= ${keyDate.day}::date and (v.valid_to is null or v.valid_to > ${keyDate.day}::date)`,
    );
    const figures = await figuresAsOf(
      t,
      regions.map((region) => region.region_id),
      keyDate.day,
    );
    const rows = regions.flatMap((region) => {
      const entry = figures.get(region.region_id);
      return [entry?.total ?? emptyRow(region.region_id), ...(entry?.byThemenfeld ?? [])].map((row) => ({
        region,
        row,
      }));
    });
    for (let start = 0; start < rows.length; start += 500) {
      const batch = rows.slice(start, start + 500);
      await t.execute(sql`
        insert into key_date_figures (key_date_id, region_id, themenfeld, level, ags, name, parent_region_id,
          administrations, target_count, level0, level1, level2, level3, level4, online_by_deadline,
          weighted_target, weighted_conformant, median_days_late)
        values ${sql.join(
          batch.map(
            ({ region, row }) =>
              sql`(${keyDateId}, ${region.region_id}, ${row.themenfeld}, ${region.level}, ${region.ags}, ${region.name},
                ${region.parent_region_id}, ${row.administrations}, ${row.target}, ${row.l0}, ${row.l1}, ${row.l2},
                ${row.l3}, ${row.l4}, ${row.by_deadline}, ${row.w_target}, ${row.w_conformant}, ${row.median_days_late})`,
          ),
          sql`, `,
        )}`);
    }
    await t.execute(sql`update key_dates set frozen_at = now() where id = ${keyDateId}`);
    return true;
  });
}

/**
 * Freezes the key dates whose day has ended (before `today`, a German day) and
 * that are not frozen yet. An installation without data freezes nothing: the
 * figures of an empty database would be zeros kept for ever.
 */
export async function freezeDueKeyDates(db: Db, today: string): Promise<number> {
  const [state] = await queryRowsAs(
    db,
    z.object({ dataset: z.string() }),
    sql`select dataset from instance_state where id = 1`,
  );
  if (!state || state.dataset === 'empty') return 0;
  const due = await queryRowsAs(
    db,
    z.object({ id: z.number().int() }),
    sql`select id from key_dates where frozen_at is null and day < ${today}::date order by day`,
  );
  let frozen = 0;
  for (const { id } of due) if (await freezeKeyDate(db, id)) frozen++;
  return frozen;
}

/** The frozen rows of key dates, as the replay's rows (for toFigures) with the region of that day. */
const FrozenFigureRowSchema = FigureRowSchema.extend({
  key_date_id: z.number().int(),
  level: z.enum(['land', 'bezirk', 'kreis']),
  ags: z.string(),
  name: z.string(),
  parent_region_id: z.number().int().nullable(),
});
export type FrozenFigureRow = z.infer<typeof FrozenFigureRowSchema>;

export async function readKeyDateFigures(db: Db, keyDateIds: number[]): Promise<FrozenFigureRow[]> {
  return queryRowsAs(
    db,
    FrozenFigureRowSchema,
    sql`select key_date_id, region_id as root_id, themenfeld, level, ags, name, parent_region_id, administrations,
          target_count as target, level0 as l0, level1 as l1, level2 as l2, level3 as l3, level4 as l4,
          online_by_deadline as by_deadline, weighted_target as w_target, weighted_conformant as w_conformant,
          median_days_late
        from key_date_figures where key_date_id = any(${intArray(keyDateIds)})
        order by key_date_id, ags, themenfeld nulls first`,
  );
}
