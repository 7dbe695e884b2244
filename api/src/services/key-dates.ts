import {
  type Db,
  type FigureRow,
  type FrozenFigureRow,
  figuresAsOf,
  freezeDueKeyDates,
  isoTimestampSql,
  queryRowsAs,
  readKeyDateFigures,
} from '@ozg/db';
import {
  DEFAULT_KEY_DATES,
  type KeyDate,
  type KeyDateChange,
  type KeyDateChangeRow,
  type KeyDateReport,
  type KeyDateRow,
  type ProgressFigures,
  THEMENFELDER,
  type Themenfeld,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Actor } from './auth';
import { authorizeKeyDateCreate } from './policy';
import { toFigures } from './progress';
import { formatDate, today } from './regions';

/*
 * Key dates (issue 17, item 5; decision 018): frozen once from the as-of
 * replay, read from their own table, with today's replay of the same day
 * beside them when history was corrected since.
 */

const KeyDateDbRow = z.object({
  id: z.number().int(),
  day: z.string(),
  label: z.string(),
  frozen_at: z.string().nullable(),
  created_by: z.string().nullable(),
  created_at: z.string(),
});
type KeyDateDbRow = z.infer<typeof KeyDateDbRow>;

const keyDateSelect = sql`
  select k.id, k.day::text as day, k.label,
    ${isoTimestampSql('k.frozen_at')} as frozen_at,
    u.display_name as created_by,
    ${isoTimestampSql('k.created_at')} as created_at
  from key_dates k left join users u on u.id = k.created_by`;

const toKeyDate = (row: KeyDateDbRow): KeyDate => ({
  day: row.day,
  label: row.label,
  isDefault: DEFAULT_KEY_DATES.some((keyDate) => keyDate.day === row.day),
  frozenAt: row.frozen_at,
  createdBy: row.created_by,
  createdAt: row.created_at,
});

/** All key dates, oldest first; those whose day has ended are frozen first (once). */
export async function listKeyDates(db: Db): Promise<KeyDate[]> {
  await freezeDueKeyDates(db, today());
  const rows = await queryRowsAs(db, KeyDateDbRow, sql`${keyDateSelect} order by k.day`);
  return rows.map(toKeyDate);
}

async function findKeyDate(db: Db, day: string): Promise<KeyDateDbRow> {
  await freezeDueKeyDates(db, today());
  const [row] = await queryRowsAs(db, KeyDateDbRow, sql`${keyDateSelect} where k.day = ${day}::date`);
  if (!row) throw new AppError('not_found', `Der ${formatDate(day)} ist kein Stichtag.`);
  if (!row.frozen_at)
    throw new AppError(
      'unprocessable',
      `Der Stichtag ${formatDate(day)} ist noch nicht erreicht: seine Werte werden nach dem Ende des Tages festgeschrieben.`,
    );
  return row;
}

/** The ministry adds a key date; a past day is frozen at once, a future one after it has ended. */
export async function createKeyDate({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: { day: string; label: string };
}): Promise<KeyDate> {
  authorizeKeyDateCreate({ actor });
  const inserted = await queryRowsAs(
    db,
    z.object({ id: z.number().int() }),
    sql`insert into key_dates (day, label, created_by) values (${input.day}, ${input.label}, ${actor.id})
        on conflict (day) do nothing returning id`,
  );
  if (inserted.length === 0)
    throw new AppError('conflict', `Der ${formatDate(input.day)} ist bereits ein Stichtag.`);
  await freezeDueKeyDates(db, today());
  const [row] = await queryRowsAs(db, KeyDateDbRow, sql`${keyDateSelect} where k.day = ${input.day}::date`);
  return toKeyDate(row as KeyDateDbRow);
}

