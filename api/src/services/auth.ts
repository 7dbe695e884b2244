import { createHash, randomBytes } from 'node:crypto';
import { type Db, hashPassword, queryRows, verifyPassword } from '@ozg/db';
import { CITY_KREIS_KINDS, type UserRole } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { AppError } from '../lib/errors';

/** Who is making a request, with what they may edit. */
export type Actor = {
  id: number;
  email: string;
  displayName: string;
  role: UserRole;
  /** Regions assigned to the user (officers). */
  regions: { id: number; ags: string; name: string }[];
  /**
   * Administrations whose statuses the user may edit: the assigned ones, and for
   * an assigned kreisfreie Stadt its Gemeinde record, which carries the city's statuses.
   */
  editableRegionIds: number[];
};

export const SESSION_COOKIE = 'ozg_session';
const SESSION_HOURS = 8;
/** However active, a session ends this long after sign-in. */
const SESSION_MAX_HOURS = 12;
// Sliding expiry is extended at most this often, so that reads do not write on every request.
const SESSION_REFRESH_MINUTES = 10;
const RATE_WINDOW_MINUTES = 15;
const MAX_FAILURES_PER_EMAIL = 5;
const MAX_FAILURES_PER_ADDRESS = 30;

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
// Verifying against a real hash when the user does not exist keeps the response time the same (no user enumeration).
let dummyHash: Promise<string> | undefined;

export async function login(input: {
  db: Db;
  email: string;
  password: string;
  clientAddress: string;
}): Promise<{ token: string; csrfToken: string; actor: Actor }> {
  const { db } = input;
  const emailLower = input.email.trim().toLowerCase();
  // The attempt is recorded as failed before it is counted, so parallel guesses see each other.
  const [attempt] = await queryRows<{ id: number }>(
    db,
    sql`insert into login_attempts (email_lower, client_address, succeeded)
        values (${emailLower}, ${input.clientAddress}, false) returning id::float8 as id`,
  );
  const [failures] = await queryRows<{ by_email: number; by_address: number }>(
    db,
    sql`select
          (count(*) filter (where email_lower = ${emailLower}))::int as by_email,
          (count(*) filter (where client_address = ${input.clientAddress}))::int as by_address
        from login_attempts
        where not succeeded and attempted_at > now() - make_interval(mins => ${RATE_WINDOW_MINUTES})
          and (email_lower = ${emailLower} or client_address = ${input.clientAddress})`,
  );
  if (
    (failures?.by_email ?? 0) > MAX_FAILURES_PER_EMAIL ||
    (failures?.by_address ?? 0) > MAX_FAILURES_PER_ADDRESS
  ) {
    throw new AppError(
      'rate_limited',
      `Zu viele fehlgeschlagene Anmeldungen. Bitte in ${RATE_WINDOW_MINUTES} Minuten erneut versuchen.`,
    );
  }
  const [user] = await queryRows<{ id: number; password_hash: string }>(
    db,
    sql`select id, password_hash from users where lower(email) = ${emailLower} and active`,
  );
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  const valid = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
  const succeeded = Boolean(user && valid);
  if (succeeded) await db.execute(sql`update login_attempts set succeeded = true where id = ${attempt?.id}`);
  if (!user || !succeeded) throw new AppError('unauthenticated', 'E-Mail-Adresse oder Passwort ist falsch.');

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  await db.execute(sql`delete from sessions where user_id = ${user.id} and expires_at < now()`);
  await db.execute(sql`
    insert into sessions (id_hash, user_id, csrf_token, expires_at)
    values (${sha256(token)}, ${user.id}, ${csrfToken}, now() + make_interval(hours => ${SESSION_HOURS}))`);
  await db.execute(sql`update users set last_login_at = now() where id = ${user.id}`);
  const session = await sessionFromToken(db, token);
  if (!session) throw new AppError('internal', 'Sitzung konnte nicht angelegt werden.');
  return { token, csrfToken, actor: session.actor };
}

export async function logout(db: Db, token: string): Promise<void> {
  await db.execute(sql`delete from sessions where id_hash = ${sha256(token)}`);
}

/** The actor of a session token, or null when the session is unknown, expired or the user deactivated. */
export async function sessionFromToken(
  db: Db,
  token: string,
): Promise<{ actor: Actor; csrfToken: string } | null> {
  const [row] = await queryRows<{
    id: number;
    email: string;
    display_name: string;
    role: UserRole;
    csrf_token: string;
    refresh: boolean;
    regions: { id: number; ags: string; name: string }[] | null;
    editable: number[] | null;
  }>(
    db,
    sql`select u.id, u.email, u.display_name, u.role, s.csrf_token,
          s.last_seen_at < now() - make_interval(mins => ${SESSION_REFRESH_MINUTES}) as refresh,
          (select jsonb_agg(jsonb_build_object('id', v.region_id, 'ags', v.ags, 'name', v.name) order by v.ags)
             from user_regions ur join region_versions v on v.region_id = ur.region_id and v.valid_to is null
             where ur.user_id = u.id) as regions,
          (select array_agg(distinct e.region_id) from (
             select ur.region_id from user_regions ur where ur.user_id = u.id
             union
             select city.region_id from user_regions ur
             join region_versions k on k.region_id = ur.region_id and k.valid_to is null
               and k.kind = any(${`{${CITY_KREIS_KINDS.join(',')}}`}::region_kind[])
             join region_versions city on city.parent_region_id = k.region_id and city.valid_to is null
             where ur.user_id = u.id) e) as editable
        from sessions s join users u on u.id = s.user_id
        where s.id_hash = ${sha256(token)} and s.expires_at > now()
          and s.created_at > now() - make_interval(hours => ${SESSION_MAX_HOURS}) and u.active`,
  );
  if (!row) return null;
  if (row.refresh) {
    await db.execute(sql`
      update sessions set last_seen_at = now(), expires_at = now() + make_interval(hours => ${SESSION_HOURS})
      where id_hash = ${sha256(token)}`);
  }
  return {
    csrfToken: row.csrf_token,
    actor: {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      regions: row.regions ?? [],
      editableRegionIds: row.editable ?? [],
    },
  };
}

export function canEditRegion(actor: Actor, regionId: number): boolean {
  return actor.role === 'admin' || (actor.role === 'officer' && actor.editableRegionIds.includes(regionId));
}
