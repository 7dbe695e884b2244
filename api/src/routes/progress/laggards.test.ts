import { countedStatus, type Database, queryRowsAs } from '@ozg/db';
import { type Laggard, median, todayInGermany } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import { laggardsRoute, progressRoute } from './progress.routes';

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

const fetchLaggards = async (query = '') =>
  await readBody(await consultant.request('GET', `/api/v1/regions/06/laggards${query}`), laggardsRoute, 200);

/** Recomputes each item's peer median from the list itself, grouped as the request says. */
function checkPeers(items: Laggard[], groupOf: (item: Laggard) => string) {
  const groups = new Map<string, number[]>();
  for (const item of items)
    if (item.share !== null) groups.set(groupOf(item), [...(groups.get(groupOf(item)) ?? []), item.share]);
  for (const item of items) {
    const peers = groups.get(groupOf(item)) ?? [];
    expect(item.peerCount).toBe(peers.length);
    expect(item.peerMedian).toBe(median(peers));
    expect(item.gap).toBeCloseTo((item.share as number) - (item.peerMedian as number), 12);
  }
}

describe('laggards', () => {
  it('needs a signed-in user', async () => {
    expect((await app.request('/api/v1/regions/06/laggards')).status).toBe(401);
  });

  it('ranks every Gemeinde by its gap to the median of its kind and size class, worst first', async () => {
    const { items } = await fetchLaggards();
    expect(items.length).toBeGreaterThan(200);
    const gaps = items.map((item) => item.gap as number);
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    checkPeers(items, (item) => `${item.region.kind}|${item.sizeClass}`);
    expect(items.every((item) => item.overdue === item.targetServices - item.conformant)).toBe(true);
  });

  it('counts the target services and OZG-konform ones of each Gemeinde as its statuses say', async () => {
    const { items } = await fetchLaggards();
    const counted = await queryRowsAs(
      database.db,
      z.object({ ags: z.string(), target: z.number().int(), conformant: z.number().int() }),
      sql`select v.ags, count(*)::int as target, count(*) filter (where st.maturity_level >= 3)::int as conformant
          from service_statuses st
          join region_versions v on v.region_id = st.region_id and v.valid_to is null
          where ${countedStatus('st')}
          group by v.ags`,
    );
    const byAgs = new Map(counted.map((row) => [row.ags, row]));
    expect(items.length).toBeGreaterThan(200);
    for (const item of items) {
      const plain = byAgs.get(item.region.ags) ?? { target: 0, conformant: 0 };
      expect([item.region.ags, item.targetServices, item.conformant]).toEqual([
        item.region.ags,
        plain.target,
        plain.conformant,
      ]);
    }
  });

  it('compares within the same Kreis on request, and filters by kind and size class', async () => {
    checkPeers(
      (await fetchLaggards('?sameKreis=true')).items,
      (item) => `${item.region.kind}|${item.sizeClass}|${item.kreis?.ags}`,
    );
    const filtered = await fetchLaggards('?kind=stadt&sizeClass=20000_50000');
    expect(filtered.items.length).toBeGreaterThan(0);
    expect(
      filtered.items.every((item) => item.region.kind === 'stadt' && item.sizeClass === '20000_50000'),
    ).toBe(true);
  });

  it('gives the change over twelve months as the difference to the share a year ago', async () => {
    const [first] = (await fetchLaggards('?limit=1')).items;
    if (!first) throw new Error('no laggard');
    const now = await readBody(
      await app.request(`/api/v1/regions/${first.region.ags}/progress`),
      progressRoute,
      200,
    );
    const yearAgo = new Date(`${todayInGermany()}T00:00:00Z`);
    yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
    const then = await readBody(
      await app.request(
        `/api/v1/regions/${first.region.ags}/progress?asOf=${yearAgo.toISOString().slice(0, 10)}`,
      ),
      progressRoute,
      200,
    );
    expect(first.changeTwelveMonths).toBeCloseTo(
      (now.figures.conformantShare as number) - (then.figures.conformantShare as number),
      12,
    );
  });

  it('shows the demo still moving: many Gemeinden changed in the last twelve months, none went back', async () => {
    const { items } = await fetchLaggards();
    const changes = items.map((item) => item.changeTwelveMonths).filter((change) => change !== null);
    expect(changes.length).toBe(items.length);
    expect(changes.filter((change) => change > 0).length).toBeGreaterThan(items.length / 2);
    expect(changes.every((change) => change >= 0)).toBe(true);
  });

  it('exports CSV for Excel and XLSX with the same rows', async () => {
    const { items } = await fetchLaggards();
    const csv = await consultant.request('GET', '/api/v1/regions/06/laggards?format=csv');
    expect(csv.headers.get('content-disposition')).toMatch(/nachzuegler-06-.*\.csv/);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(
      new Uint8Array(await csv.arrayBuffer()),
    );
    expect(text.startsWith('\uFEFFAGS;Kommune;Art;Kreis;Einwohner')).toBe(true);
    expect(text.trim().split('\r\n')).toHaveLength(items.length + 1);

    const xlsx = await consultant.request('GET', '/api/v1/regions/06/laggards?format=xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(await xlsx.arrayBuffer());
    const sheet = workbook.getWorksheet('Nachzügler');
    expect(sheet?.getRow(2).getCell(2).value).toBe('Kommune');
    expect(sheet?.getRow(3).getCell(1).value).toBe(items[0]?.region.ags);
    expect(sheet?.rowCount).toBe(items.length + 2);
  });
});
