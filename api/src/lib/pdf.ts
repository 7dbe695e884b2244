import { createRequire } from 'node:module';
import type { Context } from 'hono';
import PDFDocument from 'pdfkit';
import { z } from 'zod';

/**
 * The one PDF module (municipality profile, key-date reports): a report is a
 * list of blocks (headings, text, figure tiles, tables, a chart over time)
 * drawn with pdfkit on A4. The bytes depend on the report alone (decision
 * 018): the creation date is the report's day, the document ID is derived
 * from the document info, and the font is DejaVu Sans from an npm package,
 * embedded as a subset, so ä ö ü ß print everywhere and the same report gives
 * the same bytes on every machine.
 */

const require = createRequire(import.meta.url);
const FONT_REGULAR = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf');
const FONT_BOLD = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/** The dashboard's chart colours (web/src/lib/chart-palette.ts), so paper and page look alike. */
const COLOURS = {
  ink: '#1b2430',
  muted: '#4a5567',
  line: '#0b6bcb',
  second: '#16365c',
  reference: '#a3161d',
  grid: '#e3e8ef',
  tile: '#f3f6fa',
  rule: '#0b6bcb',
} as const;

export type PdfColumn = {
  label: string;
  /** Share of the content width (the widths of a table add up to 1). */
  width: number;
  align?: 'left' | 'right';
};

export type ChartSeries = {
  label: string;
  /** Points in date order; share 0-1 or null where there is no value. */
  points: readonly { date: string; share: number | null }[];
  dashed?: boolean;
};

export type PdfBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'text'; text: string; muted?: boolean }
  | { kind: 'tiles'; items: readonly { label: string; value: string; note?: string }[] }
  | { kind: 'table'; columns: readonly PdfColumn[]; rows: readonly (readonly string[])[] }
  | {
      kind: 'chart';
      series: readonly ChartSeries[];
      /** Vertical marks, e.g. the deadline. */
      markers: readonly { date: string; label: string }[];
    };

export type PdfReport = {
  title: string;
  subtitle: string;
  /** ISO day the report is about: also its creation date, so the bytes do not depend on the clock. */
  day: string;
  subject: string;
  blocks: readonly PdfBlock[];
  /** Left part of each page's footer; "Seite i von n" follows. */
  footer: string;
};

const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const BOTTOM = PAGE.height - PAGE.margin - 14; // room for the footer

type Doc = InstanceType<typeof PDFDocument>;

/** The report as PDF bytes. */
export async function renderPdf(report: PdfReport): Promise<Uint8Array<ArrayBuffer>> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: PAGE.margin,
    bufferPages: true,
    compress: true,
    lang: 'de-DE',
    displayTitle: true,
    font: FONT_REGULAR,
    info: {
      Title: report.title,
      Subject: report.subject,
      Author: 'OZG-Umsetzungsdashboard',
      Creator: 'OZG-Umsetzungsdashboard',
      Producer: 'OZG-Umsetzungsdashboard (PDFKit)',
      // Noon UTC is the same German day all year; the clock of the request never enters the file.
      CreationDate: new Date(`${report.day}T12:00:00Z`),
    },
  });
  doc.registerFont('regular', FONT_REGULAR);
  doc.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  drawHeader(doc, report);
  for (const block of report.blocks) drawBlock(doc, block);
  drawFooters(doc, report.footer);
  doc.end();
  await ended;
  return new Uint8Array(Buffer.concat(chunks));
}

function drawHeader(doc: Doc, report: PdfReport) {
  doc.rect(PAGE.margin, PAGE.margin - 14, CONTENT_WIDTH, 3).fill(COLOURS.rule);
  doc.font('bold').fontSize(18).fillColor(COLOURS.ink);
  doc.text(report.title, PAGE.margin, PAGE.margin, { width: CONTENT_WIDTH });
  doc.moveDown(0.2);
  doc.font('regular').fontSize(9.5).fillColor(COLOURS.muted);
  doc.text(report.subtitle, { width: CONTENT_WIDTH });
  doc.moveDown(0.6);
}

/** Starts a new page when the next `height` points do not fit on this one. */
function ensureSpace(doc: Doc, height: number) {
  if (doc.y + height > BOTTOM) {
    doc.addPage();
    doc.y = PAGE.margin;
  }
}

