import { CONSULTING_AREA_LABELS, type ConsultingArea, todayInGermany } from '@ozg/shared';
import type { Browser, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, seriousAccessibilityViolations, VIEWPORTS, watchForErrors } from './browser';
import { allLoaded, startJourney } from './journey';
import { signIn } from './sign-in';

const journey = startJourney();

const MUNICIPALITY = 'Alt-Musterbach, Stadt'; // the demo officer's Gemeinde 06435901, behind its peers
const KREIS = 'Main-Kinzig-Kreis';

async function checkPage(page: Page, name: string) {
  await allLoaded(page);
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), name).toEqual([]);
}

/** A date `days` from today in Germany, as the date inputs take it. */
function dayFromToday(days: number): string {
  const date = new Date(`${todayInGermany()}T12:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Abmelden' }).click();
  await page.getByRole('link', { name: 'Anmelden' }).waitFor();
}

/** The worklist of the demo Kreis, filtered to one area, as a consultant sees it. */
async function openWorklist(page: Page, area: ConsultingArea) {
  await signIn(page, journey.app.url, 'beratung@demo.example', 'demo-beratung-2026', '/beratung');
  await page.getByRole('heading', { level: 1, name: 'Arbeitsliste Beratung' }).waitFor();
  await allLoaded(page);
  await page.getByLabel('Kreis', { exact: true }).selectOption({ label: KREIS });
  await page.waitForURL(/kreis=06435/);
  await page.getByLabel('Bereich', { exact: true }).selectOption({ label: CONSULTING_AREA_LABELS[area] });
  await page.waitForURL(new RegExp(`kreis=06435&bereich=${area}`));
  // The filtered list replaces the whole Land's (kept on screen meanwhile): wait for its count.
  await expect
    .poll(() => page.locator('.pager-count').textContent(), { timeout: 15_000 })
    .toMatch(/^1–\d von \d Kommunen$/);
  await page.getByRole('row').filter({ hasText: MUNICIPALITY }).waitFor();
}

const offerButton = (page: Page, area: ConsultingArea) =>
  page.getByRole('button', {
    name: `Beratung anbieten: ${CONSULTING_AREA_LABELS[area]} für ${MUNICIPALITY}`,
  });

const consultationOf = (page: Page, area: ConsultingArea) =>
  page.locator('article.consultation').filter({ hasText: `Bereich ${CONSULTING_AREA_LABELS[area]}` });

const measure = (page: Page, title: string) => page.locator('li.measure').filter({ hasText: title });

/** Each viewport works in its own area: one consultation per municipality and area. */
const RUNS: { viewport: keyof typeof VIEWPORTS; area: ConsultingArea }[] = [
  { viewport: 'desktop', area: 'ozg' },
  { viewport: 'mobile', area: 'verwaltungsdigitalisierung' },
];

async function runJourney(browser: Browser, viewport: keyof typeof VIEWPORTS, area: ConsultingArea) {
  const size = VIEWPORTS[viewport];
  const { page, close } = await openPage(browser, size);
  const problems = watchForErrors(page);
  const areaLabel = CONSULTING_AREA_LABELS[area];

  // A second consultant with the same worklist open, to see the 409 when both offer.
  const other = await openPage(browser, size);
  await openWorklist(other.page, area);

  // The consultant offers a consultation from the worklist with one click.
  await openWorklist(page, area);
  await checkPage(page, `consulting-worklist-${viewport}`);
  await offerButton(page, area).click();
  const success = page.getByRole('status').filter({ hasText: 'angeboten' });
  await expect(success.textContent()).resolves.toMatch(
    new RegExp(`^${MUNICIPALITY}: Beratung „.+“ angeboten`),
  );
  await expect.poll(() => offerButton(page, area).count()).toBe(0);

  // The colleague's stale list: the offer is refused with the reason and a way to the consultations.
  await offerButton(other.page, area).click();
  const refusal = other.page.getByRole('alert');
  await expect(refusal.textContent()).resolves.toMatch(
    new RegExp(`Nicht angeboten: ${MUNICIPALITY} hat im Bereich ${areaLabel} bereits eine Beratung`),
  );
  await screenshot(other.page, `consulting-worklist-conflict-${viewport}`);
  await other.close();

  // Schedule it with a date and the consultant.
  await success.getByRole('link', { name: 'Termin vereinbaren' }).click();
  await page.getByRole('heading', { level: 1, name: `Beratung ${MUNICIPALITY}` }).waitFor();
  const consultation = consultationOf(page, area);
  await expect(consultation.locator('.state-badge').first().textContent()).resolves.toBe('Angefragt');
  await checkPage(page, `consulting-requested-${viewport}`);
  await consultation.getByRole('button', { name: 'Termin vereinbaren' }).click();
  // Today: a consultation cannot be recorded as held before its appointment (and it is held below).
  await consultation.getByLabel('Termin', { exact: true }).fill(dayFromToday(0));
  await expect(
    consultation
      .getByLabel('Beraterin oder Berater', { exact: true })
      .locator('option:checked')
      .textContent(),
  ).resolves.toBe('Beratung ekom21 (Demo)');
  await consultation.getByRole('button', { name: 'Speichern' }).click();
  await expect.poll(() => consultation.locator('.state-badge').first().textContent()).toBe('Terminiert');
  await expect(consultation.textContent()).resolves.toContain('Beratung ekom21 (Demo)');

  // Record it as held: today, with notes; the municipality's figures of the day are kept.
  await consultation.getByRole('button', { name: 'Als durchgeführt erfassen' }).click();
  await expect(consultation.getByLabel('Durchgeführt am', { exact: true }).inputValue()).resolves.toBe(
    todayInGermany(),
  );
  await consultation
    .getByLabel('Ergebnis', { exact: true })
    .fill('Online-Anträge priorisiert; Zuständigkeiten geklärt.');
  await consultation.getByRole('button', { name: 'Speichern' }).click();
  // Recording it as held also freezes the municipality's profile (PDF and XLSX, decision 018): seconds.
  await expect
    .poll(() => consultation.locator('.state-badge').first().textContent(), { timeout: 20_000 })
    .toBe('Durchgeführt');
  await expect(consultation.locator('.snapshot').textContent()).resolves.toMatch(
    /Stand der Kommune am \d\d\.\d\d\.\d{4}\d+ von \d+ Zielleistungen OZG-konform/,
  );

  // Two measures: one already overdue, one linked to a service.
  const overdueTitle = `Zuständigkeiten ${areaLabel} festlegen`;
  const linkedTitle = `Hundesteuer online anbieten (${areaLabel})`;
  await consultation.getByRole('button', { name: 'Maßnahme hinzufügen' }).click();
  await consultation.getByLabel('Titel der Maßnahme', { exact: true }).fill(overdueTitle);
  await consultation.getByLabel('Verantwortlich', { exact: true }).fill('Hauptamt');
  await consultation.getByLabel('Frist', { exact: true }).fill(dayFromToday(-3));
  await consultation.getByRole('button', { name: 'Maßnahme speichern' }).click();
  await measure(page, overdueTitle).waitFor();
  await consultation.getByLabel('Titel der Maßnahme', { exact: true }).fill(linkedTitle);
  await consultation.getByLabel('Verantwortlich', { exact: true }).fill('Ordnungsamt');
  await consultation.getByLabel('Frist', { exact: true }).fill(dayFromToday(60));
  await consultation.getByLabel('Leistung suchen (Name oder OZG-ID)', { exact: true }).fill('Hundesteuer');
  await consultation
    .getByRole('checkbox', { name: /Hundesteuer/ })
    .first()
    .check();
  await consultation.getByRole('button', { name: 'Maßnahme speichern' }).click();
  await measure(page, linkedTitle).waitFor();
  expect(await consultation.locator('li.measure').count()).toBe(2);
  await expect(measure(page, overdueTitle).locator('.badge-overdue').textContent()).resolves.toBe(
    'überfällig',
  );
  expect(await measure(page, linkedTitle).locator('.badge-overdue').count()).toBe(0);
  await expect(measure(page, linkedTitle).textContent()).resolves.toMatch(/Leistungen \(OZG-ID\)\d+/);
  await checkPage(page, `consulting-held-${viewport}`);
  await signOut(page);

  // The officer of the municipality sees the consultation and completes the overdue measure.
  await signIn(page, journey.app.url, 'kommune@demo.example', 'demo-kommune-2026', '/');
  await page
    .getByRole('navigation', { name: 'Hauptnavigation' })
    .getByRole('link', { name: 'Beratung', exact: true })
    .click();
  await page.getByRole('heading', { level: 1, name: `Beratung ${MUNICIPALITY}` }).waitFor();
  await allLoaded(page);
  const own = consultationOf(page, area);
  expect(await own.locator('li.measure').count()).toBe(2);
  expect(await page.getByRole('button', { name: 'Termin vereinbaren' }).count()).toBe(0);
  expect(await page.getByRole('button', { name: 'Maßnahme hinzufügen' }).count()).toBe(0);
  await measure(page, overdueTitle).getByLabel('Stand', { exact: true }).selectOption({ label: 'Erledigt' });
  await measure(page, overdueTitle).getByText('Erledigt am').waitFor();
  expect(await measure(page, overdueTitle).locator('.badge-overdue').count()).toBe(0);
  await checkPage(page, `consulting-officer-${viewport}`);
  await signOut(page);

  expect(problems()).toEqual([]);
  await close();
}

describe('the consulting programme in the browser', () => {
  for (const { viewport, area } of RUNS) {
    const size = VIEWPORTS[viewport];
    it(`a consultant offers, schedules and records a consultation (${CONSULTING_AREA_LABELS[area]}) with two measures; the officer completes one, at ${size.width}x${size.height}`, async () => {
      await runJourney(journey.chromium.browser, viewport, area);
    }, 120_000);
  }

  it('shows both versions when a measure was changed meanwhile, and reloads the current one', async () => {
    const stale = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const fresh = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    for (const { page } of [stale, fresh]) {
      await signIn(
        page,
        journey.app.url,
        'beratung@demo.example',
        'demo-beratung-2026',
        '/beratung/kommune/06435901',
      );
      await page.getByRole('heading', { level: 1, name: `Beratung ${MUNICIPALITY}` }).waitFor();
      await allLoaded(page);
    }
    const title = 'Hundesteuer online anbieten (OZG)';
    await measure(fresh.page, title)
      .getByLabel('Stand', { exact: true })
      .selectOption({ label: 'In Arbeit' });
    await expect
      .poll(() => measure(fresh.page, title).getByLabel('Stand', { exact: true }).inputValue())
      .toBe('in_progress');
    // The stale page still shows "Offen" and tries "Verworfen": the API answers 409 with the current record.
    await measure(stale.page, title)
      .getByLabel('Stand', { exact: true })
      .selectOption({ label: 'Verworfen' });
    const conflict = measure(stale.page, title).getByRole('alert');
    await expect(conflict.textContent()).resolves.toMatch(
      /Nicht gespeichert: Die Maßnahme wurde inzwischen von jemand anderem geändert.*Aktuelle FassungIn Arbeit, verantwortlich Ordnungsamt/,
    );
    await screenshot(stale.page, 'consulting-measure-conflict-desktop');
    expect(await seriousAccessibilityViolations(stale.page)).toEqual([]);
    await conflict.getByRole('button', { name: 'Aktuelle Fassung laden' }).click();
    await expect
      .poll(() => measure(stale.page, title).getByLabel('Stand', { exact: true }).inputValue())
      .toBe('in_progress');
    expect(await measure(stale.page, title).getByRole('alert').count()).toBe(0);
    await stale.close();
    await fresh.close();
  }, 90_000);

  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    it(`the ministry reads the report with uptake, measures and effect, at ${size.width}x${size.height}`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, size);
      const problems = watchForErrors(page);
      await signIn(page, journey.app.url, 'lesen@demo.example', 'demo-lesen-2026', '/beratung/bericht');
      await page.getByRole('heading', { level: 1, name: 'Beratungsbericht Hessen' }).waitFor();
      await allLoaded(page);
      const rows = page.locator('.uptake-table tbody tr');
      expect(await rows.count()).toBeGreaterThan(20);
      await expect(rows.filter({ hasText: KREIS }).textContent()).resolves.toMatch(/Landkreis|Kreis/);
      await page.locator('.recharts-surface').first().waitFor();
      await expect(page.locator('.method').textContent()).resolves.not.toBe('');
      const csv = page.getByRole('link', { name: 'CSV herunterladen' });
      const response = await page.request.get(`${journey.app.url}${await csv.getAttribute('href')}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toContain('text/csv');
      await checkPage(page, `consulting-report-${viewport}`);
      expect(problems()).toEqual([]);
      await close();
    }, 60_000);
  }

  it('the ministry adds a consulting module and takes one off the offer', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await signIn(
      page,
      journey.app.url,
      'admin@demo.example',
      'demo-admin-2026',
      '/verwaltung/beratungsmodule',
    );
    await page.getByRole('heading', { level: 1, name: 'Beratungsmodule' }).waitFor();
    await allLoaded(page);
    expect(await page.locator('li.module').count()).toBe(4);
    await page.getByLabel('Name', { exact: true }).fill('Digitale Bürgerdienste kompakt');
    await page.getByLabel('Bereich', { exact: true }).selectOption({ label: 'Verwaltungsdigitalisierung' });
    await page
      .getByLabel('Beschreibung', { exact: true })
      .fill('Ein halber Tag zu Terminbuchung und Bezahlfunktion.');
    await page.getByRole('button', { name: 'Modul anlegen' }).click();
    await page.getByRole('status').filter({ hasText: 'angelegt' }).waitFor();
    const added = page.locator('li.module').filter({ hasText: 'Digitale Bürgerdienste kompakt' });
    await added.waitFor();
    await added.getByRole('button', { name: /^Bearbeiten/ }).click();
    await added.getByLabel('Wird angeboten', { exact: true }).uncheck();
    await added.getByRole('button', { name: 'Speichern' }).click();
    await expect.poll(() => added.locator('.state-badge').textContent()).toBe('nicht angeboten');
    await checkPage(page, 'consulting-modules-desktop');
    expect(problems()).toEqual([]);
    await close();
  }, 60_000);
});
