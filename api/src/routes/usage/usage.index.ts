import { fileResponse } from '../../lib/export';
import { analyticsDb } from '../../lib/replica';
import { createRouter } from '../../lib/router';
import { today } from '../../services/regions';
import { getRegionUsage, getServiceUsage, usageTable } from '../../services/usage';
import { regionUsageRoute, serviceUsageRoute } from './usage.routes';

export const usageRouter = createRouter()
  .openapi(regionUsageRoute, async (c) => {
    const usage = await getRegionUsage({ db: await analyticsDb(c), key: c.req.valid('param').key });
    const { format } = c.req.valid('query');
    if (format === 'csv' || format === 'xlsx')
      return fileResponse(c, format, `nutzung-${usage.region.ags}-${today()}`, [usageTable(usage)]);
    return c.json(usage, 200);
  })
  .openapi(serviceUsageRoute, async (c) =>
    c.json(
      await getServiceUsage({
        db: await analyticsDb(c),
        ozgId: c.req.valid('param').ozgId,
        regionKey: c.req.valid('query').region,
      }),
      200,
    ),
  );
