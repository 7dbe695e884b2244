import { createRouter } from '../../lib/router';
import { getHealth, getReadiness } from '../../services/health';
import { getHealthRoute, getLiveRoute, getReadyRoute } from './health.routes';

export const healthRouter = createRouter()
  .openapi(getHealthRoute, async (c) => c.json(await getHealth({ database: c.get('database') }), 200))
  .openapi(getLiveRoute, (c) => c.json({ status: 'live' as const }, 200))
  .openapi(getReadyRoute, async (c) => {
    const readiness = await getReadiness({
      database: c.get('database'),
      draining: c.get('lifecycle').draining,
    });
    return readiness.status === 'ready' ? c.json(readiness, 200) : c.json(readiness, 503);
  });
