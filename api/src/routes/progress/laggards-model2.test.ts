import { type Database, queryRows } from '@ozg/db';
import { median, sizeClassOf, todayInGermany } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import { laggardsRoute, seriesRoute } from './progress.routes';

let database: Database;
let app: TestApp;
let consultant: TestClient;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  consultant = await signInAs(app, 'consultant');
});
afterAll(async () => {
  await database.close();
});

const fetchLaggards = async (query: string) =>
  await readBody(await consultant.request('GET', `/api/v1/regions/06/laggards${query}`), laggardsRoute, 200);

/**
 * Reference by a second route: per Gemeinde of Hessen (found by AGS prefix, not
 * the territory walk), its own target statuses, each with the 2.0 assessment of
 * the highest version (a correlated subquery), counted in plain SQL from the
 * statuses, not from region_model_totals.
 */
async function reference(minLevel: number) {
  return queryRows<{
    ags: string;
    kind: string;
    population: number;
    kreis_ags: string | null;
    counted: number;
    assessed: number;
    above: number;
  }>(
    database.db,
    sql`select v.ags, v.kind, coalesce(v.population, 0)::int as population, k.ags as kreis_ags,
          count(st.id)::int as counted,
          count(a.level)::int as assessed,
          (count(*) filter (where a.level >= ${minLevel}))::int as above
        from region_versions v
        join regions r on r.id = v.region_id
        left join region_versions k on k.region_id = v.parent_region_id and k.valid_to is null
        left join service_statuses st on st.region_id = v.region_id and st.in_target and st.maturity_model = '1.1'
        left join maturity_assessments a on a.status_id = st.id and a.model_id = (
          select m.id from maturity_assessments a2 join maturity_models m on m.id = a2.model_id
          where a2.status_id = st.id and m.family = '2.0' order by m.version desc limit 1)
        where v.valid_to is null and r.level = 'gemeinde' and v.ags like '06%'
        group by v.ags, v.kind, v.population, k.ags`,
  );
}

async function check(minLevel: number, sameKreis: boolean) {
  const laggards = await fetchLaggards(
    `?model=2.0&minLevel=${minLevel}${sameKreis ? '&sameKreis=true' : ''}`,
  );
  expect(laggards.model).toBe('2.0');
  expect(laggards.model2?.minLevel).toBe(minLevel);
  const rows = await reference(minLevel);
  const want = new Map(rows.map((row) => [row.ags, row]));
  const groupOf = (row: (typeof rows)[number]) =>
    [row.kind, sizeClassOf(row.population), sameKreis ? row.kreis_ags : ''].join('|');
  const groups = new Map<string, number[]>();
  for (const row of rows)
    if (row.counted > 0 && row.assessed > 0)
      groups.set(groupOf(row), [...(groups.get(groupOf(row)) ?? []), row.above / row.counted]);
  expect(laggards.items.length).toBe(rows.length);
  for (const item of laggards.items) {
    const row = want.get(item.region.ags);
    if (!row || !item.model2) throw new Error(`${item.region.ags} missing`);
    const peers = groups.get(groupOf(row)) ?? [];
    // Nothing assessed: no 2.0 value (unknown, not 0 %), ranked last and no peer.
    const share = row.counted > 0 && row.assessed > 0 ? row.above / row.counted : null;
    expect(item.model2).toMatchObject({
      counted: row.counted,
      assessed: row.assessed,
      atOrAbove: row.above,
      peerCount: peers.length,
      peerMedian: median(peers),
    });
    expect(item.model2.share).toBe(share);
    expect(item.model2.assessedShare).toBe(row.counted > 0 ? row.assessed / row.counted : null);
    if (share !== null) expect(item.model2.gap).toBeCloseTo(share - (median(peers) as number), 12);
    // The 1.1 figures stay beside: the same denominator.
    expect(item.targetServices).toBe(row.counted);
  }
  const gaps = laggards.items.map((item) => item.model2?.gap ?? Number.POSITIVE_INFINITY);
  expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
  return laggards;
}

