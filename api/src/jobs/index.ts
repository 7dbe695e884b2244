import { type Database, readScheduledBackupConfig, runScheduledBackup } from '@ozg/db';
import type { ApiEnv } from '../env';
import type { Metrics } from '../lib/metrics';
import { pruneAuthRecords } from '../services/housekeeping';
import { DEFAULT_MAX_REDIRECTS, type LinkCheckConfig, runLinkCheck } from '../services/link-checks';
import type { JobHandler, JobRunner } from './runner';

export {
  createJobRunner,
  type JobContext,
  type JobHandler,
  type JobOptions,
  type JobRunner,
  type JobRunnerOptions,
} from './runner';

/** Nightly, at quiet hours in Germany. */
export const DEFAULT_SCHEDULES = { housekeeping: '15 3 * * *', linkCheck: '30 2 * * *' } as const;

export function linkCheckConfigFromEnv(env: ApiEnv): LinkCheckConfig {
  return {
    concurrency: env.OZG_LINK_CHECK_CONCURRENCY,
    timeoutMs: env.OZG_LINK_CHECK_TIMEOUT_SECONDS * 1000,
    budgetMs: env.OZG_LINK_CHECK_BUDGET_MINUTES * 60_000,
    maxRedirects: DEFAULT_MAX_REDIRECTS,
    allowPrivateNetworks: env.OZG_LINK_CHECK_ALLOW_PRIVATE,
  };
}

/** "off" disables a job's schedule; unset takes the default (which may itself be off). */
function scheduleOf(configured: string | undefined, fallback: string | undefined): string | undefined {
  if (configured === 'off') return undefined;
  return configured || fallback;
}

/**
 * The application's own jobs, registered by `pnpm start` before runner.start().
 * Link checks fetch every recorded URL: by default only on a PostgreSQL server;
 * on the embedded database (the demo, whose URLs are invented, and the tests
 * that start the app) only when OZG_LINK_CHECK_SCHEDULE says so.
 */
export function registerAppJobs(
  runner: JobRunner,
  database: Database,
  env: ApiEnv,
  metrics?: Pick<Metrics, 'jobs'>,
): void {
  // Every run is counted by outcome on /metrics (decision 015), whichever job it is.
  const counted =
    (job: string, handler: JobHandler): JobHandler =>
    async (context) => {
      try {
        await handler(context);
        metrics?.jobs.inc({ job, outcome: 'ok' });
      } catch (error) {
        metrics?.jobs.inc({ job, outcome: 'failed' });
        throw error;
      }
    };
  const housekeeping = scheduleOf(env.OZG_HOUSEKEEPING_SCHEDULE, DEFAULT_SCHEDULES.housekeeping);
  runner.registerJob(
    'housekeeping',
    counted('housekeeping', async () => {
      await pruneAuthRecords({
        db: database.db,
        retention: {
          sessionDays: env.OZG_SESSION_RETENTION_DAYS,
          loginAttemptDays: env.OZG_LOGIN_ATTEMPT_RETENTION_DAYS,
        },
      });
    }),
    housekeeping ? { schedule: housekeeping } : {},
  );
  const config = linkCheckConfigFromEnv(env);
  const linkCheck = scheduleOf(
    env.OZG_LINK_CHECK_SCHEDULE,
    database.kind === 'postgres' ? DEFAULT_SCHEDULES.linkCheck : undefined,
  );
  runner.registerJob(
    'link-check',
    counted('link-check', async ({ signal }) => {
      await runLinkCheck({ db: database.db, config, signal });
    }),
    // The budget ends the run; the timeout only catches a run that does not stop.
    { ...(linkCheck ? { schedule: linkCheck } : {}), timeoutSeconds: config.budgetMs / 1000 + 300 },
  );
  // Nightly backups only when OZG_BACKUP_DIR names a folder (decision 015).
  const backup = readScheduledBackupConfig();
  if (backup)
    runner.registerJob(
      'backup',
      counted('backup', async () => {
        await runScheduledBackup({ database, config: backup });
      }),
      { schedule: backup.cron, timeoutSeconds: 6 * 3600 },
    );
}
