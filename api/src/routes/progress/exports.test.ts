import type { Database } from '@ozg/db';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signInAs, type TestApp } from '../../testing';
import { childrenProgressRoute, coverageRoute, progressRoute, seriesRoute } from './progress.routes';

let database: Database;
let app: TestApp;

beforeAll(async () => {
  ({ database, app } = await demoTestApp());
});
afterAll(async () => {
  await database.close();
});

/** The CSV of a request, parsed as German Excel reads it (";", BOM kept off). */
async function csvOf(path: string) {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-type')).toContain('text/csv');
  expect(res.headers.get('content-disposition')).toMatch(/attachment; filename=".+\.csv"/);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await res.arrayBuffer()));
  expect(text.startsWith('\uFEFF')).toBe(true);
  expect(text).toContain('\r\n');
  const [header, ...rows] = parse(text.slice(1), { delimiter: ';' }) as string[][];
  return { header: header as string[], rows };
}

async function sheetOf(path: string, name: string) {
  const res = await app.request(path);
  expect(res.status).toBe(200);
  expect(res.headers.get('content-disposition')).toMatch(/\.xlsx"$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await res.arrayBuffer());
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`worksheet ${name} missing`);
  // Row 1 is the title, row 2 the header.
  const rows = sheet.getSheetValues().slice(3) as unknown[][];
  return { sheet, rows: rows.map((row) => row.slice(1)) };
}

/** A share as the exports write it: percent with one decimal, decimal comma in the CSV. */
const csvPercent = (share: number | null) =>
  share === null ? '' : String(Math.round(share * 1000) / 10).replace('.', ',');

