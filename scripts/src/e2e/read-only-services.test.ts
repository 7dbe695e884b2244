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
import { allLoaded, startJourney } from './journey';
import { signIn } from './sign-in';

const journey = startJourney();

const MUNICIPALITY = 'Alt-Musterbach, Stadt'; // 06435901, the demo officer's Gemeinde
const ACCOUNTS = {
  consultant: { email: 'beratung@demo.example', password: 'demo-beratung-2026' },
  viewer: { email: 'lesen@demo.example', password: 'demo-lesen-2026' },
  officer: { email: 'kommune@demo.example', password: 'demo-kommune-2026' },
};
const rows = (page: Page) => page.locator('.status-table tbody tr:not(.editor-row)');

/** Settled, nothing wider than the phone, no serious or critical axe finding; then a screenshot. */
async function checkPage(page: Page, name: string, viewport: keyof typeof VIEWPORTS) {
  await allLoaded(page);
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate('document.documentElement.scrollWidth'), name).toBeLessThanOrEqual(
    VIEWPORTS[viewport].width,
  );
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), name).toEqual([]);
}

/** The services table offers no way to change anything, but filters, history and hints work. */
async function readServicesReadOnly(page: Page, name: string, viewport: keyof typeof VIEWPORTS) {
  await rows(page).first().waitFor();
  await expect.poll(() => page.locator('.table-summary').textContent()).toContain('34 Leistungen');
  await expect(page.locator('.page-lead').textContent()).resolves.toContain('Nur zum Lesen');
  expect(await page.getByRole('button', { name: /bearbeiten$/ }).count()).toBe(0);
  expect(await page.getByRole('checkbox', { name: /auswählen$/ }).count()).toBe(0);
  expect(await page.getByLabel('Bearbeitete CSV-Datei prüfen').count()).toBe(0);
  expect(await page.getByRole('heading', { name: 'Ihre Änderungen der letzten 24 Stunden' }).count()).toBe(0);
  // Every level names its Reifegradmodell, visibly and for screen readers.
  await expect(rows(page).first().locator('.maturity-badge').textContent()).resolves.toMatch(
    /\(RGM 1\.1\).*Reifegrad \d nach Reifegradmodell 1\.1/,
  );
  await checkPage(page, `${name}-${viewport}`, viewport);

  // Filters work as for the officer: server-side, and clearing them brings all rows back.
  await page.getByLabel('Reifegrad', { exact: true }).selectOption('0');
  await expect
    .poll(async () => {
      const levels = await rows(page).locator('.maturity-badge').allTextContents();
      return levels.length > 0 && levels.length < 34 && levels.every((level) => level.startsWith('0'));
    })
    .toBe(true);
  await page.getByLabel('Reifegrad', { exact: true }).selectOption('');
  await expect.poll(() => rows(page).count()).toBe(34);

  // A lacking service's hints open in the table.
  const hintsButton = rows(page)
    .getByRole('button', { name: /^Vorbilder für/ })
    .first();
  const label = (await hintsButton.getAttribute('aria-label')) ?? '';
  const service = label.replace(/^Vorbilder für (.*): wie andere Kommunen sie anbieten$/, '$1');
  expect(service).not.toBe(label);
  await hintsButton.click();
  const hints = page.getByRole('region', { name: `Vorbilder für ${service}` });
  await hints.waitFor();
  await allLoaded(page);
  await expect(hints.textContent()).resolves.toMatch(
    /vergleichbare Kommunen? .*nutz|Noch keine vergleichbare Kommune/,
  );
  await checkPage(page, `${name}-hints-${viewport}`, viewport);
  await hints.getByRole('button', { name: 'Vorbilder schließen' }).click();

  // The history opens for reading.
  await page.getByRole('button', { name: `Verlauf von ${service}` }).click();
  const history = page.getByRole('dialog', { name: `Verlauf: ${service}` });
  await history.waitFor();
  await allLoaded(page);
  await checkPage(page, `${name}-history-${viewport}`, viewport);
  // The dialog keeps its close button inside the window (the page's width alone does not show it).
  const closeBox = await history.getByRole('button', { name: 'Schließen' }).boundingBox();
  expect((closeBox?.x ?? Infinity) + (closeBox?.width ?? 0)).toBeLessThanOrEqual(VIEWPORTS[viewport].width);
  await history.getByRole('button', { name: 'Schließen' }).click();
  await history.waitFor({ state: 'hidden' });
}

