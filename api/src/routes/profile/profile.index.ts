import { requireActor } from '../../lib/auth';
import { pdfResponse } from '../../lib/pdf';
import { createRouter } from '../../lib/router';
import { consultationRegion } from '../../services/consulting';
import { authorizeConsultationRead } from '../../services/policy';
import { profilePdf, profileXlsx, storedProfile } from '../../services/profile';
import { resolveAdministration, today } from '../../services/regions';
import { consultationProfileRoute, profileRoute } from './profile.routes';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The profile names measures and consultations: signed-in roles, officers their own municipality only.
export const profileRouter = createRouter()
  .openapi(profileRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    const municipality = await resolveAdministration(db, c.req.valid('param').key);
    authorizeConsultationRead({ actor, input: { regionId: municipality.regionId } });
    const { asOf, format } = c.req.valid('query');
    const day = asOf ?? today();
    const name = `kommunalprofil-${municipality.ags}-${day}`;
    if (format === 'xlsx')
      return c.body(await profileXlsx(db, municipality.regionId, day), 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="${name}.xlsx"`,
      });
    return pdfResponse(c, name, await profilePdf(db, municipality.regionId, day));
  })
  .openapi(consultationProfileRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    const id = c.req.valid('param').id;
    authorizeConsultationRead({ actor, input: { regionId: await consultationRegion(db, id) } });
    const stored = await storedProfile(db, id);
    return pdfResponse(c, `kommunalprofil-${stored.ags}-${stored.day}-beratung-${id}`, stored.pdf, {
      etag: `"${stored.sha256}"`,
    });
  });
