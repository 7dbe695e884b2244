import { type Db, hashPassword, passwordProblem, queryRowsAs } from '@ozg/db';
import { type AdminUser, USER_ROLES, type UserRole } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { AppError } from '../lib/errors';

const IdRow = z.object({ id: z.number().int() });

const EmailSchema = z.email('Keine gültige E-Mail-Adresse');

/** Creates a local account; officers need at least one region (AGS) they may edit. */
export async function createUser(input: {
  db: Db;
  email: string;
  role: string;
  displayName?: string;
  regionKeys: string[];
  password: string;
}): Promise<{ id: number; email: string; role: UserRole; regions: string[] }> {
  const email = EmailSchema.safeParse(input.email.trim());
  if (!email.success)
    throw new AppError('validation_failed', `"${input.email}" ist keine gültige E-Mail-Adresse.`);
  if (!(USER_ROLES as readonly string[]).includes(input.role)) {
    throw new AppError(
      'validation_failed',
      `Unbekannte Rolle "${input.role}" (erlaubt: ${USER_ROLES.join(', ')}).`,
    );
  }
  const role = input.role as UserRole;
  if (role === 'officer' && input.regionKeys.length === 0) {
    throw new AppError('validation_failed', 'Ein officer braucht mindestens ein Gebiet (--region AGS).');
  }
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('validation_failed', problem);
  const passwordHash = await hashPassword(input.password);

  return input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const regions = await resolveRegionKeys(db, input.regionKeys);
    const notEditable = regions.filter((region) => region.level !== 'gemeinde' && region.level !== 'kreis');
    if (notEditable.length > 0) {
      throw new AppError(
        'validation_failed',
        `Gebiete ${notEditable.map((region) => region.ags).join(', ')} haben keine eigenen Leistungen; zuweisbar sind Gemeinden und Kreise.`,
      );
    }
    // on conflict: two concurrent requests for the same address get a clear 409, not a unique-violation 500.
    const [user] = await queryRowsAs(
      db,
      IdRow,
      sql`insert into users (email, display_name, role, password_hash)
          values (${email.data}, ${input.displayName?.trim() || email.data}, ${role}, ${passwordHash})
          on conflict do nothing returning id`,
    );
    if (!user) throw new AppError('conflict', `Es gibt schon einen Benutzer mit ${email.data}.`);
    const id = user?.id as number;
    for (const region of regions) {
      await db.execute(sql`insert into user_regions (user_id, region_id) values (${id}, ${region.id})`);
    }
    return { id, email: email.data, role, regions: regions.map((region) => region.ags) };
  });
}

export async function setPassword(input: { db: Db; email: string; password: string }): Promise<void> {
  const problem = passwordProblem(input.password);
  if (problem) throw new AppError('validation_failed', problem);
  const passwordHash = await hashPassword(input.password);
  await input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [user] = await queryRowsAs(
      db,
      IdRow,
      sql`update users set password_hash = ${passwordHash} where lower(email) = lower(${input.email.trim()}) returning id`,
    );
    if (!user) throw new AppError('not_found', `Kein Benutzer mit ${input.email}.`);
    // A new password ends every open session of the account.
    await db.execute(sql`delete from sessions where user_id = ${user.id}`);
  });
}

async function resolveRegionKeys(
  db: Db,
  keys: string[],
): Promise<{ id: number; ags: string; level: string }[]> {
  const regions: { id: number; ags: string; level: string }[] = [];
  for (const key of keys) {
    const [region] = await queryRowsAs(
      db,
      z.object({ id: z.number().int(), ags: z.string(), level: z.string() }),
      sql`select v.region_id as id, v.ags, r.level from region_versions v join regions r on r.id = v.region_id
          where (v.ags = ${key} or v.ars = ${key}) and v.valid_to is null`,
    );
    if (!region) throw new AppError('not_found', `Kein aktuelles Gebiet mit dem Schlüssel ${key}.`);
    regions.push(region);
  }
  return regions;
}

