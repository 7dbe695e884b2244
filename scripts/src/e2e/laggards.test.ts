/// <reference lib="dom" />
// The page.evaluate callbacks below run in the browser.
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import {
  openPage,
  SCREENSHOT_DIR,
  screenshot,
  seriousAccessibilityViolations,
  VIEWPORTS,
  watchForErrors,
} from './browser';
import { download, startJourney } from './journey';
import { signIn } from './sign-in';

const journey = startJourney();

const CONSULTANT = { email: 'beratung@demo.example', password: 'demo-beratung-2026' };
const rows = (page: Page) => page.locator('.laggards-table tbody tr');
const summary = (page: Page) => page.locator('.table-summary').textContent();

async function openLaggards(page: Page) {
  await signIn(page, journey.app.url, CONSULTANT.email, CONSULTANT.password, '/nachzuegler');
  await page.getByRole('heading', { level: 1, name: 'Nachzügler im Vergleich' }).waitFor();
  await rows(page).first().waitFor();
}

describe('laggards page', () => {
  it('lets a consultant narrow the peer group and export the same list as CSV and XLSX', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await openLaggards(page);
    await expect(summary(page)).resolves.toMatch(/^\d+ Kommunen in Hessen, davon \d+ unter dem Median/);
    // Largest gap first: every following row is at most as far behind.
    const gaps = (await page.locator('.laggards-table td.gap').allTextContents())
      .slice(0, 10)
      .map((text) => Number(text.replace(/\u00a0Pp\./, '').replace(',', '.')));
    expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
    await screenshot(page, 'laggards-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Peer group: Gemeinden of 5.000 to 10.000 inhabitants, compared within their Kreis, in the Main-Kinzig-Kreis.
    await page.getByLabel('Gebiet', { exact: true }).selectOption('06435');
    await page.getByLabel('Art der Kommune').selectOption('gemeinde');
    await page.getByLabel('Größenklasse (Einwohner)').selectOption('5000_10000');
    await page.getByLabel('Nur mit Kommunen desselben Kreises vergleichen').check();
    await expect.poll(() => summary(page)).toMatch(/in Main-Kinzig-Kreis.*gleicher Kreis\)/);
    const shown = await rows(page).count();
    expect(shown).toBeGreaterThan(0);
    for (const text of await page.locator('.laggards-table tbody th .cell-sub').allTextContents()) {
      expect(text).toMatch(/^Gemeinde · Main-Kinzig-Kreis · 06435\d{3}$/);
    }
    for (const text of await page
      .locator('.laggards-table tbody td:nth-child(2) .cell-sub')
      .allTextContents()) {
      expect(text).toBe('5.000 bis unter 10.000');
    }
    await screenshot(page, 'laggards-filtered-desktop');

    const csv = await download(page, 'Als CSV herunterladen');
    expect(csv.name).toMatch(/^nachzuegler-06435-\d{4}-\d{2}-\d{2}\.csv$/);
    const lines = csv.bytes
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^AGS;Kommune;Art;Kreis;Einwohner;Größenklasse;/);
    expect(lines).toHaveLength(shown + 1);
    for (const line of lines.slice(1))
      expect(line).toMatch(/^06435\d{3};[^;]+;Gemeinde;Main-Kinzig-Kreis;\d+;5\.000 bis unter 10\.000;/);

    const xlsx = await download(page, 'Als Excel-Datei (XLSX) herunterladen');
    expect(xlsx.name).toMatch(/\.xlsx$/);
    // An XLSX file is a ZIP archive.
    expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');

    expect(problems()).toEqual([]);
    await close();
  });

  it('fits a phone and stays accessible', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.mobile);
    const problems = watchForErrors(page);
    await openLaggards(page);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      VIEWPORTS.mobile.width,
    );
    await screenshot(page, 'laggards-mobile');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The first rows as a phone shows them (the full-page screenshot is too long to read).
    await rows(page).first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SCREENSHOT_DIR, 'laggards-table-mobile.png') });
    // The three columns a phone shows fit without scrolling sideways.
    const fit = await page
      .locator('.laggards-table')
      .evaluate((table) => [table.scrollWidth, table.parentElement?.clientWidth ?? 0]);
    expect(fit[0]).toBeLessThanOrEqual(fit[1] as number);
    // The key column "Abstand" is visible whole on a 390 px phone: inside the window and not cut.
    const gapCells = await page.locator('.laggards-table td.gap').evaluateAll((cells) =>
      cells.slice(0, 20).map((cell) => {
        const box = cell.getBoundingClientRect();
        return {
          text: cell.textContent ?? '',
          cut: cell.scrollWidth > cell.clientWidth,
          inside: box.left >= 0 && box.right <= window.innerWidth,
        };
      }),
    );
    expect(gapCells.length).toBeGreaterThan(0);
    for (const cell of gapCells) {
      expect(cell.text).toMatch(/^(–|[-+−]?\d+,\d\u00a0Pp\.)$/);
      expect(cell, cell.text).toMatchObject({ cut: false, inside: true });
    }

    // The kind filter offers only kinds that the demo Land has (Hessen has no Markt, no Große Kreisstadt).
    const offered = await page.getByLabel('Art der Kommune').locator('option').allTextContents();
    expect(offered).not.toContain('Markt');
    expect(offered).not.toContain('Große Kreisstadt');
    expect(offered[0]).toBe('alle');
    expect(offered.length).toBeGreaterThan(1);
    expect(problems()).toEqual([]);
    await close();
  });

  it('is not shown to an officer', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    await signIn(page, journey.app.url, 'kommune@demo.example', 'demo-kommune-2026', '/nachzuegler');
    await page.getByRole('heading', { level: 1, name: 'Keine Berechtigung' }).waitFor();
    expect(await page.getByRole('link', { name: 'Nachzügler' }).count()).toBe(0);
    await close();
  });
});
