import { OZG_DEADLINE, type ProgressSeries } from '@ozg/shared';
import { formatDate, formatShare } from '../../lib/format';

/** One point of the progress chart: time in ms (UTC midnight), shares 0-1. */
export type SeriesChartPoint = {
  time: number;
  date: string;
  /** Measured OZG-konform share; null on forecast-only points. */
  actual: number | null;
  /** The dashed continuation: from the last measured point to the forecast targets. */
  forecast: number | null;
};

export const dateToTime = (iso: string) => {
  const [year, month, day] = iso.split('-').map(Number);
  return Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1);
};

/**
 * The points of the progress-over-time chart: the monthly values, then the
 * forecast dates at which 75 % and 100 % would be reached at the recent pace,
 * joined to the last measured value so that the dashed line continues it.
 */
export function shapeSeries(series: ProgressSeries): { points: SeriesChartPoint[]; deadlineTime: number } {
  const points: SeriesChartPoint[] = series.monthly.map((point) => ({
    time: dateToTime(point.date),
    date: point.date,
    actual: point.share,
    forecast: null,
  }));
  const last = points.at(-1);
  const targets = [series.forecast.threeQuarters, series.forecast.full]
    .filter((forecast) => forecast.reachable)
    .map((forecast) => (forecast.reachable ? { date: forecast.date, share: forecast.target } : null))
    .filter((target) => target !== null)
    .filter((target) => last?.actual === null || last === undefined || target.share > (last.actual ?? 0))
    // The API names no date after the horizon; the chart's axis never reaches past it either.
    .filter((target) => target.date <= series.forecast.horizon)
    .sort((a, b) => a.date.localeCompare(b.date));
  if (last && last.actual !== null && targets.length > 0) {
    last.forecast = last.actual;
    for (const target of targets)
      points.push({ time: dateToTime(target.date), date: target.date, actual: null, forecast: target.share });
  }
  return { points, deadlineTime: dateToTime(OZG_DEADLINE) };
}

type Reason = Extract<ProgressSeries['forecast']['full'], { reachable: false }>['reason'];

/** Why a forecast names no date, for one target (singular) or both (plural); `year` is the horizon's. */
const REASONS: Record<Reason, (plural: boolean, year: string) => string> = {
  reached: (plural) => `${plural ? 'sind' : 'ist'} bereits erreicht`,
  flat_or_falling: (plural) =>
    `${plural ? 'sind' : 'ist'} beim Tempo der letzten zwölf Monate nicht absehbar: der Anteil stagniert oder sinkt`,
  too_few_points: (plural) =>
    `${plural ? 'lassen' : 'lässt'} sich noch nicht vorhersagen: es gibt zu wenige Monatswerte`,
  beyond_horizon: (plural, year) =>
    `${plural ? 'werden' : 'wird'} beim Tempo der letzten zwölf Monate erst nach ${year} erreicht`,
};

const horizonYear = (forecast: ProgressSeries['forecast']) => forecast.horizon.slice(0, 4);

/** One forecast in words, for everyone who does not read the chart. */
export function describeForecast(
  forecast: ProgressSeries['forecast']['full'],
  horizon: ProgressSeries['forecast']['horizon'],
): string {
  const target = formatShare(forecast.target).replace(',0', '');
  if (!forecast.reachable)
    return `${target} OZG-konform ${REASONS[forecast.reason](false, horizon.slice(0, 4))}.`;
  const span = forecast.latest
    ? ` (zwischen ${formatDate(forecast.earliest)} und ${formatDate(forecast.latest)})`
    : ` (frühestens ${formatDate(forecast.earliest)})`;
  return `${target} OZG-konform voraussichtlich am ${formatDate(forecast.date)}${span}.`;
}

/** Both forecasts in words; one sentence, without double negation, when both name no date for the same reason. */
export function describeForecasts(forecast: ProgressSeries['forecast']): string {
  const { threeQuarters, full } = forecast;
  if (!threeQuarters.reachable && !full.reachable && threeQuarters.reason === full.reason) {
    return `75\u00a0% und 100\u00a0% OZG-konform ${REASONS[full.reason](true, horizonYear(forecast))}.`;
  }
  return `${describeForecast(threeQuarters, forecast.horizon)} ${describeForecast(full, forecast.horizon)}`;
}

