/*
 * Figures by Reifegradmodell 2.0 beside the 1.1 figures (issue #14, decision
 * 020). 1.1 stays the counted model of the 2022 deadline view; the analytics
 * add the 2.0 figures when `model=2.0` is asked for.
 */
import { z } from 'zod';
import { MATURITY_MODEL_VERSIONS, MATURITY_MODELS } from './maturity';

/** Query parameters of the analytics that offer both models. */
export const ModelQuerySchema = z.object({
  model: z
    .enum(MATURITY_MODEL_VERSIONS as ['1.1', '2.0'], {
      error: 'model: erlaubt sind 1.1 oder 2.0.',
    })
    .optional()
    .meta({
      description:
        'Reifegradmodell der Kennzahlen: 1.1 (Standard, OZG-konform = Stufe 3 oder höher) oder 2.0 (zusätzlich die Kennzahlen nach Reifegradmodell 2.0 unter model2)',
      example: '2.0',
    }),
  minLevel: z.coerce
    .number({ error: 'minLevel: eine ganze Zahl von 0 bis 7 erwartet.' })
    .int({ error: 'minLevel: eine ganze Zahl von 0 bis 7 erwartet.' })
    .min(0, { error: 'minLevel: eine ganze Zahl von 0 bis 7 erwartet.' })
    .max(MATURITY_MODELS['2.0'].maxLevel, { error: 'minLevel: eine ganze Zahl von 0 bis 7 erwartet.' })
    .optional()
    .meta({
      description:
        'nur mit model=2.0: Anteil mit Stufe >= minLevel (Standard: die konforme Stufe des Modells)',
      example: 3,
    }),
});
export type ModelQuery = z.infer<typeof ModelQuerySchema>;

export const Model2FiguresSchema = z
  .object({
    version: z
      .number()
      .int()
      .nullable()
      .meta({ description: 'newest stored 2.0 version (its conformant level)' }),
    minLevel: z.number().int(),
    counted: z.number().int().meta({ description: 'counted statuses (in the target set)' }),
    assessed: z
      .number()
      .int()
      .meta({ description: 'of them with a complete 2.0 assessment (newest 2.0 version each)' }),
    assessedShare: z.number().nullable(),
    levelCounts: z
      .array(z.number().int())
      .length(8)
      .meta({ description: 'assessed statuses per 2.0 level 0-7' }),
    atOrAbove: z.number().int().meta({ description: 'assessed statuses at level >= minLevel' }),
    atOrAboveShare: z.number().nullable().meta({ description: 'atOrAbove / assessed' }),
    analogProcessing: z.number().int().meta({ description: 'flagged "Online-Antrag, Bearbeitung analog"' }),
    analogShare: z.number().nullable().meta({ description: 'analogProcessing / counted' }),
  })
  .meta({ id: 'Model2Figures' });
export type Model2Figures = z.infer<typeof Model2FiguresSchema>;

/** 1.1 level × 2.0 level of the counted statuses of a region (newest 2.0 version each; null: not assessed). */
export const MaturityMappingSchema = z
  .object({
    ags: z.string(),
    cells: z.array(
      z.object({ level11: z.number().int(), level20: z.number().int().nullable(), count: z.number().int() }),
    ),
  })
  .meta({ id: 'MaturityMapping' });
export type MaturityMapping = z.infer<typeof MaturityMappingSchema>;

/**
 * The 2.0 value that ranks and colours (laggards, map, comparison tables):
 * the counted statuses at or above minLevel among all counted statuses, so a
 * region that assessed little does not rank high (not assessed = not reached,
 * still never level 0). A region with nothing assessed has no value (null,
 * "keine Angabe"): nothing is known about it by 2.0, it is not at 0 %.
 * `atOrAboveShare` (among the assessed) stays the region's own tile.
 */
export function model2ReachedShare(figures: {
  atOrAbove: number;
  assessed: number;
  counted: number;
}): number | null {
  return figures.counted > 0 && figures.assessed > 0 ? figures.atOrAbove / figures.counted : null;
}

/** A region's 2.0 counts on a day (a row of region_model_snapshots, or of region_model_totals). */
export type Model2Counts = {
  counted: number;
  assessed: number;
  /** Assessed statuses per 2.0 level 0-7. */
  levelCounts: readonly number[];
  analog: number;
};

/** One point of the course by Reifegradmodell 2.0 (decision 020), from the latest 2.0 snapshot at or before its day. */
export const Model2SeriesPointSchema = z
  .object({
    counted: z.number().int().meta({ description: 'counted statuses (in the target set) on that day' }),
    assessed: z.number().int().meta({ description: 'of them with a complete 2.0 assessment' }),
    atOrAbove: z.number().int().meta({ description: 'assessed statuses at 2.0 level >= minLevel' }),
    analogProcessing: z.number().int().meta({ description: 'flagged "Online-Antrag, Bearbeitung analog"' }),
    share: z.number().nullable().meta({
      description:
        'atOrAbove / counted (model2ReachedShare: not assessed counts as not reached); null when nothing is assessed',
    }),
    assessedShare: z.number().nullable().meta({ description: 'assessed / counted' }),
    analogShare: z.number().nullable().meta({ description: 'analogProcessing / counted' }),
  })
  .meta({ id: 'Model2SeriesPoint' });
export type Model2SeriesPoint = z.infer<typeof Model2SeriesPointSchema>;

/** The point of the course by 2.0 for a day's counts: the ranking value, the share assessed and the analog share. */
export function model2SeriesPoint(counts: Model2Counts, minLevel: number): Model2SeriesPoint {
  const atOrAbove = counts.levelCounts.slice(minLevel).reduce((sum, n) => sum + n, 0);
  const share = (part: number) => (counts.counted > 0 ? part / counts.counted : null);
  return {
    counted: counts.counted,
    assessed: counts.assessed,
    atOrAbove,
    analogProcessing: counts.analog,
    share: model2ReachedShare({ atOrAbove, assessed: counts.assessed, counted: counts.counted }),
    assessedShare: share(counts.assessed),
    analogShare: share(counts.analog),
  };
}
