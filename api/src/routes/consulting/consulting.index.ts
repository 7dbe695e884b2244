import { requireActor } from '../../lib/auth';
import { fileResponse } from '../../lib/export';
import { createRouter } from '../../lib/router';
import {
  consultationRegion,
  createMeasure,
  createModule,
  listConsultants,
  listConsultations,
  listModules,
  requestConsultation,
  updateConsultation,
  updateMeasure,
  updateModule,
} from '../../services/consulting';
import { consultingReportTables, getConsultingReport, getWorklist } from '../../services/consulting-report';
import { resolveAdministration, today } from '../../services/regions';
import {
  createMeasureRoute,
  createModuleRoute,
  listConsultantsRoute,
  listConsultationsRoute,
  listModulesRoute,
  reportRoute,
  requestConsultationRoute,
  updateConsultationRoute,
  updateMeasureRoute,
  updateModuleRoute,
  worklistRoute,
} from './consulting.routes';

export const consultingRouter = createRouter()
  .openapi(listModulesRoute, async (c) => {
    return c.json({ items: await listModules(c.get('database').db) }, 200);
  })
  .openapi(listConsultantsRoute, async (c) => {
    return c.json({ items: await listConsultants(c.get('database').db) }, 200);
  })
  .openapi(createModuleRoute, async (c) => {
    return c.json(await createModule(c.get('database').db, c.req.valid('json')), 201);
  })
  .openapi(updateModuleRoute, async (c) => {
    return c.json(
      await updateModule(c.get('database').db, c.req.valid('param').id, c.req.valid('json')),
      200,
    );
  })
  .openapi(listConsultationsRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    const municipality = await resolveAdministration(db, c.req.valid('param').key);
    return c.json({ items: await listConsultations({ db, actor, regionId: municipality.regionId }) }, 200);
  })
  .openapi(requestConsultationRoute, async (c) => {
    // Officers ask for their own municipality (checked in the service); viewers may not (route).
    const actor = requireActor(c);
    const { db } = c.get('database');
    const municipality = await resolveAdministration(db, c.req.valid('param').key);
    const { moduleId, note } = c.req.valid('json');
    const consultation = await requestConsultation({
      db,
      actor,
      regionId: municipality.regionId,
      regionName: municipality.name,
      moduleId,
      ...(note ? { note } : {}),
    });
    return c.json(consultation, 201);
  })
  .openapi(updateConsultationRoute, async (c) => {
    const actor = requireActor(c);
    const consultation = await updateConsultation({
      db: c.get('database').db,
      actor,
      id: c.req.valid('param').id,
      update: c.req.valid('json'),
    });
    return c.json(consultation, 200);
  })
  .openapi(createMeasureRoute, async (c) => {
    const { db } = c.get('database');
    const consultationId = c.req.valid('param').id;
    await consultationRegion(db, consultationId);
    return c.json(await createMeasure({ db, consultationId, measure: c.req.valid('json') }), 201);
  })
  .openapi(updateMeasureRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    return c.json(
      await updateMeasure({ db, actor, id: c.req.valid('param').id, update: c.req.valid('json') }),
      200,
    );
  })
  .openapi(worklistRoute, async (c) => {
    const { area, kreis } = c.req.valid('query');
    const worklist = await getWorklist({
      db: c.get('database').db,
      key: c.req.valid('param').key,
      ...(area ? { area } : {}),
      ...(kreis ? { kreis } : {}),
    });
    return c.json(worklist, 200);
  })
  .openapi(reportRoute, async (c) => {
    const report = await getConsultingReport({ db: c.get('database').db, key: c.req.valid('param').key });
    const format = c.req.valid('query').format;
    if (format === 'csv' || format === 'xlsx')
      return fileResponse(
        c,
        format,
        `beratung-${report.region.ags}-${today()}`,
        consultingReportTables(report),
      );
    return c.json(report, 200);
  });
