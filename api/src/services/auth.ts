import { createHash, randomBytes } from 'node:crypto';
import { type Db, hashPassword, isCityKreisSql, queryRowsAs, verifyPassword } from '@ozg/db';
import { USER_ROLES, type UserRole } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
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
export const SESSION_MAX_HOURS = 12;
// Sliding expiry is extended at most this often, so that reads do not write on every request.
const SESSION_REFRESH_MINUTES = 10;
/**
 * Sign-in slows down instead of locking (decision 003): failures lengthen the
 * wait before the next attempt, the wait is capped, and an attempt that is
 * refused because it came too early is not recorded, so nobody can extend it
 * and the right password wins as soon as the wait is over.
 */
export const SIGN_IN_LIMITS = {
  /** Failures count for this long; a success of the same address and account clears them. */
  windowMinutes: 15,
  /** The longest wait, however many failures. */
  maxDelaySeconds: 60,
  /** Per account and address: after this many failures each further one doubles the wait, from 2 s. */
  freePerAccountAndAddress: 4,
  /** Per account from every address (a guess spread over many addresses); an address the account signed in from before is exempt. */
  freePerAccount: 20,
  /** Per address over all accounts: high, because a town hall signs in behind one NAT address. */
  freePerAddress: 100,
  /** Password checks of one account from one address running at once; more are parallel guessing. */
  maxPendingPerAccountAndAddress: 3,
  /** An address where the account signed in successfully within this time is known to it. */
  knownAddressDays: 30,
} as const;

