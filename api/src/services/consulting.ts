import { type Db, endOfGermanDaySql, intArray, isoTimestampSql, queryRowsAs } from '@ozg/db';
import {
  CONSULTING_AREA_LABELS,
  type Consultant,
  ConsultantSchema,
  type Consultation,
  ConsultationSchema,
  type ConsultationUpdate,
  type ConsultingArea,
  type ConsultingModule,
  ConsultingModuleSchema,
  earliestHeldOn,
  type Measure,
  MeasureSchema,
  type MeasureState,
  requestDay,
  type StatusSnapshot,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Actor } from './auth';
import { authorizeConsultationRead, authorizeConsultationRequest, authorizeMeasureUpdate } from './policy';
import { freezeConsultationProfile, storedProfile } from './profile';
import { currentFigures, figuresAsOf } from './progress';
import { formatDate, today } from './regions';

/*
 * The state's free consulting programme (domain.md): modules in two areas, at
 * most one consultation per municipality and area that is not cancelled (a
 * partial unique index enforces it, also under concurrent requests), measures
 * agreed in a held consultation and followed up by the municipality.
 */

/** The database error behind a failed statement, if it is one (drizzle wraps it in `cause`). */
function databaseError(error: unknown): { code?: string; constraint?: string } | null {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    if (typeof (current as { code?: unknown }).code === 'string') return current as { code: string };
  }
  return null;
}

async function lockVersioned(db: Db, table: 'consulting_modules' | 'consultations' | 'measures', id: number) {
  const [row] = await queryRowsAs(
    db,
    VersionRow,
    sql`select version from ${sql.raw(table)} where id = ${id} for update`,
  );
  return row;
}

/** A stale version is answered with 409 and the current record, so the client can show both. */
async function checkVersion<T>(
  row: { version: number } | undefined,
  version: number,
  current: () => Promise<T>,
  what: string,
): Promise<void> {
  if (!row) throw new AppError('not_found', `${what} gibt es nicht.`);
  if (row.version !== version) {
    throw new AppError(
      'conflict',
      `${what} wurde inzwischen von jemand anderem geändert. Bitte die aktuelle Fassung prüfen.`,
      { current: await current() },
    );
  }
}

/** Active consultants and admins: whom a consultation can be assigned to when it is scheduled. */
export async function listConsultants(db: Db): Promise<Consultant[]> {
  return queryRowsAs(
    db,
    ConsultantSchema,
    sql`select id, display_name as "displayName" from users
        where active and role in ('consultant', 'admin') order by display_name, id`,
  );
}

const IdRow = z.object({ id: z.number().int() });
const VersionRow = z.object({ version: z.number().int() });

// ---------------------------------------------------------------- modules

export async function listModules(db: Db): Promise<ConsultingModule[]> {
  return queryRowsAs(
    db,
    ConsultingModuleSchema,
    sql`select id, name, area, description, active, version from consulting_modules order by area, name`,
  );
}

async function getModule(db: Db, id: number): Promise<ConsultingModule> {
  const [row] = await queryRowsAs(
    db,
    ConsultingModuleSchema,
    sql`select id, name, area, description, active, version from consulting_modules where id = ${id}`,
  );
  if (!row) throw new AppError('not_found', `Beratungsmodul ${id} gibt es nicht.`);
  return row;
}

export async function createModule(
  db: Db,
  input: { name: string; area: ConsultingArea; description: string; active: boolean },
): Promise<ConsultingModule> {
  const [row] = await queryRowsAs(
    db,
    IdRow,
    sql`insert into consulting_modules (name, area, description, active)
        values (${input.name}, ${input.area}, ${input.description}, ${input.active}) returning id`,
  );
  return getModule(db, row?.id as number);
}

/** Name, description and whether it is offered; the area stays (consultations refer to it). */
export async function updateModule(
  db: Db,
  id: number,
  update: { version: number; name?: string; description?: string; active?: boolean },
): Promise<ConsultingModule> {
  return db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await checkVersion(
      await lockVersioned(t, 'consulting_modules', id),
      update.version,
      () => getModule(t, id),
      'Das Beratungsmodul',
    );
    await t.execute(sql`
      update consulting_modules set
        name = coalesce(${update.name ?? null}, name),
        description = coalesce(${update.description ?? null}, description),
        active = coalesce(${update.active ?? null}::boolean, active),
        version = version + 1
      where id = ${id}`);
    return getModule(t, id);
  });
}

