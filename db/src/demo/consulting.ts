import { daysBetween, OZG_CONFORMANT_LEVEL } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { endOfGermanDaySql } from '../calendar';
import { type Db, intArray, queryRows } from '../client';
import { countedStatus } from '../domain-sql';
import type { Random } from './random';

const MEASURE_TITLES = [
  'Online-Antrag über das Landesportal freischalten',
  'EfA-Dienst nachnutzen und Zahlungsverkehr anbinden',
  'civento-Formular einrichten und testen',
  'Zuständigkeiten im Bürgerbüro klären',
  'Mitarbeitende für die digitale Sachbearbeitung schulen',
  'E-Akte für die Bearbeitung einführen',
  'Leistungsbeschreibung im Verwaltungsportal aktualisieren',
] as const;

const FIRST_HELD = '2023-02-01';

const dayAfter = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
/** A request during office hours of that day in Germany (10:00 UTC is 11:00 or 12:00 there). */
const requestedAt = (day: string) => `${day}T10:00:00Z`;

/**
 * Consultations of the demo: about one Gemeinde in six had an OZG consultation
 * since 2023, one in ten one on Verwaltungsdigitalisierung, a few are requested
 * or scheduled; each was requested before it was scheduled and held; held ones carry the Gemeinde's figures of that day and two or
 * three measures in every state, some overdue. The officer's own Gemeinde is
 * left without, so that trying the programme starts from a clean slate.
 */
export async function insertDemoConsultations(
  db: Db,
  input: { gemeindeIds: number[]; consultantUserId: number; today: string; random: Random },
): Promise<void> {
  const { random, today } = input;
  const modules = await queryRows<{ id: number; area: 'ozg' | 'verwaltungsdigitalisierung' }>(
    db,
    sql`select id, area from consulting_modules order by id`,
  );
  const services = await queryRows<{ ozg_id: number }>(
    db,
    sql`select ozg_id from ozg_services order by ozg_id`,
  );
  const consultations: Record<string, unknown>[] = [];
  for (const regionId of input.gemeindeIds) {
    for (const [area, heldChance] of [
      ['ozg', 0.17],
      ['verwaltungsdigitalisierung', 0.1],
    ] as const) {
      const module = random.pick(modules.filter((m) => m.area === area));
      const roll = random.next();
      const base = {
        region_id: regionId,
        module_id: module.id,
        area,
        consultant_user_id: input.consultantUserId,
      };
      // Requested first, then scheduled, then held on the appointment (the API's rule, earliestHeldOn).
      if (roll < heldChance) {
        const heldOn = dayAfter(FIRST_HELD, random.int(0, Math.max(0, daysBetween(FIRST_HELD, today) - 45)));
        consultations.push({
          ...base,
          state: 'held',
          requested_at: requestedAt(dayAfter(heldOn, -random.int(14, 120))),
          scheduled_for: heldOn,
          held_on: heldOn,
          outcome_notes: 'Stand der Leistungen besprochen, nächste Schritte vereinbart.',
        });
      } else if (roll < heldChance + 0.03) {
        consultations.push({
          ...base,
          state: 'scheduled',
          requested_at: requestedAt(dayAfter(today, -random.int(3, 90))),
          scheduled_for: dayAfter(today, random.int(5, 60)),
        });
      } else if (roll < heldChance + 0.06) {
        consultations.push({
          ...base,
          state: 'requested',
          requested_at: requestedAt(dayAfter(today, -random.int(1, 120))),
        });
      }
    }
  }
  if (consultations.length === 0) return;
  const inserted = await queryRows<{ id: number; held_on: string | null }>(
    db,
    sql`insert into consultations (region_id, module_id, area, consultant_user_id, state, requested_at, held_on, scheduled_for, outcome_notes)
        select region_id, module_id, area, consultant_user_id, state, requested_at, held_on, scheduled_for, outcome_notes
        from jsonb_to_recordset(${JSON.stringify(consultations)}::jsonb) as c(
          region_id int, module_id int, area consulting_area, consultant_user_id int, state consultation_state,
          requested_at timestamptz, held_on date, scheduled_for date, outcome_notes text)
        returning id, held_on::text`,
  );
  // The Gemeinde's figures on the day, from its events (as the API records them for a new consultation).
  const held = inserted.filter((row) => row.held_on !== null).map((row) => row.id);
  await db.execute(sql`
    update consultations c set status_snapshot = s.snapshot from (
      select c.id, jsonb_build_object(
        'date', c.held_on::text,
        'targetServices', count(*),
        'levelCounts', jsonb_build_array(
          count(*) filter (where st.maturity_level = 0), count(*) filter (where st.maturity_level = 1),
          count(*) filter (where st.maturity_level = 2), count(*) filter (where st.maturity_level = 3),
          count(*) filter (where st.maturity_level >= 4)),
        'conformant', count(*) filter (where st.maturity_level >= ${OZG_CONFORMANT_LEVEL}),
        'conformantShare', case when count(*) > 0
          then (count(*) filter (where st.maturity_level >= ${OZG_CONFORMANT_LEVEL}))::float8 / count(*) end) as snapshot
      from consultations c
      join lateral (
        select distinct on (e.status_id) e.maturity_level, ${countedStatus('e')} as counted
        from status_events e
        where e.region_id = c.region_id and e.occurred_at < ${endOfGermanDaySql(sql`c.held_on`)}
        order by e.status_id, e.occurred_at desc, e.id desc) st on st.counted
      where c.id = any(${intArray(held)})
      group by c.id) s
    where s.id = c.id`);

  const measures: {
    consultation_id: number;
    title: string;
    owner: string;
    due_date: string;
    state: string;
    completed_at: string | null;
    ozg_id: number;
  }[] = [];
  for (const row of inserted) {
    if (!row.held_on) continue;
    const count = random.int(2, 3);
    for (let index = 0; index < count; index++) {
      const due = dayAfter(row.held_on, random.int(45, 300));
      const roll = random.next();
      const state =
        due < today
          ? roll < 0.6
            ? 'done'
            : roll < 0.85
              ? 'in_progress'
              : 'open'
          : roll < 0.5
            ? 'open'
            : 'in_progress';
      measures.push({
        consultation_id: row.id,
        title: random.pick(MEASURE_TITLES),
        owner: random.pick(['Bürgerbüro', 'Hauptamt', 'IT-Koordination', 'Ordnungsamt']),
        due_date: due,
        state,
        completed_at: state === 'done' ? `${dayAfter(due, -random.int(0, 30))}T10:00:00Z` : null,
        ozg_id: random.pick(services).ozg_id,
      });
    }
  }
  // A few hundred rows at most: one insert per measure keeps each one with its service.
  for (const measure of measures) {
    const [row] = await queryRows<{ id: number }>(
      db,
      sql`insert into measures (consultation_id, title, owner, due_date, state, completed_at)
          values (${measure.consultation_id}, ${measure.title}, ${measure.owner}, ${measure.due_date},
            ${measure.state}, ${measure.completed_at}) returning id`,
    );
    await db.execute(
      sql`insert into measure_services (measure_id, ozg_id) values (${row?.id}, ${measure.ozg_id})`,
    );
  }
}