/** 1 January of every year the chart spans, as axis ticks. */
export function yearTicks(points: readonly SeriesChartPoint[]): number[] {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last) return [];
  const ticks: number[] = [];
  for (
    let year = new Date(first.time).getUTCFullYear() + 1;
    year <= new Date(last.time).getUTCFullYear();
    year++
  )
    ticks.push(Date.UTC(year, 0, 1));
  return ticks;
}

/** The chart's message in one sentence: where the region stood at the deadline and where it stands today. */
export function describeSeries(series: ProgressSeries): string {
  const last = series.monthly.at(-1);
  const share = (point: ProgressSeries['deadline']) => formatShare(point.share);
  if (!last || last.date === OZG_DEADLINE)
    return `Zur Frist am ${formatDate(OZG_DEADLINE)} waren ${share(series.deadline)} der Zielleistungen OZG-konform.`;
  if (last.date < OZG_DEADLINE)
    return `Am ${formatDate(last.date)} waren ${share(last)} der Zielleistungen OZG-konform; die Frist ${formatDate(OZG_DEADLINE)} stand noch bevor.`;
  return `Zur Frist am ${formatDate(OZG_DEADLINE)} waren ${share(series.deadline)} der Zielleistungen OZG-konform, am ${formatDate(last.date)} ${share(last)}.`;
}

/**
 * The note to the ministry after a territory change loaded after its Stichtag:
 * the figures from that day on were recalculated on the import day (decision 009).
 */
export function describeRecalculations(recalculations: ProgressSeries['recalculations']): string[] {
  return recalculations.map(
    (entry) =>
      `Gebietsänderung zum ${formatDate(entry.effectiveFrom)}: Die Werte ab dem ${formatDate(entry.effectiveFrom)} wurden am ${formatDate(entry.recalculatedOn)} neu berechnet (Gemeindeverzeichnis ${entry.fileName}).`,
  );
}

/** The points of a series by Reifegradmodell 2.0 (decision 020): the month ends from the first 2.0 snapshot on. */
export const model2Months = (series: ProgressSeries) =>
  series.monthly.filter((point) => point.model2 !== null && point.model2 !== undefined);

/**
 * The chart's points by 2.0: the share at or above the level among all counted
 * statuses (the ranking value) at each month end since the first 2.0 snapshot.
 * No forecast: the forecast is that of the 2022 deadline, by 1.1.
 */
export function shapeSeries2(series: ProgressSeries): SeriesChartPoint[] {
  return model2Months(series).map((point) => ({
    time: dateToTime(point.date),
    date: point.date,
    actual: point.model2?.share ?? null,
    forecast: null,
  }));
}

/** The course by 2.0 in words: since when it is recorded, and where it stands on the last day. */
export function describeSeries2(series: ProgressSeries): string {
  const level = series.model2?.minLevel ?? 3;
  const first = series.model2?.firstDay;
  const last = series.monthly.at(-1);
  if (!first || !last?.model2)
    return 'Für dieses Gebiet gibt es noch keinen Tagesstand nach Reifegradmodell 2.0: der Verlauf beginnt mit der ersten Bewertung.';
  const figures = last.model2;
  const reached =
    figures.share === null
      ? `ist noch nichts nach Reifegradmodell 2.0 bewertet`
      : `erreichten ${formatShare(figures.share)} der Zielleistungen nach Reifegradmodell 2.0 mindestens Stufe ${level}`;
  return (
    `Am ${formatDate(last.date)} ${reached} (bewertet: ${formatShare(figures.assessedShare)}, ` +
    `„Online-Antrag, Bearbeitung analog“: ${formatShare(figures.analogShare)}). ` +
    `Tagesstände nach 2.0 gibt es seit dem ${formatDate(first)}; davor ist der Stand unbekannt, nicht 0\u00a0%.`
  );
}