// ---------------------------------------------------------------- consultations

const ConsultationRow = ConsultationSchema.omit({ measures: true }).extend({ region_id: z.number().int() });
type ConsultationRow = z.infer<typeof ConsultationRow>;

const consultationSelect = sql`
  select c.id, c.region_id, json_build_object('ags', v.ags, 'name', v.name) as region,
    json_build_object('id', m.id, 'name', m.name) as module, c.area, c.state,
    ${isoTimestampSql('c.requested_at')} as "requestedAt",
    case when creator.role = 'officer' then 'municipality' else 'consulting' end as "requestedBy",
    c.request_note as "requestNote",
    c.scheduled_for::text as "scheduledFor",
    case when u.id is null then null else json_build_object('id', u.id, 'displayName', u.display_name) end as consultant,
    c.held_on::text as "heldOn", c.outcome_notes as "outcomeNotes", c.status_snapshot as "statusSnapshot",
    (select p.sha256 from consultation_profiles p where p.consultation_id = c.id) as "profileSha256",
    c.cancelled_reason as "cancelledReason", c.version
  from consultations c
  join consulting_modules m on m.id = c.module_id
  join region_versions v on v.region_id = c.region_id and v.valid_to is null
  left join users u on u.id = c.consultant_user_id
  left join users creator on creator.id = c.created_by`;

async function withMeasures(
  db: Db,
  rows: ConsultationRow[],
): Promise<(Consultation & { regionId: number })[]> {
  const measures = await listMeasures(
    db,
    rows.map((row) => row.id),
  );
  return rows.map(({ region_id, ...row }) => ({
    ...row,
    regionId: region_id,
    measures: measures.filter((measure) => measure.consultationId === row.id),
  }));
}

/** A municipality's consultations, newest first; officers read only their own (authorizeConsultationRead). */
export async function listConsultations({
  db,
  actor,
  regionId,
}: {
  db: Db;
  actor: Actor;
  regionId: number;
}): Promise<Consultation[]> {
  authorizeConsultationRead({ actor, input: { regionId } });
  const rows = await queryRowsAs(
    db,
    ConsultationRow,
    sql`${consultationSelect} where c.region_id = ${regionId} order by c.requested_at desc, c.id desc`,
  );
  return (await withMeasures(db, rows)).map(({ regionId: _, ...consultation }) => consultation);
}

async function getConsultation(db: Db, id: number): Promise<Consultation & { regionId: number }> {
  const rows = await queryRowsAs(db, ConsultationRow, sql`${consultationSelect} where c.id = ${id}`);
  const [consultation] = await withMeasures(db, rows);
  if (!consultation) throw new AppError('not_found', `Beratung ${id} gibt es nicht.`);
  return consultation;
}

const publicConsultation = ({ regionId: _, ...consultation }: Consultation & { regionId: number }) =>
  consultation;

/**
 * Offers or records a request for a consultation: state "requested". The
 * programme allows one consultation per municipality and area that is not
 * cancelled; the database refuses a second one, also when two requests race.
 */
export async function requestConsultation(input: {
  db: Db;
  actor: Actor;
  regionId: number;
  regionName: string;
  moduleId: number;
  note?: string;
}): Promise<Consultation> {
  authorizeConsultationRequest({ actor: input.actor, input: { regionId: input.regionId } });
  const module = await getModule(input.db, input.moduleId);
  if (!module.active)
    throw new AppError('unprocessable', `Das Modul „${module.name}“ wird derzeit nicht angeboten.`);
  try {
    const [row] = await queryRowsAs(
      input.db,
      IdRow,
      sql`insert into consultations (region_id, module_id, area, created_by, request_note)
          values (${input.regionId}, ${module.id}, ${module.area}, ${input.actor.id}, ${input.note || null}) returning id`,
    );
    return publicConsultation(await getConsultation(input.db, row?.id as number));
  } catch (error) {
    const cause = databaseError(error);
    if (cause?.code === '23505' && cause.constraint === 'consultations_one_active_per_area') {
      const [existing] = await queryRowsAs(
        input.db,
        z.object({ id: z.number().int(), state: z.string() }),
        sql`select id, state from consultations where region_id = ${input.regionId} and area = ${module.area} and state <> 'cancelled'`,
      );
      throw new AppError(
        'conflict',
        `${input.regionName} hat im Bereich ${CONSULTING_AREA_LABELS[module.area]} bereits eine Beratung ` +
          `(Nr. ${existing?.id ?? '?'}). Je Bereich ist eine Beratung möglich; erst nach einer Absage wieder.`,
        existing ? { consultationId: existing.id } : undefined,
      );
    }
    throw error;
  }
}

