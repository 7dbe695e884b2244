import { createRouter } from '../../lib/router';
import { getHealth } from '../../services/health';
import { getHealthRoute } from './health.routes';

export const healthRouter = createRouter().openapi(getHealthRoute, async (c) =>
  c.json(await getHealth({ database: c.get('database') }), 200),
);
