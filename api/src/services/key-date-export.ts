import {
  correctionNote,
  type KeyDateChange,
  type KeyDateChangeRow,
  type KeyDateReport,
  type KeyDateRow,
  type REGION_LEVELS,
} from '@ozg/shared';
import { type ExportColumn, exportTable, percent } from '../lib/export';
import { de, type PdfBlock, type PdfColumn, renderPdf } from '../lib/pdf';
import { figureColumns } from './progress-export';

/*
 * The ministry's report per key date and the change between two, as
 * spreadsheet (lib/export) and PDF (lib/pdf), made from the JSON the same
 * request answers.
 */

const LEVEL_LABELS: Record<(typeof REGION_LEVELS)[number], string> = {
  land: 'Land',
  bezirk: 'Regierungsbezirk',
  kreis: 'Kreis',
  gemeinde: 'Gemeinde',
};

const recomputedColumns = <
  T extends { figures: KeyDateRow['figures']; recomputed: KeyDateRow['recomputed'] },
>(): ExportColumn<T>[] => [
  [
    'Heute berechnet: Anteil OZG-konform (%)',
    (row) => percent(row.recomputed?.figures.conformantShare ?? null),
  ],
  [
    'Korrektur seit dem Festschreiben (Prozentpunkte)',
    (row) =>
      row.recomputed &&
      row.recomputed.figures.conformantShare !== null &&
      row.figures.conformantShare !== null
        ? percent(row.recomputed.figures.conformantShare - row.figures.conformantShare)
        : null,
  ],
];

export function keyDateTables(report: KeyDateReport) {
  const title = `Stichtag ${de.date(report.keyDate.day)} (${report.keyDate.label}), festgeschrieben am ${de.date((report.keyDate.frozenAt ?? '').slice(0, 10))}`;
  return [
    exportTable<KeyDateRow>({
      sheet: 'Gebiete',
      title,
      columns: [
        ['Ebene', (row) => LEVEL_LABELS[row.region.level]],
        ['AGS', (row) => row.region.ags],
        ['Gebiet', (row) => row.region.name],
        ['Verwaltungen', (row) => row.administrations],
        ...figureColumns<KeyDateRow>((row) => row.figures),
        ...recomputedColumns<KeyDateRow>(),
      ],
      rows: [report.land, ...report.bezirke, ...report.kreise],
      width: 20,
    }),
    exportTable<KeyDateReport['themenfelder'][number]>({
      sheet: 'Themenfelder',
      title: `${title}: ${report.land.region.name} je Themenfeld`,
      columns: [
        ['Themenfeld', (row) => row.themenfeld],
        ...figureColumns<KeyDateReport['themenfelder'][number]>((row) => row.figures),
        ...recomputedColumns<KeyDateReport['themenfelder'][number]>(),
      ],
      rows: report.themenfelder,
      width: 20,
    }),
  ] as const;
}

/** "heute berechnet: 41,5 % (Korrektur +0,3 Pp.)" or nothing. */
const note = (row: { figures: KeyDateRow['figures']; recomputed: KeyDateRow['recomputed'] }) =>
  correctionNote(
    row.figures.conformantShare,
    row.recomputed?.figures.conformantShare ?? null,
    (value) => de.percent(value),
    (delta) => `${de.percent(delta).replace(' %', '')} Pp.`,
  ) ?? '';

/** The PDF's figure columns; the correction column only where history was corrected since the freeze. */
const figureColumnsPdf = (corrected: boolean): PdfColumn[] => [
  { label: 'Gebiet', width: corrected ? 0.26 : 0.38 },
  { label: 'Zielleistungen', width: 0.17, align: 'right' },
  { label: 'OZG-konform', width: 0.14, align: 'right' },
  { label: 'Anteil', width: 0.1, align: 'right' },
  { label: 'bis zur Frist online', width: corrected ? 0.13 : 0.21, align: 'right' },
  ...(corrected ? [{ label: 'Korrektur seither', width: 0.2, align: 'right' } as PdfColumn] : []),
];

