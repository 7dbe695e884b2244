/**
 * Writes made-up GV100AD records in the official fixed-width layout, for tests of
 * the importer and of territory changes. Never copy lines of the official file.
 */
export type Gv100FixtureRecord = {
  type: '10' | '20' | '30' | '40' | '50' | '60';
  date?: string;
  land: string;
  bezirk?: string;
  kreis?: string;
  gemeinde?: string;
  verband?: string;
  name: string;
  seat?: string;
  gvType?: string;
  areaHectares?: number;
  population?: number;
  postcode?: string;
};

const pad = (value: string, width: number) => value.padEnd(width, ' ').slice(0, width);
const num = (value: number | undefined, width: number) =>
  value === undefined ? ' '.repeat(width) : String(value).padStart(width, '0');

export function gv100Line(record: Gv100FixtureRecord): string {
  const line =
    record.type +
    (record.date ?? '20250101') +
    record.land +
    pad(record.bezirk ?? '', 1) +
    pad(record.kreis ?? '', 2) +
    pad(record.gemeinde ?? '', 3) +
    pad(record.verband ?? '', 4) +
    pad(record.name, 50) +
    pad(record.seat ?? '', 50) +
    pad(record.gvType ?? '', 2) +
    '    ' +
    num(record.areaHectares, 11) +
    num(record.population, 11) +
    num(record.population === undefined ? undefined : Math.floor(record.population / 2), 11) +
    '    ' +
    pad(record.postcode ?? '', 5);
  return line.padEnd(220, ' ');
}

/** A small made-up Land 99 with one RB, a Landkreis of three Gemeinden and a kreisfreie Stadt. */
export function sampleGv100(options: { date?: string; moveStadtToOwnKreis?: boolean } = {}): string {
  const date = options.date ?? '20250101';
  const records: Gv100FixtureRecord[] = [
    { type: '10', land: '99', name: 'Testland', seat: 'Teststadt' },
    { type: '20', land: '99', bezirk: '1', name: 'Reg.-Bez. Nord', seat: 'Nordstadt' },
    { type: '40', land: '99', bezirk: '1', kreis: '01', name: 'Teststadt, Stadt', gvType: '41' },
    {
      type: '60',
      land: '99',
      bezirk: '1',
      kreis: '01',
      gemeinde: '000',
      verband: '0000',
      name: 'Teststadt, Stadt',
      gvType: '61',
      areaHectares: 5000,
      population: 200_000,
      postcode: '99001',
    },
    { type: '40', land: '99', bezirk: '1', kreis: '31', name: 'Landkreis Musterland', gvType: '44' },
    {
      type: '50',
      land: '99',
      bezirk: '1',
      kreis: '31',
      verband: '0001',
      name: 'Musterau, Stadt',
      gvType: '50',
    },
    {
      type: '60',
      land: '99',
      bezirk: '1',
      kreis: '31',
      gemeinde: '001',
      verband: '0001',
      name: 'Musterau, Stadt',
      gvType: '63',
      areaHectares: 3000,
      population: 60_000,
      postcode: '99100',
    },
    {
      type: '60',
      land: '99',
      bezirk: '1',
      kreis: '31',
      gemeinde: '002',
      verband: '0002',
      name: 'Beispielbach',
      gvType: '64',
      areaHectares: 1500,
      population: 4_000,
    },
    {
      type: '60',
      land: '99',
      bezirk: '1',
      kreis: '31',
      gemeinde: '003',
      verband: '0003',
      name: 'Probefeld',
      gvType: '64',
      areaHectares: 900,
      population: 2_500,
    },
    {
      type: '60',
      land: '99',
      bezirk: '1',
      kreis: '31',
      gemeinde: '900',
      verband: '0900',
      name: 'Gemeindefreies Waldgebiet',
      gvType: '66',
      areaHectares: 700,
      population: 0,
    },
  ];
  if (options.moveStadtToOwnKreis) {
    // Musterau leaves the Landkreis and becomes kreisfrei, under a new key, as Hanau did on 1 Jan 2026.
    const index = records.findIndex((record) => record.name === 'Musterau, Stadt' && record.type === '60');
    records.splice(index, 1);
    records.push(
      { type: '40', land: '99', bezirk: '1', kreis: '02', name: 'Musterau, Stadt', gvType: '41' },
      {
        type: '60',
        land: '99',
        bezirk: '1',
        kreis: '02',
        gemeinde: '000',
        verband: '0000',
        name: 'Musterau, Stadt',
        gvType: '61',
        areaHectares: 3000,
        population: 60_500,
      },
    );
  }
  return `${records.map((record) => gv100Line({ ...record, date })).join('\n')}\n`;
}
