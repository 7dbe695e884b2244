import { type Database, queryRows } from '@ozg/db';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, type TestApp } from '../../testing';
import { childrenProgressRoute, coverageRoute, maturityMappingRoute, progressRoute } from './progress.routes';

let database: Database;
let app: TestApp;
const HUNDESTEUER = 99031;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
});
afterAll(async () => {
  await database.close();
});

/**
 * Reference by a second route: the target statuses found by AGS prefix (not
 * the territory walk), each with the 2.0 assessment of the highest version
 * (a correlated max, not the lateral "order by limit 1" of the service).
 */
async function reference(prefix: string, ozgId?: number) {
  return queryRows<{ level11: number; level: number | null; analog: boolean | null }>(
    database.db,
    sql`select st.maturity_level as level11, a.level, a.analog_processing as analog
        from service_statuses st
        join region_versions v on v.region_id = st.region_id and v.valid_to is null
        left join maturity_assessments a on a.status_id = st.id and a.model_id = (
          select m.id from maturity_assessments a2 join maturity_models m on m.id = a2.model_id
          where a2.status_id = st.id and m.family = '2.0' order by m.version desc limit 1)
        where st.in_target and st.maturity_model = '1.1' and v.ags like ${`${prefix}%`}
          ${ozgId === undefined ? sql`` : sql`and st.ozg_id = ${ozgId}`}`,
  );
}

function expected(rows: Awaited<ReturnType<typeof reference>>, minLevel: number) {
  const assessed = rows.filter((row) => row.level !== null);
  const levelCounts = [0, 1, 2, 3, 4, 5, 6, 7].map(
    (level) => assessed.filter((row) => row.level === level).length,
  );
  const atOrAbove = assessed.filter((row) => (row.level as number) >= minLevel).length;
  return {
    counted: rows.length,
    assessed: assessed.length,
    levelCounts,
    atOrAbove,
    analogProcessing: rows.filter((row) => row.analog === true).length,
  };
}

describe('figures by Reifegradmodell 2.0', () => {
  it('progress of Hessen equals a plain SQL recomputation, default minLevel the conformant level', async () => {
    const res = await app.request('/api/v1/regions/06/progress?model=2.0');
    expect(res.status).toBe(200);
    const progress = await readBody(res, progressRoute, 200);
    const model2 = progress.model2;
    if (!model2) throw new Error('model2 missing');
    expect(model2.minLevel).toBe(3);
    const want = expected(await reference('06'), 3);
    expect(model2).toMatchObject(want);
    expect(want.assessed).toBeGreaterThan(0); // the demo assesses some statuses
    expect(want.analogProcessing).toBeGreaterThan(0);
    expect(model2.assessedShare).toBeCloseTo(want.assessed / want.counted, 12);
    expect(model2.atOrAboveShare).toBeCloseTo(want.atOrAbove / want.assessed, 12);
    expect(model2.analogShare).toBeCloseTo(want.analogProcessing / want.counted, 12);
    // The counted statuses are the 1.1 target services: same denominator.
    expect(model2.counted).toBe(progress.figures.targetServices);
  });

  it('takes minLevel, and leaves the 1.1 response as it was without model', async () => {
    const res = await app.request('/api/v1/regions/06/progress?model=2.0&minLevel=6');
    const model2 = (await readBody(res, progressRoute, 200)).model2;
    expect(model2).toMatchObject(expected(await reference('06'), 6));
    const plain = await readBody(await app.request('/api/v1/regions/06/progress'), progressRoute, 200);
    expect(plain.model2).toBeUndefined();
  });

  it('gives every child its 2.0 figures', async () => {
    const res = await app.request('/api/v1/regions/06/children/progress?model=2.0&level=kreis');
    const children = await readBody(res, childrenProgressRoute, 200);
    const child = children.children.find((row) => (row.model2?.assessed ?? 0) > 0) ?? children.children[0];
    if (!child) throw new Error('no child');
    expect(child.model2).toMatchObject(expected(await reference(child.region.ags), 3));
  });

  it('coverage of a service equals the recomputation', async () => {
    const res = await app.request(`/api/v1/services/${HUNDESTEUER}/coverage?region=06&model=2.0&minLevel=4`);
    const coverage = await readBody(res, coverageRoute, 200);
    expect(coverage.model2).toMatchObject(expected(await reference('06', HUNDESTEUER), 4));
  });

  it('maps 1.1 × 2.0 levels, summing to the counted statuses', async () => {
    const res = await app.request('/api/v1/regions/06/maturity-mapping');
    const mapping = await readBody(res, maturityMappingRoute, 200);
    const rows = await reference('06');
    for (const cell of mapping.cells)
      expect(cell.count).toBe(
        rows.filter((row) => row.level11 === cell.level11 && row.level === cell.level20).length,
      );
    expect(mapping.cells.reduce((sum, cell) => sum + cell.count, 0)).toBe(rows.length);
  });

  it('refuses an unknown model or minLevel with a German message naming the parameter', async () => {
    for (const query of ['model=3.0', 'model=2.0&minLevel=9']) {
      const res = await app.request(`/api/v1/regions/06/progress?${query}`);
      expect([400, 422]).toContain(res.status);
      const body = JSON.stringify(await res.json());
      expect(body).toMatch(query.includes('minLevel') ? /minLevel/ : /model/);
    }
  });
});