const figureRow = (
  name: string,
  row: { figures: KeyDateRow['figures']; recomputed: KeyDateRow['recomputed'] },
  corrected: boolean,
) => [
  name,
  de.integer(row.figures.targetServices),
  de.integer(row.figures.conformant),
  de.percent(row.figures.conformantShare),
  de.integer(row.figures.onlineByDeadline),
  ...(corrected ? [note(row)] : []),
];

export function keyDatePdf(report: KeyDateReport): Promise<Uint8Array> {
  const { keyDate, land, corrected } = report;
  const FIGURE_COLUMNS = figureColumnsPdf(corrected);
  const frozenOn = (keyDate.frozenAt ?? keyDate.day).slice(0, 10);
  const blocks: PdfBlock[] = [
    {
      kind: 'tiles',
      items: [
        { label: 'Anteil OZG-konform (Reifegrad ≥ 3)', value: de.percent(land.figures.conformantShare) },
        {
          label: `OZG-konform von ${de.integer(land.figures.targetServices)} Zielleistungen`,
          value: de.integer(land.figures.conformant),
        },
        { label: 'Bis zur Frist 31.12.2022 online', value: de.integer(land.figures.onlineByDeadline) },
        { label: 'Verwaltungen mit Zielleistungen', value: de.integer(land.administrations) },
      ],
    },
    {
      kind: 'text',
      muted: true,
      text:
        `Die Werte wurden am ${de.date(frozenOn)} aus den Statusereignissen auf dem Gebietsstand des ${de.date(keyDate.day)} berechnet und festgeschrieben; ` +
        'spätere Änderungen schreiben sie nicht um. ' +
        (report.corrected
          ? 'Wo die Historie seither korrigiert wurde, steht daneben der heute berechnete Wert.'
          : 'Heute aus den Ereignissen berechnet ergeben sich dieselben Werte.'),
    },
  ];
  if (report.bezirke.length > 0)
    blocks.push(
      { kind: 'heading', text: 'Regierungsbezirke' },
      {
        kind: 'table',
        columns: FIGURE_COLUMNS,
        rows: report.bezirke.map((row) => figureRow(row.region.name, row, corrected)),
      },
    );
  blocks.push(
    { kind: 'heading', text: 'Kreise und kreisfreie Städte' },
    {
      kind: 'table',
      columns: FIGURE_COLUMNS,
      rows: report.kreise.map((row) => figureRow(row.region.name, row, corrected)),
    },
    { kind: 'heading', text: 'Themenfelder' },
    {
      kind: 'table',
      columns: [{ ...FIGURE_COLUMNS[0], label: 'Themenfeld' } as PdfColumn, ...FIGURE_COLUMNS.slice(1)],
      rows: report.themenfelder.map((row) => figureRow(row.themenfeld, row, corrected)),
    },
  );
  return renderPdf({
    title: `Stichtag ${de.date(keyDate.day)}: ${keyDate.label}`,
    subtitle: `${land.region.name} · festgeschrieben am ${de.date(frozenOn)}`,
    day: frozenOn,
    subject: `OZG-Stand ${land.region.name} am ${de.date(keyDate.day)}`,
    blocks,
    footer: `OZG-Umsetzungsdashboard · Stichtagsbericht ${de.date(keyDate.day)}, ${land.region.name}`,
  });
}

// ---------------------------------------------------------------- change between two key dates

const changeColumns = (from: string, to: string): ExportColumn<KeyDateChangeRow>[] => [
  ['Ebene', (row) => (row.level ? LEVEL_LABELS[row.level] : 'Themenfeld')],
  ['AGS', (row) => row.ags],
  ['Name', (row) => row.name],
  [`Zielleistungen ${from}`, (row) => row.from?.targetServices ?? null],
  [`OZG-konform ${from}`, (row) => row.from?.conformant ?? null],
  [`Anteil ${from} (%)`, (row) => percent(row.from?.share ?? null)],
  [`Zielleistungen ${to}`, (row) => row.to?.targetServices ?? null],
  [`OZG-konform ${to}`, (row) => row.to?.conformant ?? null],
  [`Anteil ${to} (%)`, (row) => percent(row.to?.share ?? null)],
  ['Veränderung (Prozentpunkte)', (row) => row.changePoints],
];

