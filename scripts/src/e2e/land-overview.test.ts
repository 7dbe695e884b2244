import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningApp, startApp } from './app-server';
import {
  launchBrowser,
  openPage,
  screenshot,
  seriousAccessibilityViolations,
  VIEWPORTS,
  watchForErrors,
} from './browser';

let app: RunningApp;
let chromium: Awaited<ReturnType<typeof launchBrowser>>;

beforeAll(async () => {
  [app, chromium] = await Promise.all([startApp(), launchBrowser()]);
}, 120_000);

afterAll(async () => {
  await chromium?.close();
  await app?.stop();
});

describe('start page: the Land with its Kreise', () => {
  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    it(`shows Hessen, its 26 Kreise and the demo notice, accessibly, at ${size.width}x${size.height}`, async () => {
      const { page, close } = await openPage(chromium.browser, size);
      const problems = watchForErrors(page);
      await page.goto(app.url);
      await page.getByRole('heading', { level: 1, name: 'Hessen' }).waitFor();
      await page.locator('.data-table tbody tr').first().waitFor();

      expect(await page.locator('.data-table tbody tr').count()).toBe(26);
      await expect(page.getByRole('note').textContent()).resolves.toContain('Demo-Daten');
      const tiles = await page.locator('.tile').allTextContents();
      expect(tiles.join(' | ')).toMatch(/26\s*Kreise und kreisfreie Städte/);
      // German number format: thousands separated by dots.
      expect(tiles.join(' ')).toMatch(/\d{1,3}\.\d{3}\.\d{3}\s*Einwohner/);

      await screenshot(page, `land-overview-${viewport}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(problems()).toEqual([]);
      await close();
    });
  }

  it('sorts the Kreise by population with the keyboard', async () => {
    const { page, close } = await openPage(chromium.browser, VIEWPORTS.desktop);
    await page.goto(app.url);
    await page.locator('.data-table tbody tr').first().waitFor();
    const populationHeader = page.getByRole('button', { name: /Einwohner/ });
    await populationHeader.focus();
    await page.keyboard.press('Enter');
    const first = await page.locator('.data-table tbody tr th').first().textContent();
    expect(first).toBe('Frankfurt am Main, Stadt');
    expect(await page.locator('th[aria-sort="descending"]').textContent()).toContain('Einwohner');
    await close();
  });
});
