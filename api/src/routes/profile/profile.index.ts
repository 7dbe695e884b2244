import { requireActor } from '../../lib/auth';
import { pdfResponse } from '../../lib/pdf';
import { createRouter } from '../../lib/router';
import { readConsultationProfile } from '../../services/consulting';
import { municipalityProfile } from '../../services/profile';
import { resolveAdministration, today } from '../../services/regions';
import { consultationProfileRoute, profileRoute } from './profile.routes';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

// The profile names measures and consultations: signed-in roles, officers their own municipality only.
export const profileRouter = createRouter()
  .openapi(profileRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    const municipality = await resolveAdministration(db, c.req.valid('param').key);
    const { asOf, format } = c.req.valid('query');
    const day = asOf ?? today();
    const name = `kommunalprofil-${municipality.ags}-${day}`;
    const profile = await municipalityProfile({
      db,
      actor,
      regionId: municipality.regionId,
      day,
      format: format ?? 'pdf',
    });
    if (format === 'xlsx')
      return c.body(profile, 200, {
        'content-type': XLSX_TYPE,
        'content-disposition': `attachment; filename="${name}.xlsx"`,
      });
    return pdfResponse(c, name, profile);
  })
  .openapi(consultationProfileRoute, async (c) => {
    const actor = requireActor(c);
    const { db } = c.get('database');
    const id = c.req.valid('param').id;
    const stored = await readConsultationProfile({ db, actor, consultationId: id });
    return pdfResponse(c, `kommunalprofil-${stored.ags}-${stored.day}-beratung-${id}`, stored.pdf, {
      etag: `"${stored.sha256}"`,
    });
  });
