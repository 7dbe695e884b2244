import { changeSource, requireActor } from '../../lib/auth';
import { createRouter } from '../../lib/router';
import {
  confirmStatuses,
  regionFreshness,
  regionReminders,
  staleAdministrations,
  statusProvenance,
} from '../../services/freshness';
import { resolveAdministration } from '../../services/regions';
import {
  confirmStatusesRoute,
  regionFreshnessRoute,
  regionRemindersRoute,
  staleListRoute,
  statusProvenanceRoute,
} from './freshness.routes';

export const freshnessRouter = createRouter()
  .openapi(confirmStatusesRoute, async (c) => {
    const actor = requireActor(c);
    const result = await confirmStatuses({
      db: c.get('database').db,
      actor,
      input: {
        statuses: c.req.valid('json').statuses,
        mode: c.req.valid('query').mode ?? 'commit',
        source: changeSource(c),
      },
    });
    return c.json(result, 200);
  })
  .openapi(statusProvenanceRoute, async (c) =>
    c.json(await statusProvenance({ db: c.get('database').db, id: c.req.valid('param').id }), 200),
  )
  .openapi(regionFreshnessRoute, async (c) => {
    const { db } = c.get('database');
    const administration = await resolveAdministration(db, c.req.valid('param').key);
    const { days } = c.req.valid('query');
    return c.json(await regionFreshness({ db, administration, ...(days ? { days } : {}) }), 200);
  })
  .openapi(regionRemindersRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    const administration = await resolveAdministration(db, c.req.valid('param').key);
    const { days } = c.req.valid('query');
    return c.json(await regionReminders({ db, actor, administration, ...(days ? { days } : {}) }), 200);
  })
  .openapi(staleListRoute, async (c) =>
    c.json(await staleAdministrations({ db: c.get('database').db, query: c.req.valid('query') }), 200),
  );
