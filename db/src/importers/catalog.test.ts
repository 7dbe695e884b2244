import { sql } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Database, queryRows } from '../client';
import { createTestDatabase, readOfficialFile, sampleGv100 } from '../testing/index';
import { importCatalog } from './catalog';
import { ImportFileError } from './errors';
import { importGv100 } from './gv100';
import { decodeUploadedText } from './text-encoding';

let database: Database;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

const official = () => ({
  ozg: { text: readOfficialFile('ozg-leistungen.csv'), fileName: 'ozg-leistungen.csv' },
  leika: { text: readOfficialFile('leika-leistungen.csv'), fileName: 'leika-leistungen.csv' },
});

async function counts() {
  const [row] = await queryRows<{ services: number; themenfelder: number; leika: number; relevant: number }>(
    database.db,
    sql`select (select count(*) from ozg_services where active)::int as services,
               (select count(distinct themenfeld) from ozg_services)::int as themenfelder,
               (select count(*) from leika_services)::int as leika,
               (select count(*) from ozg_services where municipally_relevant)::int as relevant`,
  );
  return row;
}

describe('catalogue import of the official files', () => {
  it('imports 557 OZG-Leistungen in 14 Themenfeldern, 5,251 LeiKa services, 461 municipally relevant', async () => {
    const summary = await importCatalog({ database, ...official() });
    expect(await counts()).toEqual({ services: 557, themenfelder: 14, leika: 5251, relevant: 461 });
    expect(summary.services).toBe(557);
    expect(summary.municipallyRelevant).toBe(461);
    expect(Object.keys(summary.perThemenfeld)).toHaveLength(14);
    // Relevance recomputed by another route: straight from the stored LeiKa types.
    const [recomputed] = await queryRows<{ count: number }>(
      database.db,
      sql`select count(distinct ozg_id)::int as count from leika_services
          where ozg_id is not null and leika_typ ~ '(^|[ ,])(2|3|2/3|4|5)($|[ ,])'`,
    );
    expect(recomputed?.count).toBe(461);
    // A lone Typ 2 counts (README: "Typ 2, 3, 4 or 5"): 10056 BAföG has only the types "1", "1, 2" and "2".
    const bafoeg = await queryRows<{ leika_typ: string; relevant: boolean }>(
      database.db,
      sql`select distinct l.leika_typ, s.municipally_relevant as relevant from leika_services l
          join ozg_services s on s.ozg_id = l.ozg_id where l.ozg_id = 10056 order by 1`,
    );
    expect(bafoeg).toEqual([
      { leika_typ: '1', relevant: true },
      { leika_typ: '1, 2', relevant: true },
      { leika_typ: '2', relevant: true },
    ]);
    const [abbruch] = await queryRows<{ name: string; themenfeld: string }>(
      database.db,
      sql`select name, themenfeld::text from ozg_services where ozg_id = 10513`,
    );
    expect(abbruch).toEqual({ name: 'Abbruchgenehmigung', themenfeld: 'Bauen & Wohnen' });
  });

  it('is idempotent', async () => {
    await importCatalog({ database, ...official() });
    await importCatalog({ database, ...official() });
    expect(await counts()).toEqual({ services: 557, themenfelder: 14, leika: 5251, relevant: 461 });
  });
});

