import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../client';
import { readDataset } from '../instance';
import { createTestDatabase, gv100Line, readOfficialFile, sampleGv100 } from '../testing/index';
import { ImportFileError } from './errors';
import { importGv100, UNKNOWN_START } from './gv100';

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

type LevelCount = { level: string; kind: string; count: number; population: number | null };

async function currentCounts(): Promise<LevelCount[]> {
  return queryRows<LevelCount>(
    database.db,
    sql`select r.level, v.kind, count(*)::int as count, sum(v.population)::bigint::float8 as population
        from region_versions v join regions r on r.id = v.region_id
        where v.valid_to is null group by r.level, v.kind order by r.level, v.kind`,
  );
}
const total = (rows: LevelCount[], level: string, kinds?: string[]) =>
  rows
    .filter((r) => r.level === level && (!kinds || kinds.includes(r.kind)))
    .reduce((sum, r) => sum + r.count, 0);

describe('GV100AD import of the official file', () => {
  it('imports Hessen with the official counts and population', async () => {
    const summary = await importGv100({
      database,
      text: readOfficialFile('GV100AD_301123.txt'),
      fileName: 'GV100AD_301123.txt',
      land: '06',
    });
    const rows = await currentCounts();
    expect(total(rows, 'land')).toBe(1);
    expect(total(rows, 'bezirk')).toBe(3);
    expect(total(rows, 'kreis')).toBe(26);
    expect(total(rows, 'kreis', ['landkreis'])).toBe(21);
    expect(total(rows, 'kreis', ['kreisfreie_stadt'])).toBe(5);
    expect(total(rows, 'gemeinde')).toBe(421);
    expect(total(rows, 'gemeinde', ['kreisfreie_stadt'])).toBe(5);
    expect(total(rows, 'gemeinde', ['stadt'])).toBe(186);
    expect(total(rows, 'gemeinde', ['gemeinde'])).toBe(230);
    expect(rows.filter((r) => r.level === 'gemeinde').reduce((s, r) => s + (r.population ?? 0), 0)).toBe(
      6_391_360,
    );
    expect(summary.skipped.unincorporated).toBe(4);
    expect(summary.population).toBe(6_391_360);
    expect(summary.referenceDate).toBe('2023-11-30');
    expect(await readDataset(database.db)).toBe('official');

    const [frankfurt] = await queryRows<{
      ags: string;
      ars: string;
      population: number;
      gv_type: string;
      parent: string;
    }>(
      database.db,
      sql`select v.ags, v.ars, v.population, v.gv_type, p.ags as parent
          from region_versions v join region_versions p on p.region_id = v.parent_region_id and p.valid_to is null
          where v.ags = '06412000' and v.valid_to is null`,
    );
    expect(frankfurt).toEqual({
      ags: '06412000',
      ars: '064120000000',
      population: 773_068,
      gv_type: '61',
      parent: '06412',
    });
    const [hanau] = await queryRows<{ ars: string; sonderstatus: boolean; parent: string }>(
      database.db,
      sql`select v.ars, v.sonderstatus, p.ags as parent from region_versions v
          join region_versions p on p.region_id = v.parent_region_id and p.valid_to is null
          where v.ags = '06435014' and v.valid_to is null`,
    );
    expect(hanau).toEqual({ ars: '064350014014', sonderstatus: true, parent: '06435' });
    const [sonderstatus] = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from region_versions where sonderstatus and valid_to is null`,
    );
    expect(sonderstatus?.count).toBe(7);
  });

  it('imports all of Germany: 10,773 Gemeinden without the 208 gemeindefreie Gebiete', async () => {
    const summary = await importGv100({
      database,
      text: readOfficialFile('GV100AD_301123.txt'),
      fileName: 'GV100AD_301123.txt',
    });
    const rows = await currentCounts();
    expect(total(rows, 'land')).toBe(16);
    expect(total(rows, 'kreis')).toBe(400);
    expect(total(rows, 'gemeinde')).toBe(10_773);
    expect(summary.perLevel.gemeinde).toBe(10_773);
    expect(summary.skipped.unincorporated).toBe(208);
    // Every Kreis hangs below a Regierungsbezirk or directly below its Land, every Gemeinde below a Kreis.
    const orphans = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from region_versions v join regions r on r.id = v.region_id
          left join regions p on p.id = v.parent_region_id
          where v.valid_to is null and r.level <> 'land'
            and (p.id is null or (r.level = 'gemeinde' and p.level <> 'kreis'))`,
    );
    expect(orphans[0]?.count).toBe(0);
  }, 180_000);

  it('is idempotent: a second run of the same file changes nothing', async () => {
    const input = {
      database,
      text: readOfficialFile('GV100AD_301123.txt'),
      fileName: 'GV100AD_301123.txt',
      land: '06',
    };
    await importGv100(input);
    const [before] = await queryRows<{ versions: number; regions: number }>(
      database.db,
      sql`select (select count(*) from region_versions)::int as versions, (select count(*) from regions)::int as regions`,
    );
    const second = await importGv100(input);
    const [after] = await queryRows<{ versions: number; regions: number }>(
      database.db,
      sql`select (select count(*) from region_versions)::int as versions, (select count(*) from regions)::int as regions`,
    );
    expect(after).toEqual(before);
    expect(second.changes).toEqual({
      created: 0,
      updated: 0,
      territoryChanged: 0,
      closed: 0,
      unchanged: 1 + 3 + 26 + 421,
      succeeded: 0,
    });
  });
});

