import { CONSULTING_AREA_LABELS, type ConsultingArea } from '@ozg/shared';
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

const MUNICIPALITY = 'Alt-Musterbach, Stadt'; // the demo officer's Gemeinde 06435901

async function checkPage(page: Page, name: string) {
  await allLoaded(page);
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), name).toEqual([]);
  expect(await horizontalOverflow(page), `${name}: wider than the viewport`).toBe(0);
}

/** Each viewport asks in its own area: one consultation per municipality and area. */
const RUNS: { viewport: keyof typeof VIEWPORTS; area: ConsultingArea }[] = [
  { viewport: 'desktop', area: 'ozg' },
  { viewport: 'mobile', area: 'verwaltungsdigitalisierung' },
];

describe('a municipality asks for a consultation and the consultant sees it', () => {
  for (const { viewport, area } of RUNS) {
    const size = VIEWPORTS[viewport];
    it(`the officer requests one (${CONSULTING_AREA_LABELS[area]}) with a note; the worklist shows it as a request and pages its laggards, at ${size.width}x${size.height}`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, size);
      const problems = watchForErrors(page);
      const note = `Wir brauchen Hilfe beim Bereich ${CONSULTING_AREA_LABELS[area]} (${viewport}).`;

      await signIn(page, journey.app.url, 'kommune@demo.example', 'demo-kommune-2026', '/beratung/meine');
      await page.getByRole('heading', { level: 1, name: `Beratung ${MUNICIPALITY}` }).waitFor();
      await allLoaded(page);
      const form = page.getByRole('region', { name: 'Beratung anfragen' });
      await form.getByLabel('Bereich', { exact: true }).selectOption({ label: CONSULTING_AREA_LABELS[area] });
      const module = await form.getByLabel('Modul', { exact: true }).locator('option:checked').textContent();
      await form.getByLabel('Notiz an die Beratung (optional)').fill(note);
      await checkPage(page, `consulting-request-form-${viewport}`);
      await form.getByRole('button', { name: 'Beratung anfragen' }).click();
      await expect(form.getByRole('status').textContent()).resolves.toMatch(
        new RegExp(`^Beratung „${module}“ angefragt \\(Nr\\. \\d+\\)`),
      );
      const card = page
        .locator('article.consultation')
        .filter({ hasText: `Bereich ${CONSULTING_AREA_LABELS[area]}` })
        .filter({ hasText: note });
      await expect(card.textContent()).resolves.toContain('Von der Kommune angefragt am');
      await checkPage(page, `consulting-request-sent-${viewport}`);
      await page.getByRole('button', { name: 'Abmelden' }).click();
      await page.getByRole('link', { name: 'Anmelden' }).waitFor();

      // The consultant finds it at the top of the worklist, marked as a request.
      await signIn(page, journey.app.url, 'beratung@demo.example', 'demo-beratung-2026', '/beratung');
      await page.getByRole('heading', { level: 1, name: 'Arbeitsliste Beratung' }).waitFor();
      await allLoaded(page);
      const request = page.locator('.request-item').filter({ hasText: note });
      await expect(request.locator('.state-badge').textContent()).resolves.toBe('Anfrage');
      await expect(request.textContent()).resolves.toContain(MUNICIPALITY);
      await expect(request.textContent()).resolves.toContain(String(module));

      // The laggards come in pages of 20 with the count shown: the page stays short.
      const count = page.locator('.pager-count');
      const total = Number((/von (\d+) Kommunen/.exec((await count.textContent()) ?? '') ?? [])[1]);
      expect(total).toBeGreaterThan(20);
      await expect(count.textContent()).resolves.toMatch(
        new RegExp(`^1–20 von ${total} Kommunen · Seite 1 von ${Math.ceil(total / 20)}$`),
      );
      expect(await page.locator('.worklist-table tbody tr').count()).toBe(20);
      await checkPage(page, `consulting-worklist-paged-${viewport}`);
      const firstRow = await page.locator('.worklist-table tbody tr th').first().textContent();
      await page
        .getByRole('navigation', { name: 'Seiten der Arbeitsliste' })
        .getByRole('button', { name: 'Weiter' })
        .click();
      await page.waitForURL(/seite=2/);
      await expect(count.textContent()).resolves.toMatch(
        new RegExp(`^21–${Math.min(40, total)} von ${total} Kommunen`),
      );
      expect(await page.locator('.worklist-table tbody tr th').first().textContent()).not.toBe(firstRow);
      // A filter starts again on the first page.
      await page.getByLabel('Kreis', { exact: true }).selectOption({ label: 'Main-Kinzig-Kreis' });
      await page.waitForURL(
        (url) => url.searchParams.get('kreis') === '06435' && !url.searchParams.has('seite'),
      );
      await expect(count.textContent()).resolves.toMatch(/^1–/);
      expect(await request.count()).toBe(1);
      expect(problems()).toEqual([]);
      await close();
    }, 120_000);
  }
});
