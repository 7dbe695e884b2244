import { requireActor } from '../../lib/auth';
import { fileResponse } from '../../lib/export';
import { analyticsDb } from '../../lib/replica';
import { createRouter } from '../../lib/router';
import { getCoverage } from '../../services/coverage';
import { getAdoptionHints } from '../../services/hints';
import { getProgressSeries } from '../../services/history';
import { getLaggards, laggardsTable } from '../../services/laggards';
import { maturityMapping } from '../../services/maturity-figures';
import { getChildrenProgress, getProgress } from '../../services/progress';
import { childrenTable, coverageTable, progressTable, seriesTable } from '../../services/progress-export';
import { today } from '../../services/regions';
import { getRegionUsage, usageTable } from '../../services/usage';
import {
  childrenProgressRoute,
  coverageRoute,
  hintsRoute,
  laggardsRoute,
  maturityMappingRoute,
  progressRoute,
  seriesRoute,
} from './progress.routes';

// Aggregated figures are open data (decision 003): no sign-in needed.
export const progressRouter = createRouter()
  .openapi(maturityMappingRoute, async (c) => {
    const result = await maturityMapping({ db: await analyticsDb(c), key: c.req.valid('param').key });
    return c.json(result, 200);
  })
  .openapi(progressRoute, async (c) => {
    const { asOf, format, model, minLevel } = c.req.valid('query');
    const result = await getProgress({
      db: await analyticsDb(c),
      key: c.req.valid('param').key,
      ...(asOf ? { asOf } : {}),
      ...(model ? { model: { family: model, minLevel } } : {}),
    });
    if (format === 'csv' || format === 'xlsx') {
      const day = asOf ?? today();
      // XLSX: the usage figures as a second sheet (today's 12 months only); a CSV holds the first table.
      const usage = asOf
        ? []
        : [usageTable(await getRegionUsage({ db: await analyticsDb(c), key: result.region.ags }))];
      return fileResponse(c, format, `kennzahlen-${result.region.ags}-${day}`, [
        progressTable(result, day),
        ...usage,
      ]);
    }
    return c.json(result, 200);
  })
  .openapi(coverageRoute, async (c) => {
    const { region, format, model, minLevel } = c.req.valid('query');
    const result = await getCoverage({
      db: await analyticsDb(c),
      ozgId: c.req.valid('param').ozgId,
      key: region,
      ...(model ? { model: { family: model, minLevel } } : {}),
    });
    if (format === 'csv' || format === 'xlsx') {
      const day = today();
      return fileResponse(c, format, `verbreitung-${result.service.ozgId}-${result.region.ags}-${day}`, [
        coverageTable(result, day),
      ]);
    }
    return c.json(result, 200);
  })
  .openapi(laggardsRoute, async (c) => {
    // Named municipalities with their gaps: for signed-in users (consultants, ministry), not open data.
    requireActor(c);
    const { sameKreis, kind, sizeClass, limit, format, model, minLevel } = c.req.valid('query');
    const laggards = await getLaggards({
      // From the database the response cache read its data version from (decision 023).
      db: await analyticsDb(c),
      key: c.req.valid('param').key,
      ...(model ? { model: { family: model, minLevel } } : {}),
      filter: {
        sameKreis: sameKreis === 'true',
        ...(kind ? { kind } : {}),
        ...(sizeClass ? { sizeClass } : {}),
        ...(limit ? { limit } : {}),
      },
    });
    if (format === 'csv' || format === 'xlsx')
      return fileResponse(c, format, `nachzuegler-${laggards.region.ags}-${today()}`, [
        laggardsTable(laggards),
      ]);
    return c.json(laggards, 200);
  })
  .openapi(hintsRoute, async (c) => {
    requireActor(c);
    const { key, ozgId } = c.req.valid('param');
    return c.json(await getAdoptionHints({ db: c.get('database').db, key, ozgId }), 200);
  })
  .openapi(seriesRoute, async (c) => {
    const { asOf, format, model, minLevel } = c.req.valid('query');
    const result = await getProgressSeries({
      db: await analyticsDb(c),
      key: c.req.valid('param').key,
      ...(asOf ? { asOf } : {}),
      ...(model ? { model: { family: model, minLevel } } : {}),
    });
    if (format === 'csv' || format === 'xlsx')
      return fileResponse(c, format, `verlauf-${result.region.ags}-${asOf ?? today()}`, [
        seriesTable(result),
      ]);
    return c.json(result, 200);
  })
  .openapi(childrenProgressRoute, async (c) => {
    const { sort, order, asOf, level, format, model, minLevel } = c.req.valid('query');
    const result = await getChildrenProgress({
      db: await analyticsDb(c),
      key: c.req.valid('param').key,
      ...(sort ? { sort } : {}),
      ...(order ? { order } : {}),
      ...(asOf ? { asOf } : {}),
      ...(level ? { level } : {}),
      ...(model ? { model: { family: model, minLevel } } : {}),
    });
    if (format === 'csv' || format === 'xlsx') {
      const day = asOf ?? today();
      return fileResponse(c, format, `gebiete-${result.parent.ags}-${day}`, [childrenTable(result, day)]);
    }
    return c.json(result, 200);
  });