/** Every account with its role and regions, for the admin page; never the password hash. */
export async function listUsers(db: Db): Promise<AdminUser[]> {
  const rows = await queryRowsAs(
    db,
    z.object({
      id: z.number().int(),
      email: z.string(),
      display_name: z.string(),
      role: z.enum(USER_ROLES),
      active: z.boolean(),
      last_login_at: z.string().nullable(),
      regions: z.array(z.object({ ags: z.string(), name: z.string() })).nullable(),
    }),
    sql`select u.id, u.email, u.display_name, u.role, u.active, u.last_login_at,
          (select json_agg(json_build_object('ags', v.ags, 'name', v.name) order by v.ags)
           from user_regions ur join region_versions v on v.region_id = ur.region_id and v.valid_to is null
           where ur.user_id = u.id) as regions
        from users u order by lower(u.email)`,
  );
  return rows.map((row) => ({
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    active: row.active,
    regions: row.regions ?? [],
    lastLoginAt: row.last_login_at ? new Date(row.last_login_at).toISOString() : null,
  }));
}

/**
 * Changes an account's name, role, regions or whether it may sign in. A
 * deactivated account's sessions end at once; an admin cannot lock themself out.
 */
export async function updateUser(input: {
  db: Db;
  actorId: number;
  id: number;
  change: { displayName?: string; role?: UserRole; regions?: string[]; active?: boolean };
}): Promise<AdminUser> {
  const { change } = input;
  if (input.id === input.actorId && (change.active === false || (change.role && change.role !== 'admin'))) {
    throw new AppError(
      'unprocessable',
      'Das eigene Konto kann nicht deaktiviert oder herabgestuft werden (sonst hätte niemand mehr Zugriff).',
    );
  }
  await input.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    const [user] = await queryRowsAs(
      db,
      z.object({ id: z.number().int(), role: z.enum(USER_ROLES) }),
      sql`select id, role from users where id = ${input.id} for update`,
    );
    if (!user) throw new AppError('not_found', `Kein Benutzer mit der Nummer ${input.id}.`);
    const role = change.role ?? user.role;
    if (change.displayName !== undefined || change.role !== undefined || change.active !== undefined) {
      await db.execute(
        sql`update users set
              display_name = coalesce(${change.displayName ?? null}, display_name),
              role = coalesce(${change.role ?? null}::user_role, role),
              active = coalesce(${change.active ?? null}::boolean, active)
            where id = ${input.id}`,
      );
    }
    if (change.regions !== undefined) {
      const regions = await resolveRegionKeys(db, change.regions);
      const notEditable = regions.filter((region) => region.level !== 'gemeinde' && region.level !== 'kreis');
      if (notEditable.length > 0) {
        throw new AppError(
          'validation_failed',
          `Gebiete ${notEditable.map((region) => region.ags).join(', ')} haben keine eigenen Leistungen; zuweisbar sind Gemeinden und Kreise.`,
        );
      }
      await db.execute(sql`delete from user_regions where user_id = ${input.id}`);
      for (const region of regions) {
        await db.execute(
          sql`insert into user_regions (user_id, region_id) values (${input.id}, ${region.id})`,
        );
      }
    }
    const [{ count } = { count: 0 }] = await queryRowsAs(
      db,
      z.object({ count: z.number().int() }),
      sql`select count(*)::int as count from user_regions where user_id = ${input.id}`,
    );
    if (role === 'officer' && count === 0) {
      throw new AppError(
        'validation_failed',
        'Ein Konto der Rolle Kommune braucht mindestens ein Gebiet (AGS).',
      );
    }
    if (change.active === false) await db.execute(sql`delete from sessions where user_id = ${input.id}`);
  });
  const updated = (await listUsers(input.db)).find((user) => user.id === input.id);
  if (!updated) throw new AppError('not_found', `Kein Benutzer mit der Nummer ${input.id}.`);
  return updated;
}
