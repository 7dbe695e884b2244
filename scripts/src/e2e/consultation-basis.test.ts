import { CONSULTING_AREA_LABELS, type ConsultingArea, todayInGermany } from '@ozg/shared';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, seriousAccessibilityViolations, VIEWPORTS, watchForErrors } from './browser';
import { allLoaded, startJourney } from './journey';
import { signIn } from './sign-in';

/*
 * Issue 17: the officer fills in the Digitalisierungs-Check (with a draft in
 * between), the consultant offers the suggested module, records the
 * consultation and turns two quick wins into measures.
 */
const journey = startJourney();

const MUNICIPALITY = 'Alt-Musterbach, Stadt'; // the demo officer's Gemeinde 06435901
const OWN = '06435901';

async function checkPage(page: Page, name: string) {
  await allLoaded(page);
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), name).toEqual([]);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await page.getByRole('link', { name: 'Anmelden' }).waitFor();
}

/** Answers the questions of the given dimensions: the lowest answer for E-Akte and processes, else the fourth. */
async function answer(page: Page, dimensions: string[]) {
  for (const heading of dimensions) {
    const section = page
      .locator('section.check-dimension')
      .filter({ has: page.getByRole('heading', { name: heading }) });
    const questions = section.locator('fieldset');
    const low = heading === 'E-Akte und Schriftgut' || heading === 'Digitale Prozesse';
    for (let index = 0; index < (await questions.count()); index++) {
      const radios = questions.nth(index).getByRole('radio');
      await radios.nth(low ? 0 : Math.min(3, (await radios.count()) - 2)).check();
    }
  }
}

const DIMENSIONS = [
  'E-Akte und Schriftgut',
  'Digitale Prozesse',
  'IT-Infrastruktur',
  'IT-Sicherheit',
  'Personal und Kompetenzen',
  'Digitale Bürgerservices',
];

async function officerFillsInTheCheck(page: Page, viewport: string, repeat: boolean) {
  await signIn(page, journey.app.url, 'kommune@demo.example', 'demo-kommune-2026', '/beratung/meine');
  await page.getByRole('heading', { level: 1, name: `Beratung ${MUNICIPALITY}` }).waitFor();
  await allLoaded(page);
  await page.getByRole('link', { name: repeat ? 'Check wiederholen' : 'Check ausfüllen' }).click();
  await page.getByRole('heading', { level: 1, name: `Digitalisierungs-Check ${MUNICIPALITY}` }).waitFor();
  await allLoaded(page);
  await expect(page.locator('#check-progress').textContent()).resolves.toMatch(
    /^0 von 26 Fragen beantwortet/,
  );
  await checkPage(page, `check-form-${viewport}`);

  // Two dimensions, a draft, a reload: the answers are still there.
  await answer(page, DIMENSIONS.slice(0, 2));
  await page.getByRole('button', { name: 'Entwurf speichern' }).click();
  await page.getByRole('status').filter({ hasText: 'Entwurf gespeichert (9 von 26 beantwortet)' }).waitFor();
  await page.reload();
  await allLoaded(page);
  await expect(page.locator('#check-progress').textContent()).resolves.toMatch(
    /^9 von 26 Fragen beantwortet · Entwurf zuletzt gespeichert/,
  );

  // Submitting too early names the open questions and focuses the first.
  await page.getByRole('button', { name: 'Check einreichen' }).click();
  await page.getByRole('alert').filter({ hasText: 'Noch 17 Fragen offen' }).waitFor();
  await expect(page.evaluate(() => document.activeElement?.tagName)).resolves.toBe('FIELDSET');
  await screenshot(page, `check-form-missing-${viewport}`);

  await answer(page, DIMENSIONS.slice(2));
  await page.getByRole('button', { name: 'Check einreichen' }).click();
  const done = page.getByRole('status').filter({ hasText: 'Check eingereicht' });
  await expect(done.textContent()).resolves.toMatch(/Check eingereicht: \d+ von 100 Punkten/);
  await done.getByRole('link', { name: 'Ergebnis mit Vergleich ansehen' }).click();
  await page.getByRole('heading', { level: 1, name: `Beratung ${MUNICIPALITY}` }).waitFor();
  const result = page.getByRole('region', { name: `Check-Ergebnis von ${MUNICIPALITY} im Vergleich` });
  await result.getByRole('row', { name: /E-Akte und Schriftgut 0 / }).waitFor();
  await expect(result.getByRole('columnheader', { name: /Median im Land \(\d+\)/ }).count()).resolves.toBe(1);
  if (repeat) await expect(result.getByRole('row', { name: /^Gesamt \d+ \d+/ }).count()).resolves.toBe(1);
  await checkPage(page, `check-result-officer-${viewport}`);
  await signOut(page);
}

