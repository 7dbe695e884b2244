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
import { allLoaded, download, startJourney } from './journey';

const journey = startJourney();

/** Waits until a page has settled (no "wird geladen" left), then checks it with axe and saves a screenshot. */
async function checkPage(page: Page, name: string) {
  await allLoaded(page);
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), name).toEqual([]);
}

/** The region's key figures only: the key-date panel further down has tiles of its own, which may load first. */
const kpiTiles = (page: Page) => page.locator('section[aria-labelledby="kennzahlen"] .tile');
const section = (page: Page, heading: RegExp | string) =>
  page.locator('section').filter({ has: page.getByRole('heading', { level: 2, name: heading }) });

/**
 * Charts, tables and the map name a region alike, with the shared short names:
 * "Reg.-Bez. Darmstadt", the Landkreis "Lkr. Kassel" beside the city "Kassel".
 */
async function expectSharedShortNames(page: Page) {
  const bezirke = section(page, 'Regierungsbezirke im Vergleich');
  const kreise = section(page, 'Kreise und kreisfreie Städte im Vergleich');
  const tickTexts = async (block: ReturnType<typeof section>) => {
    await block.locator('text.wrapped-tick').first().waitFor();
    return (
      block
        .locator('text.wrapped-tick')
        // A wrapped label is one <tspan> a line: joined with a space, or without one after a hyphen.
        .evaluateAll((texts) =>
          texts.map((text) => {
            const lines = [...text.querySelectorAll('tspan')].map((line) => line.textContent ?? '');
            return lines.length === 0
              ? (text.textContent ?? '')
              : lines.reduce(
                  (label, line) => (label === '' || label.endsWith('-') ? label + line : `${label} ${line}`),
                  '',
                );
          }),
        )
    );
  };
  const tableNames = (block: ReturnType<typeof section>) => block.locator('tbody th a').allTextContents();
  const bezirkTicks = await tickTexts(bezirke);
  expect(bezirkTicks).toContain('Reg.-Bez. Darmstadt');
  expect([...bezirkTicks].sort()).toEqual([...(await tableNames(bezirke))].sort());
  const kreisTicks = await tickTexts(kreise);
  expect(kreisTicks).toEqual(expect.arrayContaining(['Lkr. Kassel', 'Kassel', 'Lkr. Offenbach']));
  expect([...kreisTicks].sort()).toEqual([...(await tableNames(kreise))].sort());
  const tileNames = (await page.locator('.tile-map-name').allTextContents()).map((name) =>
    name.replace(/\u00ad/g, ''),
  );
  expect([...tileNames].sort()).toEqual([...kreisTicks].sort());
}

/** At 390 px: chart text at least 12 px and inside its chart, map tiles not clipped, table cells not cut. */
async function expectNothingCut(page: Page) {
  const problems = await page.evaluate(() => {
    const found: string[] = [];
    if (document.documentElement.scrollWidth > window.innerWidth)
      found.push(`the page is ${document.documentElement.scrollWidth} px wide`);
    for (const chart of document.querySelectorAll('.chart')) {
      const box = chart.getBoundingClientRect();
      for (const text of chart.querySelectorAll('text')) {
        const size = Number.parseFloat(getComputedStyle(text).fontSize);
        const t = text.getBoundingClientRect();
        const label = text.textContent ?? '';
        if (label && size < 12) found.push(`chart text "${label}" is ${size} px`);
        if (label && (t.left < box.left - 0.5 || t.right > box.right + 0.5))
          found.push(`chart text "${label}" leaves its chart`);
      }
    }
    for (const tile of document.querySelectorAll<HTMLElement>('.tile-map-tile')) {
      const name = tile.querySelector<HTMLElement>('.tile-map-name');
      if (tile.scrollHeight > tile.clientHeight + 1 || tile.scrollWidth > tile.clientWidth + 1)
        found.push(`map tile "${tile.textContent}" is clipped`);
      if (name && name.scrollWidth > name.clientWidth + 1)
        found.push(`map name "${name.textContent}" is cut`);
    }
    for (const cell of document.querySelectorAll<HTMLElement>('.data-table td, .data-table th')) {
      if (cell.offsetParent !== null && cell.scrollWidth > cell.clientWidth + 1)
        found.push(`table cell "${cell.textContent}" is cut`);
    }
    return found;
  });
  expect(problems).toEqual([]);
}