/** The municipality's figures on the day of the consultation, kept with it. */
async function statusSnapshot(db: Db, regionId: number, day: string): Promise<StatusSnapshot> {
  const figures = (
    day >= today() ? await currentFigures(db, [regionId], true) : await figuresAsOf(db, [regionId], day)
  ).get(regionId)?.total;
  const levels = figures ? [figures.l0, figures.l1, figures.l2, figures.l3, figures.l4] : [0, 0, 0, 0, 0];
  const conformant = (figures?.l3 ?? 0) + (figures?.l4 ?? 0);
  const target = figures?.target ?? 0;
  return {
    date: day,
    targetServices: target,
    levelCounts: levels,
    conformant,
    conformantShare: target > 0 ? conformant / target : null,
  };
}

const STEPS: Record<ConsultationUpdate['action'], { from: string[]; label: string }> = {
  schedule: { from: ['requested', 'scheduled'], label: 'terminiert' },
  hold: { from: ['requested', 'scheduled'], label: 'als durchgeführt erfasst' },
  cancel: { from: ['requested', 'scheduled'], label: 'abgesagt' },
};

export async function updateConsultation(input: {
  db: Db;
  actor: Actor;
  id: number;
  update: ConsultationUpdate;
}): Promise<Consultation> {
  const { update } = input;
  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await checkVersion(
      await lockVersioned(db, 'consultations', input.id),
      update.version,
      async () => publicConsultation(await getConsultation(db, input.id)),
      'Die Beratung',
    );
    const current = await getConsultation(db, input.id);
    const step = STEPS[update.action];
    if (!step.from.includes(current.state)) {
      throw new AppError(
        'unprocessable',
        `Eine Beratung im Stand „${current.state === 'held' ? 'durchgeführt' : 'abgesagt'}“ kann nicht mehr ${step.label} werden.`,
      );
    }
    switch (update.action) {
      case 'schedule': {
        const requested = requestDay(current.requestedAt);
        if (update.scheduledFor < requested)
          throw new AppError(
            'unprocessable',
            `Die Beratung wurde am ${formatDate(requested)} angefragt; der Termin kann nicht davor liegen.`,
            [{ path: 'scheduledFor', message: `liegt vor dem ${formatDate(requested)}` }],
          );
        if (update.consultantUserId !== null) {
          const [consultant] = await queryRowsAs(
            db,
            z.object({ role: z.string() }),
            sql`select role from users where id = ${update.consultantUserId} and active`,
          );
          if (!consultant || !['consultant', 'admin'].includes(consultant.role))
            throw new AppError(
              'unprocessable',
              'Die gewählte Person ist keine aktive Beraterin oder kein aktiver Berater.',
              [{ path: 'consultantUserId', message: 'keine Beratung' }],
            );
        }
        await db.execute(sql`
          update consultations set state = 'scheduled', scheduled_for = ${update.scheduledFor},
            consultant_user_id = coalesce(${update.consultantUserId}, consultant_user_id, ${input.actor.role === 'consultant' ? input.actor.id : null}),
            version = version + 1, updated_at = now()
          where id = ${input.id}`);
        break;
      }
      case 'hold': {
        if (update.heldOn > today())
          throw new AppError(
            'unprocessable',
            'Eine Beratung kann nicht in der Zukunft stattgefunden haben.',
            [{ path: 'heldOn', message: 'liegt in der Zukunft' }],
          );
        const earliest = earliestHeldOn(current);
        if (update.heldOn < earliest.day)
          throw new AppError(
            'unprocessable',
            earliest.reason === 'terminiert'
              ? `Die Beratung ist für den ${formatDate(earliest.day)} terminiert; sie kann nicht vorher stattgefunden haben. Fand sie früher statt, bitte zuerst den Termin ändern.`
              : `Die Beratung wurde am ${formatDate(earliest.day)} angefragt; sie kann nicht vorher stattgefunden haben.`,
            [{ path: 'heldOn', message: `liegt vor dem ${formatDate(earliest.day)}` }],
          );
        const snapshot = await statusSnapshot(db, current.regionId, update.heldOn);
        await db.execute(sql`
          update consultations set state = 'held', held_on = ${update.heldOn}, outcome_notes = ${update.outcomeNotes},
            status_snapshot = ${JSON.stringify(snapshot)}::jsonb,
            consultant_user_id = coalesce(consultant_user_id, ${input.actor.role === 'consultant' ? input.actor.id : null}),
            version = version + 1, updated_at = now()
          where id = ${input.id}`);
        // The profile as of the day it was held, stored once: the consultation's basis, reproducible later.
        await freezeConsultationProfile(db, {
          id: input.id,
          regionId: current.regionId,
          heldOn: update.heldOn,
          moduleName: current.module.name,
        });
        break;
      }
      case 'cancel':
        await db.execute(sql`
          update consultations set state = 'cancelled', cancelled_reason = ${update.reason},
            version = version + 1, updated_at = now()
          where id = ${input.id}`);
        break;
    }
    return publicConsultation(await getConsultation(db, input.id));
  });
}

