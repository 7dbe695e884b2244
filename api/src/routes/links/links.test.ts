import { type Database, queryRows } from '@ozg/db';
import {
  isBrokenLink,
  LINK_RESULTS,
  type LinkResult,
  RegionLinksSchema,
  StatusPageSchema,
} from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokenLinkSql } from '../../services/region-links';
import { demoTestApp, signInAs, type TestApp } from '../../testing';

let database: Database;
let app: TestApp;
let statuses: { id: number; ozg_id: number }[];

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  statuses = await queryRows<{ id: number; ozg_id: number }>(
    database.db,
    sql`select st.id, st.ozg_id from service_statuses st
        join region_versions v on v.region_id = st.region_id and v.valid_to is null
        where v.ags = '06435901' and st.in_target order by st.ozg_id limit 3`,
  );
  await database.db.execute(sql`update service_statuses set url = null`);
  const [a, b, c] = statuses;
  // Two statuses share the broken address, the third works.
  await database.db.execute(
    sql`update service_statuses set url = 'https://kaputt.example/antrag' where id in (${a?.id}, ${b?.id})`,
  );
  await database.db.execute(
    sql`update service_statuses set url = 'https://heil.example/' where id = ${c?.id}`,
  );
  // A URL with characters an array literal would need escaped, never checked yet.
  await database.db.execute(
    sql`update service_statuses set url = 'https://neu.example/a,b{"c"}' where id = (
          select st.id from service_statuses st join region_versions v on v.region_id = st.region_id
          where v.ags = '06435901' and st.in_target order by st.ozg_id offset 3 limit 1)`,
  );
  await database.db.execute(sql`
    insert into link_checks (url, result, http_status, checked_at, last_success_at, broken_since) values
      ('https://kaputt.example/antrag', 'http_error', 404, now(), now() - interval '20 days', now() - interval '12 days'),
      ('https://heil.example/', 'ok', 200, now(), now(), null)`);
});
afterAll(async () => {
  await database.close();
});

describe('a broken link', () => {
  it('is the same in SQL as in TypeScript for every result a check can find', async () => {
    const rows = await queryRows<{ result: LinkResult; broken: boolean }>(
      database.db,
      sql`select lc.result, ${brokenLinkSql} as broken
          from unnest(enum_range(null::link_result)) as lc(result)`,
    );
    expect(rows.map((row) => row.result).sort()).toEqual([...LINK_RESULTS].sort());
    for (const row of rows) expect(row.broken, row.result).toBe(isBrokenLink(row.result));
  });
});

describe('GET /api/v1/regions/{key}/links', () => {
  it('counts a Gemeinde’s links and lists the broken ones per status with HTTP result and since when', async () => {
    const officer = await signInAs(app, 'officer');
    const res = await officer.request('GET', '/api/v1/regions/06435901/links');
    expect(res.status).toBe(200);
    const body = RegionLinksSchema.parse(await res.json());
    expect(body).toMatchObject({ withUrl: 4, checked: 3, broken: 2 });
    expect(body.items.map((item) => item.statusId).sort()).toEqual([statuses[0]?.id, statuses[1]?.id].sort());
    const [first] = body.items;
    expect(first?.link).toMatchObject({ result: 'http_error', httpStatus: 404 });
    const days = (Date.now() - new Date(first?.link.brokenSince ?? 0).getTime()) / 86_400_000;
    expect(Math.round(days)).toBe(12);
  });

  it('gives every listed status its own link state, whatever the number of broken links below a Kreis', async () => {
    const officer = await signInAs(app, 'officer');
    const res = await officer.request('GET', '/api/v1/regions/06435901/statuses?pageSize=1000&sort=ozgId');
    const page = StatusPageSchema.parse(await res.json());
    const byId = new Map(page.items.map((status) => [status.id, status]));
    const [a, b, c] = statuses;
    expect(byId.get(a?.id ?? 0)?.link).toMatchObject({ result: 'http_error', httpStatus: 404 });
    expect(byId.get(b?.id ?? 0)?.link).toMatchObject({ result: 'http_error' });
    expect(byId.get(c?.id ?? 0)?.link).toMatchObject({ result: 'ok', brokenSince: null });
    const unchecked = page.items.find((status) => status.url === 'https://neu.example/a,b{"c"}');
    expect(unchecked).toBeDefined();
    expect(unchecked?.link).toBeNull();
    expect(page.items.filter((status) => status.url === null).every((status) => status.link === null)).toBe(
      true,
    );
  });

  it('sums every municipality below a Kreis and the Land', async () => {
    const viewer = await signInAs(app, 'viewer');
    for (const key of ['06435', '06']) {
      const body = RegionLinksSchema.parse(
        await (await viewer.request('GET', `/api/v1/regions/${key}/links`)).json(),
      );
      expect(body).toMatchObject({ withUrl: 4, broken: 2 });
    }
  });

  it('needs a session (the URLs belong to the statuses)', async () => {
    const res = await app.request('/api/v1/regions/06435901/links');
    expect(res.status).toBe(401);
  });
});
