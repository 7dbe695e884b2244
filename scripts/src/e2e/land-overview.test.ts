import type { Page } from 'playwright-core';
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

/** Until no block of the page shows "… wird geladen" any more. */
const allLoaded = (page: Page) =>
  expect.poll(() => page.locator('.state-loading').count(), { timeout: 30_000 }).toBe(0);

/** Waits until a page has settled (no "wird geladen" left), then checks it with axe and saves a screenshot. */
async function checkPage(page: Page, name: string) {
  await allLoaded(page);
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), name).toEqual([]);
}

const section = (page: Page, heading: RegExp | string) =>
  page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: heading }) });

describe('the ministry reads the Land overview and drills down to a Gemeinde', () => {
  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    it(`signs in as a reader, reads Hessen, goes Bezirk > Kreis > Gemeinde and back in time, at ${size.width}x${size.height}`, async () => {
      const { page, close } = await openPage(chromium.browser, size);
      const problems = watchForErrors(page);

      // Sign in from the header.
      await page.goto(app.url);
      await page.getByRole('link', { name: 'Anmelden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      await checkPage(page, `sign-in-${viewport}`);
      await page.getByLabel('E-Mail-Adresse').fill('lesen@demo.example');
      await page.getByLabel('Passwort').fill('demo-lesen-2026');
      await page.getByRole('button', { name: 'Anmelden' }).click();

      // The Land overview: tiles, the course with the deadline, Bezirke and Kreise compared, Themenfelder.
      await page.getByRole('heading', { level: 1, name: 'Hessen' }).waitFor();
      await expect(page.locator('.account-name').textContent()).resolves.toContain('Lesezugriff');
      await expect(page.getByRole('note').textContent()).resolves.toContain('Demo-Daten');
      const tiles = page.locator('.tile');
      await tiles.nth(4).waitFor();
      const tileTexts = await tiles.allTextContents();
      expect(tileTexts).toHaveLength(5);
      expect(tileTexts[0]).toMatch(/^OZG-konform\d{1,2},\d\s%[\d.]+ von [\d.]+ Zielleistungen/);
      expect(tileTexts[4]).toMatch(/^In 30 Tagen aktualisiert/);
      await section(page, 'Verlauf und Prognose')
        .getByText(/^Zur Frist am/)
        .waitFor();
      await expect(section(page, 'Verlauf und Prognose').textContent()).resolves.toMatch(
        /Zur Frist am 31\.12\.2022 waren \d{1,2},\d\s% der Zielleistungen OZG-konform/,
      );
      await section(page, 'Kreise und kreisfreie Städte im Vergleich').locator('tbody tr').nth(25).waitFor();
      expect(await section(page, 'Regierungsbezirke im Vergleich').locator('tbody tr').count()).toBe(3);
      expect(
        await section(page, 'Kreise und kreisfreie Städte im Vergleich').locator('tbody tr').count(),
      ).toBe(26);
      expect(await section(page, 'Themenfelder nach Reifegrad').locator('tbody tr').count()).toBeGreaterThan(
        3,
      );
      await page.locator('.recharts-surface').nth(2).waitFor();
      await checkPage(page, `land-overview-${viewport}`);

      // Drill down: Regierungsbezirk, Kreis, Gemeinde, each with breadcrumbs back to the Land.
      await section(page, 'Regierungsbezirke im Vergleich')
        .getByRole('link', { name: 'Regierungsbezirk Darmstadt' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Regierungsbezirk Darmstadt' }).waitFor();
      const crumbs = page.getByRole('navigation', { name: 'Brotkrümelpfad' });
      await expect(crumbs.textContent()).resolves.toBe('HessenRegierungsbezirk Darmstadt');
      await section(page, 'Kreise und kreisfreie Städte').locator('tbody tr').first().waitFor();
      await checkPage(page, `region-bezirk-${viewport}`);

      await section(page, 'Kreise und kreisfreie Städte')
        .getByRole('link', { name: 'Main-Kinzig-Kreis' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Main-Kinzig-Kreis' }).waitFor();
      const gemeinden = section(page, 'Städte und Gemeinden');
      await gemeinden.locator('tbody tr').first().waitFor();
      await checkPage(page, `region-kreis-${viewport}`);

      const gemeindeLink = gemeinden.locator('tbody th a').first();
      const gemeindeName = (await gemeindeLink.textContent()) ?? '';
      await gemeindeLink.click();
      await page.getByRole('heading', { level: 1, name: gemeindeName }).waitFor();
      await expect(crumbs.textContent()).resolves.toBe(
        `HessenRegierungsbezirk DarmstadtMain-Kinzig-Kreis${gemeindeName}`,
      );
      const peers = section(page, /Im Vergleich mit den Gemeinden in Main-Kinzig-Kreis/);
      await expect(peers.locator('p').first().textContent()).resolves.toMatch(
        new RegExp(`${gemeindeName} steht auf Rang \\d+ von \\d+`),
      );
      await expect(peers.locator('tr.row-current th').textContent()).resolves.toContain(gemeindeName);
      await checkPage(page, `region-gemeinde-${viewport}`);
      const todayShare = await tiles.first().locator('.tile-value').textContent();

      // Back in time: the Gemeinde on the deadline day.
      await page.getByLabel('Stand am').fill('2022-12-31');
      await page.getByRole('button', { name: 'Anzeigen' }).click();
      await page.waitForURL(/stand=2022-12-31/);
      await expect(page.locator('.region-facts').textContent()).resolves.toContain('Stand 31.12.2022');
      await allLoaded(page);
      expect(await tiles.count()).toBe(4);
      expect(await tiles.first().locator('.tile-value').textContent()).not.toBe(todayShare);

      // The breadcrumb leads back up, keeping the date.
      await crumbs.getByRole('link', { name: 'Main-Kinzig-Kreis' }).click();
      await page.getByRole('heading', { level: 1, name: 'Main-Kinzig-Kreis' }).waitFor();
      expect(page.url()).toContain('/regionen/06435?stand=2022-12-31');

      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.getByRole('link', { name: 'Anmelden' }).waitFor();
      expect(problems()).toEqual([]);
      await close();
    });
  }

  it('says plainly when the password is wrong, and stays on the sign-in page', async () => {
    const { page, close } = await openPage(chromium.browser, VIEWPORTS.mobile);
    // No watchForErrors here: the browser logs the API's 401 for the wrong password as a console error.
    await page.goto(`${app.url}/anmelden?weiter=/regionen/06435`);
    await page.getByLabel('E-Mail-Adresse').fill('lesen@demo.example');
    await page.getByLabel('Passwort').fill('falsches-passwort');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toBe('E-Mail-Adresse oder Passwort ist falsch.');
    expect(await page.evaluate("document.activeElement?.getAttribute('role')")).toBe('alert');
    await checkPage(page, 'sign-in-error-mobile');
    await page.getByLabel('Passwort').fill('demo-lesen-2026');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Main-Kinzig-Kreis' }).waitFor();
    await close();
  });

  it('sorts the Kreise by population with the keyboard', async () => {
    const { page, close } = await openPage(chromium.browser, VIEWPORTS.desktop);
    await page.goto(app.url);
    const kreise = section(page, 'Kreise und kreisfreie Städte im Vergleich');
    await kreise.locator('tbody tr').nth(25).waitFor();
    const populationHeader = kreise.getByRole('button', { name: /^Einwohner/ });
    await populationHeader.focus();
    await page.keyboard.press('Enter');
    expect(await kreise.locator('tbody tr th a').first().textContent()).toBe('Frankfurt am Main, Stadt');
    expect(await kreise.locator('th[aria-sort="descending"]').textContent()).toContain('Einwohner');
    await page.keyboard.press('Enter');
    expect(await kreise.locator('th[aria-sort="ascending"]').textContent()).toContain('Einwohner');
    expect(await kreise.locator('tbody tr th a').first().textContent()).toBe('Hochtaunuskreis');
    await close();
  });
});
