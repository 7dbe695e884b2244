import { analyticsDb } from '../../lib/replica';
import { createRouter } from '../../lib/router';
import { getActivity } from '../../services/activity';
import { listKreisBoundaries } from '../../services/boundaries';
import { getRegion, listChildren, today } from '../../services/regions';
import { activityRoute, getRegionRoute, listBoundariesRoute, listChildrenRoute } from './regions.routes';

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
  })
  .openapi(activityRoute, async (c) =>
    c.json(
      await getActivity({
        db: await analyticsDb(c),
        key: c.req.valid('param').key,
        days: c.req.valid('query').days ?? 30,
      }),
      200,
    ),
  )
  .openapi(listBoundariesRoute, async (c) =>
    c.json(await listKreisBoundaries({ db: c.get('database').db, key: c.req.valid('param').key }), 200),
  );