describe('catalogue import of malformed files', () => {
  const ozgHeader = 'ozg_id,name,lebenslage,themenfeld';
  const leikaHeader = 'leika_key,name,leika_typ,ozg_id';
  const ozgGood = [
    ozgHeader,
    '90001,Testleistung A,Testlage,Bildung',
    '90002,"Testleistung B, mit Komma",Testlage,Umwelt',
  ];
  const leikaGood = [leikaHeader, '99999000000001,Test A,2/3,90001', 'nicht im LeiKa,Test B,1,90002'];
  const run = (ozg: string[], leika: string[]) =>
    importCatalog({
      database,
      ozg: { text: `${ozg.join('\n')}\n`, fileName: 'ozg.csv' },
      leika: { text: `${leika.join('\n')}\n`, fileName: 'leika.csv' },
    });

  const cases: [string, string[], string[], string][] = [
    [
      'an unknown Themenfeld',
      [...ozgGood, '90003,X,Y,Weltraum'],
      leikaGood,
      'ozg.csv:4: themenfeld: unbekanntes Themenfeld "Weltraum"',
    ],
    [
      'a short OZG-ID',
      [...ozgGood, '9003,X,Y,Bildung'],
      leikaGood,
      'ozg.csv:4: ozg_id: "9003" ist keine fünfstellige OZG-ID',
    ],
    [
      'a duplicate OZG-ID',
      [...ozgGood, '90001,X,Y,Bildung'],
      leikaGood,
      'ozg.csv:4: ozg_id: OZG-ID 90001 steht schon in Zeile 2',
    ],
    [
      'a missing column',
      ['ozg_id,name,themenfeld', '90001,X,Bildung'],
      leikaGood,
      'ozg.csv:1: Spalte "lebenslage" fehlt',
    ],
    ['a wrong field count', [...ozgGood, '90003,X,Bildung'], leikaGood, 'ozg.csv:4: 3 Felder statt 4'],
    [
      'a bad LeiKa key',
      ozgGood,
      [...leikaGood, '99-12,Test C,4,90001'],
      'leika.csv:4: leika_key: "99-12" ist kein LeiKa-Schlüssel',
    ],
    [
      'a bad LeiKa type',
      ozgGood,
      [...leikaGood, '99999000000003,Test C,Land,90001'],
      'leika.csv:4: leika_typ: "Land" ist kein LeiKa-Typ',
    ],
    [
      'an unknown OZG-ID',
      ozgGood,
      [...leikaGood, '99999000000003,Test C,4,90009'],
      'leika.csv:4: ozg_id: OZG-ID 90009 steht nicht in ozg.csv',
    ],
    [
      'a duplicate LeiKa key',
      ozgGood,
      [...leikaGood, '99999000000001,Test C,4,90001'],
      'leika.csv:4: leika_key: LeiKa-Schlüssel 99999000000001 steht schon in Zeile 2',
    ],
    ['an unclosed quote', [...ozgGood, '90003,"X,Y,Bildung'], leikaGood, 'ozg.csv:'],
  ];

  it.each(cases)(
    'rejects %s with file, line and column and writes nothing',
    async (_label, ozg, leika, message) => {
      const error = await run(ozg, leika).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportFileError);
      expect((error as Error).message.startsWith(message)).toBe(true);
      expect(await counts()).toEqual({ services: 0, themenfelder: 0, leika: 0, relevant: 0 });
    },
  );

  it('accepts the well-formed made-up files', async () => {
    const summary = await run(ozgGood, leikaGood);
    expect(summary).toMatchObject({ services: 2, leikaServices: 2, municipallyRelevant: 1 });
  });

  it('reads a catalogue that a spreadsheet saved in Windows-1252 with cleared rows (",,,")', async () => {
    // The upload's decoder turns the bytes into text; "ü" is the single byte 0xFC.
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(`${ozgGood.join('\r\n')}\r\n,,,\r\n90003,Hundesteuer f`),
      0xfc,
      ...new TextEncoder().encode('r Hunde,Testlage,Steuern & Zoll\r\n,,,\r\n'),
    ]);
    const { text } = decodeUploadedText(bytes);
    const summary = await importCatalog({
      database,
      ozg: { text, fileName: 'ozg.csv' },
      leika: { text: `${leikaGood.join('\n')}\n`, fileName: 'leika.csv' },
    });
    expect(summary).toMatchObject({ services: 3 });
    const [row] = await queryRows<{ name: string }>(
      database.db,
      sql`select name from ozg_services where ozg_id = 90003`,
    );
    expect(row?.name).toBe('Hundesteuer für Hunde');
  });
});

describe('a service that moves to another Themenfeld', () => {
  it('counts in its new Themenfeld only: rollups and totals keep nothing in the old one', async () => {
    await importGv100({ database, text: sampleGv100(), fileName: 'gv100.txt' });
    const catalog = (themenfeld: string) => ({
      ozg: {
        text: `ozg_id,name,lebenslage,themenfeld\n90001,Testleistung A,Testlage,${themenfeld}\n`,
        fileName: 'ozg.csv',
      },
      leika: {
        text: 'leika_key,name,leika_typ,ozg_id\n99999000000001,Test A,2/3,90001\n',
        fileName: 'leika.csv',
      },
    });
    const byThemenfeld = async () =>
      queryRows<{ table: string; themenfeld: string; target: number }>(
        database.db,
        sql`select 'rollups' as table, themenfeld::text, sum(target_count)::int as target
            from region_rollups group by themenfeld having sum(target_count) > 0
            union all
            select 'totals', themenfeld::text, sum(target_count)::int from region_totals
            where themenfeld is not null group by themenfeld having sum(target_count) > 0
            order by 1, 2`,
      );
    await importCatalog({ database, ...catalog('Bildung') });
    const before = await byThemenfeld();
    expect(before.map((row) => [row.table, row.themenfeld])).toEqual([
      ['rollups', 'Bildung'],
      ['totals', 'Bildung'],
    ]);
    await importCatalog({ database, ...catalog('Umwelt') });
    expect(await byThemenfeld()).toEqual(before.map((row) => ({ ...row, themenfeld: 'Umwelt' })));
  });
});
