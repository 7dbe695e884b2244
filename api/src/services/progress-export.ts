import {
  type ChildrenProgress,
  type Coverage,
  MATURITY_LABELS_1_1,
  type MaturityLevel,
  type ProgressSeries,
  REGION_KIND_LABELS,
  type RegionProgress,
  SOLUTION_KIND_LABELS,
  type SolutionKind,
} from '@ozg/shared';
import { type ExportColumn, type ExportValue, exportTable, percent } from '../lib/export';

/**
 * The tables of the overview and region pages as the ministry exports them
 * (CSV and XLSX through lib/export), made from the very JSON the same request
 * answers, so file and page always show the same figures.
 */

/** Figures as the wire carries them (progress, children). */
type ProgressFigures = RegionProgress['figures'];

const LEVELS = [0, 1, 2, 3, 4] as const satisfies readonly MaturityLevel[];

/** The figure columns every progress table shares, in the order of the page's tables. */
export function figureColumns<T>(figures: (row: T) => ProgressFigures): ExportColumn<T>[] {
  return [
    ['Zielleistungen', (row) => figures(row).targetServices],
    ...LEVELS.map(
      (level): ExportColumn<T> => [
        `Reifegrad ${level} (${MATURITY_LABELS_1_1[level]})`,
        (row) => figures(row).levelCounts[level] ?? 0,
      ],
    ),
    ['OZG-konform (Reifegrad ≥ 3)', (row) => figures(row).conformant],
    ['Anteil OZG-konform (%)', (row) => percent(figures(row).conformantShare)],
    ['Anteil nach Einwohnern (%)', (row) => percent(figures(row).populationWeightedShare)],
    ['Online bis 31.12.2022', (row) => figures(row).onlineByDeadline],
    ['Anteil online bis 31.12.2022 (%)', (row) => percent(figures(row).onlineByDeadlineShare)],
    ['Überfällig', (row) => figures(row).overdue],
    ['Median Tage verspätet', (row) => figures(row).medianDaysLate],
  ];
}

/** Themenfeld × Reifegrad: the region in total, then each Themenfeld. */
export function progressTable(progress: RegionProgress, day: string) {
  type Row = { themenfeld: string; figures: ProgressFigures };
  return exportTable<Row>({
    sheet: 'Themenfelder',
    title: `${progress.region.name}: Kennzahlen je Themenfeld, Stand ${day}`,
    columns: [['Themenfeld', (row) => row.themenfeld], ...figureColumns<Row>((row) => row.figures)],
    rows: [{ themenfeld: 'Alle Themenfelder', figures: progress.figures }, ...progress.byThemenfeld],
    width: 20,
  });
}

/** The children of a region with their figures and rank. */
export function childrenTable(children: ChildrenProgress, day: string) {
  type Row = ChildrenProgress['children'][number];
  return exportTable<Row>({
    sheet: 'Gebiete',
    title: `Gebiete in ${children.parent.name}, Stand ${day}`,
    columns: [
      ['Rang', (row) => row.rank],
      ['AGS', (row) => row.region.ags],
      ['Gebiet', (row) => row.region.name],
      ['Art', (row) => REGION_KIND_LABELS[row.region.kind]],
      ['Einwohner', (row) => row.region.population],
      ['Verwaltungen', (row) => row.administrations],
      ...figureColumns<Row>((row) => row.figures),
    ],
    rows: children.children,
  });
}

const SERIES_KINDS = { monthly: 'Monatsende', daily: 'Tag', deadline: 'Frist 31.12.2022' } as const;

/** The course of the OZG-konform share: month ends, the last 90 days, and the deadline. */
export function seriesTable(series: ProgressSeries) {
  type Row = ProgressSeries['deadline'] & { kind: keyof typeof SERIES_KINDS };
  return exportTable<Row>({
    sheet: 'Verlauf',
    title: series.model2
      ? `${series.region.name}: Verlauf des OZG-konformen Anteils und nach Reifegradmodell 2.0 ab Stufe ${series.model2.minLevel}`
      : `${series.region.name}: Verlauf des OZG-konformen Anteils`,
    columns: [
      ['Datum', (row) => row.date],
      ['Punkt', (row) => SERIES_KINDS[row.kind]],
      ['Zielleistungen', (row) => row.targetServices],
      ['OZG-konform', (row) => row.conformant],
      ['Anteil OZG-konform (%)', (row) => percent(row.share)],
      // With model=2.0 the course by 2.0 beside it; empty cells before the first 2.0 snapshot (unknown, not 0).
      ...(series.model2
        ? ([
            [
              `RG2.0 Anteil Stufe ${series.model2.minLevel}+ (%)`,
              (row: Row) => percent(row.model2?.share ?? null),
            ],
            ['RG2.0 Anteil bewertet (%)', (row: Row) => percent(row.model2?.assessedShare ?? null)],
            ['RG2.0 Anteil Bearbeitung analog (%)', (row: Row) => percent(row.model2?.analogShare ?? null)],
          ] as const)
        : []),
    ],
    rows: [
      { ...series.deadline, kind: 'deadline' },
      ...series.monthly.map((point) => ({ ...point, kind: 'monthly' as const })),
      ...series.daily.map((point) => ({ ...point, kind: 'daily' as const })),
    ],
  });
}

/** The coverage of one service in a region, one figure per line. */
export function coverageTable(coverage: Coverage, day: string) {
  type Row = readonly [string, ExportValue];
  const solutionLabel = (solution: string | null) =>
    solution === null ? 'ohne Angabe' : (SOLUTION_KIND_LABELS[solution as SolutionKind] ?? solution);
  return exportTable<Row>({
    sheet: 'Verbreitung',
    title: `${coverage.service.ozgId} ${coverage.service.name} in ${coverage.region.name}, Stand ${day}`,
    columns: [
      ['Kennzahl', (row) => row[0]],
      ['Wert', (row) => row[1]],
    ],
    rows: [
      ['OZG-ID', coverage.service.ozgId],
      ['Leistung', coverage.service.name],
      ['Themenfeld', coverage.service.themenfeld],
      ['Gebiet', `${coverage.region.name} (${coverage.region.ags})`],
      ['Verwaltungen mit der Leistung im Zielbestand', coverage.mustOffer],
      ['davon OZG-konform (Reifegrad ≥ 3)', coverage.offering],
      ['Anteil der Verwaltungen (%)', percent(coverage.share)],
      ['Anteil der Einwohner (%)', percent(coverage.populationShare)],
      ['Flächendeckend', coverage.flaechendeckend],
      ['Mindestens eine Verwaltung', coverage.atLeastOne],
      ...LEVELS.map(
        (level): Row => [
          `Reifegrad ${level} (${MATURITY_LABELS_1_1[level]})`,
          coverage.levelCounts[level] ?? 0,
        ],
      ),
      ...coverage.solutions.map((row): Row => [`Lösung: ${solutionLabel(row.solution)}`, row.count]),
    ],
    width: 40,
  });
}
