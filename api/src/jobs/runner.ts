import type { Database } from '@ozg/db';
import { GERMAN_TIME_ZONE } from '@ozg/shared';
import cronParser from 'cron-parser';
import PgBoss from 'pg-boss';

/**
 * Background jobs (decision 016). One interface, two runners chosen by the
 * database: on a PostgreSQL server pg-boss (queue and schedules in the schema
 * `pgboss` of the same database), so a job survives restarts and runs once
 * however many API instances share the database; on the embedded PGlite (one
 * process, one connection) a timer in this process.
 *
 *   const runner = createJobRunner(database);
 *   runner.registerJob('housekeeping', async ({ signal }) => { … }, { schedule: '15 3 * * *' });
 *   await runner.start();
 *   …
 *   await runner.stop(); // graceful shutdown: aborts `signal`, waits for running jobs
 *
 * Every job is a singleton: never two runs of it at once, across instances;
 * a run requested while one is going on waits for it (at most one waits).
 */

export type JobContext = {
  /**
   * Aborted when the runner stops or the run exceeds its timeout: a long job
   * ends at its next safe point and leaves the rest to the next run.
   */
  signal: AbortSignal;
};

export type JobHandler = (context: JobContext) => Promise<void>;

export type JobOptions = {
  /** Cron expression (5 fields, German time), e.g. '15 3 * * *'; without one the job runs only when triggered. */
  schedule?: string;
  /** The longest a run may take; its signal is aborted then. Default 15 minutes. */
  timeoutSeconds?: number;
};

export interface JobRunner {
  readonly kind: 'pg-boss' | 'in-process';
  /** Registers a job; before start(). Names: lowercase letters, digits and hyphens. */
  registerJob(name: string, handler: JobHandler, options?: JobOptions): void;
  /** Starts the schedules and (pg-boss) the workers of this instance. */
  start(): Promise<void>;
  /** Stops scheduling, aborts the running jobs' signals and waits for them to end. */
  stop(): Promise<void>;
  /** Requests a run as soon as possible, on whichever instance picks it up (started runners only). */
  trigger(name: string): Promise<void>;
  /**
   * Runs the job in this process and waits for it; errors are thrown. For tests
   * and the command line: it bypasses the queue, so it excludes only the runs
   * of this process (it waits for a run going on here).
   */
  runNow(name: string): Promise<void>;
}

export type JobRunnerOptions = {
  /** Where a failed run is reported; console.error by default. */
  onError?: (job: string, error: unknown) => void;
  /** pg-boss only: how often workers ask for jobs and the schedules are checked (tests use 1 s). */
  pollingIntervalSeconds?: number;
};

type RegisteredJob = { name: string; handler: JobHandler; schedule?: string; timeoutSeconds: number };

const JOB_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const DEFAULT_TIMEOUT_SECONDS = 15 * 60;
/** How long stop() lets running jobs finish after aborting their signals. */
const STOP_GRACE_MS = 30_000;
// One in-process runner per embedded database: a second would run every schedule twice.
const inProcessDatabases = new WeakSet<Database>();

const reportToConsole = (job: string, error: unknown) =>
  console.error(`Hintergrundaufgabe ${job} fehlgeschlagen:`, error);

export function createJobRunner(database: Database, options: JobRunnerOptions = {}): JobRunner {
  if (database.kind === 'postgres') {
    if (!database.connectionString) throw new Error('Die Job-Warteschlange braucht die URL der Datenbank.');
    return new PgBossRunner(database, database.connectionString, options);
  }
  if (inProcessDatabases.has(database))
    throw new Error('Für die eingebettete Datenbank läuft schon ein Job-Runner in diesem Prozess.');
  inProcessDatabases.add(database);
  return new InProcessRunner(database, options);
}

/** Checks a cron expression as both runners read it; throws a German message. */
export function assertCronExpression(expression: string): void {
  try {
    cronParser.parseExpression(expression, { tz: GERMAN_TIME_ZONE });
  } catch {
    throw new Error(
      `Ungültiger Zeitplan „${expression}“ (erwartet: Cron-Ausdruck mit 5 Feldern, z. B. „15 3 * * *“).`,
    );
  }
  if (expression.trim().split(/\s+/).length !== 5)
    throw new Error(
      `Ungültiger Zeitplan „${expression}“ (erwartet: Cron-Ausdruck mit 5 Feldern, z. B. „15 3 * * *“).`,
    );
}

/** The runs of this process: one at a time per job, each with a signal that stop() aborts. */
class LocalRuns {
  private readonly running = new Map<string, Promise<void>>();
  private readonly stopping = new AbortController();

  async run(job: RegisteredJob): Promise<void> {
    for (let current = this.running.get(job.name); current; current = this.running.get(job.name)) {
      await current.catch(() => undefined);
    }
    const signal = AbortSignal.any([this.stopping.signal, AbortSignal.timeout(job.timeoutSeconds * 1000)]);
    const run = job.handler({ signal });
    this.running.set(job.name, run);
    try {
      await run;
    } finally {
      if (this.running.get(job.name) === run) this.running.delete(job.name);
    }
  }

  isRunning(name: string): boolean {
    return this.running.has(name);
  }

  get stopped(): boolean {
    return this.stopping.signal.aborted;
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    const all = Promise.allSettled([...this.running.values()]);
    await Promise.race([all, new Promise((resolve) => setTimeout(resolve, STOP_GRACE_MS).unref())]);
  }
}

abstract class BaseRunner {
  protected readonly jobs = new Map<string, RegisteredJob>();
  protected readonly runs = new LocalRuns();
  protected started = false;
  protected readonly onError: (job: string, error: unknown) => void;