export async function consultationRegion(db: Db, id: number): Promise<number> {
  const [row] = await queryRowsAs(
    db,
    z.object({ region_id: z.number().int() }),
    sql`select region_id from consultations where id = ${id}`,
  );
  if (!row) throw new AppError('not_found', `Beratung ${id} gibt es nicht.`);
  return row.region_id;
}

/** The profile frozen when a consultation was held: whoever may read the consultation may read it. */
export async function readConsultationProfile({
  db,
  actor,
  consultationId,
}: {
  db: Db;
  actor: Actor;
  consultationId: number;
}): ReturnType<typeof storedProfile> {
  authorizeConsultationRead({ actor, input: { regionId: await consultationRegion(db, consultationId) } });
  return storedProfile(db, consultationId);
}

// ---------------------------------------------------------------- measures

const MeasureRow = MeasureSchema.omit({ overdue: true });

async function listMeasures(db: Db, consultationIds: number[]): Promise<Measure[]> {
  if (consultationIds.length === 0) return [];
  const rows = await queryRowsAs(
    db,
    MeasureRow,
    sql`select m.id, m.consultation_id as "consultationId", m.title, m.owner, m.due_date::text as "dueDate", m.state,
          ${isoTimestampSql('m.completed_at')} as "completedAt", m.version,
          coalesce((select array_agg(ms.ozg_id order by ms.ozg_id) from measure_services ms where ms.measure_id = m.id), '{}') as "ozgIds",
          coalesce((select array_agg(me.status_event_id::int order by me.status_event_id) from measure_status_events me
                    where me.measure_id = m.id), '{}') as "statusEventIds"
        from measures m where m.consultation_id = any(${intArray(consultationIds)})
        order by m.due_date nulls last, m.id`,
  );
  const now = today();
  return rows.map((row) => ({
    ...row,
    overdue:
      row.dueDate !== null && row.dueDate < now && (row.state === 'open' || row.state === 'in_progress'),
  }));
}

async function getMeasure(db: Db, id: number): Promise<Measure> {
  const [row] = await queryRowsAs(
    db,
    z.object({ consultation_id: z.number().int() }),
    sql`select consultation_id from measures where id = ${id}`,
  );
  const measure = row ? (await listMeasures(db, [row.consultation_id])).find((m) => m.id === id) : undefined;
  if (!measure) throw new AppError('not_found', `Maßnahme ${id} gibt es nicht.`);
  return measure;
}