/** Seconds to wait after the last of `failures` failures before the next attempt; 0 while `free` are not used up. */
export function signInDelaySeconds(failures: number, free: number): number {
  if (failures < free) return 0;
  return Math.min(SIGN_IN_LIMITS.maxDelaySeconds, 2 ** (failures - free + 1));
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');
// Verifying against a real hash when the user does not exist keeps the response time the same (no user enumeration).
let dummyHash: Promise<string> | undefined;

/** Epoch milliseconds of the last failure, null without one. */
const epochMs = z.number().nullable();
const FailureCounts = z.object({
  pair: z.number().int(),
  pair_last: epochMs,
  account: z.number().int(),
  account_last: epochMs,
  address: z.number().int(),
  address_last: epochMs,
  pending: z.number().int(),
  known_address: z.boolean(),
});

/**
 * When the next attempt of this account from this address may start, as
 * milliseconds from `now`, or 0 when it may start now. Only decided failures
 * count: a check still running is neither a failure nor a success.
 */
async function signInWaitMs(
  db: Db,
  emailLower: string,
  address: string,
  now: string,
  nowMs: number,
): Promise<number> {
  const L = SIGN_IN_LIMITS;
  const [row] = await queryRowsAs(
    db,
    FailureCounts,
    sql`with recent as (
          select email_lower, client_address, succeeded, attempted_at from login_attempts
          where attempted_at > ${now}::timestamptz - make_interval(mins => ${L.windowMinutes})
            and (email_lower = ${emailLower} or client_address = ${address})),
        pair_success as (
          select max(attempted_at) as at from recent
          where email_lower = ${emailLower} and client_address = ${address} and succeeded)
        select
          (count(*) filter (where pair and not succeeded))::int as pair,
          extract(epoch from max(attempted_at) filter (where pair and not succeeded))::float8 * 1000 as pair_last,
          (count(*) filter (where email_lower = ${emailLower} and not succeeded))::int as account,
          extract(epoch from max(attempted_at) filter (where email_lower = ${emailLower} and not succeeded))::float8 * 1000 as account_last,
          (count(*) filter (where client_address = ${address} and not succeeded))::int as address,
          extract(epoch from max(attempted_at) filter (where client_address = ${address} and not succeeded))::float8 * 1000 as address_last,
          (count(*) filter (where email_lower = ${emailLower} and client_address = ${address}
             and succeeded is null and attempted_at > ${now}::timestamptz - interval '1 minute'))::int as pending,
          exists (select 1 from login_attempts where email_lower = ${emailLower} and client_address = ${address}
            and succeeded and attempted_at > ${now}::timestamptz - make_interval(days => ${L.knownAddressDays})) as known_address
        from (select *, email_lower = ${emailLower} and client_address = ${address}
                and attempted_at > coalesce((select at from pair_success), '-infinity') as pair
              from recent) r`,
  );
  if (!row) return 0;
  const waitAfter = (last: number | null, failures: number, free: number) => {
    const delay = signInDelaySeconds(failures, free);
    return last === null || delay === 0 ? 0 : Math.max(0, last + delay * 1000 - nowMs);
  };
  const delays = [
    waitAfter(row.pair_last, row.pair, L.freePerAccountAndAddress),
    waitAfter(row.address_last, row.address, L.freePerAddress),
    row.known_address ? 0 : waitAfter(row.account_last, row.account, L.freePerAccount),
    row.pending >= L.maxPendingPerAccountAndAddress ? 1000 : 0,
  ];
  return Math.max(...delays);
}

export async function login(input: {
  db: Db;
  email: string;
  password: string;
  clientAddress: string;
  /** The token of the browser's current session, if any: a new sign-in ends it. */
  previousToken?: string | undefined;
  /** The clock, for tests of the wait; the database's clock otherwise. */
  now?: Date;
}): Promise<{ token: string; csrfToken: string; actor: Actor }> {
  const { db } = input;
  const emailLower = input.email.trim().toLowerCase();
  const address = input.clientAddress;
  // One clock for every instance: the database's (or the test's).
  const [clock] = await queryRowsAs(
    db,
    z.object({ ms: z.number() }),
    sql`select extract(epoch from coalesce(${input.now?.toISOString() ?? null}::timestamptz, now()))::float8 * 1000 as ms`,
  );
  const nowMs = clock?.ms as number;
  const now = new Date(nowMs).toISOString();
  const waitMs = await signInWaitMs(db, emailLower, address, now, nowMs);
  if (waitMs > 0) {
    const seconds = Math.ceil(waitMs / 1000);
    // Not recorded: a refused attempt, even with the right password, must not lengthen the wait.
    throw new AppError(
      'rate_limited',
      `Zu viele fehlgeschlagene Anmeldungen. Bitte in ${seconds} ${seconds === 1 ? 'Sekunde' : 'Sekunden'} erneut versuchen.`,
      { retryAfterSeconds: seconds },
    );
  }
  // Recorded as pending (succeeded null) so that parallel guesses see each other without counting as failures.
  const [attempt] = await queryRowsAs(
    db,
    z.object({ id: z.number() }),
    sql`insert into login_attempts (email_lower, client_address, succeeded, attempted_at)
        values (${emailLower}, ${address}, null, ${now}::timestamptz) returning id::float8 as id`,
  );
  const [user] = await queryRowsAs(
    db,
    z.object({ id: z.number().int(), password_hash: z.string() }),
    sql`select id, password_hash from users where lower(email) = ${emailLower} and active`,
  );
  dummyHash ??= hashPassword(randomBytes(16).toString('hex'));
  let valid = false;
  try {
    valid = await verifyPassword(user?.password_hash ?? (await dummyHash), input.password);
  } finally {
    const succeeded = Boolean(user && valid);
    await db.execute(sql`update login_attempts set succeeded = ${succeeded} where id = ${attempt?.id}`);
  }
  if (!user || !valid) throw new AppError('unauthenticated', 'E-Mail-Adresse oder Passwort ist falsch.');

  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  // One session per browser: signing in again (as anyone) ends the session the browser still holds.
  if (input.previousToken) await logout(db, input.previousToken);
  await db.execute(sql`delete from sessions where user_id = ${user.id} and expires_at < now()`);
  // Attempts are only needed for the window and to know the account's addresses.
  await db.execute(sql`
    delete from login_attempts where email_lower = ${emailLower}
      and attempted_at < ${now}::timestamptz - make_interval(days => ${SIGN_IN_LIMITS.knownAddressDays})`);
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
  const [row] = await queryRowsAs(
    db,
    z.object({
      id: z.number().int(),
      email: z.string(),
      display_name: z.string(),
      role: z.enum(USER_ROLES),
      csrf_token: z.string(),
      refresh: z.boolean(),
      regions: z.array(z.object({ id: z.number().int(), ags: z.string(), name: z.string() })).nullable(),
      editable: z.array(z.number().int()).nullable(),
    }),
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
               and ${isCityKreisSql('k')}
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
