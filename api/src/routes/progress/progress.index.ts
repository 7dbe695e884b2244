import { requireActor } from '../../lib/auth';
import { createRouter } from '../../lib/router';
import { getCoverage } from '../../services/coverage';
import { getAdoptionHints } from '../../services/hints';
import { getProgressSeries } from '../../services/history';
import { getLaggards, laggardsCsv, laggardsXlsx } from '../../services/laggards';
import { getChildrenProgress, getProgress } from '../../services/progress';
import { today } from '../../services/regions';
import {
  childrenProgressRoute,
  coverageRoute,
  hintsRoute,
  laggardsRoute,
  progressRoute,
  seriesRoute,
} from './progress.routes';

// Aggregated figures are open data (decision 003): no sign-in needed.
export const progressRouter = createRouter()
  .openapi(progressRoute, async (c) => {
    const { asOf } = c.req.valid('query');
    const result = await getProgress({
      db: c.get('database').db,
      key: c.req.valid('param').key,
      ...(asOf ? { asOf } : {}),
    });
    return c.json(result, 200);
  })
  .openapi(coverageRoute, async (c) =>
    c.json(
      await getCoverage({
        db: c.get('database').db,
        ozgId: c.req.valid('param').ozgId,
        key: c.req.valid('query').region,
      }),
      200,
    ),
  )
  .openapi(laggardsRoute, async (c) => {
    // Named municipalities with their gaps: for signed-in users (consultants, ministry), not open data.
    requireActor(c);
    const { sameKreis, kind, sizeClass, limit, format } = c.req.valid('query');
    const laggards = await getLaggards({
      db: c.get('database').db,
      key: c.req.valid('param').key,
      filter: {
        sameKreis: sameKreis === 'true',
        ...(kind ? { kind } : {}),
        ...(sizeClass ? { sizeClass } : {}),
        ...(limit ? { limit } : {}),
      },
    });
    const fileName = `nachzuegler-${laggards.region.ags}-${today()}`;
    if (format === 'csv') {
      return c.body(laggardsCsv(laggards), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName}.csv"`,
      });
    }
    if (format === 'xlsx') {
      return c.body(new Uint8Array(await laggardsXlsx(laggards)), 200, {
        'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'content-disposition': `attachment; filename="${fileName}.xlsx"`,
      });
    }
    return c.json(laggards, 200);
  })
  .openapi(hintsRoute, async (c) => {
    requireActor(c);
    const { key, ozgId } = c.req.valid('param');
    return c.json(await getAdoptionHints({ db: c.get('database').db, key, ozgId }), 200);
  })
  .openapi(seriesRoute, async (c) => {
    const { asOf } = c.req.valid('query');
    const result = await getProgressSeries({
      db: c.get('database').db,
      key: c.req.valid('param').key,
      ...(asOf ? { asOf } : {}),
    });
    return c.json(result, 200);
  })
  .openapi(childrenProgressRoute, async (c) => {
    const { sort, order, asOf } = c.req.valid('query');
    const result = await getChildrenProgress({
      db: c.get('database').db,
      key: c.req.valid('param').key,
      ...(sort ? { sort } : {}),
      ...(order ? { order } : {}),
      ...(asOf ? { asOf } : {}),
    });
    return c.json(result, 200);
  });
