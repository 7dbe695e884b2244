import { requireActor } from '../../lib/auth';
import { bodyBytes } from '../../lib/csv';
import { answer } from '../../lib/import-answer';
import { createRouter } from '../../lib/router';
import {
  analogProcessingSummary,
  getStatusAssessments,
  listModels,
  listRegionAssessments,
  uploadMaturityModel,
} from '../../services/maturity';
import { resolveAdministration } from '../../services/regions';
import {
  analogSummaryRoute,
  importModelRoute,
  listModelsRoute,
  regionAssessmentsRoute,
  statusAssessmentsRoute,
} from './maturity.routes';

export const maturityRouter = createRouter()
  .openapi(listModelsRoute, async (c) => {
    return c.json({ items: await listModels(c.get('database').db) }, 200);
  })
  .openapi(importModelRoute, async (c) => {
    const actor = requireActor(c);
    const bytes = await bodyBytes(c.req.raw);
    const fileName = c.req.valid('query').fileName ?? 'Reifegradmodell';
    return answer(c, 'maturity-model', () =>
      uploadMaturityModel({ db: c.get('database').db, actor, bytes, fileName }),
    );
  })
  .openapi(statusAssessmentsRoute, async (c) => {
    return c.json(await getStatusAssessments(c.get('database').db, c.req.valid('param').id), 200);
  })
  .openapi(regionAssessmentsRoute, async (c) => {
    const { db } = c.get('database');
    const administration = await resolveAdministration(db, c.req.valid('param').key);
    return c.json(await listRegionAssessments(db, administration.regionId), 200);
  })
  .openapi(analogSummaryRoute, async (c) => {
    return c.json(await analogProcessingSummary(c.get('database').db, c.req.valid('param').key), 200);
  });
