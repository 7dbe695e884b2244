import { createRouter } from '../../lib/router';
import { search } from '../../services/search';
import { searchRoute } from './search.routes';

export const searchRouter = createRouter().openapi(searchRoute, async (c) =>
  c.json(await search({ db: c.get('database').db, q: c.req.valid('query').q }), 200),
);