describe('laggards by Reifegradmodell 2.0', () => {
  it('ranks every Gemeinde by its 2.0 share at or above the conformant level, equal to plain SQL', async () => {
    const laggards = await check(3, false);
    expect(laggards.items.some((item) => (item.model2?.assessed ?? 0) > 0)).toBe(true);
    // The demo leaves most administrations unassessed: they have no value and come last.
    const unknown = laggards.items.filter((item) => item.model2?.assessed === 0);
    expect(unknown.length).toBeGreaterThan(0);
    expect(unknown.every((item) => item.model2?.share === null && item.model2.gap === null)).toBe(true);
    expect(laggards.items.slice(-unknown.length)).toEqual(unknown);
    // The default minLevel is the conformant level of the newest 2.0 version.
    const byDefault = await fetchLaggards('?model=2.0');
    expect(byDefault.model2?.minLevel).toBe(3);
    expect(byDefault.items.map((item) => item.region.ags)).toEqual(
      laggards.items.map((item) => item.region.ags),
    );
  });

  it('takes minLevel and the same Kreis as peers', async () => {
    await check(5, true);
  });

  it('leaves the 1.1 list as it was without model', async () => {
    const plain = await fetchLaggards('');
    expect(plain.model).toBe('1.1');
    expect(plain.model2).toBeUndefined();
    expect(plain.items.every((item) => item.model2 === undefined)).toBe(true);
  });

  it('exports the 2.0 columns', async () => {
    const csv = await consultant.request(
      'GET',
      '/api/v1/regions/06/laggards?model=2.0&minLevel=4&format=csv',
    );
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      new Uint8Array(await csv.arrayBuffer()),
    );
    expect(text.split('\r\n')[0]).toContain('RG2.0 Anteil Stufe 4+ (%)');
  });

  it('refuses an unknown model or minLevel naming the parameter', async () => {
    for (const query of ['model=3.0', 'model=2.0&minLevel=8']) {
      const res = await consultant.request('GET', `/api/v1/regions/06/laggards?${query}`);
      expect(res.status).toBe(400);
      expect(JSON.stringify(await res.json())).toMatch(query.includes('minLevel') ? /minLevel/ : /model/);
    }
  });

  it('changes over 12 months by 2.0 from the latest 2.0 snapshot a year ago, recomputed in plain SQL', async () => {
    const laggards = await fetchLaggards('?model=2.0&minLevel=4');
    const now = new Date(`${todayInGermany()}T00:00:00Z`);
    now.setUTCFullYear(now.getUTCFullYear() - 1);
    const yearAgo = now.toISOString().slice(0, 10);
    const then = new Map(
      (
        await queryRows<{ ags: string; share: number | null }>(
          database.db,
          sql`select v.ags, case when s.counted > 0 and s.assessed > 0
                then (s.level4 + s.level5 + s.level6 + s.level7)::float8 / s.counted end as share
              from region_versions v
              join region_model_snapshots s on s.region_id = v.region_id and s.family = '2.0'
                and s.day = (select max(x.day) from region_model_snapshots x
                             where x.region_id = v.region_id and x.day <= ${yearAgo}::date)
              where v.valid_to is null and v.ags like '06%'`,
        )
      ).map((row) => [row.ags, row.share]),
    );
    let known = 0;
    for (const item of laggards.items) {
      const before = then.get(item.region.ags) ?? null;
      const share = item.model2?.share ?? null;
      const want = share !== null && before !== null ? share - before : null;
      if (want === null) expect(item.model2?.changeTwelveMonths, item.region.ags).toBeNull();
      else {
        known++;
        expect(item.model2?.changeTwelveMonths, item.region.ags).toBeCloseTo(want, 12);
      }
    }
    // The demo assessed a year ago already: some Gemeinden have a change by 2.0, and it grew.
    expect(known).toBeGreaterThan(5);
    expect(laggards.items.some((item) => (item.model2?.changeTwelveMonths ?? 0) > 0)).toBe(true);
    // The 1.1 series stays as it was.
    await readBody(await app.request('/api/v1/regions/06/progress/series?model=1.1'), seriesRoute, 200);
  });
});
