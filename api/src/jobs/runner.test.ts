import type { Database } from '@ozg/db';
import { createTestDatabase } from '@ozg/db/testing';
import { GERMAN_TIME_ZONE } from '@ozg/shared';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { createJobRunner, type JobRunner } from './runner';

const onPostgres = inject('testDatabase').kind === 'postgres';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('Bedingung nicht rechtzeitig erfüllt');
    await sleep(50);
  }
}

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** Runners of this file on the shared test database; stopped whatever a test left behind. */
async function withRunners<T>(count: number, fn: (runners: JobRunner[]) => Promise<T>): Promise<T> {
  const runners = Array.from({ length: count }, () =>
    createJobRunner(database, { pollingIntervalSeconds: 1 }),
  );
  try {
    return await fn(runners);
  } finally {
    await Promise.all(runners.map((runner) => runner.stop()));
  }
}

/** A job that counts its runs and how many ran at once, and waits until released. */
function countingJob() {
  const state = { runs: 0, running: 0, maxRunning: 0, release: () => {} };
  let gate = Promise.resolve();
  const hold = () => {
    gate = new Promise<void>((resolve) => {
      state.release = resolve;
    });
  };
  const handler = async () => {
    state.running++;
    state.maxRunning = Math.max(state.maxRunning, state.running);
    try {
      await gate;
    } finally {
      state.running--;
      state.runs++;
    }
  };
  return { state, handler, hold };
}

describe('job runner', () => {
  it(`uses ${onPostgres ? 'pg-boss' : 'the in-process runner'} on this database`, async () => {
    await withRunners(1, async ([runner]) => {
      expect(runner?.kind).toBe(onPostgres ? 'pg-boss' : 'in-process');
    });
  });

  it('runNow runs the job here, waits for it and throws its error', async () => {
    await withRunners(1, async ([runner]) => {
      if (!runner) throw new Error('kein Runner');
      let ran = 0;
      runner.registerJob('count', async () => {
        ran++;
      });
      runner.registerJob('fail', async () => {
        throw new Error('kaputt');
      });
      await runner.runNow('count');
      expect(ran).toBe(1);
      await expect(runner.runNow('fail')).rejects.toThrow('kaputt');
      await expect(runner.runNow('unknown')).rejects.toThrow('Unbekannter Job „unknown“');
    });
  });

  it('refuses bad names, bad schedules and registrations after the start, in German', async () => {
    await withRunners(1, async ([runner]) => {
      if (!runner) throw new Error('kein Runner');
      const noop = async () => {};
      expect(() => runner.registerJob('Nicht gültig', noop)).toThrow('Ungültiger Job-Name');
      expect(() => runner.registerJob('nightly', noop, { schedule: 'jede Nacht' })).toThrow(
        'Ungültiger Zeitplan „jede Nacht“',
      );
      expect(() => runner.registerJob('nightly', noop, { schedule: '0 3 * * * *' })).toThrow(
        'Ungültiger Zeitplan',
      );
      runner.registerJob('nightly', noop, { schedule: '0 3 * * *' });
      expect(() => runner.registerJob('nightly', noop)).toThrow('schon registriert');
      await runner.start();
      expect(() => runner.registerJob('later', noop)).toThrow('vor dem Start');
    });
  });

  it('stop() aborts the running job’s signal and waits until it has ended', async () => {
    let ended = false;
    await withRunners(1, async ([runner]) => {
      if (!runner) throw new Error('kein Runner');
      let started = false;
      runner.registerJob('long', async ({ signal }) => {
        started = true;
        await new Promise((resolve) => signal.addEventListener('abort', resolve));
        // The job's own clean-up after the abort is still awaited.
        await sleep(300);
        ended = true;
      });
      await runner.start();
      await runner.trigger('long');
      await until(() => started);
      await runner.stop();
      expect(ended).toBe(true);
    });
  });

  it('a run requested while one is going on runs once afterwards, never at the same time', async () => {
    await withRunners(onPostgres ? 2 : 1, async (runners) => {
      const job = countingJob();
      for (const runner of runners) runner.registerJob('serial', job.handler);
      await Promise.all(runners.map((runner) => runner.start()));
      job.hold();
      await runners[0]?.trigger('serial');
      await until(() => job.state.running === 1);
      // Four more requests from every instance while the first run holds: one waiting run covers them.
      for (let i = 0; i < 4; i++) for (const runner of runners) await runner.trigger('serial');
      const first = job.state.release;
      job.hold();
      first();
      await until(() => job.state.runs === 1 && job.state.running === 1);
      job.state.release();
      await until(() => job.state.runs === 2);
      await sleep(onPostgres ? 2500 : 200);
      expect(job.state.runs).toBe(2);
      expect(job.state.maxRunning).toBe(1);
    });
  });

  if (onPostgres) {
    it('a scheduled job runs once when two instances run on one database', async () => {
      // A schedule for the current minute (German time) fires once, at that minute: any second run
      // would be the other instance. Close to the minute's end, take the next one.
      let at = new Date(Date.now() + 1000);
      if (at.getSeconds() > 40) at = new Date(at.getTime() + 60_000 - at.getSeconds() * 1000);
      const parts = new Intl.DateTimeFormat('en-GB', {
        timeZone: GERMAN_TIME_ZONE,
        hour: 'numeric',
        minute: 'numeric',
        hourCycle: 'h23',
      }).formatToParts(at);
      const part = (type: string) => Number(parts.find((p) => p.type === type)?.value);
      const cron = `${part('minute')} ${part('hour')} * * *`;
      await withRunners(2, async (runners) => {
        const job = countingJob();
        for (const runner of runners) runner.registerJob('scheduled', job.handler, { schedule: cron });
        await Promise.all(runners.map((runner) => runner.start()));
        await until(() => job.state.runs === 1, 90_000);
        await sleep(3000);
        expect(job.state.runs).toBe(1);
      });
    }, 120_000);

    it('a triggered job is done by one of two instances', async () => {
      await withRunners(2, async (runners) => {
        const done: number[] = [];
        runners.forEach((runner, index) => {
          runner.registerJob('once', async () => {
            done.push(index);
          });
        });
        await Promise.all(runners.map((runner) => runner.start()));
        await runners[1]?.trigger('once');
        await until(() => done.length === 1);
        await sleep(2500);
        expect(done).toHaveLength(1);
      });
    });
  } else {
    it('refuses a second runner on the embedded database (one process owns it)', async () => {
      await withRunners(1, async () => {
        expect(() => createJobRunner(database)).toThrow('schon ein Job-Runner');
      });
      // Once the first has stopped, the next may start (a restart in the same process).
      await withRunners(1, async ([runner]) => expect(runner?.kind).toBe('in-process'));
    });

    it('runs a scheduled job at its time (German time)', async () => {
      vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
      try {
        // 02:59:58 in Berlin on a winter day is 01:59:58 UTC.
        vi.setSystemTime(new Date('2026-01-15T01:59:58Z'));
        await withRunners(1, async ([runner]) => {
          if (!runner) throw new Error('kein Runner');
          let runs = 0;
          runner.registerJob(
            'nightly',
            async () => {
              runs++;
            },
            { schedule: '0 3 * * *' },
          );
          await runner.start();
          await vi.advanceTimersByTimeAsync(1000);
          expect(runs).toBe(0);
          await vi.advanceTimersByTimeAsync(2000);
          expect(runs).toBe(1);
          await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
          expect(runs).toBe(1);
        });
      } finally {
        vi.useRealTimers();
      }
    });
  }
});
