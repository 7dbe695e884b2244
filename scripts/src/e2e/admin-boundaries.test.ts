import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, screenshot, seriousAccessibilityViolations, VIEWPORTS, watchForErrors } from './browser';
import { startJourney } from './journey';
import { signIn } from './sign-in';

// The official file stays beside the checkout (../shared/data); it is read from there, never copied.
const HESSEN_KREISE = new URL('../../../../shared/data/hessen-kreise.geojson', import.meta.url).pathname;

const journey = startJourney();
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'ozg-e2e-upload-'));
});

afterAll(() => {
  if (scratch) rmSync(scratch, { recursive: true, force: true });
});

async function signInAsAdmin(page: Page) {
  await signIn(page, journey.app.url, 'admin@demo.example', 'demo-admin-2026', '/verwaltung/uploads');
  await page.getByRole('heading', { level: 1, name: 'Amtliche Dateien hochladen' }).waitFor();
}

/** The browser logs every 4xx answer as a console error; the refused upload is one the journey provokes. */
const unexpected = (problems: string[]) =>
  problems.filter((problem) => !/status of 422 \(Unprocessable (Content|Entity)\)/.test(problem));

describe('admin uploads boundaries and sees the map', () => {
  it('shows the tile map, refuses a broken file with its place, then draws the uploaded Kreise', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await signInAsAdmin(page);

    // Before any boundaries: the tile map of the 26 Kreise, no geodata needed.
    const tiles = page.locator('.tile-map-tile');
    await tiles.first().waitFor();
    expect(await tiles.count()).toBe(26);
    await screenshot(page, 'admin-uploads-tile-map-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const boundaries = page.getByRole('region', { name: 'Kreisgrenzen für die Karte' });
    // Nothing chosen: the form says what is missing.
    await boundaries.getByRole('button', { name: 'Kreisgrenzen hochladen' }).click();
    await expect(boundaries.getByRole('alert').textContent()).resolves.toContain('Bitte eine GeoJSON-Datei');

    // A broken file: refused, with the feature and the problem.
    const broken = join(scratch, 'kaputt.geojson');
    writeFileSync(
      broken,
      JSON.stringify({
        type: 'FeatureCollection',
        features: [
          {
            type: 'Feature',
            properties: { AGS: '06411', GEN: 'Darmstadt' },
            geometry: { type: 'Polygon', coordinates: [[[475000, 5550000]]] },
          },
        ],
      }),
    );
    await boundaries.getByLabel('GeoJSON-Datei').setInputFiles(broken);
    await boundaries.getByRole('button', { name: 'Kreisgrenzen hochladen' }).click();
    const failure = boundaries.locator('.import-failure');
    await failure.waitFor();
    const failureText = (await failure.textContent()) ?? '';
    expect(failureText).toContain('es wurde nichts geändert');
    expect(failureText).toContain('kaputt.geojson');
    expect(failureText).toContain('Objekt 1 (AGS 06411)');
    expect(failureText).toContain('liegt nicht in Längen-/Breitengrad');
    await screenshot(page, 'admin-uploads-error-desktop');

    // The official outlines of Hessen: imported, and the map draws them.
    await boundaries.getByLabel('GeoJSON-Datei').setInputFiles(HESSEN_KREISE);
    await boundaries.getByRole('button', { name: 'Kreisgrenzen hochladen' }).click();
    await boundaries.locator('.import-success').waitFor();
    await expect(boundaries.locator('.import-success').textContent()).resolves.toContain(
      'Kreisgrenzen übernommen: 26 Kreise (Land 06).',
    );
    const outlines = page.locator('svg.choropleth path');
    await outlines.first().waitFor();
    expect(await outlines.count()).toBe(26);
    expect(await page.locator('.tile-map-tile').count()).toBe(0);
    await expect(page.locator('.region-map-source').textContent()).resolves.toContain(
      '© GeoBasis-DE / BKG, Datei hessen-kreise.geojson',
    );
    // Every outline has a colour from the scale and a title with its figure.
    const titles = await page.locator('svg.choropleth path title').allTextContents();
    expect(titles.filter((title) => /: OZG-konform \d{1,3},\d\s%$/.test(title))).toHaveLength(26);
    await screenshot(page, 'admin-uploads-map-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The same figures as a table.
    await page.getByRole('button', { name: 'Tabelle' }).click();
    expect(await page.locator('.region-map .data-table tbody tr').count()).toBe(26);
    expect(await page.getByRole('button', { name: 'Tabelle' }).getAttribute('aria-pressed')).toBe('true');

    expect(unexpected(problems())).toEqual([]);
    await close();
  });

  it('shows the uploaded map on a phone, accessibly', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.mobile);
    const problems = watchForErrors(page);
    await signInAsAdmin(page);
    await page.locator('svg.choropleth path').first().waitFor();
    await screenshot(page, 'admin-uploads-map-mobile');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems()).toEqual([]);
    await close();
  });

  it('loads a successor list on the same page', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await signInAsAdmin(page);
    const card = page.getByRole('region', { name: 'Nachfolgerliste' });
    const list = join(scratch, 'aenderungen.csv');
    writeFileSync(list, 'old_ags,new_ags,date,kind\n06435014,06415000,01.01.2026,Schlüsseländerung\n');
    await card.getByLabel('Nachfolgerliste (CSV)').setInputFiles(list);
    await card.getByRole('button', { name: 'Nachfolgerliste hochladen' }).click();
    await card.locator('.import-success').waitFor();
    await expect(card.locator('.import-success').textContent()).resolves.toContain(
      'Nachfolgerliste übernommen: 1 Einträge (1 Schlüsseländerungen',
    );
    expect(problems()).toEqual([]);
    await close();
  });

  it('is not open to a viewer', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    await page.goto(`${journey.app.url}/anmelden`);
    await page.getByLabel('E-Mail-Adresse').fill('lesen@demo.example');
    await page.getByLabel('Passwort').fill('demo-lesen-2026');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.waitForURL((url) => url.pathname !== '/anmelden');
    await page.goto(`${journey.app.url}/verwaltung/uploads`);
    await page.getByRole('heading', { level: 1, name: 'Keine Berechtigung' }).waitFor();
    await close();
  });
});