describe('GV100AD territory changes', () => {
  it('keeps the identity of a town that becomes kreisfrei under a new key, and as-of views use the territory of their date', async () => {
    await importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'alt.txt' });
    const [town] = await queryRows<{ region_id: number }>(
      database.db,
      sql`select region_id from region_versions where ags = '99131001'`,
    );
    const summary = await importGv100({
      database,
      text: sampleGv100({ date: '20260101', moveStadtToOwnKreis: true }),
      fileName: 'neu.txt',
    });
    // Only the new Kreis record is new: the town is the same region under its new key.
    expect(summary.changes.created).toBe(1);
    expect(summary.changes.closed).toBe(0);
    expect(summary.changes.succeeded).toBe(1);
    expect(summary.successions).toEqual([
      { oldAgs: '99131001', newAgs: '99102000', name: 'Musterau, Stadt', matchedBy: 'name' },
    ]);

    const history = await queryRows<{
      ags: string;
      valid_from: string;
      valid_to: string | null;
      kreis: string;
    }>(
      database.db,
      sql`select v.ags, v.valid_from::text, v.valid_to::text, p.ags as kreis
          from region_versions v join region_versions p on p.region_id = v.parent_region_id and p.valid_to is null
          where v.region_id = ${town?.region_id} order by v.valid_from`,
    );
    // The old version is closed on the Stichtag, not deleted; the new key continues the same region.
    expect(history).toEqual([
      { ags: '99131001', valid_from: UNKNOWN_START, valid_to: '2026-01-01', kreis: '99131' },
      { ags: '99102000', valid_from: '2026-01-01', valid_to: null, kreis: '99102' },
    ]);

    const asOf = async (date: string) =>
      queryRows<{ ags: string }>(
        database.db,
        sql`select v.ags from region_versions v
            join region_versions k on k.region_id = v.parent_region_id and k.valid_from <= ${date} and (k.valid_to is null or k.valid_to > ${date})
            where k.ags = '99131' and v.valid_from <= ${date} and (v.valid_to is null or v.valid_to > ${date}) order by v.ags`,
      );
    expect((await asOf('2025-06-30')).map((r) => r.ags)).toEqual(['99131001', '99131002', '99131003']);
    expect((await asOf('2026-02-01')).map((r) => r.ags)).toEqual(['99131002', '99131003']);
  });

  it('updates changed names and populations in place without a new version', async () => {
    await importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'alt.txt' });
    const renamed = sampleGv100({ date: '20250630' }).replace(
      'Beispielbach'.padEnd(50),
      'Beispielbach a. d. Au'.padEnd(50),
    );
    const summary = await importGv100({ database, text: renamed, fileName: 'neu.txt' });
    expect(summary.changes.updated).toBe(1);
    const versions = await queryRows<{ name: string; source_date: string }>(
      database.db,
      sql`select name, source_date::text from region_versions where ags = '99131002'`,
    );
    expect(versions).toEqual([{ name: 'Beispielbach a. d. Au', source_date: '2025-06-30' }]);
  });
});