async function consultantOffersAndAdoptsQuickWins(page: Page, viewport: string, area: ConsultingArea) {
  const areaLabel = CONSULTING_AREA_LABELS[area];
  await signIn(
    page,
    journey.app.url,
    'beratung@demo.example',
    'demo-beratung-2026',
    `/beratung/kommune/${OWN}`,
  );
  await page.getByRole('heading', { level: 1, name: `Beratung ${MUNICIPALITY}` }).waitFor();
  await allLoaded(page);
  const offer = page
    .locator('.offer-list li')
    .filter({ hasText: areaLabel.replace('Verwaltungsdigitalisierung', 'Verwaltungs') });
  const select = page.getByLabel(`Modul ${areaLabel} für ${MUNICIPALITY}`, { exact: true });
  if (area === 'verwaltungsdigitalisierung') {
    await expect(offer.locator('.suggestion').textContent()).resolves.toContain(
      'Empfehlung: Niedriger Stand bei E-Akte und Prozessen: Modul „Digitale Verwaltungsprozesse“',
    );
    await expect(select.locator('option:checked').textContent()).resolves.toBe(
      'Digitale Verwaltungsprozesse (empfohlen)',
    );
  } else if ((await offer.locator('.suggestion').count()) > 0) {
    await expect(select.locator('option:checked').textContent()).resolves.toMatch(/\(empfohlen\)$/);
  }
  const chosen = ((await select.locator('option:checked').textContent()) ?? '').replace(' (empfohlen)', '');
  await checkPage(page, `basis-offer-${viewport}`);
  await page.getByRole('button', { name: `Beratung anbieten: ${areaLabel} für ${MUNICIPALITY}` }).click();
  await page
    .getByRole('status')
    .filter({ hasText: `Beratung „${chosen}“ angeboten` })
    .waitFor();

  // Schedule and record it today.
  const consultation = page.locator('article.consultation').filter({ hasText: `Bereich ${areaLabel}` });
  await consultation.getByRole('button', { name: 'Termin vereinbaren' }).click();
  await consultation.getByLabel('Termin', { exact: true }).fill(todayInGermany());
  await consultation.getByRole('button', { name: 'Speichern' }).click();
  await expect
    .poll(() => consultation.locator('.state-badge').first().textContent(), { timeout: 20_000 })
    .toBe('Terminiert');
  await consultation.getByRole('button', { name: 'Als durchgeführt erfassen' }).click();
  await consultation.getByLabel('Ergebnis', { exact: true }).fill('Check besprochen, Quick Wins vereinbart.');
  await consultation.getByRole('button', { name: 'Speichern' }).click();
  await expect
    .poll(() => consultation.locator('.state-badge').first().textContent(), { timeout: 20_000 })
    .toBe('Durchgeführt');

  // Two quick wins become measures of this consultation with one click each.
  const quickWins = page.getByRole('region', { name: 'Quick Wins' });
  await quickWins.getByText(/Wo Nutzungszahlen vorliegen, ist die Nachfrage/).waitFor();
  const adopt = quickWins.getByRole('button', { name: /als Maßnahme übernehmen$/ });
  const adopted: string[] = [];
  for (let round = 0; round < 2; round++) {
    const before = await adopt.count();
    const label = (await adopt.first().getAttribute('aria-label')) ?? '';
    adopted.push(label.replace(/ als Maßnahme übernehmen$/, ''));
    await adopt.first().click();
    await expect.poll(() => adopt.count(), { timeout: 20_000 }).toBe(before - 1);
  }
  for (const service of adopted) {
    await consultation.locator('li.measure').filter({ hasText: service }).waitFor();
    await expect(
      quickWins.locator('li').filter({ hasText: service }).locator('.badge').textContent(),
    ).resolves.toBe('Maßnahme: Offen');
  }
  await checkPage(page, `basis-quick-wins-${viewport}`);
  await signOut(page);
}

async function runJourney(
  browser: Browser,
  viewport: keyof typeof VIEWPORTS,
  area: ConsultingArea,
  repeat: boolean,
) {
  const { page, close } = await openPage(browser, VIEWPORTS[viewport]);
  const problems = watchForErrors(page);
  await officerFillsInTheCheck(page, viewport, repeat);
  await consultantOffersAndAdoptsQuickWins(page, viewport, area);
  expect(problems()).toEqual([]);
  await close();
}

describe('the consultation basis in the browser', () => {
  it('an officer fills in the check; the consultant offers the suggested module, records the consultation and turns two quick wins into measures, at 1440x900', async () => {
    await runJourney(journey.chromium.browser, 'desktop', 'verwaltungsdigitalisierung', false);
  }, 180_000);

  it('the officer repeats the check and sees the previous one; the consultant works in the other area, at 390x844', async () => {
    await runJourney(journey.chromium.browser, 'mobile', 'ozg', true);
  }, 180_000);
});