describe('the ministry reads the Land overview and drills down to a Gemeinde', () => {
  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    it(`signs in as a reader, reads Hessen, goes Bezirk > Kreis > Gemeinde and back in time, at ${size.width}x${size.height}`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, size);
      const problems = watchForErrors(page);

      // Sign in from the header.
      await page.goto(journey.app.url);
      await page.getByRole('link', { name: 'Anmelden' }).click();
      await page.getByRole('heading', { level: 1, name: 'Anmelden' }).waitFor();
      await checkPage(page, `sign-in-${viewport}`);
      await page.getByLabel('E-Mail-Adresse').fill('lesen@demo.example');
      await page.getByLabel('Passwort').fill('demo-lesen-2026');
      await page.getByRole('button', { name: 'Anmelden' }).click();

      // The Land overview: tiles, the course with the deadline, Bezirke and Kreise compared, Themenfelder.
      await page.getByRole('heading', { level: 1, name: 'Hessen' }).waitFor();
      await expect(page.locator('.account-name').textContent()).resolves.toContain('Lesezugriff');
      await expect(
        page.getByRole('complementary', { name: 'Hinweis auf Demo-Daten' }).textContent(),
      ).resolves.toContain('Demo-Daten');
      const tiles = kpiTiles(page);
      await tiles.nth(4).waitFor();
      const tileTexts = await tiles.allTextContents();
      expect(tileTexts).toHaveLength(5);
      expect(tileTexts[0]).toMatch(/^OZG-konform\d{1,2},\d\s%[\d.]+ von [\d.]+ Zielleistungen/);
      expect(tileTexts[4]).toMatch(/^Aktualisiert in den letzten 30 Tagen/);
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
      await expectSharedShortNames(page);
      if (viewport === 'mobile') await expectNothingCut(page);

      // Every table and chart can be exported as the page shows it: the Bezirke as CSV for German Excel.
      const bezirke = section(page, 'Regierungsbezirke im Vergleich');
      await bezirke
        .getByRole('link', { name: 'Regierungsbezirke als CSV exportieren' })
        .scrollIntoViewIfNeeded();
      // The block alone, to check that the links fit beside the table at 390 px.
      await bezirke.screenshot({ path: join(SCREENSHOT_DIR, `land-overview-export-${viewport}.png`) });
      const csv = await download(page, 'Regierungsbezirke als CSV exportieren', bezirke);
      expect(csv.name).toMatch(/^gebiete-06-\d{4}-\d{2}-\d{2}\.csv$/);
      const lines = csv.bytes
        .toString('utf8')
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      expect(lines).toHaveLength(4);
      expect(lines[1]).toMatch(/^\d;06\d;Regierungsbezirk [^;]+;Regierungsbezirk;\d+;\d+;\d+;/);
      expect(lines[1]).toMatch(/;\d{1,2},\d;/);
      const xlsx = await download(page, 'Themenfelder nach Reifegrad als Excel-Datei exportieren');
      expect(xlsx.name).toMatch(/^kennzahlen-06-.*\.xlsx$/);
      expect(xlsx.bytes.subarray(0, 2).toString('latin1')).toBe('PK');
      await expect(
        page
          .getByRole('link', { name: 'Kreise und kreisfreie Städte als CSV exportieren' })
          .getAttribute('href'),
      ).resolves.toBe('/api/v1/regions/06/children/progress?level=kreis&format=csv');
      expect(await page.getByRole('link', { name: 'Verlauf als Excel-Datei exportieren' }).count()).toBe(1);

      // Drill down: Regierungsbezirk, Kreis, Gemeinde, each with breadcrumbs back to the Land.
      await section(page, 'Regierungsbezirke im Vergleich')
        .getByRole('link', { name: 'Reg.-Bez. Darmstadt' })
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
      // The table shows the short name ("Hanau"), the breadcrumb the official one ("Hanau, Brüder-Grimm-Stadt").
      await expect(crumbs.textContent()).resolves.toMatch(
        new RegExp(`^HessenRegierungsbezirk DarmstadtMain-Kinzig-Kreis${gemeindeName}`),
      );
      const peers = section(page, /Im Vergleich mit den Gemeinden im Main-Kinzig-Kreis/);
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

  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    it(`reads Hessen as of the deadline day: figures, chart and map of that day, at ${size.width}x${size.height}`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, size);
      const problems = watchForErrors(page);
      await page.goto(`${journey.app.url}/?stand=2022-12-31`);
      await page.getByRole('heading', { level: 1, name: 'Hessen' }).waitFor();
      await allLoaded(page);
      const tiles = kpiTiles(page);
      await tiles.nth(3).waitFor();
      const values = await tiles.locator('.tile-value').allTextContents();
      // On the deadline day everything OZG-konform went online by the deadline, and nothing was late yet.
      expect(values[2]).toBe(values[0]);
      expect(await tiles.nth(3).textContent()).not.toContain('verspätete');
      const course = section(page, 'Verlauf und Prognose');
      await expect(course.textContent()).resolves.toMatch(
        /^Verlauf und Prognose(?:Exportieren:.*?Excel)?Zur Frist am 31\.12\.2022 waren \d{1,2},\d\s% der Zielleistungen OZG-konform\.Prognose/,
      );
      await expect(course.locator('table tbody tr').last().locator('th').textContent()).resolves.toBe(
        '31.12.2022',
      );
      await page.getByRole('heading', { name: 'OZG-konform je Kreis am 31.12.2022' }).waitFor();
      await page.locator('.recharts-surface').first().waitFor();
      await page.getByText('So wird gezählt').click();
      await expect(page.locator('.methodology').textContent()).resolves.toMatch(
        /Gezählt werden [\d.]+ Verwaltungen: Gemeinden und Landkreise \(für ihre eigenen Aufgaben\) mit mindestens einer Zielleistung an diesem Tag\..*Stand am 31\.12\.2022/,
      );
      await checkPage(page, `land-overview-asof-${viewport}`);
      expect(problems()).toEqual([]);
      await close();
    });
  }

  for (const [viewport, size] of Object.entries(VIEWPORTS)) {
    it(`finds a Kreis and a service with the search, filters the catalogue and reads a service's coverage, at ${size.width}x${size.height}`, async () => {
      const { page, close } = await openPage(journey.chromium.browser, size);
      const problems = watchForErrors(page);
      await page.goto(journey.app.url);
      await page.getByRole('heading', { level: 1, name: 'Hessen' }).waitFor();

      // Search by name: the Kreis and the kreisfreie Stadt named Kassel, the Regierungsbezirk after them.
      const searchField = page.getByRole('searchbox', { name: 'Gebiet oder Leistung suchen' });
      await searchField.fill('Kassel');
      await searchField.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Suche: „Kassel“' }).waitFor();
      const regionHits = section(page, /^Gebiete/).locator('li');
      await regionHits.first().waitFor();
      expect(await regionHits.first().textContent()).toMatch(/^KasselLandkreis · AGS 06633/);
      await checkPage(page, `search-${viewport}`);

      // Search by OZG-ID finds the service; its page shows the coverage in Hessen.
      await searchField.fill('99001');
      await searchField.press('Enter');
      await page.getByRole('heading', { level: 1, name: 'Suche: „99001“' }).waitFor();
      await section(page, /^Leistungen/)
        .getByRole('link', { name: 'Wohnsitzanmeldung' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Wohnsitzanmeldung' }).waitFor();
      await section(page, 'Lösungen im Einsatz').locator('tbody tr').first().waitFor();
      await expect(page.locator('.tile').first().textContent()).resolves.toMatch(
        /^Anteil der Verwaltungen\d{1,3},\d\s%\d+ von \d+ bieten sie OZG-konform an/,
      );
      expect(await section(page, 'Lösungen im Einsatz').textContent()).toContain('civento (ekom21)');
      const byBezirk = section(page, 'Nach Gebieten in Hessen');
      await byBezirk.locator('tbody tr').nth(2).waitFor();
      await checkPage(page, `service-${viewport}`);

      // One level down: the service in a Regierungsbezirk, by Kreis.
      await byBezirk.getByRole('link', { name: 'Regierungsbezirk Kassel' }).click();
      await page
        .getByRole('heading', { level: 2, name: /^Verbreitung im Regierungsbezirk Kassel/ })
        .waitFor();
      await section(page, 'Nach Gebieten in Regierungsbezirk Kassel').locator('tbody tr').nth(4).waitFor();
      // The export is of what the page shows: this service in this Regierungsbezirk.
      await expect(
        page
          .getByRole('link', { name: 'Verbreitung im Regierungsbezirk Kassel als CSV exportieren' })
          .getAttribute('href'),
      ).resolves.toBe('/api/v1/services/99001/coverage?region=066&format=csv');

      // The catalogue, filtered by Themenfeld and text; the filters stay in the URL.
      await page
        .getByRole('navigation', { name: 'Hauptnavigation' })
        .getByRole('link', { name: 'Leistungen' })
        .click();
      await page.getByRole('heading', { level: 1, name: 'Leistungskatalog' }).waitFor();
      await page.getByRole('heading', { level: 2, name: /^\d+ Leistungen$/ }).waitFor();
      const all = Number(
        (await page.getByRole('heading', { level: 2, name: /Leistungen$/ }).textContent())?.split(' ')[0],
      );
      await page.getByLabel('Themenfeld').selectOption('Bauen & Wohnen');
      await page.waitForURL(/themenfeld=Bauen/);
      await page.getByRole('heading', { level: 2, name: /^\d+ Leistung(en)?$/ }).waitFor();
      await expect.poll(() => page.locator('tbody tr').count(), { timeout: 20_000 }).toBeLessThan(all);
      const themenfelder = await page.locator('tbody tr td:nth-child(3)').allTextContents();
      expect(new Set(themenfelder)).toEqual(new Set(['Bauen & Wohnen']));
      await checkPage(page, `catalogue-${viewport}`);
      await page.getByLabel('Name oder OZG-ID').fill('gibt es nicht');
      await page.getByRole('button', { name: 'Filtern' }).click();
      await page.getByText('Keine Leistung passt zu diesen Filtern.').waitFor();
      await page.getByRole('button', { name: 'Alle Filter zurücksetzen' }).click();
      await page.getByRole('heading', { level: 2, name: `${all} Leistungen` }).waitFor();

      expect(problems()).toEqual([]);
      await close();
    });
  }

  it('says plainly when the password is wrong; the officer then signs in and finds their Gemeinde in the header', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.mobile);
    // No watchForErrors here: the browser logs the API's 401 for the wrong password as a console error.
    await page.goto(`${journey.app.url}/anmelden?weiter=/regionen/06435`);
    await page.getByLabel('E-Mail-Adresse').fill('lesen@demo.example');
    await page.getByLabel('Passwort').fill('falsches-passwort');
    await page.keyboard.press('Enter');
    const alert = page.getByRole('alert');
    await expect(alert.textContent()).resolves.toBe('E-Mail-Adresse oder Passwort ist falsch.');
    expect(await page.evaluate("document.activeElement?.getAttribute('role')")).toBe('alert');
    await checkPage(page, 'sign-in-error-mobile');
    await page.getByLabel('E-Mail-Adresse').fill('kommune@demo.example');
    await page.getByLabel('Passwort').fill('demo-kommune-2026');
    await page.getByRole('button', { name: 'Anmelden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Main-Kinzig-Kreis' }).waitFor();
    // An officer finds the Gemeinde in their care in the header.
    await expect(page.locator('.account-role').textContent()).resolves.toMatch(/^Kommune \(Bearbeitung\) · /);
    await page.locator('.account-region').click();
    await page.waitForURL(/\/regionen\/06435901$/);
    await page.getByRole('heading', { level: 1 }).waitFor();
    expect(await page.locator('.eyebrow').textContent()).toContain('AGS 06435901');
    await close();
  });

  it('explains a Land without loaded regions and an unknown path instead of failing', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await page.goto(`${journey.app.url}/?land=09`);
    await page.getByRole('heading', { level: 1, name: 'Keine Gebiete geladen' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('pnpm ozg import gv100');
    await page.goto(`${journey.app.url}/gibt-es-nicht`);
    await page.getByRole('heading', { level: 1, name: 'Seite nicht gefunden' }).waitFor();
    await page.getByRole('link', { name: 'Landesübersicht' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hessen' }).waitFor();
    // An unknown region: a page with its heading and the API's reason, and no retry that would fail again.
    await page.goto(`${journey.app.url}/regionen/06999999`);
    await page.getByRole('heading', { level: 1, name: 'Gebiet nicht gefunden' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Kein Gebiet mit dem Schlüssel 06999999');
    expect(await page.getByRole('button', { name: 'Erneut versuchen' }).count()).toBe(0);
    await page.getByRole('link', { name: 'Landesübersicht' }).click();
    await page.getByRole('heading', { level: 1, name: 'Hessen' }).waitFor();
    // The 404s of /regions/09 and /regions/06999999 are the browser's only complaints, and expected ones.
    expect(problems().filter((problem) => !problem.includes('404'))).toEqual([]);
    await close();
  });

  it('asks the API for each figure of the Land page once (one cache entry per endpoint)', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const requested = new Map<string, number>();
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname.startsWith('/api/')) {
        const key = `${request.method()} ${url.pathname}${url.search}`;
        requested.set(key, (requested.get(key) ?? 0) + 1);
      }
    });
    await page.goto(journey.app.url);
    await allLoaded(page);
    await page.waitForLoadState('networkidle');
    // The Land's children (its Regierungsbezirke) feed the comparison and the map, each Bezirk's its Kreise.
    expect(requested.get('GET /api/v1/regions/06/children/progress')).toBe(1);
    expect([...requested].filter(([, count]) => count > 1)).toEqual([]);
    await close();
  });

  it('sorts the Kreise by population with the keyboard', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    await page.goto(journey.app.url);
    const kreise = section(page, 'Kreise und kreisfreie Städte im Vergleich');
    await kreise.locator('tbody tr').nth(25).waitFor();
    const populationHeader = kreise.getByRole('button', { name: /^Einwohner/ });
    await populationHeader.focus();
    await page.keyboard.press('Enter');
    // The table shows the shared short name, without ", Stadt".
    expect(await kreise.locator('tbody tr th a').first().textContent()).toBe('Frankfurt am Main');
    expect(await kreise.locator('th[aria-sort="descending"]').textContent()).toContain('Einwohner');
    await page.keyboard.press('Enter');
    expect(await kreise.locator('th[aria-sort="ascending"]').textContent()).toContain('Einwohner');
    expect(await kreise.locator('tbody tr th a').first().textContent()).toBe('Hochtaunuskreis');
    await close();
  });
});