describe('GV100AD files that must not be applied', () => {
  it('refuses a file older than the loaded one and one dated in the future, changing nothing', async () => {
    await importGv100({ database, text: sampleGv100({ date: '20250630' }), fileName: 'neu.txt' });
    const before = await currentCounts();
    await expect(
      importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'alt.txt' }),
    ).rejects.toThrow(
      /alt\.txt:1: Gebietsstand 2025-01-01 ist älter als der bereits geladene \(2025-06-30\)/,
    );
    await expect(
      importGv100({
        database,
        text: sampleGv100({ date: '20270101' }),
        fileName: 'zukunft.txt',
        today: '2026-11-25',
      }),
    ).rejects.toThrow(/liegt in der Zukunft/);
    expect(await currentCounts()).toEqual(before);
  });

  it('refuses a file whose Stichtag is older than the newest loaded, even when its content is unchanged', async () => {
    const dated = (date: string) => sampleGv100({ date });
    await importGv100({ database, text: dated('20231130'), fileName: 'gv2023.txt' });
    // Same content, newer Stichtag: nothing changes in the regions, but the Land's Stichtag moves on.
    const same = await importGv100({ database, text: dated('20250101'), fileName: 'gv2025.txt' });
    expect(same.changes.unchanged).toBe(1 + 1 + 2 + 4);
    const error = await importGv100({ database, text: dated('20240630'), fileName: 'gv2024.txt' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(
      /^gv2024\.txt:1: Gebietsstand 2024-06-30 ist älter als der bereits geladene \(2025-01-01\)/,
    );
    const log = await queryRows<{ land: string; stichtag: string; file_name: string }>(
      database.db,
      sql`select land, stichtag::text, file_name from territory_imports order by id`,
    );
    expect(log).toEqual([
      { land: '99', stichtag: '2023-11-30', file_name: 'gv2023.txt' },
      { land: '99', stichtag: '2025-01-01', file_name: 'gv2025.txt' },
    ]);
  });

  it('treats a changed ARS (another Gemeindeverband) as a territory change', async () => {
    await importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'alt.txt' });
    const newVerband = sampleGv100({ date: '20250701' }).replace(/^(6020250701991310020)002/m, '$1077');
    const summary = await importGv100({ database, text: newVerband, fileName: 'neu.txt' });
    expect(summary.changes.territoryChanged).toBe(1);
    const versions = await queryRows<{ ars: string; valid_to: string | null }>(
      database.db,
      sql`select ars, valid_to::text from region_versions where ags = '99131002' order by valid_from`,
    );
    expect(versions).toEqual([
      { ars: '991310002002', valid_to: '2025-07-01' },
      { ars: '991310077002', valid_to: null },
    ]);
    const byNewArs = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from region_versions where ars = '991310077002' and valid_to is null`,
    );
    expect(byNewArs[0]?.n).toBe(1);
  });

  it('decides "first import" per Land: a later import of all Länder keeps their history open from the start', async () => {
    await importGv100({ database, text: sampleGv100({ date: '20250101' }), fileName: 'land99.txt' });
    const official = readOfficialFile('GV100AD_301123.txt');
    // The official file (2023) is older than the sample (2025), but the order of files is kept per Land.
    await importGv100({ database, text: official, fileName: 'GV100AD_301123.txt', land: '09' });
    const [bavaria] = await queryRows<{ valid_from: string }>(
      database.db,
      sql`select valid_from::text from region_versions where ags = '09'`,
    );
    expect(bavaria?.valid_from).toBe(UNKNOWN_START);
    // Land 99 is not in that file and stays as it was.
    const [testland] = await queryRows<{ valid_to: string | null }>(
      database.db,
      sql`select valid_to::text from region_versions where ags = '99'`,
    );
    expect(testland?.valid_to).toBeNull();
  }, 60_000);
});

describe('GV100AD malformed input', () => {
  const good = sampleGv100();
  const cases: [string, string, RegExp][] = [
    [
      'an unknown record type',
      gv100Line({ type: '60', land: '99', name: 'x' }).replace(/^60/, '70'),
      /Satzart/,
    ],
    ['a too short line', '6020250101991', /Zeile zu kurz/],
    [
      'a non-numeric population',
      gv100Line({
        type: '60',
        land: '99',
        bezirk: '1',
        kreis: '31',
        gemeinde: '004',
        verband: '0004',
        name: 'Fehlerdorf',
        gvType: '64',
        population: 1,
      }).replace('00000000001', '0000000000X'),
      /Bevölkerung \(Stellen 140-150\): "0000000000X" ist keine Zahl/,
    ],
    [
      'an unknown Gemeinde type',
      gv100Line({
        type: '60',
        land: '99',
        bezirk: '1',
        kreis: '31',
        gemeinde: '004',
        verband: '0004',
        name: 'Fehlerdorf',
        gvType: '69',
      }),
      /unbekannter Gemeindetyp "69"/,
    ],
    [
      'a Gemeinde without its Kreis',
      gv100Line({
        type: '60',
        land: '99',
        bezirk: '1',
        kreis: '77',
        gemeinde: '001',
        verband: '0001',
        name: 'Waisendorf',
        gvType: '64',
      }),
      /übergeordnetes Gebiet 99177 .* fehlt/,
    ],
    [
      'a different Stichtag',
      gv100Line({
        type: '60',
        date: '20240101',
        land: '99',
        bezirk: '1',
        kreis: '31',
        gemeinde: '004',
        verband: '0004',
        name: 'Fehlerdorf',
        gvType: '64',
      }),
      /weicht vom Gebietsstand der Datei/,
    ],
  ];

  it.each(cases)('rejects %s with file and line and writes nothing', async (_label, badLine, message) => {
    const text = `${good}${badLine}\n`;
    const badLineNo = good.split('\n').length;
    const error = await importGv100({ database, text, fileName: 'kaputt.txt' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportFileError);
    expect((error as Error).message).toMatch(new RegExp(`^kaputt\\.txt:${badLineNo}: `));
    expect((error as Error).message).toMatch(message);
    const [count] = await queryRows<{ count: number }>(
      database.db,
      sql`select count(*)::int as count from regions`,
    );
    expect(count?.count).toBe(0);
    expect(await readDataset(database.db)).toBe('empty');
  });

  it('leaves earlier imported data untouched when a later file is malformed', async () => {
    await importGv100({ database, text: good, fileName: 'gut.txt' });
    const before = await currentCounts();
    const bad = `${sampleGv100({ date: '20260101', moveStadtToOwnKreis: true })}${gv100Line({ type: '60', date: '20260101', land: '99', bezirk: '1', kreis: '88', gemeinde: '001', verband: '0001', name: 'Waisendorf', gvType: '64' })}\n`;
    await expect(importGv100({ database, text: bad, fileName: 'neu.txt' })).rejects.toThrow(
      /neu\.txt:\d+: .*fehlt/,
    );
    expect(await currentCounts()).toEqual(before);
  });
});
