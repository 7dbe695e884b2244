import { type Database, queryRows } from '@ozg/db';
import { ImportProblemSchema } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import { importUsageRoute } from '../imports/imports.routes';
import { regionUsageRoute, serviceUsageRoute } from './usage.routes';

let database: Database;
let app: TestApp;
let admin: TestClient;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  admin = await signInAs(app, 'admin');
});
afterAll(async () => {
  await database.close();
});

type Gemeinde = { region_id: number; ags: string; population: number; kreis: string };

/** The Gemeinden of the demo Kreis with the most of them, and a service of their target sets. */
async function fixture() {
  const [kreis] = await queryRows<{ ags: string }>(
    database.db,
    sql`select k.ags from region_versions k join region_versions g on g.parent_region_id = k.region_id and g.valid_to is null
        join regions r on r.id = g.region_id and r.level = 'gemeinde'
        where k.valid_to is null group by k.ags order by count(*) desc, k.ags limit 1`,
  );
  const gemeinden = await queryRows<Gemeinde>(
    database.db,
    sql`select g.region_id, g.ags, g.population, k.ags as kreis from region_versions g
        join region_versions k on k.region_id = g.parent_region_id and k.valid_to is null
        where g.valid_to is null and k.ags = ${kreis?.ags} order by g.ags`,
  );
  return { kreis: kreis?.ags as string, gemeinden };
}

const upload = (body: string | Uint8Array, fileName = 'nutzung.csv') =>
  admin.request('POST', `/api/v1/imports/usage?fileName=${fileName}`, body, { 'content-type': 'text/csv' });

