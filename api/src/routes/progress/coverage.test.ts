import { type Database, queryRows } from '@ozg/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, type TestApp } from '../../testing';
import { coverageRoute } from './progress.routes';

let database: Database;
let app: TestApp;
const HUNDESTEUER = 99031; // Gemeinde level in the demo
const KFZ = 99022; // Kreis level in the demo

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
});
afterAll(async () => {
  await database.close();
});

/** Reference: statuses by AGS prefix; a Landkreis serves the inhabitants of the 8-digit keys below it. */
async function reference(ozgId: number, prefix: string) {
  return queryRows<{ level: number; population: number; solution: string | null }>(
    database.db,
    sql`select st.maturity_level as level, st.solution,
          (case when length(v.ags) = 8 then v.population
                else (select sum(c.population) from region_versions c
                      where c.valid_to is null and length(c.ags) = 8 and c.ags like v.ags || '%') end)::float8 as population
        from service_statuses st join region_versions v on v.region_id = st.region_id and v.valid_to is null
        where st.ozg_id = ${ozgId} and st.in_target and v.ags like ${`${prefix}%`}`,
  );
}

describe('coverage of a service', () => {
  for (const [ozgId, label, expectedMustOffer] of [
    [HUNDESTEUER, 'a Gemeinde service', null],
    [KFZ, 'a Kreis service (21 Landkreise and 5 cities)', 26],
  ] as const) {
    it(`gives graded figures that equal the reference for ${label}`, async () => {
      const res = await app.request(`/api/v1/services/${ozgId}/coverage?region=06`);
      expect(res.status).toBe(200);
      const coverage = await readBody(res, coverageRoute, 200);
      const rows = await reference(ozgId, '06');
      const offering = rows.filter((row) => row.level >= 3);
      const population = (list: typeof rows) => list.reduce((sum, row) => sum + row.population, 0);
      if (expectedMustOffer !== null) expect(coverage.mustOffer).toBe(expectedMustOffer);
      expect(coverage.mustOffer).toBe(rows.length);
      expect(coverage.offering).toBe(offering.length);
      expect(coverage.share).toBeCloseTo(offering.length / rows.length, 12);
      expect(coverage.populationShare).toBeCloseTo(population(offering) / population(rows), 12);
      expect(coverage.flaechendeckend).toBe(offering.length === rows.length);
      expect(coverage.atLeastOne).toBe(offering.length > 0);
      expect(coverage.levelCounts.reduce((a, b) => a + b, 0)).toBe(rows.length);
      expect(coverage.solutions.reduce((sum, s) => sum + s.count, 0)).toBe(offering.length);
    });
  }

  it('narrows to a Kreis and answers unknown services and missing regions clearly', async () => {
    const kreis = await readBody(
      await app.request(`/api/v1/services/${HUNDESTEUER}/coverage?region=06435`),
      coverageRoute,
      200,
    );
    expect(kreis.mustOffer).toBe((await reference(HUNDESTEUER, '06435')).length);
    expect((await app.request('/api/v1/services/12345/coverage?region=06')).status).toBe(404);
    expect((await app.request(`/api/v1/services/${HUNDESTEUER}/coverage`)).status).toBe(400);
  });
});