async function setMeasureServices(db: Db, measureId: number, ozgIds: number[]): Promise<void> {
  const unique = [...new Set(ozgIds)];
  if (unique.length > 0) {
    const known = await queryRowsAs(
      db,
      z.object({ ozg_id: z.number().int() }),
      sql`select ozg_id from ozg_services where ozg_id = any(${intArray(unique)})`,
    );
    const missing = unique.filter((id) => !known.some((row) => row.ozg_id === id));
    if (missing.length > 0)
      throw new AppError('unprocessable', `Unbekannte OZG-Leistung: ${missing.join(', ')}.`, [
        { path: 'ozgIds', message: `unbekannt: ${missing.join(', ')}` },
      ]);
  }
  await db.execute(sql`delete from measure_services where measure_id = ${measureId}`);
  if (unique.length > 0)
    await db.execute(
      sql`insert into measure_services (measure_id, ozg_id) select ${measureId}, unnest(${intArray(unique)})`,
    );
}

/** Measures are agreed in a consultation that took place. */
export async function createMeasure(input: {
  db: Db;
  consultationId: number;
  measure: { title: string; owner: string | null; dueDate: string | null; ozgIds: number[] };
}): Promise<Measure> {
  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [consultation] = await queryRowsAs(
      db,
      z.object({ state: z.string() }),
      sql`select state from consultations where id = ${input.consultationId} for share`,
    );
    if (!consultation) throw new AppError('not_found', `Beratung ${input.consultationId} gibt es nicht.`);
    if (consultation.state !== 'held')
      throw new AppError('unprocessable', 'Maßnahmen werden in einer durchgeführten Beratung vereinbart.');
    const { measure } = input;
    const [row] = await queryRowsAs(
      db,
      IdRow,
      sql`insert into measures (consultation_id, title, owner, due_date)
          values (${input.consultationId}, ${measure.title}, ${measure.owner}, ${measure.dueDate}) returning id`,
    );
    await setMeasureServices(db, row?.id as number, measure.ozgIds);
    return getMeasure(db, row?.id as number);
  });
}

/**
 * Changes a measure. Officers of the municipality follow up their measures
 * (state, owner, due date); consultants and the ministry may change all. When a
 * measure is completed, the status changes of its services since the
 * consultation are linked to it as what it caused; reopening removes the links.
 */
export async function updateMeasure(input: {
  db: Db;
  actor: Actor;
  id: number;
  update: {
    version: number;
    title?: string;
    owner?: string | null;
    dueDate?: string | null;
    state?: MeasureState;
    ozgIds?: number[];
  };
}): Promise<Measure> {
  const { update } = input;
  await authorizeMeasureUpdate({
    db: input.db,
    actor: input.actor,
    input: {
      measureId: input.id,
      changesTitleOrServices: update.title !== undefined || update.ozgIds !== undefined,
    },
  });
  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await checkVersion(
      await lockVersioned(db, 'measures', input.id),
      update.version,
      () => getMeasure(db, input.id),
      'Die Maßnahme',
    );
    const before = await getMeasure(db, input.id);
    const state = update.state ?? before.state;
    await db.execute(sql`
      update measures set
        title = ${update.title ?? before.title},
        owner = ${update.owner === undefined ? before.owner : update.owner},
        due_date = ${update.dueDate === undefined ? before.dueDate : update.dueDate},
        state = ${state},
        completed_at = case when ${state} = 'done' then coalesce(completed_at, now()) else null end,
        version = version + 1
      where id = ${input.id}`);
    if (update.ozgIds) await setMeasureServices(db, input.id, update.ozgIds);
    await db.execute(sql`delete from measure_status_events where measure_id = ${input.id}`);
    if (state === 'done') {
      await db.execute(sql`
        insert into measure_status_events (measure_id, status_event_id)
        select m.id, e.id
        from measures m
        join consultations c on c.id = m.consultation_id
        join measure_services ms on ms.measure_id = m.id
        join status_events e on e.region_id = c.region_id and e.ozg_id = ms.ozg_id
          -- from the start of the German day of the consultation (the end of the day before)
          and e.occurred_at >= ${endOfGermanDaySql(sql`c.held_on - 1`)}
          and e.source in ('ui', 'csv', 'api')
        where m.id = ${input.id}`);
    }
    return getMeasure(db, input.id);
  });
}
