import type { Consultation, ConsultingReport, WorklistItem } from '@ozg/shared';
import { describe, expect, it } from 'vitest';
import { parseSearch } from '../../lib/navigation';
import {
  breakableAreaLabel,
  formatPoints,
  kreisOptions,
  municipalitiesCount,
  openAreas,
  uptakeChartRows,
  worklistSearch,
} from './consulting-model';

describe('consulting model', () => {
  it('reads the worklist filter from the address and ignores what is not valid', () => {
    const parse = (query: string) => parseSearch(worklistSearch, new URLSearchParams(query));
    expect(parse('kreis=06435&bereich=ozg&seite=2')).toEqual({ bereich: 'ozg', kreis: '06435', seite: 2 });
    expect(parse('kreis=064&bereich=preise&seite=x')).toEqual({ bereich: null, kreis: null, seite: 1 });
  });

  it('offers each Kreis of the worklist once, sorted by German name', () => {
    const item = (kreis: { ags: string; name: string } | null) => ({ kreis }) as WorklistItem;
    expect(
      kreisOptions([
        item({ ags: '06435', name: 'Main-Kinzig-Kreis' }),
        item({ ags: '06431', name: 'Kreis Bergstraße' }),
        item({ ags: '06435', name: 'Main-Kinzig-Kreis' }),
        item(null),
      ]),
    ).toEqual([
      { ags: '06431', name: 'Kreis Bergstraße' },
      { ags: '06435', name: 'Main-Kinzig-Kreis' },
    ]);
  });

  it('counts an area as open only when its consultations are all cancelled', () => {
    const consultation = (area: Consultation['area'], state: Consultation['state']) =>
      ({ area, state }) as Consultation;
    expect(openAreas([])).toEqual(['ozg', 'verwaltungsdigitalisierung']);
    expect(
      openAreas([consultation('ozg', 'cancelled'), consultation('verwaltungsdigitalisierung', 'held')]),
    ).toEqual(['ozg']);
  });

  it('writes share differences in percentage points, with the sign', () => {
    expect(formatPoints(-0.1234)).toBe('-12,3 Pp.');
    expect(formatPoints(0.05)).toBe('+5,0 Pp.');
    expect(formatPoints(null)).toBe('–');
  });

  it('counts municipalities in the singular and plural, and lets the long area name break', () => {
    expect(municipalitiesCount(1)).toBe('1 Kommune');
    expect(municipalitiesCount(1234)).toBe('1.234 Kommunen');
    expect(breakableAreaLabel('verwaltungsdigitalisierung')).toBe('Verwaltungs\u00addigitalisierung');
    expect(breakableAreaLabel('ozg')).toBe('OZG');
  });

  it('charts the Regierungsbezirke and Kreise, not the Land, with a missing share as zero', () => {
    const report = {
      uptake: [
        { region: { ags: '06', name: 'Hessen', level: 'land' }, held: {} },
        {
          region: { ags: '064', name: 'Regierungsbezirk Darmstadt', level: 'bezirk' },
          held: { ozg: { count: 2, share: 0.1 }, verwaltungsdigitalisierung: { count: 0, share: null } },
        },
      ],
    } as unknown as ConsultingReport;
    expect(uptakeChartRows(report)).toEqual([
      {
        ags: '064',
        name: 'Regierungsbezirk Darmstadt',
        level: 'bezirk',
        ozg: 0.1,
        verwaltungsdigitalisierung: 0,
      },
    ]);
  });
});
