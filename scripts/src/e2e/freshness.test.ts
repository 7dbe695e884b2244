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
import { signIn } from './sign-in';

const journey = startJourney();

const rows = (page: Page) => page.locator('.status-table tbody tr:not(.editor-row)');
/** "12 von 310 Leistungen länger als 90 Tage nicht bestätigt" → 12. */
async function staleCount(page: Page): Promise<number> {
  const text = (await page.locator('.freshness-badge .freshness-count').textContent()) ?? '';
  const match = /^([\d.]+) von/.exec(text);
  return match ? Number((match[1] ?? '').replace(/\./g, '')) : 0;
}

describe('provenance and freshness (decision 025)', () => {
  for (const [name, viewport] of Object.entries(VIEWPORTS)) {
    it(`the officer confirms statuses in bulk after a preview and the badge follows (${name})`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, viewport);
      const problems = watchForErrors(page);
      await signIn(page, journey.app.url, 'kommune@demo.example', 'demo-kommune-2026', '/arbeitsbereich');
      await page.getByRole('heading', { level: 1, name: 'Alt-Musterbach, Stadt' }).waitFor();
      const reminders = page.getByRole('region', { name: 'Zu erledigen' });
      await reminders.getByRole('link', { name: /länger als 90 Tage nicht bestätigt/ }).waitFor();
      await page
        .locator('.freshness-badge')
        .getByText(/zuletzt bestätigt/)
        .waitFor();
      await allLoaded(page);
      await screenshot(page, `freshness-start-${name}`);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      const before = await staleCount(page);
      expect(before).toBeGreaterThan(2);

      // The reminder opens the table filtered to the statuses not confirmed for 90 days.
      await reminders.getByRole('link', { name: /länger als 90 Tage nicht bestätigt/ }).click();
      await expect
        .poll(() => page.getByLabel('Nur länger als 90 Tage nicht bestätigte').isChecked())
        .toBe(true);
      await rows(page).first().waitFor();
      const boxes = rows(page).locator('.select-cell input[type="checkbox"]');
      for (const index of [0, 1, 2]) await boxes.nth(index).check();
      await page.getByRole('button', { name: '3 unverändert bestätigen …' }).click();
      const dialog = page.getByRole('dialog', { name: 'Vorschau: unverändert bestätigen' });
      await dialog.getByText('3 Leistungen werden als unverändert bestätigt').waitFor();
      await expect(dialog.locator('tbody tr').count()).resolves.toBe(3);
      await screenshot(page, `freshness-preview-${name}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await dialog.getByRole('button', { name: '3 bestätigen' }).click();
      await page.locator('.flash').getByText('3 Leistungen als unverändert bestätigt.').waitFor();
      await expect.poll(() => staleCount(page), { timeout: 20_000 }).toBe(before - 3);
      await page.locator('.freshness-badge').getByText('zuletzt bestätigt heute').waitFor();
      await screenshot(page, `freshness-confirmed-${name}`);
      expect(await horizontalOverflow(page)).toBe(0);

      // The filtered table drops the confirmed ones; then the editor names each stored value's source.
      await expect
        .poll(() => page.locator('.table-summary').textContent(), { timeout: 20_000 })
        .toMatch(new RegExp(`^${before - 3} Leistungen gefunden · Seite 1 von 1$`));
      await rows(page)
        .first()
        .getByRole('button', { name: /bearbeiten$/ })
        .click();
      const editor = page.locator('form.status-editor');
      await editor
        .locator('.field-source')
        .first()
        .getByText(/^Quelle: /)
        .waitFor();
      await screenshot(page, `freshness-editor-${name}`);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      await page.keyboard.press('Escape');
      expect(problems()).toEqual([]);
      await close();
    });

    it(`the ministry reads the Kommunen with stale statuses and picks another threshold (${name})`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, viewport);
      const problems = watchForErrors(page);
      await signIn(page, journey.app.url, 'admin@demo.example', 'demo-admin-2026', '/aktualitaet');
      await page.getByRole('heading', { level: 1, name: 'Nicht bestätigte Stände' }).waitFor();
      const table = page.getByRole('table', { name: /Kommunen mit Kreis/ });
      await table.locator('tbody tr').first().waitFor();
      const summary = page.locator('.table-summary');
      const at90 = await summary.textContent();
      await page.getByLabel('Nicht bestätigt seit mehr als').selectOption('30');
      await expect.poll(() => summary.textContent()).not.toBe(at90);
      await expect(summary.textContent()).resolves.toMatch(/länger als 30 Tage/);
      await page
        .getByRole('button', { name: /Kommune/ })
        .first()
        .click();
      await expect.poll(() => summary.textContent()).not.toMatch(/Wird aktualisiert/);
      const names = await table.locator('tbody th a').allTextContents();
      expect(names.length).toBeGreaterThan(1);
      await screenshot(page, `freshness-ministry-${name}`);
      expect(await horizontalOverflow(page)).toBe(0);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(problems()).toEqual([]);
      await close();
    });
  }
});
