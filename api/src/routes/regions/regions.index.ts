import { createRouter } from '../../lib/router';
import { getRegion, listChildren, today } from '../../services/regions';
import { getRegionRoute, listChildrenRoute } from './regions.routes';

export const regionsRouter = createRouter()
  .openapi(getRegionRoute, async (c) => {
    const { key } = c.req.valid('param');
    const { asOf } = c.req.valid('query');
    return c.json(await getRegion({ db: c.get('database').db, key, asOf: asOf ?? today() }), 200);
  })
  .openapi(listChildrenRoute, async (c) => {
    const { key } = c.req.valid('param');
    const { asOf, level } = c.req.valid('query');
    const result = await listChildren({
      db: c.get('database').db,
      key,
      asOf: asOf ?? today(),
      ...(level ? { level } : {}),
    });
    return c.json(result, 200);
  });