export function keyDateChangeTables(change: KeyDateChange) {
  const from = de.date(change.from.day);
  const to = de.date(change.to.day);
  return [
    exportTable<KeyDateChangeRow>({
      sheet: 'Gebiete',
      title: `Veränderung vom ${from} bis ${to}`,
      columns: changeColumns(from, to),
      rows: [change.land, ...change.bezirke, ...change.kreise],
      width: 18,
    }),
    exportTable<KeyDateChangeRow>({
      sheet: 'Themenfelder',
      title: `Veränderung vom ${from} bis ${to} je Themenfeld`,
      columns: changeColumns(from, to),
      rows: change.themenfelder,
      width: 18,
    }),
  ] as const;
}

export function keyDateChangePdf(change: KeyDateChange): Promise<Uint8Array> {
  const from = de.date(change.from.day);
  const to = de.date(change.to.day);
  const columns: PdfColumn[] = [
    { label: 'Gebiet', width: 0.34 },
    { label: `Anteil ${from}`, width: 0.16, align: 'right' },
    { label: `Anteil ${to}`, width: 0.16, align: 'right' },
    { label: 'Veränderung', width: 0.16, align: 'right' },
    { label: `OZG-konform ${to}`, width: 0.18, align: 'right' },
  ];
  const row = (entry: KeyDateChangeRow) => [
    entry.name + (entry.from === null ? ' (neu)' : entry.to === null ? ' (entfallen)' : ''),
    de.percent(entry.from?.share ?? null),
    de.percent(entry.to?.share ?? null),
    de.points(entry.changePoints),
    entry.to ? `${de.integer(entry.to.conformant)} von ${de.integer(entry.to.targetServices)}` : '',
  ];
  const later = [change.from.frozenAt, change.to.frozenAt].filter(Boolean).sort().at(-1) ?? change.to.day;
  const blocks: PdfBlock[] = [
    {
      kind: 'tiles',
      items: [
        { label: `Anteil OZG-konform am ${from}`, value: de.percent(change.land.from?.share ?? null) },
        { label: `Anteil OZG-konform am ${to}`, value: de.percent(change.land.to?.share ?? null) },
        { label: 'Veränderung', value: de.points(change.land.changePoints) },
      ],
    },
    {
      kind: 'text',
      muted: true,
      text: 'Beide Seiten sind festgeschriebene Stichtagswerte, jeweils auf dem Gebietsstand ihres Tages; ein Kreis, den es nur an einem der Tage gab, steht mit einer leeren Seite da.',
    },
  ];
  if (change.bezirke.length > 0)
    blocks.push(
      { kind: 'heading', text: 'Regierungsbezirke' },
      { kind: 'table', columns, rows: change.bezirke.map(row) },
    );
  blocks.push(
    { kind: 'heading', text: 'Kreise und kreisfreie Städte' },
    { kind: 'table', columns, rows: change.kreise.map(row) },
    { kind: 'heading', text: 'Themenfelder' },
    {
      kind: 'table',
      columns: [{ ...columns[0], label: 'Themenfeld' } as PdfColumn, ...columns.slice(1)],
      rows: change.themenfelder.map(row),
    },
  );
  return renderPdf({
    title: `Veränderung vom ${from} bis ${to}`,
    subtitle: `${change.land.name} · ${change.from.label} → ${change.to.label}`,
    day: later.slice(0, 10),
    subject: `Veränderung des OZG-Stands ${change.land.name} zwischen zwei Stichtagen`,
    blocks,
    footer: `OZG-Umsetzungsdashboard · Veränderung ${from} bis ${to}, ${change.land.name}`,
  });
}
