import type { DatahubDifference, DatahubDifferences, DatahubKreise, Status, StatusEvent } from '@ozg/shared';
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
import { apiSession, signIn } from './sign-in';

const journey = startJourney();
const GEMEINDE = '06435901'; // the demo officer's Gemeinde

/** The API as the signed-in page sees it (its session cookie), to check what the page did. */
async function read<T>(page: Page, path: string): Promise<T> {
  const res = await page.request.get(`${journey.app.url}/api/v1${path}`);
  expect(res.status(), path).toBe(200);
  return (await res.json()) as T;
}

type EventPage = { items: StatusEvent[] };
const differences = (page: Page) => read<DatahubDifferences>(page, `/datahub/differences/${GEMEINDE}`);
const card = (page: Page, item: DatahubDifference) =>
  page.locator('li.recon-item', { has: page.getByRole('heading', { name: item.serviceName }) });

describe('reconciliation with the federal Data Hub (decision 021)', () => {
  it('the officer takes one difference over, rejects one with a reason and takes two over in one step after the preview', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await signIn(page, journey.app.url, 'kommune@demo.example', 'demo-kommune-2026', '/arbeitsbereich');
    await page.getByRole('link', { name: /^Abgleich mit dem Bund \(\d+ Abweichungen offen\)$/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Abgleich mit dem Bund/ }).waitFor();
    await allLoaded(page);

    const before = await differences(page);
    const online = before.items.find((item) => item.kind === 'online_at_bund');
    const notListed = before.items.find((item) => item.kind === 'not_listed');
    const urls = before.items.filter((item) => item.kind === 'url_differs').slice(0, 2);
    if (!online || !notListed || urls.length < 2) throw new Error('die Demo hat zu wenige Abweichungen');
    await screenshot(page, 'reconciliation-officer-desktop');

    // One taken over: the preview names the new level and date before anything is written.
    await card(page, online)
      .getByRole('button', { name: `${online.serviceName}: Wert des Bundes übernehmen` })
      .click();
    const single = page.getByRole('dialog', { name: 'Vorschau: Übernehmen' });
    await single.getByText(/Reifegrad: .* → 3 – Online-Leistung/).waitFor();
    await single.getByRole('button', { name: '1 Entscheidung bestätigen' }).click();
    await page.getByRole('status').getByText('1 Abweichung übernommen.').waitFor();

    // One rejected: without a reason the form says so and sends nothing.
    const rejected = card(page, notListed);
    await rejected.getByRole('button', { name: `${notListed.serviceName}: ablehnen` }).click();
    await rejected.getByRole('button', { name: 'Ablehnen', exact: true }).click();
    await rejected.getByText('Bitte eine Begründung angeben.').waitFor();
    await rejected
      .getByLabel('Begründung (Pflicht)')
      .fill('Läuft über das Landesportal; die Meldung an den Bund ist beauftragt.');
    await rejected.getByRole('button', { name: 'Ablehnen', exact: true }).click();
    await page.getByRole('status').getByText('1 Abweichung abgelehnt.').waitFor();

    // Two at once: the preview shows old → new URL, and nothing is written before the confirmation.
    for (const item of urls) await page.getByLabel(`${item.serviceName} (URL weicht ab) auswählen`).check();
    const bar = page.getByRole('form', { name: '2 Abweichungen ausgewählt' });
    await bar.getByRole('button', { name: 'Vorschau für 2' }).click();
    const bulk = page.getByRole('dialog', { name: 'Vorschau: Übernehmen' });
    for (const item of urls)
      await bulk.getByText(`URL: ${item.url} → ${item.sourceUrl}`, { exact: true }).waitFor();
    const unchanged = await read<Status>(page, `/statuses/${urls[0]?.statusId}`);
    expect(unchanged.url).toBe(urls[0]?.url);
    await screenshot(page, 'reconciliation-bulk-preview-desktop');

    // Meanwhile the ministry edits one of them: the commit is refused (409), the list reloads, and the
    // same selection goes through with the new version.
    const ministry = await apiSession(journey.app.url, 'admin@demo.example', 'demo-admin-2026');
    const edited = await ministry.request(`/statuses/${urls[1]?.statusId}`, {
      method: 'PATCH',
      body: JSON.stringify({ version: urls[1]?.version, note: 'Vom Ministerium ergänzt' }),
    });
    expect(edited.status).toBe(200);
    await bulk.getByRole('button', { name: '2 Entscheidungen bestätigen' }).click();
    await page
      .getByRole('alert')
      .getByText(`Inzwischen geändert: ${urls[1]?.serviceName}.`, { exact: false })
      .waitFor();
    await bar.getByRole('button', { name: 'Vorschau für 2' }).click();
    await bulk.getByRole('button', { name: '2 Entscheidungen bestätigen' }).click();
    await page.getByRole('status').getByText('2 Abweichungen übernommen.').waitFor();

    // What the statuses and their history say now.
    const after = await differences(page);
    const decided = [online, notListed, ...urls].map((item) => `${item.statusId}:${item.kind}`);
    expect(after.items.filter((item) => decided.includes(`${item.statusId}:${item.kind}`))).toEqual([]);
    expect(after.items).toHaveLength(before.items.length - 4);
    const accepted = await read<Status>(page, `/statuses/${online.statusId}`);
    expect(accepted).toMatchObject({ maturityLevel: 3, url: online.sourceUrl });
    expect(accepted.onlineSince).toBe(online.importedAt.slice(0, 10));
    const [event] = (await read<EventPage>(page, `/statuses/${online.statusId}/events`)).items;
    expect(event?.source).toBe('datahub');
    const bulkEvents = await Promise.all(
      urls.map(async (item) => (await read<EventPage>(page, `/statuses/${item.statusId}/events`)).items[0]),
    );
    expect(bulkEvents.map((entry) => entry?.source)).toEqual(['datahub', 'datahub']);
    expect(bulkEvents[0]?.changeSet?.kind).toBe('bulk');
    expect(bulkEvents[1]?.changeSet?.id).toBe(bulkEvents[0]?.changeSet?.id);
    const rejectedStatus = await read<Status>(page, `/statuses/${notListed.statusId}`);
    expect(rejectedStatus.version).toBe(notListed.version);

    // The workspace offers the bulk acceptance to undo, like any bulk edit.
    await page
      .getByRole('navigation', { name: 'Brotkrümelpfad' })
      .getByRole('link', { name: 'Arbeitsbereich' })
      .click();
    await page
      .locator('.recent-changes li.change-set', { hasText: '2 Leistungen' })
      .getByRole('button', { name: /rückgängig machen$/ })
      .waitFor();

    await page.setViewportSize(VIEWPORTS.mobile);
    await page.goBack();
    await page.getByRole('heading', { level: 1, name: /^Abgleich mit dem Bund/ }).waitFor();
    await allLoaded(page);
    await screenshot(page, 'reconciliation-officer-mobile');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The refused commit (409) is the only failed request the browser may report.
    expect(problems().filter((problem) => !problem.includes('409'))).toEqual([]);
    await close();
  });

  it('the ministry sees the open differences per Kreis, sortable', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await signIn(page, journey.app.url, 'admin@demo.example', 'demo-admin-2026', '/');
    await page
      .getByRole('navigation', { name: 'Hauptnavigation' })
      .getByRole('link', { name: 'Abgleich' })
      .click();
    const table = page.getByRole('table', { name: /Offene Abweichungen zum Data Hub je Kreis/ });
    await table.waitFor();
    const kreise = await read<DatahubKreise>(page, '/datahub/kreise');
    expect(kreise.items.length).toBeGreaterThan(5);
    await expect(table.locator('tbody tr').count()).resolves.toBe(kreise.items.length);
    const top = [...kreise.items].sort((a, b) => b.open - a.open)[0];
    await expect(table.locator('tbody tr').first().getByRole('rowheader').textContent()).resolves.toContain(
      top?.name,
    );
    // Sorted by age, the oldest first after a second click.
    const age = table.getByRole('columnheader', { name: /Älteste/ });
    await age.getByRole('button').click();
    await age.getByRole('button').click();
    await expect(age.getAttribute('aria-sort')).resolves.toBe('descending');
    const oldest = Math.max(...kreise.items.map((item) => item.oldestDays ?? 0));
    await expect(table.locator('tbody tr').first().locator('td').last().textContent()).resolves.toBe(
      String(oldest),
    );
    await screenshot(page, 'reconciliation-ministry-desktop');
    await page.setViewportSize(VIEWPORTS.mobile);
    await screenshot(page, 'reconciliation-ministry-mobile');
    expect(await horizontalOverflow(page)).toBe(0);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    expect(problems()).toEqual([]);
    await close();
  });
});