/** The Land a report is about: the one named, else the installation's first. */
function landOf(land: string | undefined, rows: FrozenFigureRow[]): FrozenFigureRow {
  const lands = rows.filter((row) => row.level === 'land' && row.themenfeld === null);
  const found = land ? lands.find((row) => row.ags === land) : lands[0];
  if (!found)
    throw new AppError(
      'not_found',
      land ? `Für das Land ${land} gibt es an diesem Stichtag keine Werte.` : 'Es gibt noch kein Land.',
    );
  return found;
}

/** The rows of one Land: itself, its Bezirke, its Kreise (by key prefix), its Themenfelder. */
function partsOf(rows: FrozenFigureRow[], land: FrozenFigureRow) {
  const below = rows.filter((row) => row.ags.startsWith(land.ags));
  const totals = (level: FrozenFigureRow['level']) =>
    below.filter((row) => row.level === level && row.themenfeld === null);
  return {
    land,
    bezirke: totals('bezirk'),
    kreise: totals('kreis'),
    themenfelder: below
      .filter((row) => row.root_id === land.root_id && row.themenfeld !== null)
      .sort((a, b) => (a.themenfeld as string).localeCompare(b.themenfeld as string, 'de')),
  };
}

/**
 * Whether a replay of the key date today can differ from its frozen figures:
 * only through what was recorded after the freeze and counts for the day, i.e.
 * a status event whose Stichtag (effective_on) is on or before the day (a
 * territory change loaded late, decision 009; other events recorded after the
 * day count from their own, later day), a directory import (territory,
 * inhabitants) or a catalogue change (Themenfeld). Events are never backdated
 * otherwise (decision 005: only the demo generator and tests write such).
 */
async function mayHaveBeenCorrected(db: Db, keyDateId: number): Promise<boolean> {
  const [row] = await queryRowsAs(
    db,
    z.object({ changed: z.boolean() }),
    sql`select exists (select 1 from status_events e where e.occurred_at >= k.frozen_at and e.effective_on <= k.day)
          or exists (select 1 from territory_imports t where t.imported_at >= k.frozen_at)
          or exists (select 1 from ozg_services s where s.updated_at >= k.frozen_at) as changed
        from key_dates k where k.id = ${keyDateId}`,
  );
  return row?.changed ?? true;
}

const sameFigures = (a: ProgressFigures, b: ProgressFigures) => JSON.stringify(a) === JSON.stringify(b);

/**
 * A key date's frozen figures for one Land, its Regierungsbezirke, Kreise and
 * Themenfelder, each with today's replay of the same day when that differs.
 */
export async function getKeyDateReport({
  db,
  day,
  land,
}: {
  db: Db;
  day: string;
  land?: string;
}): Promise<KeyDateReport> {
  const keyDate = await findKeyDate(db, day);
  const rows = await readKeyDateFigures(db, [keyDate.id]);
  const parts = partsOf(rows, landOf(land, rows));
  const regionRows = [parts.land, ...parts.bezirke, ...parts.kreise];
  // The replay costs seconds on a large Land; it runs only when something recorded since the
  // freeze can have changed the day (decision 018), else today's replay equals the frozen rows.
  const now = (await mayHaveBeenCorrected(db, keyDate.id))
    ? await figuresAsOf(
        db,
        regionRows.map((row) => row.root_id),
        day,
      )
    : new Map<number, { total: FigureRow; byThemenfeld: FigureRow[] }>();
  let corrected = false;
  const recomputedOf = (frozen: ProgressFigures, administrations: number, current: FigureRow | undefined) => {
    if (!current) return null;
    const figures = toFigures(current);
    if (sameFigures(frozen, figures) && administrations === current.administrations) return null;
    corrected = true;
    return { figures, administrations: current.administrations };
  };
  const row = (frozen: FrozenFigureRow): KeyDateRow => {
    const figures = toFigures(frozen);
    const current = now.get(frozen.root_id)?.total;
    return {
      region: { ags: frozen.ags, name: frozen.name, level: frozen.level },
      administrations: frozen.administrations,
      figures,
      recomputed: recomputedOf(figures, frozen.administrations, current),
    };
  };
  const landNow = now.get(parts.land.root_id)?.byThemenfeld ?? [];
  const result = {
    keyDate: toKeyDate(keyDate),
    land: row(parts.land),
    bezirke: parts.bezirke.map(row),
    kreise: parts.kreise.map(row),
    themenfelder: parts.themenfelder.map((frozen) => {
      const figures = toFigures(frozen);
      const current = landNow.find((entry) => entry.themenfeld === frozen.themenfeld);
      const recomputed = current ? recomputedOf(figures, frozen.administrations, current) : null;
      return { themenfeld: frozen.themenfeld as Themenfeld, figures, recomputed };
    }),
  };
  return { ...result, corrected };
}

