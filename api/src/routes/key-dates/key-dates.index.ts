import { requireActor } from '../../lib/auth';
import { fileResponse } from '../../lib/export';
import { pdfResponse } from '../../lib/pdf';
import { createRouter } from '../../lib/router';
import {
  keyDateChangePdf,
  keyDateChangeTables,
  keyDatePdf,
  keyDateTables,
} from '../../services/key-date-export';
import { createKeyDate, getKeyDateChange, getKeyDateReport, listKeyDates } from '../../services/key-dates';
import {
  createKeyDateRoute,
  keyDateChangeRoute,
  keyDateReportRoute,
  listKeyDatesRoute,
} from './key-dates.routes';

// Aggregated figures are open data (decision 003); adding a key date is the ministry's.
export const keyDatesRouter = createRouter()
  .openapi(listKeyDatesRoute, async (c) => {
    return c.json({ items: await listKeyDates(c.get('database').db) }, 200);
  })
  .openapi(createKeyDateRoute, async (c) => {
    const actor = requireActor(c);
    return c.json(await createKeyDate({ db: c.get('database').db, actor, input: c.req.valid('json') }), 201);
  })
  .openapi(keyDateReportRoute, async (c) => {
    const { land, format } = c.req.valid('query');
    const report = await getKeyDateReport({
      db: c.get('database').db,
      day: c.req.valid('param').day,
      ...(land ? { land } : {}),
    });
    const name = `stichtag-${report.land.region.ags}-${report.keyDate.day}`;
    if (format === 'pdf') return pdfResponse(c, name, await keyDatePdf(report));
    if (format === 'csv' || format === 'xlsx') return fileResponse(c, format, name, keyDateTables(report));
    return c.json(report, 200);
  })
  .openapi(keyDateChangeRoute, async (c) => {
    const { land, since, format } = c.req.valid('query');
    const change = await getKeyDateChange({
      db: c.get('database').db,
      from: since,
      to: c.req.valid('param').day,
      ...(land ? { land } : {}),
    });
    const name = `stichtage-${change.land.ags ?? ''}-${change.from.day}-${change.to.day}`;
    if (format === 'pdf') return pdfResponse(c, name, await keyDateChangePdf(change));
    if (format === 'csv' || format === 'xlsx')
      return fileResponse(c, format, name, keyDateChangeTables(change));
    return c.json(change, 200);
  });