describe('exports of the overview and region pages', () => {
  it('children/progress answers CSV with decimal commas and the figures of the JSON, also as of a day', async () => {
    for (const query of ['', '&asOf=2024-06-30']) {
      const data = await readBody(
        await app.request(`/api/v1/regions/06/children/progress?sort=name${query}`),
        childrenProgressRoute,
        200,
      );
      const { header, rows } = await csvOf(
        `/api/v1/regions/06/children/progress?sort=name&format=csv${query}`,
      );
      expect(header.slice(0, 4)).toEqual(['Rang', 'AGS', 'Gebiet', 'Art']);
      expect(rows.map((row) => row[1])).toEqual(data.children.map((child) => child.region.ags));
      const share = header.indexOf('Anteil OZG-konform (%)');
      const target = header.indexOf('Zielleistungen');
      for (const [index, child] of data.children.entries()) {
        expect(rows[index]?.[share]).toBe(csvPercent(child.figures.conformantShare));
        expect(rows[index]?.[target]).toBe(String(child.figures.targetServices));
      }
      // The demo's shares are not whole percentages: German Excel must see a comma, never a point.
      expect(rows.some((row) => /^\d+,\d$/.test(row[share] ?? ''))).toBe(true);
      expect(rows.every((row) => !/\d\.\d/.test(row.join(';')))).toBe(true);
    }
  });

  it('children/progress?level=kreis lists every Kreis of a Land with Regierungsbezirke, in JSON and CSV alike', async () => {
    const data = await readBody(
      await app.request('/api/v1/regions/06/children/progress?level=kreis&sort=name'),
      childrenProgressRoute,
      200,
    );
    expect(data.children).toHaveLength(26);
    expect(new Set(data.children.map((child) => child.region.level))).toEqual(new Set(['kreis']));
    expect(data.children.map((child) => child.rank).sort((a, b) => (a ?? 0) - (b ?? 0))[0]).toBe(1);
    const { rows } = await csvOf('/api/v1/regions/06/children/progress?level=kreis&sort=name&format=csv');
    expect(rows.map((row) => row[1])).toEqual(data.children.map((child) => child.region.ags));
  });

  it('children/progress answers XLSX with the same rows as numbers', async () => {
    const data = await readBody(
      await app.request('/api/v1/regions/06/children/progress?asOf=2024-06-30'),
      childrenProgressRoute,
      200,
    );
    const { sheet, rows } = await sheetOf(
      '/api/v1/regions/06/children/progress?asOf=2024-06-30&format=xlsx',
      'Gebiete',
    );
    expect(sheet.getRow(1).getCell(1).value).toMatch(/Stand 2024-06-30/);
    expect(rows).toHaveLength(data.children.length);
    expect(rows[0]?.[1]).toBe(data.children[0]?.region.ags);
    expect(rows[0]?.[6]).toBe(data.children[0]?.figures.targetServices);
  });

  it('progress exports Themenfeld × Reifegrad: the total first, then every Themenfeld', async () => {
    const data = await readBody(await app.request('/api/v1/regions/06435/progress'), progressRoute, 200);
    const { header, rows } = await csvOf('/api/v1/regions/06435/progress?format=csv');
    expect(header.slice(0, 7)).toEqual([
      'Themenfeld',
      'Zielleistungen',
      'Reifegrad 0 (Offline)',
      'Reifegrad 1 (Information)',
      'Reifegrad 2 (Formular-Assistent)',
      'Reifegrad 3 (Online-Leistung)',
      'Reifegrad 4 (Online-Transaktion)',
    ]);
    expect(rows).toHaveLength(data.byThemenfeld.length + 1);
    expect(rows[0]?.slice(0, 7)).toEqual([
      'Alle Themenfelder',
      ...[data.figures.targetServices, ...data.figures.levelCounts].map(String),
    ]);
    expect(rows[1]?.[0]).toBe(data.byThemenfeld[0]?.themenfeld);
    expect(rows[0]?.[header.indexOf('Anteil nach Einwohnern (%)')]).toBe(
      csvPercent(data.figures.populationWeightedShare),
    );
    const { rows: xlsxRows } = await sheetOf('/api/v1/regions/06435/progress?format=xlsx', 'Themenfelder');
    expect(xlsxRows[0]?.slice(0, 2)).toEqual(['Alle Themenfelder', data.figures.targetServices]);
    expect(xlsxRows).toHaveLength(rows.length);
  });

  it('the series exports the deadline, every month end and the last days', async () => {
    const data = await readBody(await app.request('/api/v1/regions/06/progress/series'), seriesRoute, 200);
    const { header, rows } = await csvOf('/api/v1/regions/06/progress/series?format=csv');
    expect(header).toEqual(['Datum', 'Punkt', 'Zielleistungen', 'OZG-konform', 'Anteil OZG-konform (%)']);
    expect(rows).toHaveLength(1 + data.monthly.length + data.daily.length);
    expect(rows[0]).toEqual([
      data.deadline.date,
      'Frist 31.12.2022',
      String(data.deadline.targetServices),
      String(data.deadline.conformant),
      csvPercent(data.deadline.share),
    ]);
    const last = data.monthly.at(-1);
    expect(rows[data.monthly.length]?.slice(0, 2)).toEqual([last?.date, 'Monatsende']);
    const { rows: xlsxRows } = await sheetOf('/api/v1/regions/06/progress/series?format=xlsx', 'Verlauf');
    expect(xlsxRows).toHaveLength(rows.length);
    expect(xlsxRows[0]?.[4]).toBe(Math.round((data.deadline.share as number) * 1000) / 10);
  });

  it('the coverage of a service exports one figure per line', async () => {
    const data = await readBody(
      await app.request('/api/v1/services/99031/coverage?region=06'),
      coverageRoute,
      200,
    );
    const { header, rows } = await csvOf('/api/v1/services/99031/coverage?region=06&format=csv');
    expect(header).toEqual(['Kennzahl', 'Wert']);
    const value = (label: string) => rows.find((row) => row[0] === label)?.[1];
    expect(value('Verwaltungen mit der Leistung im Zielbestand')).toBe(String(data.mustOffer));
    expect(value('Anteil der Verwaltungen (%)')).toBe(csvPercent(data.share));
    expect(value('Flächendeckend')).toBe(data.flaechendeckend ? 'ja' : 'nein');
    expect(value('Reifegrad 3 (Online-Leistung)')).toBe(String(data.levelCounts[3]));
    const { rows: xlsxRows } = await sheetOf(
      '/api/v1/services/99031/coverage?region=06&format=xlsx',
      'Verbreitung',
    );
    expect(xlsxRows.find((row) => row[0] === 'davon OZG-konform (Reifegrad ≥ 3)')?.[1]).toBe(data.offering);
  });

  it('the laggards and the consulting report write shares with the decimal comma too', async () => {
    const consultant = await signInAs(app, 'consultant');
    for (const path of [
      '/api/v1/regions/06/laggards?format=csv',
      '/api/v1/regions/06/consulting/report?format=csv',
    ]) {
      const res = await consultant.request('GET', path);
      expect(res.status).toBe(200);
      const [header, ...rows] = parse((await res.text()).replace(/^\uFEFF/, ''), {
        delimiter: ';',
      }) as string[][];
      const shareColumns = (header ?? []).flatMap((label, index) => (label.endsWith('(%)') ? [index] : []));
      expect(shareColumns.length).toBeGreaterThan(0);
      const cells = rows.flatMap((row) => shareColumns.map((index) => row[index] ?? ''));
      expect(cells.some((cell) => /^-?\d+,\d$/.test(cell))).toBe(true);
      expect(cells.every((cell) => !cell.includes('.'))).toBe(true);
    }
  });

  it('refuses an unknown format with a 400 naming the parameter', async () => {
    const res = await app.request('/api/v1/regions/06/children/progress?format=pdf');
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('format');
  });
});