const countFigures = async () =>
  (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from usage_figures`))[0]?.n;

describe('usage import', () => {
  it('reads a Windows-1252 file with ";", thousands separators and trailing empty rows', async () => {
    const { gemeinden } = await fixture();
    const [a, b] = gemeinden;
    const csv =
      'AGS;OZG-ID;Monat;Anträge;Abgeschlossen;Abgebrochen\r\n' +
      `${a?.ags};99031;2025-03;1.234;1.100;34\r\n` +
      `${b?.ags};99031;2025-03;17;;\r\n;;;;;\r\n\r\n`;
    // Latin-1 and Windows-1252 agree on ä; 0xE4 alone is no valid UTF-8.
    const res = await upload(new Uint8Array(Buffer.from(csv, 'latin1')));
    const result = await readBody(res, importUsageRoute, 200);
    expect(result.summary[0]).toContain('2 Zeilen');
    const rows = await queryRows<{
      applications: number;
      completed: number | null;
      abandoned: number | null;
    }>(
      database.db,
      sql`select applications, completed, abandoned from usage_figures
          where ozg_id = 99031 and month = '2025-03-01' order by applications desc`,
    );
    expect(rows).toEqual([
      { applications: 1234, completed: 1100, abandoned: 34 },
      { applications: 17, completed: null, abandoned: null },
    ]);
    const [recorded] = await queryRows<{ file_name: string; rows: number; imported_by: number | null }>(
      database.db,
      sql`select file_name, rows, imported_by from usage_imports order by id desc limit 1`,
    );
    expect(recorded).toMatchObject({ file_name: 'nutzung.csv', rows: 2 });
    expect(recorded?.imported_by).not.toBeNull();
  });

  it('accepts ARS, LeiKa-less header variants and "," as separator', async () => {
    const [row] = await queryRows<{ ars: string }>(
      database.db,
      sql`select v.ars from region_versions v join regions r on r.id = v.region_id
          where r.level = 'gemeinde' and v.valid_to is null order by v.ars limit 1`,
    );
    const res = await upload(`ars,ozg-id,MONAT,Antraege\n${row?.ars},99031,2025-04,5\n`);
    await readBody(res, importUsageRoute, 200);
  });

  it.each([
    ['a malformed count', '1,5', 'Anträge', 'keine ganze Zahl'],
    ['a negative count', '-3', 'Anträge', 'negativ'],
    ['a count past 2^31', '2147483648', 'Anträge', 'unplausibel groß'],
  ])('refuses %s with line and column, writing nothing', async (_name, count, column, problem) => {
    const { gemeinden } = await fixture();
    const before = await countFigures();
    const res = await upload(
      `AGS;OZG-ID;Monat;Anträge\n${gemeinden[0]?.ags};99031;2025-05;10\n${gemeinden[1]?.ags};99031;2025-05;${count}\n`,
    );
    const body = await readBody(res, importUsageRoute, 422);
    const details = ImportProblemSchema.parse(body.error.details);
    expect(details).toMatchObject({ file: 'nutzung.csv', line: 3, column });
    expect(details.problem).toContain(problem);
    expect(await countFigures()).toBe(before);
  });

  it.each([
    ['year 0000', '0000-01', 'liegt vor'],
    ['month 13', '2026-13', 'gibt es nicht'],
    ['a future month', '2999-01', 'Zukunft'],
    ['no month', '03/2025', 'kein Monat'],
  ])('refuses %s', async (_name, month, problem) => {
    const { gemeinden } = await fixture();
    const res = await upload(`AGS;OZG-ID;Monat;Anträge\n${gemeinden[0]?.ags};99031;${month};10\n`);
    const details = ImportProblemSchema.parse((await readBody(res, importUsageRoute, 422)).error.details);
    expect(details).toMatchObject({ line: 2, column: 'Monat' });
    expect(details.problem).toContain(problem);
  });

  it('refuses a NUL byte, an unknown Gemeinde and an unknown service with their line', async () => {
    const { gemeinden } = await fixture();
    const ags = gemeinden[0]?.ags;
    const nul = await upload(`AGS;OZG-ID;Monat;Anträge\n${ags};99031;2025-01;1\u00002\n`);
    expect(
      ImportProblemSchema.parse((await readBody(nul, importUsageRoute, 422)).error.details),
    ).toMatchObject({
      line: 2,
      column: 'Anträge',
    });
    const region = await upload(
      `AGS;OZG-ID;Monat;Anträge\n${ags};99031;2025-01;1\n06999999;99031;2025-01;1\n`,
    );
    expect(
      ImportProblemSchema.parse((await readBody(region, importUsageRoute, 422)).error.details),
    ).toMatchObject({
      line: 3,
      column: 'AGS',
    });
    const service = await upload(`AGS;OZG-ID;Monat;Anträge\n${ags};12345;2025-01;1\n`);
    expect(
      ImportProblemSchema.parse((await readBody(service, importUsageRoute, 422)).error.details),
    ).toMatchObject({
      line: 2,
      column: 'OZG-ID',
    });
  });

  it('replaces the same months on a second import (idempotent)', async () => {
    const { gemeinden } = await fixture();
    const csv = `AGS;OZG-ID;Monat;Anträge\n${gemeinden[2]?.ags};99031;2025-06;40\n${gemeinden[2]?.ags};99031;2025-07;41\n`;
    await readBody(await upload(csv), importUsageRoute, 200);
    const after = await countFigures();
    const again = await readBody(await upload(csv.replace(';41', ';42')), importUsageRoute, 200);
    expect(again.summary.join(' ')).toContain('Ersetzt (schon geladene Monate): 2');
    expect(await countFigures()).toBe(after);
    const [july] = await queryRows<{ applications: number }>(
      database.db,
      sql`select applications from usage_figures where month = '2025-07-01' and ozg_id = 99031`,
    );
    expect(july?.applications).toBe(42);
  });
});

describe('usage figures', () => {
  it('per 1,000 inhabitants of a Kreis and of the Land equal a plain SQL recomputation', async () => {
    const { kreis, gemeinden } = await fixture();
    const lines = gemeinden.flatMap((g, index) =>
      ['2026-10', '2026-11'].map((month) => `${g.ags};99031;${month};${1000 + index * 37}`),
    );
    await readBody(await upload(`AGS;OZG-ID;Monat;Anträge\n${lines.join('\n')}\n`), importUsageRoute, 200);
    for (const key of [kreis, kreis.slice(0, 2)]) {
      const usage = await readBody(await app.request(`/api/v1/regions/${key}/usage`), regionUsageRoute, 200);
      const [expected] = await queryRows<{ apps: number; pop: number }>(
        database.db,
        sql`with recursive below(id) as (
              select region_id from region_versions where ags = ${key} and valid_to is null
              union all select v.region_id from region_versions v join below b on v.parent_region_id = b.id
                where v.valid_to is null)
            select (select sum(applications)::float8 from usage_figures f join below b on b.id = f.region_id
                      where f.month > (select max(month) from usage_figures) - interval '12 months') as apps,
                   (select sum(v.population)::float8 from region_versions v join below b on b.id = v.region_id
                      join regions r on r.id = v.region_id where r.level = 'gemeinde' and v.valid_to is null) as pop`,
      );
      expect(usage.applications12m).toBe(expected?.apps);
      expect(usage.population).toBe(expected?.pop);
      expect(usage.perThousand).toBeCloseTo(((expected?.apps ?? 0) * 1000) / (expected?.pop ?? 1), 2);
      expect(usage.series.map((point) => point.month)).toContain('2026-11');
    }
  });

  it('the demo holds figures for some services, none for Kreis services', async () => {
    const [demo] = await queryRows<{ n: number; services: number }>(
      database.db,
      sql`select count(*)::int as n, count(distinct f.ozg_id)::int as services from usage_figures f
          join usage_imports i on i.id = f.import_id where i.source = 'demo'`,
    );
    expect(demo?.n).toBeGreaterThan(100);
    expect(demo?.services).toBeGreaterThan(1);
  });

  it('exports the usage of a region as CSV with the columns Anträge 12 Monate and je 1.000 EW', async () => {
    const { kreis } = await fixture();
    const res = await app.request(`/api/v1/regions/${kreis}/usage?format=csv`);
    expect(res.status).toBe(200);
    const lines = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe('Leistung;OZG-ID;Anträge 12 Monate;je 1.000 EW');
    expect(lines[1]).toMatch(/^Alle Leistungen mit Zahlen;;\d+;\d+(,\d+)?$/);
  });

  it('answers null, never 0, where no figures exist', async () => {
    const usage = await readBody(
      await app.request('/api/v1/services/99022/usage?region=06'),
      serviceUsageRoute,
      200,
    );
    expect(usage.applications12m).toBeNull();
    expect(usage.perThousand).toBeNull();
  });

  it('flags "online, aber kaum genutzt" and "hohe Nachfrage, nicht online" on constructed data', async () => {
    const { kreis, gemeinden } = await fixture();
    const service = 99031;
    // Four online, one offline: three online peers with plenty of applications, one online with few.
    const chosen = gemeinden.slice(0, 5);
    await database.db.execute(
      sql`update service_statuses set maturity_level = case when region_id = ${chosen[4]?.region_id} then 1 else 3 end
          where ozg_id = ${service} and region_id = any(${`{${chosen.map((g) => g.region_id).join(',')}}`}::int[])`,
    );
    // Other Gemeinden of the Kreis count neither way: offline and without figures.
    await database.db.execute(
      sql`update service_statuses set maturity_level = 0 where ozg_id = ${service}
          and region_id = any(${`{${gemeinden
            .slice(5)
            .map((g) => g.region_id)
            .join(',')}}`}::int[])`,
    );
    await database.db.execute(sql`delete from usage_figures where ozg_id = ${service}`);
    const lines = chosen.slice(0, 4).map((g, index) => {
      const perMonth = index === 3 ? 1 : Math.max(10, Math.round((g.population * 10) / 1000));
      return `${g.ags};${service};2026-11;${perMonth}`;
    });
    await readBody(await upload(`AGS;OZG-ID;Monat;Anträge\n${lines.join('\n')}\n`), importUsageRoute, 200);
    const usage = await readBody(
      await app.request(`/api/v1/services/${service}/usage?region=${kreis}`),
      serviceUsageRoute,
      200,
    );
    const flagOf = (ags: string | undefined) => usage.gemeinden.find((cell) => cell.ags === ags)?.flag;
    expect(flagOf(chosen[0]?.ags)).toBeNull();
    expect(flagOf(chosen[3]?.ags)).toBe('online_low_use');
    expect(flagOf(chosen[4]?.ags)).toBe('high_demand_offline');
    const region = await readBody(await app.request(`/api/v1/regions/${kreis}/usage`), regionUsageRoute, 200);
    expect(region.flags.map((cell) => [cell.ags, cell.flag])).toEqual(
      expect.arrayContaining([
        [chosen[3]?.ags, 'online_low_use'],
        [chosen[4]?.ags, 'high_demand_offline'],
      ]),
    );
  });
});
