import { todayInGermany } from '@ozg/shared';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  horizontalOverflow,
  openPage,
  screenshot,
  seriousAccessibilityViolations,
  VIEWPORTS,
  watchForErrors,
} from './browser';
import { allLoaded, startJourney } from './journey';
import { apiSession, signIn } from './sign-in';

const journey = startJourney();

const GEMEINDE = { ags: '06435901', name: 'Alt-Musterbach, Stadt' };
const KREIS = { ags: '06435', name: 'Main-Kinzig-Kreis' };
const OFFICER = 'Digitalisierungsbeauftragte (Demo)';

async function checkPage(page: Page, name: string) {
  await allLoaded(page);
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), name).toEqual([]);
  expect(await horizontalOverflow(page), `${name}: wider than the viewport`).toBe(0);
}

/** The Gemeinde's officer raises one of its statuses through the API (source "api"); returns the service. */
async function officerChangesAStatus(): Promise<string> {
  const officer = await apiSession(journey.app.url, 'kommune@demo.example', 'demo-kommune-2026');
  const page = (await (
    await officer.request(`/regions/${GEMEINDE.ags}/statuses?maturityLevel=1&pageSize=1`)
  ).json()) as { items: { id: number; version: number; serviceName: string }[] };
  const status = page.items[0];
  if (!status) throw new Error('kein Status auf Reifegrad 1 in der Demo-Gemeinde');
  const res = await officer.request(`/statuses/${status.id}`, {
    method: 'PATCH',
    body: JSON.stringify({ version: status.version, maturityLevel: 2 }),
  });
  expect(res.status).toBe(200);
  return status.serviceName;
}

describe('the ministry reaches any municipality and reads who changed what', () => {
  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    it(`opens a workspace from the search and from a region page, and reads and exports a Kreis's audit trail, at ${size.width}x${size.height}`, async () => {
      const changed = await officerChangesAStatus();
      const { page, close } = await openPage(journey.chromium.browser, size);
      const problems = watchForErrors(page);
      await signIn(page, journey.app.url, 'admin@demo.example', 'demo-admin-2026', '/');

      // From the header search: the Gemeinde found carries a link to its workspace.
      await page.getByPlaceholder('Gebiet, AGS oder Leistung').fill('Alt-Musterbach');
      await page.getByRole('button', { name: 'Suchen' }).click();
      await page.waitForURL((url) => url.pathname === '/suche');
      const open = page.getByRole('link', { name: `Arbeitsbereich von ${GEMEINDE.name} öffnen` });
      await open.waitFor();
      await checkPage(page, `ministry-search-${viewport}`);
      await open.click();
      await page.waitForURL((url) => url.pathname === `/arbeitsbereich/${GEMEINDE.ags}`);
      await page.getByRole('heading', { level: 1, name: GEMEINDE.name }).waitFor();

      // From a region page: the Kreis's page links to its workspace and its audit trail.
      await page.goto(`${journey.app.url}/regionen/${KREIS.ags}`);
      await page.getByRole('heading', { level: 1, name: KREIS.name }).waitFor();
      await checkPage(page, `ministry-region-${viewport}`);
      await page.getByRole('link', { name: `Arbeitsbereich von ${KREIS.name} öffnen` }).click();
      await page.waitForURL((url) => url.pathname === `/arbeitsbereich/${KREIS.ags}`);
      await page.getByRole('heading', { level: 1, name: KREIS.name }).waitFor();
      await page.goBack();
      // From the table of the Kreis's Gemeinden: each row links to its workspace too.
      await page
        .locator('.data-table tbody tr')
        .getByRole('link', { name: `Arbeitsbereich von ${GEMEINDE.name} öffnen` })
        .click();
      await page.waitForURL((url) => url.pathname === `/arbeitsbereich/${GEMEINDE.ags}`);
      await page.getByRole('heading', { level: 1, name: GEMEINDE.name }).waitFor();
      await page.goBack();
      await page.getByRole('link', { name: `Änderungsprotokoll von ${KREIS.name}` }).click();
      await page.waitForURL((url) => url.searchParams.get('gebiet') === KREIS.ags);
      await page.getByRole('heading', { level: 1, name: 'Änderungsprotokoll' }).waitFor();
      await allLoaded(page);

      // Who changed what in the Kreis today, through the API, by the Gemeinde's officer.
      await page.getByLabel('Von', { exact: true }).fill(todayInGermany());
      await page.getByLabel('Bis', { exact: true }).fill(todayInGermany());
      await page.getByLabel('Quelle', { exact: true }).selectOption({ label: 'Schnittstelle' });
      await page.getByLabel('Benutzer', { exact: true }).selectOption({ label: OFFICER });
      await page.getByRole('button', { name: 'Anzeigen' }).click();
      await page.waitForURL(
        (url) => url.searchParams.get('quelle') === 'api' && url.searchParams.has('benutzer'),
      );
      await allLoaded(page);
      const rows = page.locator('.audit-table tbody tr');
      // The unfiltered list stays on screen until the filtered one arrives: wait until only the officer's rows are left.
      await expect.poll(() => rows.filter({ hasNotText: OFFICER }).count(), { timeout: 15_000 }).toBe(0);
      await expect(rows.first().textContent()).resolves.toContain(changed);
      const count = await rows.count();
      expect(count).toBeGreaterThanOrEqual(1);
      for (const text of await rows.allTextContents()) {
        expect(text).toContain(OFFICER);
        expect(text).toContain('Schnittstelle');
      }
      await expect(rows.first().textContent()).resolves.toContain('Reifegrad: 1 – ');
      await expect(page.locator('.pager-count').textContent()).resolves.toBe(
        `1–${count} von ${count} Änderungen`,
      );
      await checkPage(page, `ministry-audit-${viewport}`);

      // The same selection as CSV for Excel.
      const href = await page.getByRole('link', { name: 'CSV herunterladen' }).getAttribute('href');
      expect(href).toMatch(/format=csv/);
      const response = await page.request.get(`${journey.app.url}${href}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('text/csv');
      const body = await response.body();
      expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const lines = body
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines[0]).toBe('zeitpunkt;kommune;ozg_id;leistung;quelle;benutzer;aenderungen');
      expect(lines).toHaveLength(count + 1);
      expect(lines.some((line) => line.includes(changed))).toBe(true);
      expect(problems()).toEqual([]);
      await close();
    }, 120_000);
  }
});
