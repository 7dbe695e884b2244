import { type Database, queryRows } from '@ozg/db';
import { createDemoTestDatabase } from '@ozg/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readApiEnv } from '../env';
import { registerAppJobs } from '../jobs/index';
import { createJobRunner } from '../jobs/runner';
import { pruneAuthRecords } from './housekeeping';

let database: Database;
let userId: number;
beforeAll(async () => {
  database = await createDemoTestDatabase();
  const [user] = await queryRows<{ id: number }>(database.db, sql`select id from users order by id limit 1`);
  userId = user?.id ?? 0;
});
afterAll(async () => {
  await database.close();
});

/** Sessions and attempts at given ages (hours before now); returns what is left after a run. */
async function seed() {
  await database.exec('delete from sessions; delete from login_attempts');
  const session = (id: string, createdHoursAgo: number, expiresInHours: number) =>
    database.db.execute(sql`
      insert into sessions (id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at)
      values (${id}, ${userId}, 'x', now() - make_interval(hours => ${createdHoursAgo}),
              now() + make_interval(hours => ${expiresInHours}), now())`);
  await session('active', 1, 7);
  await session('expired-just-now', 9, -1);
  await session('expired-3-days-ago', 80, -72);
  // Still "valid" by expires_at but past the 12 hours a session may last at most.
  await session('past-max-lifetime', 24 * 5, 2);
  const attempt = (email: string, daysAgo: number) =>
    database.db.execute(sql`
      insert into login_attempts (email_lower, client_address, succeeded, attempted_at)
      values (${email}, '192.0.2.1', false, now() - make_interval(days => ${daysAgo}))`);
  await attempt('today@example.org', 0);
  await attempt('last-week@example.org', 7);
  await attempt('old@example.org', 40);
}
const left = async () => ({
  sessions: (
    await queryRows<{ id_hash: string }>(database.db, sql`select id_hash from sessions order by id_hash`)
  ).map((row) => row.id_hash),
  attempts: (
    await queryRows<{ email_lower: string }>(
      database.db,
      sql`select email_lower from login_attempts order by 1`,
    )
  ).map((row) => row.email_lower),
});

describe('housekeeping', () => {
  it('removes expired sessions and sign-in attempts older than the retention', async () => {
    await seed();
    const removed = await pruneAuthRecords({
      db: database.db,
      retention: { sessionDays: 0, loginAttemptDays: 30 },
    });
    expect(removed).toEqual({ sessions: 3, loginAttempts: 1 });
    expect(await left()).toEqual({
      sessions: ['active'],
      attempts: ['last-week@example.org', 'today@example.org'],
    });
  });

  it('keeps expired sessions and attempts for the configured number of days', async () => {
    await seed();
    await pruneAuthRecords({ db: database.db, retention: { sessionDays: 1, loginAttemptDays: 5 } });
    expect(await left()).toEqual({
      sessions: ['active', 'expired-just-now'],
      attempts: ['today@example.org'],
    });
  });

  it('runs as the job "housekeeping" with the retention from the environment', async () => {
    await seed();
    const runner = createJobRunner(database);
    try {
      registerAppJobs(
        runner,
        database,
        readApiEnv({ OZG_LOGIN_ATTEMPT_RETENTION_DAYS: '3', OZG_SESSION_RETENTION_DAYS: '4' }),
      );
      await runner.runNow('housekeeping');
    } finally {
      await runner.stop();
    }
    expect(await left()).toEqual({
      sessions: ['active', 'expired-3-days-ago', 'expired-just-now'],
      attempts: ['today@example.org'],
    });
  });

  it('refuses a retention or schedule it cannot use, in German', () => {
    expect(() => readApiEnv({ OZG_LOGIN_ATTEMPT_RETENTION_DAYS: '0' })).toThrow(
      'OZG_LOGIN_ATTEMPT_RETENTION_DAYS',
    );
    expect(() => readApiEnv({ OZG_HOUSEKEEPING_SCHEDULE: 'nachts' })).toThrow('Ungültiger Zeitplan „nachts“');
    expect(readApiEnv({ OZG_LINK_CHECK_SCHEDULE: 'off' }).OZG_LINK_CHECK_SCHEDULE).toBe('off');
  });
});
