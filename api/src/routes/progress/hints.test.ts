import { type Database, queryRows } from '@ozg/db';
import { type AdoptionHints, sizeClassOf } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import { listStatusesRoute } from '../statuses/statuses.routes';
import { hintsRoute } from './progress.routes';

let database: Database;
let app: TestApp;
let officer: TestClient;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  officer = await signInAs(app, 'officer');
});
afterAll(async () => {
  await database.close();
});

describe('adoption hints', () => {
  it('counts the solutions of the neighbours in the same Kreis, with the earliest date, for a service the Gemeinde lacks', async () => {
    const page = await readBody(
      await officer.request('GET', '/api/v1/regions/06435901/statuses?overdue=true&pageSize=100'),
      listStatusesRoute,
      200,
    );
    // A lacking service that some neighbour offers.
    let hints: AdoptionHints | undefined;
    for (const status of page.items) {
      const candidate = await readBody(
        await officer.request('GET', `/api/v1/regions/06435901/services/${status.ozgId}/hints`),
        hintsRoute,
        200,
      );
      if (candidate.solutions.some((entry) => entry.neighbours > 0)) {
        hints = candidate;
        break;
      }
    }
    if (!hints) throw new Error('no lacking service offered by a neighbour in the demo');
    expect(hints.alreadyOffered).toBe(false);
    const reference = await queryRows<{
      solution: string | null;
      n: number;
      since: string | null;
      average: string | null;
    }>(
      database.db,
      sql`select st.solution, count(*)::int as n, min(st.online_since)::text as since,
            (date '1970-01-01' + round(avg(st.online_since - date '1970-01-01'))::int)::text as average
          from service_statuses st join region_versions v on v.region_id = st.region_id and v.valid_to is null
          where st.ozg_id = ${hints.service.ozgId} and st.in_target and st.maturity_level >= 3
            and length(v.ags) = 8 and v.ags like '06435%' and v.ags <> '06435901'
          group by st.solution`,
    );
    for (const row of reference) {
      const entry = hints.solutions.find((candidate) => candidate.solution === row.solution);
      expect(entry?.neighbours).toBe(row.n);
      expect(entry?.examples.length).toBeGreaterThan(0);
    }
    // Neighbours and peers together, each municipality once: counted here from the rows themselves.
    const [self] = await queryRows<{ kind: string; population: number }>(
      database.db,
      sql`select kind, population from region_versions where ags = '06435901' and valid_to is null`,
    );
    const offering = await queryRows<{
      ags: string;
      kind: string;
      population: number | null;
      solution: string | null;
      online_since: string | null;
    }>(
      database.db,
      sql`select v.ags, v.kind, v.population, st.solution, st.online_since::text as online_since
          from service_statuses st join region_versions v on v.region_id = st.region_id and v.valid_to is null
          where st.ozg_id = ${hints.service.ozgId} and st.in_target and st.maturity_level >= 3
            and v.ags like '06%' and v.ags <> '06435901'`,
    );
    const counted = offering.filter(
      (row) =>
        (row.ags.length === 8 && row.ags.startsWith('06435')) ||
        (row.kind === self?.kind && sizeClassOf(row.population ?? 0) === sizeClassOf(self?.population ?? 0)),
    );
    for (const entry of hints.solutions) {
      const rows = counted.filter((row) => row.solution === entry.solution);
      const days = rows.flatMap((row) =>
        row.online_since ? [Date.parse(row.online_since) / 86_400_000] : [],
      );
      expect(entry.municipalities).toBe(rows.length);
      expect(entry.since).toBe(
        days.length ? new Date(Math.min(...days) * 86_400_000).toISOString().slice(0, 10) : null,
      );
      expect(entry.averageSince).toBe(
        days.length
          ? new Date(Math.round(days.reduce((a, b) => a + b, 0) / days.length) * 86_400_000)
              .toISOString()
              .slice(0, 10)
          : null,
      );
    }
    expect(hints.solutions.reduce((sum, entry) => sum + entry.neighbours, 0)).toBe(
      reference.reduce((sum, row) => sum + row.n, 0),
    );
  });

  it('needs a signed-in user and a known service', async () => {
    expect((await app.request('/api/v1/regions/06435901/services/99031/hints')).status).toBe(401);
    expect((await officer.request('GET', '/api/v1/regions/06435901/services/12345/hints')).status).toBe(404);
  });
});