/**
 * The change between two key dates for one Land: the frozen figures of both,
 * matched by region (a Kreis that exists on only one of the days has one side
 * empty, e.g. Hanau, kreisfrei from 01.01.2026).
 */
export async function getKeyDateChange({
  db,
  from,
  to,
  land,
}: {
  db: Db;
  from: string;
  to: string;
  land?: string;
}): Promise<KeyDateChange> {
  if (from === to) throw new AppError('unprocessable', 'Bitte zwei verschiedene Stichtage wählen.');
  const [first, second] = await Promise.all([findKeyDate(db, from), findKeyDate(db, to)]);
  const rows = await readKeyDateFigures(db, [first.id, second.id]);
  const firstRows = rows.filter((row) => row.key_date_id === first.id);
  const secondRows = rows.filter((row) => row.key_date_id === second.id);
  const landRow = landOf(land, secondRows);
  const a = partsOf(
    firstRows,
    firstRows.find((row) => row.root_id === landRow.root_id && row.themenfeld === null) ?? landRow,
  );
  const b = partsOf(secondRows, landRow);
  const side = (row: FrozenFigureRow | undefined) => {
    if (!row) return null;
    const figures = toFigures(row);
    return {
      conformant: figures.conformant,
      targetServices: figures.targetServices,
      share: figures.conformantShare,
    };
  };
  const change = (
    x: FrozenFigureRow | undefined,
    y: FrozenFigureRow | undefined,
    name: string,
  ): KeyDateChangeRow => {
    const left = side(x);
    const right = side(y);
    const region = y ?? x;
    return {
      name,
      ags: region && region.themenfeld === null ? region.ags : null,
      level: region && region.themenfeld === null ? region.level : null,
      from: left,
      to: right,
      changePoints:
        left?.share != null && right?.share != null
          ? Math.round((right.share - left.share) * 1000) / 10
          : null,
    };
  };
  const match = (xs: FrozenFigureRow[], ys: FrozenFigureRow[]) => {
    const ids = [...new Set([...xs, ...ys].map((row) => row.root_id))];
    return ids
      .map((id) => {
        const x = xs.find((row) => row.root_id === id);
        const y = ys.find((row) => row.root_id === id);
        return change(x, y, (y ?? x)?.name ?? '');
      })
      .sort((p, q) => (p.ags ?? '').localeCompare(q.ags ?? ''));
  };
  const themen = THEMENFELDER.map((themenfeld) => ({
    themenfeld,
    x: a.themenfelder.find((row) => row.themenfeld === themenfeld),
    y: b.themenfelder.find((row) => row.themenfeld === themenfeld),
  }))
    .filter((entry) => entry.x || entry.y)
    .map((entry) => change(entry.x, entry.y, entry.themenfeld));
  return {
    from: toKeyDate(first),
    to: toKeyDate(second),
    land: change(a.land.root_id === landRow.root_id ? a.land : undefined, b.land, b.land.name),
    bezirke: match(a.bezirke, b.bezirke),
    kreise: match(a.kreise, b.kreise),
    themenfelder: themen,
  };
}