function drawBlock(doc: Doc, block: PdfBlock) {
  switch (block.kind) {
    case 'heading':
      ensureSpace(doc, 60);
      doc.moveDown(0.7);
      doc.font('bold').fontSize(12.5).fillColor(COLOURS.ink);
      doc.text(block.text, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
      doc.moveDown(0.3);
      return;
    case 'text': {
      doc.font('regular').fontSize(block.muted ? 8 : 9.5);
      ensureSpace(doc, doc.heightOfString(block.text, { width: CONTENT_WIDTH }) + 4);
      doc.fillColor(block.muted ? COLOURS.muted : COLOURS.ink);
      doc.text(block.text, PAGE.margin, doc.y, { width: CONTENT_WIDTH });
      doc.moveDown(0.3);
      return;
    }
    case 'tiles':
      return drawTiles(doc, block.items);
    case 'table':
      return drawTable(doc, block.columns, block.rows);
    case 'chart':
      return drawChart(doc, block.series, block.markers);
  }
}

function drawTiles(doc: Doc, items: readonly { label: string; value: string; note?: string }[]) {
  const gap = 8;
  const height = 54;
  const width = (CONTENT_WIDTH - gap * (items.length - 1)) / items.length;
  ensureSpace(doc, height + 6);
  const top = doc.y;
  items.forEach((item, index) => {
    const left = PAGE.margin + index * (width + gap);
    doc.rect(left, top, width, height).fill(COLOURS.tile);
    doc.font('bold').fontSize(15).fillColor(COLOURS.ink);
    doc.text(item.value, left + 8, top + 7, { width: width - 16, lineBreak: false, ellipsis: true });
    doc.font('regular').fontSize(7.5).fillColor(COLOURS.muted);
    doc.text(item.label, left + 8, top + 27, { width: width - 16, height: 24, ellipsis: true });
  });
  doc.x = PAGE.margin;
  doc.y = top + height + 6;
}

function drawTable(doc: Doc, columns: readonly PdfColumn[], rows: readonly (readonly string[])[]) {
  const padding = 4;
  const size = 8.5;
  const widths = columns.map((column) => column.width * CONTENT_WIDTH);
  const rowHeight = (cells: readonly string[], font: 'regular' | 'bold') => {
    doc.font(font).fontSize(size);
    return (
      Math.max(
        ...cells.map((cell, index) =>
          doc.heightOfString(cell, { width: (widths[index] ?? 0) - 2 * padding }),
        ),
      ) +
      2 * padding
    );
  };
  const drawRow = (cells: readonly string[], font: 'regular' | 'bold', shade: string | null) => {
    const height = rowHeight(cells, font);
    const top = doc.y;
    if (shade) doc.rect(PAGE.margin, top, CONTENT_WIDTH, height).fill(shade);
    let left = PAGE.margin;
    doc.font(font).fontSize(size).fillColor(COLOURS.ink);
    cells.forEach((cell, index) => {
      const width = widths[index] ?? 0;
      doc.text(cell, left + padding, top + padding, {
        width: width - 2 * padding,
        align: columns[index]?.align ?? 'left',
      });
      left += width;
    });
    doc
      .moveTo(PAGE.margin, top + height)
      .lineTo(PAGE.margin + CONTENT_WIDTH, top + height)
      .lineWidth(0.5)
      .strokeColor(COLOURS.grid)
      .stroke();
    doc.x = PAGE.margin;
    doc.y = top + height;
  };
  const header = columns.map((column) => column.label);
  ensureSpace(doc, rowHeight(header, 'bold') + rowHeight(rows[0] ?? header, 'regular'));
  drawRow(header, 'bold', COLOURS.tile);
  for (const row of rows) {
    if (doc.y + rowHeight(row, 'regular') > BOTTOM) {
      doc.addPage();
      doc.y = PAGE.margin;
      drawRow(header, 'bold', COLOURS.tile); // the header again on the next page
    }
    drawRow(row, 'regular', null);
  }
  doc.moveDown(0.4);
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;

/** The share over time as vector lines on a 0-100 % axis, one year tick per January. */
function drawChart(
  doc: Doc,
  series: readonly ChartSeries[],
  markers: readonly { date: string; label: string }[],
) {
  const height = 190;
  ensureSpace(doc, height + 10);
  const top = doc.y + 4;
  const plot = {
    left: PAGE.margin + 34,
    right: PAGE.margin + CONTENT_WIDTH - 4,
    top: top + 22,
    bottom: top + height - 18,
  };
  const dates = series.flatMap((entry) => entry.points.map((point) => point.date)).sort();
  const first = dates[0];
  const last = dates.at(-1);
  if (!first || !last) {
    doc.font('regular').fontSize(9).fillColor(COLOURS.muted);
    doc.text('Noch kein Verlauf erfasst.', PAGE.margin, top);
    return;
  }
  const span = Math.max(1, dayNumber(last) - dayNumber(first));
  const x = (date: string) =>
    plot.left + ((dayNumber(date) - dayNumber(first)) / span) * (plot.right - plot.left);
  const y = (share: number) => plot.bottom - share * (plot.bottom - plot.top);

  doc.font('regular').fontSize(7.5);
  for (const tick of [0, 0.25, 0.5, 0.75, 1]) {
    doc
      .moveTo(plot.left, y(tick))
      .lineTo(plot.right, y(tick))
      .lineWidth(0.5)
      .strokeColor(COLOURS.grid)
      .stroke();
    doc.fillColor(COLOURS.muted).text(`${tick * 100} %`, PAGE.margin, y(tick) - 4, {
      width: 28,
      align: 'right',
      lineBreak: false,
    });
  }
  for (let year = Number(first.slice(0, 4)) + 1; year <= Number(last.slice(0, 4)); year++) {
    const at = x(`${year}-01-01`);
    doc
      .moveTo(at, plot.bottom)
      .lineTo(at, plot.bottom + 3)
      .lineWidth(0.5)
      .strokeColor(COLOURS.muted)
      .stroke();
    doc
      .fillColor(COLOURS.muted)
      .text(String(year), at - 15, plot.bottom + 5, { width: 30, align: 'center', lineBreak: false });
  }
  for (const marker of markers) {
    if (marker.date < first || marker.date > last) continue;
    const at = x(marker.date);
    doc
      .moveTo(at, plot.top)
      .lineTo(at, plot.bottom)
      .lineWidth(0.8)
      .dash(3, { space: 2 })
      .strokeColor(COLOURS.reference)
      .stroke();
    doc.undash();
    doc.fillColor(COLOURS.reference).text(marker.label, at + 3, plot.top, { lineBreak: false });
  }
  const colours = [COLOURS.line, COLOURS.second];
  series.forEach((entry, index) => {
    const colour = colours[index % colours.length] ?? COLOURS.line;
    let drawing = false;
    for (const point of entry.points) {
      if (point.share === null) {
        drawing = false;
        continue;
      }
      if (drawing) doc.lineTo(x(point.date), y(point.share));
      else doc.moveTo(x(point.date), y(point.share));
      drawing = true;
    }
    if (entry.dashed) doc.dash(4, { space: 2 });
    doc
      .lineWidth(index === 0 ? 2 : 1.3)
      .strokeColor(colour)
      .stroke();
    doc.undash();
    // Legend above the plot, one entry per series.
    const legendLeft = plot.left + index * 200;
    doc
      .moveTo(legendLeft, top + 7)
      .lineTo(legendLeft + 18, top + 7)
      .lineWidth(index === 0 ? 2 : 1.3)
      .strokeColor(colour);
    if (entry.dashed) doc.dash(4, { space: 2 });
    doc.stroke();
    doc.undash();
    doc
      .font('regular')
      .fontSize(8)
      .fillColor(COLOURS.ink)
      .text(entry.label, legendLeft + 22, top + 3, { lineBreak: false });
  });
  doc.x = PAGE.margin;
  doc.y = top + height;
}

function drawFooters(doc: Doc, footer: string) {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    // Below the bottom margin pdfkit would start a new page: lift the margin while writing the footer.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(7.5).fillColor(COLOURS.muted);
    doc.text(
      `${footer} · Seite ${index + 1} von ${range.count}`,
      PAGE.margin,
      PAGE.height - PAGE.margin + 4,
      {
        width: CONTENT_WIDTH,
        lineBreak: false,
      },
    );
    doc.page.margins.bottom = bottom;
  }
}

/** German number formats for the reports. */
export const de = {
  integer: (value: number) => new Intl.NumberFormat('de-DE').format(value),
  percent: (share: number | null) =>
    share === null
      ? 'keine Angabe'
      : `${new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(share * 100)} %`,
  points: (value: number | null) =>
    value === null
      ? 'keine Angabe'
      : `${value > 0 ? '+' : value < 0 ? '−' : '±'}${new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(Math.abs(value))} Pp.`,
  date: (iso: string) => `${iso.slice(8, 10)}.${iso.slice(5, 7)}.${iso.slice(0, 4)}`,
};

/** The OpenAPI content of a PDF answer. */
export const pdfContent = { 'application/pdf': { schema: z.string().meta({ format: 'binary' }) } } as const;

/** A PDF file answer; `inline` lets the browser show it, the name is what a download saves. */
export function pdfResponse(
  c: Context,
  fileName: string,
  bytes: Uint8Array,
  extra: Record<string, string> = {},
) {
  return c.body(new Uint8Array(bytes), 200, {
    'content-type': 'application/pdf',
    'content-disposition': `attachment; filename="${fileName}.pdf"`,
    ...extra,
  });
}

/** `format` of the reports that also come as PDF. */
export const ReportFormatQuerySchema = z.object({
  format: z
    .enum(['json', 'csv', 'xlsx', 'pdf'])
    .optional()
    .meta({ description: 'json (default), csv (for German Excel), xlsx or pdf' }),
});
