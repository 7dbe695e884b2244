import { requireActor } from '../../lib/auth';
import { createRouter } from '../../lib/router';
import { datahubKreise, decideDatahubDifferences, listDatahubDifferences } from '../../services/datahub';
import { resolveAdministration } from '../../services/regions';
import { datahubDecisionsRoute, datahubDifferencesRoute, datahubKreiseRoute } from './datahub.routes';

export const datahubRouter = createRouter()
  .openapi(datahubDifferencesRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    const administration = await resolveAdministration(db, c.req.valid('param').key);
    return c.json(await listDatahubDifferences({ db, actor, input: administration }), 200);
  })
  .openapi(datahubDecisionsRoute, async (c) => {
    const actor = requireActor(c);
    const result = await decideDatahubDifferences({
      db: c.get('database').db,
      actor,
      input: c.req.valid('json'),
    });
    return c.json(result, 200);
  })
  .openapi(datahubKreiseRoute, async (c) => c.json(await datahubKreise({ db: c.get('database').db }), 200));
