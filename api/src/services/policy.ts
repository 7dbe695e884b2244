import { type Db, queryRowsAs } from '@ozg/db';
import type { UserRole } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';
import type { Actor } from './auth';

/*
 * Who may do what, in one place (decision 013). Two kinds of rule:
 * - by role alone: ROLES, which the routes' `signedIn(...)` gate reads before
 *   it validates any input (an anonymous caller learns nothing about the
 *   input rules);
 * - by the row: the functions below, `fn({ db, actor, input })`, which the
 *   services call once they know the region or the owner.
 * The authorization matrix (authorization.test.ts) runs every mutating route
 * against every role.
 */

/** The roles that may call a route at all; rules that depend on the row follow in the service. */
export const ROLES = {
  /** Catalogue, executing levels, exceptions, imports, users, consulting modules: the ministry. */
  admin: ['admin'],
  /** Consultations: the consulting and the ministry. */
  consulting: ['admin', 'consultant'],
  /** A consultation may also be requested, and a measure followed up, by the municipality's officer. */
  consultingWithOfficer: ['admin', 'consultant', 'officer'],
  /** The consulting report: also the read-only ministry staff. */
  consultingReport: ['admin', 'consultant', 'viewer'],
  /** Reminders, reconciliation decisions, the check: the ministry and the officers (their own administrations). */
  municipality: ['admin', 'officer'],
  /** Overviews across the municipalities (stale statuses, the Kreise's reconciliation): the ministry and its staff. */
  ministry: ['admin', 'viewer'],
} as const satisfies Record<string, readonly UserRole[]>;

/** Whether the actor may edit the statuses of an administration: the ministry all, an officer their own. */
export function canEditRegion(actor: Actor, regionId: number): boolean {
  return actor.role === 'admin' || (actor.role === 'officer' && actor.editableRegionIds.includes(regionId));
}

/** Status edits (single, bulk, CSV, undo) and confirmations: every status must belong to an administration the actor may edit. */
export function authorizeStatusEdit({
  actor,
  input,
}: {
  actor: Actor;
  input: { regionIds: readonly number[] };
}) {
  if (input.regionIds.some((regionId) => !canEditRegion(actor, regionId)))
    throw new AppError('forbidden', 'Diese Status dürfen Sie nicht bearbeiten.');
}

/** An undo: one's own change set; the ministry may undo any. */
export function authorizeUndo({ actor, input }: { actor: Actor; input: { ownerUserId: number | null } }) {
  if (input.ownerUserId !== actor.id && actor.role !== 'admin')
    throw new AppError('forbidden', 'Nur eigene Änderungen können rückgängig gemacht werden.');
}

/** The maturity models (Reifegradmodelle): only the ministry loads a new version. */
export function authorizeMaturityModelLoad({ actor }: { actor: Actor }) {
  if (actor.role !== 'admin')
    throw new AppError('forbidden', 'Reifegradmodelle lädt nur die Administration.');
}

/** Key dates (Stichtage): only the ministry adds one. */
export function authorizeKeyDateCreate({ actor }: { actor: Actor }) {
  if (actor.role !== 'admin') throw new AppError('forbidden', 'Stichtage legt das Ministerium an.');
}

/** Who may answer a municipality's check: its officers and the ministry (the `mayAnswer` flag). */
export function canAnswerCheck(actor: Actor | null, regionId: number): boolean {
  return actor !== null && canEditRegion(actor, regionId);
}

/** Saving a draft of the check or submitting it: see canAnswerCheck. */
export function authorizeCheckAnswer({ actor, input }: { actor: Actor; input: { regionId: number } }) {
  if (!canAnswerCheck(actor, input.regionId))
    throw new AppError('forbidden', 'Den Check beantwortet die Kommune selbst (oder das Ministerium).');
}

/** Another user's audit trail: only the ministry. */
export function authorizeUserEvents({ actor, input }: { actor: Actor; input: { userId: number } }) {
  if (actor.role !== 'admin' && actor.id !== input.userId)
    throw new AppError('forbidden', 'Das Änderungsprotokoll anderer Benutzer sieht nur die Administration.');
}

/** Officers read the consultations of their own municipality; everyone else with a role reads all. */
export function authorizeConsultationRead({ actor, input }: { actor: Actor; input: { regionId: number } }) {
  if (actor.role === 'officer' && !canEditRegion(actor, input.regionId))
    throw new AppError('forbidden', 'Beratungen anderer Kommunen sind nicht einsehbar.');
}

/** Officers ask for their own municipality only; the consulting and the ministry offer anywhere. */
export function authorizeConsultationRequest({
  actor,
  input,
}: {
  actor: Actor;
  input: { regionId: number };
}) {
  if (actor.role === 'officer' && !canEditRegion(actor, input.regionId))
    throw new AppError('forbidden', 'Eine Beratung können Sie nur für Ihre eigene Kommune anfragen.');
}

/**
 * A measure: the consulting changes everything; the municipality's officer
 * follows up its own (state, owner, due date), never title or services.
 */
export async function authorizeMeasureUpdate({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: { measureId: number; changesTitleOrServices: boolean };
}) {
  if (actor.role !== 'officer') return;
  const [measure] = await queryRowsAs(
    db,
    z.object({ region_id: z.number().int() }),
    sql`select c.region_id from measures m join consultations c on c.id = m.consultation_id
        where m.id = ${input.measureId}`,
  );
  if (!measure) throw new AppError('not_found', `Maßnahme ${input.measureId} gibt es nicht.`);
  if (!canEditRegion(actor, measure.region_id))
    throw new AppError('forbidden', 'Maßnahmen anderer Kommunen dürfen Sie nicht ändern.');
  if (input.changesTitleOrServices)
    throw new AppError('forbidden', 'Titel und Leistungen einer Maßnahme ändert die Beratung.');
}

/** Reconciliation decisions (decision 021): like a status edit, the officer decides for their own administration. */
export function authorizeDatahubDecision({
  actor,
  input,
}: {
  actor: Actor;
  input: { regionIds: readonly number[] };
}) {
  if (input.regionIds.some((regionId) => !canEditRegion(actor, regionId)))
    throw new AppError('forbidden', 'Über diese Abweichungen dürfen Sie nicht entscheiden.');
}

/** The list of differences: an officer reads their own administrations, every other role all. */
export function authorizeDatahubRead({ actor, input }: { actor: Actor; input: { regionId: number } }) {
  if (actor.role === 'officer' && !canEditRegion(actor, input.regionId))
    throw new AppError('forbidden', 'Den Abgleich anderer Gemeinden sehen Sie nicht.');
}
