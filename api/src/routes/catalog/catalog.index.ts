import { changeSource, requireActor } from '../../lib/auth';
import { bodyBytes } from '../../lib/csv';
import { createRouter } from '../../lib/router';
import {
  deleteException,
  exportExecutingLevelsCsv,
  listExceptions,
  listServices,
  parseExecutingLevelsCsv,
  putException,
  setExecutingLevels,
} from '../../services/applicability';
import { resolveAdministration } from '../../services/regions';
import {
  deleteExceptionRoute,
  exportExecutingLevelsRoute,
  importExecutingLevelsRoute,
  listExceptionsRoute,
  listServicesRoute,
  putExceptionRoute,
  setExecutingLevelsRoute,
} from './catalog.routes';

export const catalogRouter = createRouter()
  .openapi(listServicesRoute, async (c) =>
    c.json({ items: await listServices({ db: c.get('database').db, query: c.req.valid('query') }) }, 200),
  )
  .openapi(setExecutingLevelsRoute, async (c) => {
    const actor = requireActor(c);
    const result = await setExecutingLevels({
      db: c.get('database').db,
      actor,
      services: c.req.valid('json').services,
      source: changeSource(c),
    });
    return c.json(result, 200);
  })
  .openapi(exportExecutingLevelsRoute, async (c) =>
    c.body(await exportExecutingLevelsCsv(c.get('database').db), 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="ausfuehrende-ebenen.csv"',
    }),
  )
  .openapi(importExecutingLevelsRoute, async (c) => {
    const actor = requireActor(c);
    const services = parseExecutingLevelsCsv(await bodyBytes(c.req));
    return c.json(
      await setExecutingLevels({ db: c.get('database').db, actor, services, source: 'csv' }),
      200,
    );
  })
  .openapi(listExceptionsRoute, async (c) => {
    const { db } = c.get('database');
    const administration = await resolveAdministration(db, c.req.valid('param').key);
    return c.json({ items: await listExceptions(db, administration.regionId) }, 200);
  })
  .openapi(putExceptionRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    const administration = await resolveAdministration(db, c.req.valid('param').key);
    const result = await putException({
      db,
      actor,
      regionId: administration.regionId,
      ...c.req.valid('json'),
      source: changeSource(c),
    });
    return c.json(result, 200);
  })
  .openapi(deleteExceptionRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    const { key, ozgId } = c.req.valid('param');
    const administration = await resolveAdministration(db, key);
    return c.json(
      await deleteException({ db, actor, regionId: administration.regionId, ozgId, source: changeSource(c) }),
      200,
    );
  });
