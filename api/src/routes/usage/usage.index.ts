import { analyticsDb } from '../../lib/replica';
import { createRouter } from '../../lib/router';
import { getRegionUsage, getServiceUsage } from '../../services/usage';
import { regionUsageRoute, serviceUsageRoute } from './usage.routes';

export const usageRouter = createRouter()
  .openapi(regionUsageRoute, async (c) =>
    c.json(await getRegionUsage({ db: await analyticsDb(c), key: c.req.valid('param').key }), 200),
  )
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