describe('reading a municipality’s services without editing them', () => {
  for (const viewport of ['desktop', 'mobile'] as const) {
    it(`lets a consultant read the gaps with their hints and open the services read-only (${viewport})`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS[viewport]);
      const problems = watchForErrors(page);
      const { email, password } = ACCOUNTS.consultant;
      await signIn(page, journey.app.url, email, password, '/beratung/kommune/06435901');
      const gaps = page.getByRole('region', { name: 'Fehlende Leistungen und Vorbilder' });
      await gaps.getByRole('listitem').first().waitFor();
      await gaps
        .getByRole('button', { name: /^Vorbilder für/ })
        .first()
        .click();
      await expect
        .poll(() => gaps.locator('.adoption-hint').first().textContent(), { timeout: 20_000 })
        .toMatch(/^\d+ vergleichbare Kommunen? .*nutz/);
      await checkPage(page, `readonly-consulting-hints-${viewport}`, viewport);

      await gaps
        .getByRole('link', { name: `Alle Leistungen von ${MUNICIPALITY} mit Filtern und Verlauf` })
        .click();
      await page.waitForURL((url) => url.pathname === '/arbeitsbereich/06435901');
      await page.getByRole('heading', { level: 1, name: MUNICIPALITY }).waitFor();
      await readServicesReadOnly(page, 'readonly-consultant', viewport);
      expect(problems()).toEqual([]);
      await close();
    });

    it(`lets a viewer read a municipality's services (${viewport})`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS[viewport]);
      const problems = watchForErrors(page);
      const { email, password } = ACCOUNTS.viewer;
      await signIn(page, journey.app.url, email, password, '/arbeitsbereich/06435901');
      await page.getByRole('heading', { level: 1, name: MUNICIPALITY }).waitFor();
      await readServicesReadOnly(page, 'readonly-viewer', viewport);
      expect(problems()).toEqual([]);
      await close();
    });

    it(`shows an officer another municipality read-only, with the way back to their own (${viewport})`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS[viewport]);
      const problems = watchForErrors(page);
      const { email, password } = ACCOUNTS.officer;
      await signIn(page, journey.app.url, email, password, '/arbeitsbereich/06435902');
      await rows(page).first().waitFor();
      await expect(page.locator('.page-lead').textContent()).resolves.toContain('Nur zum Lesen');
      expect(await page.getByRole('button', { name: /bearbeiten$/ }).count()).toBe(0);
      expect(await page.getByRole('checkbox', { name: /auswählen$/ }).count()).toBe(0);
      expect(await page.getByLabel('Bearbeitete CSV-Datei prüfen').count()).toBe(0);
      await checkPage(page, `readonly-other-officer-${viewport}`, viewport);
      await page.locator('.page-lead').getByRole('link', { name: MUNICIPALITY }).click();
      await page.waitForURL((url) => url.pathname === '/arbeitsbereich/06435901');
      await page
        .getByRole('button', { name: /bearbeiten$/ })
        .first()
        .waitFor();
      expect(problems()).toEqual([]);
      await close();
    });

    it(`keeps the rows in place when the first row is ticked (${viewport})`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS[viewport]);
      const problems = watchForErrors(page);
      const { email, password } = ACCOUNTS.officer;
      await signIn(page, journey.app.url, email, password, '/arbeitsbereich/06435901');
      await rows(page).first().waitFor();
      await allLoaded(page);
      const first = rows(page).first();
      // In the middle of the window, wherever the header above the table ends: the bar below must not cover it.
      const centre = () => first.evaluate((row) => row.scrollIntoView({ block: 'center' }));
      await centre();
      // Where the row stands in the document, whatever the window's scroll position.
      const place = async () => {
        const box = await first.boundingBox();
        const scrollY = Number(await page.evaluate('window.scrollY'));
        return { top: (box?.y ?? Number.NaN) + scrollY, height: box?.height, scrollY };
      };
      const before = await place();
      await first.getByRole('checkbox').check();
      const bar = page.getByRole('form', { name: 'Sammelbearbeitung: 1 ausgewählt' });
      await bar.waitFor();
      const after = await place();
      expect(after).toEqual(before);
      // The bar is in view (sticky at the bottom of the window), not somewhere below the table.
      const barBox = await bar.boundingBox();
      expect((barBox?.y ?? Infinity) + (barBox?.height ?? 0)).toBeLessThanOrEqual(
        VIEWPORTS[viewport].height + 1,
      );
      await checkPage(page, `readonly-bulk-sticky-${viewport}`, viewport);
      // The full-page screenshot cannot show a sticky bar where it sticks: the window as the officer sees it.
      await page.screenshot({ path: join(SCREENSHOT_DIR, `readonly-bulk-sticky-window-${viewport}.png`) });
      // Folded, the bar only names the selection and leaves the ticked row visible; unfolded, its fields are back.
      await centre();
      await bar.getByRole('button', { name: 'Einklappen' }).click();
      await page.locator('#bulk-workflowState').waitFor({ state: 'hidden' });
      await page.screenshot({ path: join(SCREENSHOT_DIR, `readonly-bulk-folded-window-${viewport}.png`) });
      const folded = await bar.boundingBox();
      const row = await first.boundingBox();
      expect(folded?.height ?? Infinity).toBeLessThan(VIEWPORTS[viewport].height / 4);
      expect((row?.y ?? Infinity) + (row?.height ?? 0)).toBeLessThanOrEqual(folded?.y ?? 0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await bar.getByRole('button', { name: 'Änderung wählen' }).click();
      await page.locator('#bulk-workflowState').waitFor();
      expect(problems()).toEqual([]);
      await close();
    });
  }
});
