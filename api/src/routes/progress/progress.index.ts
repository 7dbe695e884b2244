import { createRouter } from '../../lib/router';
import { getCoverage } from '../../services/coverage';
import { getProgressSeries } from '../../services/history';
import { getChildrenProgress, getProgress } from '../../services/progress';
import { childrenProgressRoute, coverageRoute, progressRoute, seriesRoute } from './progress.routes';

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
  .openapi(seriesRoute, async (c) =>
    c.json(await getProgressSeries({ db: c.get('database').db, key: c.req.valid('param').key }), 200),
  )
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