  constructor(options: JobRunnerOptions) {
    this.onError = options.onError ?? reportToConsole;
  }

  registerJob(name: string, handler: JobHandler, options: JobOptions = {}): void {
    if (!JOB_NAME.test(name)) throw new Error(`Ungültiger Job-Name „${name}“.`);
    if (this.jobs.has(name)) throw new Error(`Job „${name}“ ist schon registriert.`);
    if (this.started) throw new Error(`Job „${name}“ muss vor dem Start des Runners registriert werden.`);
    if (options.schedule !== undefined) assertCronExpression(options.schedule);
    this.jobs.set(name, {
      name,
      handler,
      ...(options.schedule ? { schedule: options.schedule } : {}),
      timeoutSeconds: options.timeoutSeconds ?? DEFAULT_TIMEOUT_SECONDS,
    });
  }

  protected job(name: string): RegisteredJob {
    const job = this.jobs.get(name);
    if (!job) throw new Error(`Unbekannter Job „${name}“.`);
    return job;
  }

  async runNow(name: string): Promise<void> {
    await this.runs.run(this.job(name));
  }
}

/** The embedded database: one process owns it, so timers here are the whole schedule. */
class InProcessRunner extends BaseRunner implements JobRunner {
  readonly kind = 'in-process' as const;
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Jobs requested while a run of them was going on: they run once more afterwards. */
  private readonly pending = new Set<string>();
  private readonly active = new Set<Promise<void>>();

  constructor(
    private readonly database: Database,
    options: JobRunnerOptions,
  ) {
    super(options);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    for (const job of this.jobs.values()) if (job.schedule) this.plan(job);
  }

  private plan(job: RegisteredJob): void {
    if (this.runs.stopped || !job.schedule) return;
    const next = cronParser.parseExpression(job.schedule, { tz: GERMAN_TIME_ZONE }).next().getTime();
    // setTimeout holds at most ~24.8 days; a longer wait wakes up early and plans again.
    const delay = Math.min(Math.max(0, next - Date.now()), 2 ** 31 - 1);
    const timer = setTimeout(() => {
      if (Date.now() >= next - 1000) void this.trigger(job.name);
      this.plan(job);
    }, delay);
    // Timers must not keep a process alive that has nothing else to do (CLI, tests).
    timer.unref();
    this.timers.set(job.name, timer);
  }

  async trigger(name: string): Promise<void> {
    const job = this.job(name);
    if (this.runs.stopped) return;
    if (this.runs.isRunning(name)) {
      this.pending.add(name);
      return;
    }
    const loop = (async () => {
      do {
        this.pending.delete(name);
        try {
          await this.runs.run(job);
        } catch (error) {
          this.onError(name, error);
        }
      } while (this.pending.has(name) && !this.runs.stopped);
    })();
    this.active.add(loop);
    void loop.finally(() => this.active.delete(loop));
  }

  async stop(): Promise<void> {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.pending.clear();
    await this.runs.stop();
    await Promise.allSettled([...this.active]);
    inProcessDatabases.delete(this.database);
  }
}

/** A PostgreSQL server: pg-boss queues with the `stately` policy (one active, at most one waiting run). */
class PgBossRunner extends BaseRunner implements JobRunner {
  readonly kind = 'pg-boss' as const;
  private readonly boss: PgBoss;
  private readonly pollingIntervalSeconds: number;

  constructor(
    private readonly database: Database,
    connectionString: string,
    options: JobRunnerOptions,
  ) {
    super(options);
    this.pollingIntervalSeconds = options.pollingIntervalSeconds ?? 10;
    const monitor = Math.max(1, Math.min(45, this.pollingIntervalSeconds));
    this.boss = new PgBoss({
      connectionString,
      // A few connections of its own beside the app's pool: workers poll, the rest is occasional.
      max: 3,
      cronMonitorIntervalSeconds: monitor,
      cronWorkerIntervalSeconds: monitor,
    });
    this.boss.on('error', (error) => this.onError('pg-boss', error));
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    // pg-boss installs its schema under a lock of its own, but creating a queue (a partition) at the
    // same moment on two instances deadlocks: one instance at a time, under the lock migrations take.
    await this.database.withExclusiveConnection(async () => {
      await this.boss.start();
      for (const job of this.jobs.values()) {
        // pg-boss expires a job after this time and hands it on; later than the handler's own timeout,
        // so that a run is aborted here before another instance may start it again.
        const queue = {
          name: job.name,
          policy: 'stately' as const,
          retryLimit: 1,
          retryDelay: 60,
          expireInSeconds: job.timeoutSeconds + 120,
        };
        await this.boss.createQueue(job.name, queue);
        // Also for queues created by an older version; without `policy` pg-boss would reset it to standard.
        await this.boss.updateQueue(job.name, queue);
        if (job.schedule) await this.boss.schedule(job.name, job.schedule, {}, { tz: GERMAN_TIME_ZONE });
        // A schedule left by an older version of this job would keep firing.
        else await this.boss.unschedule(job.name);
      }
    });
    for (const job of this.jobs.values()) {
      await this.boss.work(
        job.name,
        { batchSize: 1, pollingIntervalSeconds: this.pollingIntervalSeconds },
        async () => {
          try {
            await this.runs.run(job);
          } catch (error) {
            this.onError(job.name, error);
            throw error;
          }
        },
      );
    }
  }

  async trigger(name: string): Promise<void> {
    this.job(name);
    // The stately queue refuses a second waiting job (send answers null): the waiting one covers it.
    await this.boss.send(name, {});
  }

  async stop(): Promise<void> {
    const running = this.runs.stop();
    if (this.started) await this.boss.stop({ graceful: true, wait: true, timeout: STOP_GRACE_MS });
    await running;
  }
}
