import { type Database, queryRows } from '@ozg/db';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp, type TestClient } from '../../testing';
import { importCsvRoute } from './statuses.routes';

let database: Database;
let app: TestApp;
let officer: TestClient;
const KEY = '06435901';
const E_AKTE = 'RG2.0: E-Akte';

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  officer = await signInAs(app, 'officer');
});
afterAll(async () => {
  await database.close();
});

async function exportRows() {
  const res = await officer.request('GET', `/api/v1/regions/${KEY}/statuses.csv?format=plain`);
  expect(res.status).toBe(200);
  const rows = parse(await res.text(), { delimiter: ',' }) as string[][];
  return { header: rows[0] as string[], rows: rows.slice(1) };
}

const upload = (text: string, mode: 'dry-run' | 'commit') =>
  officer.request('POST', `/api/v1/regions/${KEY}/statuses.csv?mode=${mode}`, text, {
    'content-type': 'text/csv',
  });

const eAkteOf = async (statusId: number) =>
  (
    await queryRows<{ level: number }>(
      database.db,
      sql`select a.level from maturity_answers a join maturity_models m on m.id = a.model_id
          where a.status_id = ${statusId} and a.criterion_key = 'e_akte' and m.family = '2.0'`,
    )
  )[0]?.level ?? null;

const eventCount = async () =>
  (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from status_events`))[0]?.n;

describe('CSV columns per criterion', () => {
  it('exports one column per criterion of the current 1.1 and 2.0 versions with the answered level', async () => {
    const { header, rows } = await exportRows();
    expect(header).toContain(E_AKTE);
    expect(header.filter((column) => column.startsWith('RG2.0: '))).toHaveLength(13);
    expect(header.filter((column) => column.startsWith('RG1.1: ')).length).toBeGreaterThan(0);
    const col = header.indexOf(E_AKTE);
    const answered = rows.find((row) => row[col] !== '');
    if (!answered) throw new Error('the demo answers some statuses of the officer');
    expect(await eAkteOf(Number(answered[0]))).toBe(Number(answered[col]));
  });

  it('writes nothing for a value that is no option of the criterion, naming line and column', async () => {
    const { header, rows } = await exportRows();
    const col = header.indexOf(E_AKTE);
    const [first, second] = rows.map((row) => [...row]) as [string[], string[]];
    first[col] = '7';
    second[col] = '5'; // E-Akte offers 3, 4 and 7
    const before = await eventCount();
    const firstBefore = await eAkteOf(Number(first[0]));
    const res = await upload(stringify([header, first, second]), 'commit');
    expect(res.status).toBe(422);
    const body = JSON.stringify(await res.json());
    expect(body).toContain('"line":3');
    expect(body).toContain(`"column":"${E_AKTE}"`);
    expect(body).toContain('Stufe 5 ist nicht vorgesehen');
    expect(await eventCount()).toBe(before);
    expect(await eAkteOf(Number(first[0]))).toBe(firstBefore);
  });

  it('applies a changed answer through the write path (event), keeps empty cells unchanged, and round-trips', async () => {
    const { header, rows } = await exportRows();
    const col = header.indexOf(E_AKTE);
    const target = rows.find((row) => row[col] !== '7') as string[];
    const statusId = Number(target[0]);
    const edited = [...target];
    edited[col] = '7';
    // Every other criterion cell emptied: "unchanged", not "nicht bewertet".
    const otherAnswered = header.findIndex(
      (column, index) => column.startsWith('RG') && index !== col && target[index] !== '',
    );
    if (otherAnswered >= 0) edited[otherAnswered] = '';
    const before = await eventCount();
    const dry = await readBody(await upload(stringify([header, edited]), 'dry-run'), importCsvRoute, 200);
    expect(dry.lines[0]).toMatchObject({ outcome: 'changed', changes: { [E_AKTE]: { to: 7 } } });
    const res = await upload(stringify([header, edited]), 'commit');
    expect(res.status).toBe(200);
    expect(await eAkteOf(statusId)).toBe(7);
    expect(await eventCount()).toBe((before ?? 0) + 1);
    const [event] = await queryRows<{ after: { criteria?: unknown[] } }>(
      database.db,
      sql`select after from status_events where status_id = ${statusId} order by id desc limit 1`,
    );
    expect(JSON.stringify(event?.after.criteria)).toContain('e_akte');
    if (otherAnswered >= 0) {
      const again = await exportRows();
      const row = again.rows.find((candidate) => Number(candidate[0]) === statusId) as string[];
      expect(row[otherAnswered]).toBe(target[otherAnswered]);
    }
    // The new export comes back unchanged.
    const fresh = await exportRows();
    const unchanged = await readBody(
      await upload(stringify([fresh.header, ...fresh.rows]), 'dry-run'),
      importCsvRoute,
      200,
    );
    expect(unchanged.summary.changed).toBe(0);
  });

  it('still takes a file without the criterion columns', async () => {
    const { header, rows } = await exportRows();
    const keep = header
      .map((column, index) => (column.startsWith('RG') ? -1 : index))
      .filter((index) => index >= 0);
    const plain = [keep.map((index) => header[index]), ...rows.map((row) => keep.map((index) => row[index]))];
    const result = await readBody(await upload(stringify(plain), 'dry-run'), importCsvRoute, 200);
    expect(result.summary).toMatchObject({ changed: 0, errors: 0 });
  });
});
