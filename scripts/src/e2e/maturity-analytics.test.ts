import { describe, expect, it } from 'vitest';
import { openPage, screenshot, seriousAccessibilityViolations, VIEWPORTS, watchForErrors } from './browser';
import { allLoaded, startJourney } from './journey';
import { signIn } from './sign-in';

const journey = startJourney();
const ADMIN = { email: 'admin@demo.example', password: 'demo-admin-2026' };

type Model2 = {
  assessedShare: number | null;
  analogProcessing: number;
  assessed: number;
  levelCounts: number[];
};

// The app's formatShare: one decimal, German percent.
const percent = (share: number | null) =>
  share === null
    ? '–'
    : new Intl.NumberFormat('de-DE', {
        style: 'percent',
        minimumFractionDigits: 1,
        maximumFractionDigits: 1,
      }).format(share);

describe('figures by Reifegradmodell 2.0', () => {
  it('lets the ministry switch the overview to 2.0 with the keyboard and shows the 2.0 figures', async () => {
    const api = (await (await fetch(`${journey.app.url}/api/v1/regions/06/progress?model=2.0`)).json()) as {
      model2: Model2;
    };
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await signIn(page, journey.app.url, ADMIN.email, ADMIN.password, '/');
    const group = page.getByRole('group', { name: 'Reifegradmodell' });
    await group.waitFor();
    await expect(group.getByRole('radio', { name: '1.1' }).isChecked()).resolves.toBe(true);
    await group.getByRole('radio', { name: '1.1' }).focus();
    await page.keyboard.press('ArrowRight');
    await page.getByRole('heading', { name: 'Kennzahlen nach Reifegradmodell 2.0' }).waitFor();
    expect(new URL(page.url()).searchParams.get('modell')).toBe('2.0');
    await allLoaded(page);
    const panel = page.getByRole('region', { name: 'Kennzahlen nach Reifegradmodell 2.0' });
    await expect(page.textContent('main')).resolves.toContain('Arbeitsstand, vom Land anpassbar');
    const tiles = panel.locator('.tile');
    await expect(tiles.nth(0).textContent()).resolves.toContain(percent(api.model2.assessedShare));
    await expect(panel.textContent()).resolves.toContain(
      `${new Intl.NumberFormat('de-DE').format(api.model2.assessed)} von`,
    );
    // The level distribution 0-7 as a table, one row per level.
    await expect(panel.locator('table.level-bars tbody tr').count()).resolves.toBe(8);
    // Another threshold: ?ab= follows the choice.
    await panel.getByLabel('Anteil ab Stufe').selectOption('5');
    await panel.getByText('Ab Stufe 5 (2.0)').waitFor();
    expect(new URL(page.url()).searchParams.get('ab')).toBe('5');
    await screenshot(page, 'overview-model2-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems()).toEqual([]);
    await close();
  });

  it('shows the course by 2.0 in "Verlauf und Prognose" when the ministry switches to 2.0, without a forecast', async () => {
    type Series = {
      model2: { minLevel: number; firstDay: string | null };
      monthly: { date: string; model2: { share: number | null; assessedShare: number | null } | null }[];
    };
    const series = (await (
      await fetch(`${journey.app.url}/api/v1/regions/06/progress/series?model=2.0`)
    ).json()) as Series;
    const last = series.monthly.at(-1)?.model2;
    if (!last || !series.model2.firstDay) throw new Error('no course by 2.0 in the demo');
    const months = series.monthly.filter((point) => point.model2 !== null);
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const { page, close } = await openPage(journey.chromium.browser, viewport);
      const problems = watchForErrors(page);
      await signIn(page, journey.app.url, ADMIN.email, ADMIN.password, '/');
      const course = page.getByRole('region', { name: 'Verlauf und Prognose' });
      // 1.1 first: the deadline and the forecast.
      await course.getByText(/^Prognose:/).waitFor();
      await page.getByRole('group', { name: 'Reifegradmodell' }).getByRole('radio', { name: '2.0' }).check();
      const figure = course.getByTestId('verlauf-2-0');
      await figure.waitFor();
      await allLoaded(page);
      const text = (await course.textContent()) ?? '';
      expect(text).toContain('Verlauf nach Reifegradmodell 2.0');
      expect(text).toContain('Eine Prognose gibt es nach 2.0 nicht');
      expect(text).toContain(
        `erreichten ${percent(last.share)} der Zielleistungen nach Reifegradmodell 2.0 mindestens Stufe 3`,
      );
      expect(text).toContain(`bewertet: ${percent(last.assessedShare)}`);
      expect(text).not.toMatch(/Prognose: /);
      // The chart is drawn (the line of the 2.0 share); the table holds the month ends since the first 2.0 day.
      await figure.locator('svg .recharts-line').first().waitFor();
      await figure.getByText('Monatswerte nach Reifegradmodell 2.0 als Tabelle').click();
      const rows = figure.locator('table tbody tr');
      await expect(rows.count()).resolves.toBe(months.length);
      await expect(rows.last().textContent()).resolves.toContain(percent(last.share));
      await screenshot(page, `overview-model2-course-${name}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(problems()).toEqual([]);
      await close();
    }
  });

  it('shows the switch and the 2.0 figures on a Kreis page and on a phone', async () => {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const { page, close } = await openPage(journey.chromium.browser, viewport);
      const problems = watchForErrors(page);
      await page.goto(`${journey.app.url}/regionen/06435?modell=2.0`);
      await page.getByRole('heading', { name: 'Kennzahlen nach Reifegradmodell 2.0' }).waitFor();
      await allLoaded(page);
      await expect(
        page.getByRole('group', { name: 'Reifegradmodell' }).getByRole('radio', { name: '2.0' }).isChecked(),
      ).resolves.toBe(true);
      await screenshot(page, `region-model2-${name}`);
      // The service page: coverage by 2.0 for the Land (Hundesteuer, a Gemeinde service of the demo).
      await page.goto(`${journey.app.url}/leistungen/99031?modell=2.0`);
      await page.getByRole('heading', { name: /^Reifegradmodell 2\.0 in / }).waitFor();
      await allLoaded(page);
      await screenshot(page, `service-model2-${name}`);
      if (name === 'mobile') {
        await page.goto(`${journey.app.url}/?modell=2.0`);
        await page.getByRole('heading', { name: 'Kennzahlen nach Reifegradmodell 2.0' }).waitFor();
        await allLoaded(page);
        await screenshot(page, 'overview-model2-mobile');
      }
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(problems()).toEqual([]);
      await close();
    }
  });

  it('colours the map and ranks the Kreise and the laggards by 2.0 when the ministry switches to 2.0', async () => {
    type Child = {
      region: { ags: string; name: string };
      model2: { atOrAbove: number; assessed: number; counted: number };
    };
    const kreise = (await (
      await fetch(`${journey.app.url}/api/v1/regions/06/children/progress?model=2.0&level=kreis`)
    ).json()) as { children: Child[] };
    // A Kreis with assessed services, its share among the counted statuses (not assessed = not reached;
    // a Kreis with nothing assessed has no value, "–").
    const kreis = kreise.children.find((child) => child.model2.atOrAbove > 0) ?? kreise.children[0];
    if (!kreis) throw new Error('no Kreis');
    const kreisShare = percent(kreis.model2.atOrAbove / kreis.model2.counted);
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const { page, close } = await openPage(journey.chromium.browser, viewport);
      const problems = watchForErrors(page);
      await signIn(page, journey.app.url, ADMIN.email, ADMIN.password, '/');
      await page.getByRole('group', { name: 'Reifegradmodell' }).getByRole('radio', { name: '2.0' }).check();
      const map = page.getByRole('region', { name: 'Reifegradmodell 2.0 ab Stufe 3 je Kreis' });
      await map.waitFor();
      await allLoaded(page);
      // The legend names the model and the level; the note carries the marker of the provisional definition.
      await expect(map.locator('.map-legend').textContent()).resolves.toContain(
        'Reifegradmodell 2.0, ab Stufe 3',
      );
      await expect(map.textContent()).resolves.toContain('Arbeitsstand, vom Land anpassbar');
      // The comparison of the Kreise ranks by 2.0 as well.
      const comparison = page.getByRole('region', { name: 'Kreise und kreisfreie Städte im Vergleich' });
      await comparison.getByRole('columnheader', { name: /2\.0 ab Stufe 3/ }).waitFor();
      await screenshot(page, `overview-model2-map-${name}`);
      // The map's table view: the same value as the API's.
      await map.getByRole('button', { name: 'Tabelle' }).click();
      const row = map.getByRole('row').filter({ hasText: kreis.region.ags });
      await expect(row.textContent()).resolves.toContain(kreisShare);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);

      // The laggards by 2.0: the link keeps the model, the list says so and ranks by the 2.0 gap.
      await page.goto(`${journey.app.url}/nachzuegler?modell=2.0`);
      await page.getByRole('heading', { name: /Reifegradmodell 2\.0 ab Stufe 3/ }).waitFor();
      await page.locator('.laggards-table tbody tr').first().waitFor();
      await allLoaded(page);
      await expect(page.textContent('main')).resolves.toContain('Arbeitsstand, vom Land anpassbar');
      const gaps = (await page.locator('.laggards-table td.gap').allTextContents())
        .slice(0, 10)
        .map((text) => Number(text.replace(/\u00a0Pp\./, '').replace(',', '.')));
      expect(gaps).toEqual([...gaps].sort((a, b) => a - b));
      await screenshot(page, `laggards-model2-${name}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(problems()).toEqual([]);
      await close();
    }
  });

  it('shows the 2.0 figures of a Stichtag from that day, and 1.1 only before July 2025', async () => {
    const day = '2026-03-31';
    const api = (await (
      await fetch(`${journey.app.url}/api/v1/regions/06/progress?model=2.0&asOf=${day}`)
    ).json()) as { model2: Model2 };
    const now = (await (await fetch(`${journey.app.url}/api/v1/regions/06/progress?model=2.0`)).json()) as {
      model2: Model2;
    };
    // The demo assesses more after March 2026: the day's figures are not today's.
    expect(api.model2.assessed).toBeLessThan(now.model2.assessed);
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await signIn(page, journey.app.url, ADMIN.email, ADMIN.password, '/');
    await page.goto(`${journey.app.url}/?modell=2.0&stand=${day}`);
    const panel = page.getByRole('region', { name: 'Kennzahlen nach Reifegradmodell 2.0 am 31.03.2026' });
    await panel.waitFor();
    await allLoaded(page);
    await expect(panel.textContent()).resolves.toContain(
      `${new Intl.NumberFormat('de-DE').format(api.model2.assessed)} von`,
    );
    await page
      .getByRole('region', { name: 'Reifegradmodell 2.0 ab Stufe 3 je Kreis am 31.03.2026' })
      .waitFor();
    await screenshot(page, 'overview-model2-asof-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // The deadline day: Reifegradmodell 2.0 did not exist yet, the page shows 1.1 and says why.
    await page.goto(`${journey.app.url}/?modell=2.0&stand=2022-12-31`);
    const group = page.getByRole('group', { name: 'Reifegradmodell' });
    await group.getByText('Reifegradmodell 2.0 gibt es erst seit Juli 2025').waitFor();
    await expect(group.getByRole('radio', { name: '1.1' }).isChecked()).resolves.toBe(true);
    await expect(group.getByRole('radio', { name: '2.0' }).isDisabled()).resolves.toBe(true);
    await allLoaded(page);
    await expect(
      page.getByRole('heading', { name: /Kennzahlen nach Reifegradmodell 2\.0/ }).count(),
    ).resolves.toBe(0);
    expect(problems()).toEqual([]);
    await close();
  });
});
