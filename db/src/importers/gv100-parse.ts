import {
  buildArs,
  GV100_GEMEINDE_TYPES,
  GV100_KREIS_TYPES,
  GV100_UNINCORPORATED_TYPES,
  type RegionKind,
  type RegionLevel,
} from '@ozg/shared';
import { ImportFileError } from './errors';

/**
 * Parser for the Destatis Gemeindeverzeichnis GV100AD (fixed width, one record
 * per line; layout in ../shared/data/SOURCES.md). Positions below are 1-based as
 * in the official description.
 */

export type Gv100Region = {
  line: number;
  level: RegionLevel;
  kind: RegionKind;
  ags: string;
  ars: string;
  name: string;
  seat: string | null;
  gvType: string | null;
  population: number | null;
  areaHectares: number | null;
  postcode: string | null;
};

export type Gv100File = {
  /** Stichtag of the file as ISO date. */
  referenceDate: string;
  regions: Gv100Region[];
  skipped: { unincorporated: number; verbaende: number; regionen: number; otherLaender: number };
};

const field = (line: string, from: number, to: number) => line.slice(from - 1, to);

function isoDate(yyyymmdd: string): string | null {
  if (!/^\d{8}$/.test(yyyymmdd)) return null;
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  const parsed = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== iso ? null : iso;
}

export function parseGv100(text: string, fileName: string, options: { land?: string } = {}): Gv100File {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const regions: Gv100Region[] = [];
  const skipped = { unincorporated: 0, verbaende: 0, regionen: 0, otherLaender: 0 };
  let referenceDate: string | null = null;

  lines.forEach((raw, index) => {
    const lineNo = index + 1;
    if (raw.trim() === '') return;
    const fail = (problem: string, column?: string): never => {
      throw new ImportFileError(fileName, lineNo, problem, column);
    };
    if (raw.length < 124) fail(`Zeile zu kurz (${raw.length} Zeichen, mindestens 124 erwartet)`);

    const recordType = field(raw, 1, 2);
    if (!['10', '20', '30', '40', '50', '60'].includes(recordType)) {
      fail(
        `unbekannte Satzart "${recordType}" (erwartet 10, 20, 30, 40, 50 oder 60)`,
        'Satzart (Stellen 1-2)',
      );
    }
    const date = isoDate(field(raw, 3, 10));
    if (!date)
      fail(
        `ungültiger Gebietsstand "${field(raw, 3, 10)}" (JJJJMMTT erwartet)`,
        'Gebietsstand (Stellen 3-10)',
      );
    if (referenceDate && date !== referenceDate) {
      fail(
        `Gebietsstand ${date} weicht vom Gebietsstand der Datei (${referenceDate}) ab`,
        'Gebietsstand (Stellen 3-10)',
      );
    }
    referenceDate = date;

    const land = field(raw, 11, 12);
    const bezirk = field(raw, 13, 13);
    const kreis = field(raw, 14, 15);
    const gemeinde = field(raw, 16, 18);
    const verband = field(raw, 19, 22);
    const name = field(raw, 23, 72).trim();
    const seat = field(raw, 73, 122).trim() || null;
    const gvType = field(raw, 123, 124).trim();

    if (!/^\d{2}$/.test(land)) fail(`Land "${land}" ist keine zweistellige Zahl`, 'Land (Stellen 11-12)');
    if (options.land && land !== options.land) {
      skipped.otherLaender++;
      return;
    }
    if (name === '') fail('Name fehlt', 'Name (Stellen 23-72)');
    const digits = (value: string, label: string) => {
      if (!/^\d+$/.test(value)) fail(`"${value}" ist keine Zahl`, label);
      return value;
    };
    const base = { line: lineNo, name, seat };

    switch (recordType) {
      case '10':
        regions.push({
          ...base,
          level: 'land',
          kind: 'land',
          ags: land,
          ars: land,
          gvType: null,
          ...noStats,
        });
        return;
      case '20': {
        const key = land + digits(bezirk, 'Regierungsbezirk (Stelle 13)');
        regions.push({
          ...base,
          level: 'bezirk',
          kind: 'regierungsbezirk',
          ags: key,
          ars: key,
          gvType: null,
          ...noStats,
        });
        return;
      }
      case '30':
        skipped.regionen++;
        return;
      case '40': {
        const key =
          land + digits(bezirk, 'Regierungsbezirk (Stelle 13)') + digits(kreis, 'Kreis (Stellen 14-15)');
        const kind = GV100_KREIS_TYPES[gvType];
        if (!kind) fail(`unbekannter Kreistyp "${gvType}" (erwartet 41-45)`, 'Typ (Stellen 123-124)');
        regions.push({
          ...base,
          level: 'kreis',
          kind: kind as RegionKind,
          ags: key,
          ars: key,
          gvType,
          ...noStats,
        });
        return;
      }
      case '50':
        skipped.verbaende++;
        return;
      default: {
        if (GV100_UNINCORPORATED_TYPES.includes(gvType)) {
          skipped.unincorporated++;
          return;
        }
        const kind = GV100_GEMEINDE_TYPES[gvType];
        if (!kind) fail(`unbekannter Gemeindetyp "${gvType}" (erwartet 60-67)`, 'Typ (Stellen 123-124)');
        const kreisKey =
          land + digits(bezirk, 'Regierungsbezirk (Stelle 13)') + digits(kreis, 'Kreis (Stellen 14-15)');
        const ags = kreisKey + digits(gemeinde, 'Gemeinde (Stellen 16-18)');
        const ars = buildArs({
          land,
          bezirk,
          kreis,
          verband: digits(verband, 'Gemeindeverband (Stellen 19-22)'),
          gemeinde,
        });
        const number = (from: number, to: number, label: string) => {
          const value = field(raw, from, to).trim();
          if (value === '') return null;
          if (!/^\d+$/.test(value)) fail(`"${value}" ist keine Zahl`, `${label} (Stellen ${from}-${to})`);
          return Number(value);
        };
        const postcode = field(raw, 166, 170).trim();
        regions.push({
          ...base,
          seat: null,
          level: 'gemeinde',
          kind: kind as RegionKind,
          ags,
          ars,
          gvType,
          areaHectares: number(129, 139, 'Fläche'),
          population: number(140, 150, 'Bevölkerung'),
          postcode: /^\d{5}$/.test(postcode) ? postcode : null,
        });
      }
    }
  });

  if (!referenceDate) throw new ImportFileError(fileName, 1, 'die Datei enthält keine Datensätze');
  if (options.land && regions.length === 0) {
    throw new ImportFileError(fileName, 1, `die Datei enthält kein Land mit dem Schlüssel ${options.land}`);
  }
  return { referenceDate, regions, skipped };
}

const noStats = { population: null, areaHectares: null, postcode: null } as const;
