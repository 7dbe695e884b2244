import { createRouter } from '../../lib/router';
import { getRegionLinks } from '../../services/region-links';
import { regionLinksRoute } from './links.routes';

export const linksRouter = createRouter().openapi(regionLinksRoute, async (c) =>
  c.json(await getRegionLinks({ db: c.get('database').db, key: c.req.valid('param').key }), 200),
);
