import { changeSource, requireActor } from '../../lib/auth';
import { bodyBytes } from '../../lib/csv';
import { AppError } from '../../lib/errors';
import { createRouter } from '../../lib/router';
import { listChangeSets, undoChangeSet } from '../../services/change-sets';
import { eventsCsv, listEvents, listUserEvents, userEventsCsv } from '../../services/events';
import { findRegion, resolveAdministration, today } from '../../services/regions';
import { exportStatusesCsv, importStatusesCsv } from '../../services/status-csv';
import { bulkUpdateStatuses, getStatus, listStatuses, updateStatuses } from '../../services/statuses';
import {
  bulkUpdateRoute,
  exportCsvRoute,
  getStatusRoute,
  importCsvRoute,
  listChangeSetsRoute,
  listStatusesRoute,
  patchStatusRoute,
  regionEventsRoute,
  statusEventsRoute,
  undoChangeSetRoute,
  userEventsRoute,
} from './statuses.routes';

export const statusesRouter = createRouter()
  .openapi(listStatusesRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    const administration = await resolveAdministration(db, c.req.valid('param').key);
    return c.json(
      await listStatuses({ db, actor, regionId: administration.regionId, query: c.req.valid('query') }),
      200,
    );
  })
  .openapi(getStatusRoute, async (c) => {
    return c.json(await getStatus(c.get('database').db, c.req.valid('param').id), 200);
  })
  .openapi(patchStatusRoute, async (c) => {
    const actor = requireActor(c);
    const { version, ...changes } = c.req.valid('json');
    const [status] = await updateStatuses({
      db: c.get('database').db,
      actor,
      updates: [{ id: c.req.valid('param').id, version, changes }],
      source: changeSource(c),
    });
    if (!status) throw new AppError('internal', 'Status fehlt nach der Änderung.');
    return c.json(status, 200);
  })
  .openapi(bulkUpdateRoute, async (c) => {
    const actor = requireActor(c);
    const { statuses, changes, options } = c.req.valid('json');
    const result = await bulkUpdateStatuses({
      db: c.get('database').db,
      actor,
      statuses,
      changes,
      options,
      mode: c.req.valid('query').mode ?? 'commit',
      source: changeSource(c),
    });
    return c.json(result, 200);
  })
  .openapi(listChangeSetsRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    const { region } = c.req.valid('query');
    const regionId = region ? (await resolveAdministration(db, region)).regionId : undefined;
    return c.json(
      { items: await listChangeSets({ db, actor, ...(regionId === undefined ? {} : { regionId }) }) },
      200,
    );
  })
  .openapi(undoChangeSetRoute, async (c) => {
    const actor = requireActor(c);
    const result = await undoChangeSet({
      db: c.get('database').db,
      actor,
      id: c.req.valid('param').id,
      source: changeSource(c),
    });
    return c.json(result, 200);
  })
  .openapi(exportCsvRoute, async (c) => {
    const { db } = c.get('database');
    const administration = await resolveAdministration(db, c.req.valid('param').key);
    const variant = c.req.valid('query').format ?? 'excel';
    const text = await exportStatusesCsv({ db, regionId: administration.regionId, variant });
    const fileName = `ozg-status-${administration.ags}-${today()}.csv`;
    return c.body(text, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="${fileName}"`,
    });
  })
  .openapi(importCsvRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    const administration = await resolveAdministration(db, c.req.valid('param').key);
    const result = await importStatusesCsv({
      db,
      actor,
      regionId: administration.regionId,
      bytes: await bodyBytes(c.req),
      ...c.req.valid('query'),
    });
    return c.json(result, 200);
  })
  .openapi(statusEventsRoute, async (c) => {
    const { db } = c.get('database');
    const { id } = c.req.valid('param');
    await getStatus(db, id);
    return c.json(await listEvents({ db, filter: { statusId: id }, ...c.req.valid('query') }), 200);
  })
  .openapi(regionEventsRoute, async (c) => {
    const { db } = c.get('database');
    const region = await findRegion(db, c.req.valid('param').key, today());
    const { page, pageSize, format, user, ...days } = c.req.valid('query');
    const filter = { belowRegionId: region.region_id, userId: user, ...days };
    if (format === 'csv') return csvFile(c, await eventsCsv({ db, filter }), `ozg-aenderungen-${region.ags}`);
    return c.json(await listEvents({ db, filter, ...pageOf({ page, pageSize }) }), 200);
  })
  .openapi(userEventsRoute, async (c) => {
    const actor = requireActor(c);
    const { id } = c.req.valid('param');
    const { db } = c.get('database');
    const { page, pageSize, format, user: _, ...conditions } = c.req.valid('query');
    const input = { db, actor, userId: id, conditions };
    if (format === 'csv') return csvFile(c, await userEventsCsv(input), `ozg-aenderungen-benutzer-${id}`);
    return c.json(await listUserEvents({ ...input, page, pageSize }), 200);
  });

const pageOf = ({ page, pageSize }: { page?: number | undefined; pageSize?: number | undefined }) => ({
  ...(page ? { page } : {}),
  ...(pageSize ? { pageSize } : {}),
});

/** A CSV download named for what it holds and the day. */
const csvFile = (
  c: { body: (text: string, status: 200, headers: Record<string, string>) => Response },
  text: string,
  name: string,
) =>
  c.body(text, 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}-${today()}.csv"`,
  });
