import { analyticsDb } from '../../lib/replica';
import { createRouter } from '../../lib/router';
import { getActivity } from '../../services/activity';
import { search } from '../../services/search';
import { activityRoute, searchRoute } from './search.routes';

export const searchRouter = createRouter()
  .openapi(searchRoute, async (c) =>
    c.json(await search({ db: c.get('database').db, q: c.req.valid('query').q }), 200),
  )
  .openapi(activityRoute, async (c) =>
    c.json(
      await getActivity({
        db: await analyticsDb(c),
        key: c.req.valid('param').key,
        days: c.req.valid('query').days ?? 30,
      }),
      200,
    ),
  );
