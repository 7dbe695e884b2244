import { describe, expect, it } from 'vitest';
import {
  horizontalOverflow,
  openPage,
  screenshot,
  seriousAccessibilityViolations,
  VIEWPORTS,
  watchForErrors,
} from './browser';
import { startJourney } from './journey';

const journey = startJourney();
const KREIS = '06435';

/** A service of the demo with usage figures in the Kreis, from the API the page reads too. */
async function serviceWithFigures(): Promise<number> {
  const res = await fetch(`${journey.app.url}/api/v1/regions/${KREIS}/usage`);
  const usage = (await res.json()) as { services: { ozgId: number }[] };
  const first = usage.services[0];
  if (!first) throw new Error('die Demo hat keine Nutzungszahlen');
  return first.ozgId;
}

describe('usage figures', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`region and service page show the monthly applications with a table (${name})`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, viewport);
      const problems = watchForErrors(page);
      await page.goto(`${journey.app.url}/regionen/${KREIS}`);
      const section = page.locator('section[aria-labelledby="nutzung"]');
      await section.getByText(/Anträge in den letzten 12 Monaten/).waitFor();
      // The chart is loaded lazily, after the sentence.
      await section.locator('.chart svg.recharts-surface').first().waitFor();
      await section.getByText('Anträge je Monat als Tabelle').click();
      await expect(section.locator('.table-details tbody tr').count()).resolves.toBeGreaterThan(6);
      await section.scrollIntoViewIfNeeded();
      await screenshot(page, `usage-region-${name}`);
      expect(await horizontalOverflow(page)).toBe(0);

      const ozgId = await serviceWithFigures();
      await page.goto(`${journey.app.url}/leistungen/${ozgId}?gebiet=${KREIS}`);
      const service = page.locator('section[aria-labelledby="nutzung"]');
      await service.getByText(/Median der \d+ Gemeinden mit Zahlen/).waitFor();
      await screenshot(page, `usage-service-${name}`);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      // A Kreis-level service of the demo has no figures: the page says so, never 0.
      await page.goto(`${journey.app.url}/leistungen/99022?gebiet=${KREIS}`);
      await page.getByText('Keine Nutzungszahlen geliefert.').waitFor();
      expect(problems()).toEqual([]);
      await close();
    });
  }
});
