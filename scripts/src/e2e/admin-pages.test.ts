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
import { startJourney } from './journey';
import { signIn } from './sign-in';

const journey = startJourney();

async function signInAsAdmin(page: Page, path: string, heading: string) {
  await signIn(page, journey.app.url, 'admin@demo.example', 'demo-admin-2026', path);
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
}

describe('admin pages', () => {
  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    it(`lists the users and the executing levels, accessibly, at ${size.width}x${size.height}`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, size);
      const problems = watchForErrors(page);
      await signInAsAdmin(page, '/verwaltung/benutzer', 'Benutzer und Gebiete');
      await page.locator('.users-table tbody tr').first().waitFor();
      expect(await page.locator('.users-table tbody tr').count()).toBe(5);
      await screenshot(page, `admin-users-${viewport}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      await page
        .getByRole('navigation', { name: 'Verwaltung' })
        .getByRole('link', { name: 'Ebenen und Ausnahmen' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Ausführende Ebenen und Ausnahmen' }).waitFor();
      await page.locator('.levels-table tbody tr').first().waitFor();
      await screenshot(page, `admin-levels-${viewport}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      // One entry in the main navigation leads to the overview of the administration.
      await page
        .getByRole('navigation', { name: 'Hauptnavigation' })
        .getByRole('link', { name: 'Verwaltung' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Verwaltung' }).waitFor();
      expect(await page.locator('.admin-cards > li').count()).toBe(5); // files, levels, users, consulting modules, audit trail
      await screenshot(page, `admin-home-${viewport}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(problems()).toEqual([]);
      await close();
    });
  }

  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    it(`styles /verwaltung and /verwaltung/beratungsmodule when opened directly, at ${size.width}x${size.height}`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, size);
      const problems = watchForErrors(page);
      await signInAsAdmin(page, '/verwaltung/benutzer', 'Benutzer und Gebiete');
      for (const [path, heading, name] of [
        ['/verwaltung', 'Verwaltung', 'admin-direct-home'],
        ['/verwaltung/beratungsmodule', 'Beratungsmodule', 'admin-direct-modules'],
      ] as const) {
        // A full page load, not a navigation within the app: only this page's stylesheets are there.
        await page.goto(`${journey.app.url}${path}`);
        await page.getByRole('heading', { level: 1, name: heading }).waitFor();
        await page.locator('.admin-nav, .admin-cards').first().waitFor();
        if (path.endsWith('beratungsmodule')) await page.locator('.module-list > li').first().waitFor();
        // Styled: the tabs or cards are laid out without bullets and their links carry the brand colour, not the browser's blue.
        const style = (selector: string, property: string) =>
          page.evaluate(`getComputedStyle(document.querySelector(${JSON.stringify(selector)})).${property}`);
        const list = (await page.locator('.admin-nav ul').count()) > 0 ? '.admin-nav ul' : '.admin-cards';
        expect(await style(list, 'listStyleType')).toBe('none');
        expect(['flex', 'grid']).toContain(await style(list, 'display'));
        expect(await style(`${list} a`, 'color')).not.toBe('rgb(0, 0, 238)');
        await screenshot(page, `${name}-${viewport}`);
        expect(await seriousAccessibilityViolations(page)).toEqual([]);
        expect(await horizontalOverflow(page)).toBe(0);
      }
      expect(problems()).toEqual([]);
      await close();
    });
  }

  it('sets the executing level of two selected services at once and saves both', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await signInAsAdmin(page, '/verwaltung/ebenen', 'Ausführende Ebenen und Ausnahmen');
    const rows = page.locator('.levels-table tbody tr');
    await rows.first().waitFor();
    const names = (await rows.locator('th').allTextContents()).slice(0, 2);
    for (const name of names) await page.getByRole('checkbox', { name: `${name} auswählen` }).check();
    await page.getByLabel('Ebene für die Auswahl').selectOption('kreis');
    await page.getByRole('button', { name: 'Für Auswahl setzen' }).click();
    expect(await page.locator('.row-changed').count()).toBe(2);
    await page.getByRole('button', { name: 'Änderungen speichern (2)' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Leistungen geändert' }).textContent(),
    ).resolves.toMatch(/^2 Leistungen geändert/);
    for (const name of names) {
      expect(await page.getByLabel(`Ausführende Ebene von ${name}`).inputValue()).toBe('kreis');
    }
    expect(await page.locator('.row-changed').count()).toBe(0);
    expect(problems()).toEqual([]);
    await close();
  });

  it('adds an exception for a Gemeinde with a reason, shows it and removes it', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await signInAsAdmin(page, '/verwaltung/ebenen', 'Ausführende Ebenen und Ausnahmen');
    await page.getByLabel('Kommune (AGS)').fill('06435901');
    await page.getByRole('button', { name: 'Ausnahmen anzeigen' }).click();
    await page.getByText('Für 06435901 gibt es keine Ausnahmen').waitFor();
    await page.getByLabel('Begründung').fill('Sonderregelung laut Erlass vom 01.02.2025');
    await page.getByRole('radio', { name: /müssen die Leistung nicht anbieten/ }).check();
    await page.getByRole('button', { name: 'Ausnahme speichern' }).click();
    await page.getByText('Gespeichert für 06435901.').waitFor();
    const exceptionRow = page.locator('tr', { hasText: 'Sonderregelung laut Erlass' });
    await exceptionRow.waitFor();
    expect(await exceptionRow.textContent()).toContain('muss nicht anbieten');
    await screenshot(page, 'admin-exceptions-desktop');
    await exceptionRow.getByRole('button', { name: 'Entfernen' }).click();
    await page.getByText('Für 06435901 gibt es keine Ausnahmen').waitFor();
    expect(problems()).toEqual([]);
    await close();
  });
});
