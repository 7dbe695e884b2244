import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, seriousAccessibilityViolations, VIEWPORTS, watchForErrors } from './browser';
import { startJourney } from './journey';
import { apiSession, signIn } from './sign-in';

const journey = startJourney();

const OFFICER = { email: 'kommune@demo.example', password: 'demo-kommune-2026' };
const rows = (page: Page) => page.locator('.status-table tbody tr:not(.editor-row)');
const rowOf = (page: Page, service: string) =>
  rows(page).filter({ has: page.getByRole('rowheader', { name: service }) });
const flash = (page: Page) => page.locator('.flash');

async function openWorkspace(page: Page) {
  await signIn(page, journey.app.url, OFFICER.email, OFFICER.password, '/arbeitsbereich');
  await page.getByRole('heading', { level: 1, name: 'Alt-Musterbach, Stadt' }).waitFor();
  await rows(page).first().waitFor();
}

/** Downloads the workspace's CSV (Excel variant) and returns its text without the BOM. */
async function downloadCsv(page: Page): Promise<string> {
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'CSV herunterladen (Excel)' }).click(),
  ]);
  const path = await download.path();
  return readFileSync(path, 'utf8').replace(/^\uFEFF/, '');
}

/** Sets one column of the line of an OZG-ID in an exported CSV (";"-separated, no quoted ";" in the demo). */
function editCsv(text: string, ozgId: number, column: string, value: string): string {
  const lines = text.split('\r\n');
  const header = (lines[0] ?? '').split(';');
  const index = header.indexOf(column);
  expect(index, `Spalte ${column}`).toBeGreaterThanOrEqual(0);
  return lines
    .map((line) => {
      const fields = line.split(';');
      if (fields[header.indexOf('ozg_id')] !== String(ozgId)) return line;
      expect(fields).toHaveLength(header.length);
      fields[index] = value;
      return fields.join(';');
    })
    .join('\r\n');
}

/** The stored id and version of one of the officer's services, read through the API. */
async function statusOf(session: Awaited<ReturnType<typeof apiSession>>, service: string) {
  const res = await session.request(`/regions/06435901/statuses?q=${encodeURIComponent(service)}`);
  const { items } = (await res.json()) as { items: { id: number; version: number; serviceName: string }[] };
  const status = items.find((item) => item.serviceName === service);
  if (!status) throw new Error(`${service} fehlt in 06435901`);
  return status;
}

async function upload(page: Page, name: string, text: string) {
  await page.getByLabel('Bearbeitete CSV-Datei prüfen').setInputFiles({
    name,
    mimeType: 'text/csv',
    buffer: Buffer.from(`\uFEFF${text}`, 'utf8'),
  });
  await page.getByRole('heading', { name: `Prüfergebnis für ${name}` }).waitFor();
}

describe('officer workspace', () => {
  it('lets the officer bulk-edit, fix a CSV upload with an error, commit it, resolve a conflict and read the history', async () => {
    // The demo's history varies by service: the inline edit below starts below Reifegrad 3 without a date.
    const ministry = await apiSession(journey.app.url, 'admin@demo.example', 'demo-admin-2026');
    const marriage = await statusOf(ministry, 'Eheschließung');
    const reset = await ministry.request(`/statuses/${marriage.id}`, {
      method: 'PATCH',
      body: JSON.stringify({
        version: marriage.version,
        maturityLevel: 1,
        onlineSince: null,
        workflowState: 'in_progress',
      }),
    });
    expect(reset.status, await reset.clone().text()).toBe(200);
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await openWorkspace(page);
    expect(await rows(page).count()).toBe(34);
    await expect(page.locator('.table-summary').textContent()).resolves.toContain('34 Leistungen');
    await screenshot(page, 'workspace-desktop');
    // The row actions stay in sight: the table does not scroll sideways in a 1440 px window.
    const [tableWidth, visibleWidth] = await page
      .locator('.status-table')
      .evaluate((table) => [table.scrollWidth, table.parentElement?.clientWidth ?? 0]);
    expect(tableWidth).toBeLessThanOrEqual(visibleWidth);
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Search narrows the table (server-side), and clearing it brings all rows back.
    await page.getByLabel('Suche (Name oder OZG-ID)').fill('steuer');
    await expect.poll(() => rows(page).count()).toBe(5);
    await page.getByLabel('Suche (Name oder OZG-ID)').fill('');
    await expect.poll(() => rows(page).count()).toBe(34);

    // Bulk edit: two services get the same workflow state and solution at once.
    await page.getByLabel('Bewohnerparkausweis auswählen').check();
    await page.getByLabel('Fischereischein auswählen').check();
    await page.getByRole('heading', { name: 'Sammelbearbeitung: 2 ausgewählt' }).waitFor();
    await page.locator('#bulk-workflowState').selectOption('in_progress');
    await page.locator('#bulk-solution').selectOption('efa');
    await screenshot(page, 'workspace-bulk-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // Meanwhile the ministry notes something on one of them: nothing is changed, both versions are shown.
    const admin = await apiSession(journey.app.url, 'admin@demo.example', 'demo-admin-2026');
    const fisch = await statusOf(admin, 'Fischereischein');
    const noted = await admin.request(`/statuses/${fisch.id}`, {
      method: 'PATCH',
      body: JSON.stringify({
        version: fisch.version,
        note: 'Vom Land geprüft',
        workflowState: 'not_started',
      }),
    });
    expect(noted.status).toBe(200);
    // The preview (a dry run) already sees the stale version and shows both versions instead of a preview.
    await page.getByRole('button', { name: 'Vorschau für 2 anzeigen' }).click();
    const bulkConflict = page.getByRole('alert').filter({ hasText: 'Nichts geändert' });
    await bulkConflict.waitFor();
    await expect(bulkConflict.textContent()).resolves.toMatch(
      /Eine der ausgewählten Leistungen wurde inzwischen.*Fischereischein.*Ministerium \(Demo\).*→ Nicht begonnen → In Umsetzung/s,
    );
    await screenshot(page, 'workspace-bulk-conflict-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await bulkConflict
      .getByRole('button', { name: 'Mit den gespeicherten Fassungen weiterarbeiten' })
      .click();
    await page.getByRole('button', { name: 'Vorschau für 2 anzeigen' }).click();
    const bulkPreview = page.getByRole('dialog', { name: 'Vorschau der Sammeländerung' });
    await expect(bulkPreview.locator('.bulk-preview-summary').textContent()).resolves.toContain(
      '2 Leistungen werden geändert, 0 bleiben unverändert.',
    );
    await bulkPreview.getByRole('button', { name: '2 Änderungen übernehmen' }).click();
    await expect.poll(() => flash(page).textContent()).toBe('2 Leistungen geändert.');
    for (const service of ['Bewohnerparkausweis', 'Fischereischein']) {
      await expect.poll(() => rowOf(page, service).textContent()).toMatch(/In Umsetzung\s*EfA-Dienst/);
    }

    // CSV round trip: a line with an error blocks the whole file; the fixed file is committed.
    const exported = await downloadCsv(page);
    const header = exported.split('\r\n')[0] ?? '';
    expect(
      header.startsWith(
        'status_id;version;ozg_id;leistung;themenfeld;reifegrad;status;loesung;url;geplant_bis;online_seit;kontakt;notiz;',
      ),
    ).toBe(true);
    // One column per criterion of both models (decision 020); left as exported, they change nothing.
    expect(header).toContain(';RG2.0: E-Akte;');
    const withNote = editCsv(exported, 99040, 'notiz', 'Per CSV gepflegt');
    const broken = editCsv(withNote, 99021, 'reifegrad', 'drei');
    await upload(page, 'status-fehler.csv', broken);
    await expect(page.locator('.csv-summary').textContent()).resolves.toContain('1 mit Fehlern');
    await expect(page.locator('.csv-lines').textContent()).resolves.toContain(
      'Spalte reifegrad: "drei" ist keine ganze Zahl.',
    );
    expect(await page.getByRole('button', { name: '1 Änderung übernehmen' }).isDisabled()).toBe(true);
    await screenshot(page, 'workspace-csv-error-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    const fixed = editCsv(withNote, 99021, 'reifegrad', '1');
    await upload(page, 'status-korrigiert.csv', fixed);
    await expect(page.locator('.csv-summary').textContent()).resolves.toContain('0 mit Fehlern');
    await page.getByRole('button', { name: '2 Änderungen übernehmen' }).click();
    await expect
      .poll(() => flash(page).textContent())
      .toBe('2 Leistungen aus status-korrigiert.csv übernommen.');
    await expect.poll(() => rowOf(page, 'Bewohnerparkausweis').textContent()).toContain('1 – Information');

    // A file that lowers a service is marked and needs a confirmation; here it is discarded unapplied.
    const lowering = editCsv(await downloadCsv(page), 99021, 'reifegrad', '0');
    await upload(page, 'status-senken.csv', lowering);
    await expect(page.locator('.csv-summary').textContent()).resolves.toContain('1 senkt einen Stand');
    await expect(page.locator('.csv-lines').textContent()).resolves.toContain('Achtung: Reifegrad sinkt');
    const apply = page.getByRole('button', { name: '1 Änderung übernehmen' });
    expect(await apply.isDisabled()).toBe(true);
    await page.getByLabel('Ja, diese Leistungen sollen so gesenkt werden').check();
    expect(await apply.isDisabled()).toBe(false);
    await page.locator('.csv-preview').scrollIntoViewIfNeeded();
    await screenshot(page, 'workspace-csv-lowering-desktop');
    await page.getByRole('button', { name: 'Verwerfen' }).click();
    await expect.poll(() => rowOf(page, 'Bewohnerparkausweis').textContent()).toContain('1 – Information');

    // Inline edit with the keyboard; the rules are checked before sending.
    await page.getByRole('button', { name: 'Eheschließung bearbeiten' }).click();
    const editor = page.getByRole('form', { name: 'Eheschließung bearbeiten' });
    await editor.getByLabel('Reifegrad').selectOption('3');
    await editor.getByLabel('Reifegrad').press('Control+Enter');
    await expect(editor.locator('.field-problem').textContent()).resolves.toContain(
      'Ab Reifegrad 3 ist das Datum „online seit“ anzugeben.',
    );
    await editor.getByLabel('Online seit').fill('2025-03-01');
    await editor.getByLabel('Online seit').press('Control+Enter');
    await expect.poll(() => flash(page).textContent()).toBe('Eheschließung: gespeichert.');
    await expect.poll(() => rowOf(page, 'Eheschließung').textContent()).toContain('online seit 01.03.2025');
    // Focus returns to the row's edit button.
    expect(await page.locator(':focus').getAttribute('aria-label')).toBe('Eheschließung bearbeiten');

    // Conflict: the ministry changes "Fundsachen" while the officer edits it.
    await page.getByRole('button', { name: 'Fundsachen bearbeiten' }).click();
    const fundsachen = page.getByRole('form', { name: 'Fundsachen bearbeiten' });
    await fundsachen.getByLabel('Bearbeitungsstand').selectOption('paused');
    const target = await statusOf(admin, 'Fundsachen');
    const patched = await admin.request(`/statuses/${target.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ version: target.version, workflowState: 'planned', contact: 'Fundbüro' }),
    });
    expect(patched.status).toBe(200);
    await fundsachen.getByRole('button', { name: 'Speichern' }).click();
    const conflict = page.getByRole('region', { name: /Konflikt: Fundsachen wurde inzwischen geändert/ });
    await conflict.waitFor();
    await expect(conflict.textContent()).resolves.toMatch(/Ihre Fassung.*Gespeicherte Fassung/s);
    await expect(conflict.textContent()).resolves.toContain('Kontakt: Fundbüro');
    await screenshot(page, 'workspace-conflict-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await conflict.getByRole('button', { name: 'Auswahl speichern' }).click();
    await expect.poll(() => flash(page).textContent()).toBe('Fundsachen: gespeichert.');
    await expect.poll(() => rowOf(page, 'Fundsachen').textContent()).toContain('Zurückgestellt');

    // The history shows both changes, newest first, and Escape closes it.
    await page.getByRole('button', { name: 'Verlauf von Fundsachen' }).click();
    const dialog = page.getByRole('dialog', { name: 'Verlauf: Fundsachen' });
    await dialog.locator('.history-entry').first().waitFor();
    const entries = await dialog.locator('.history-entry').allTextContents();
    expect(entries[0]).toMatch(
      /Digitalisierungsbeauftragte \(Demo\) · Dashboard.*Bearbeitungsstand: Geplant → Zurückgestellt/s,
    );
    expect(entries[1]).toMatch(/Schnittstelle.*Kontakt:.*→ Fundbüro/s);
    await screenshot(page, 'workspace-history-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });

    // The 409 of the conflict is the only failed request the browser may report.
    expect(problems().filter((problem) => !problem.includes('409'))).toEqual([]);
    await close();
  });

  it('previews a bulk edit, prevents a downgrade by default, undoes it as one step and selects across pages', async () => {
    const admin = await apiSession(journey.app.url, 'admin@demo.example', 'demo-admin-2026');
    // A service that has been online since before the deadline at the highest level, and one still at level 0-2.
    const high = await statusOf(admin, 'Hundesteuer');
    const raised = await admin.request(`/statuses/${high.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ version: high.version, maturityLevel: 4, onlineSince: '2022-12-30' }),
    });
    expect(raised.status).toBe(200);
    const used = new Set([
      'Bewohnerparkausweis',
      'Fischereischein',
      'Eheschließung',
      'Fundsachen',
      'Hundesteuer',
    ]);
    const low = (
      (await (
        await admin.request('/regions/06435901/statuses?overdue=true&sort=ozgId&pageSize=100')
      ).json()) as {
        items: { serviceName: string; maturityLevel: number }[];
      }
    ).items.find((status) => !used.has(status.serviceName));
    if (!low) throw new Error('keine Leistung unter Reifegrad 3');

    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await openWorkspace(page);
    await page.getByLabel('Hundesteuer auswählen').check();
    await page.getByLabel(`${low.serviceName} auswählen`).check();
    await page.locator('#bulk-maturityLevel').selectOption('3');
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Berlin' }).format(new Date());
    await page.locator('#bulk-onlineSince').fill(today);
    const previewButton = page.getByRole('button', { name: 'Vorschau für 2 anzeigen' });
    await previewButton.click();
    const preview = page.getByRole('dialog', { name: 'Vorschau der Sammeländerung' });
    await expect(preview.locator('.bulk-preview-summary').textContent()).resolves.toContain(
      '1 Leistung wird geändert, 1 bleibt unverändert.',
    );
    const downgrade = preview.getByRole('group', {
      name: '1 Leistung steht über Reifegrad 3 und würde herabgestuft',
    });
    await expect(downgrade.textContent()).resolves.toContain('Hundesteuer: jetzt 4');
    expect(await downgrade.getByLabel('Nur anheben, nie herabstufen (empfohlen)').isChecked()).toBe(true);
    await expect(
      preview.getByRole('group', { name: /1 Leistung hat schon ein Datum „online seit“/ }).textContent(),
    ).resolves.toContain('Hundesteuer: online seit 30.12.2022');
    await screenshot(page, 'workspace-bulk-preview-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);

    // Keyboard: Escape closes the preview without a change and focus returns to the button; Enter opens it again.
    await page.keyboard.press('Escape');
    await preview.waitFor({ state: 'hidden' });
    expect(await page.locator(':focus').textContent()).toBe('Vorschau für 2 anzeigen');
    await page.keyboard.press('Enter');
    await preview.waitFor();
    // Choosing to lower shows the downgrade in the table; choosing the safe default again takes it out.
    await downgrade.getByLabel('Auf Reifegrad 3 herabstufen').check();
    await expect
      .poll(() => preview.locator('.bulk-preview-summary').textContent())
      .toContain('2 Leistungen werden geändert');
    await expect(preview.locator('.bulk-preview-table').textContent()).resolves.toContain('Reifegrad: 4 – ');
    await downgrade.getByLabel('Nur anheben, nie herabstufen (empfohlen)').check();
    await expect
      .poll(() => preview.locator('.bulk-preview-summary').textContent())
      .toContain('1 Leistung wird geändert');
    await preview.getByRole('button', { name: '1 Änderung übernehmen' }).click();
    await expect.poll(() => flash(page).textContent()).toBe('1 Leistung geändert.');
    await expect.poll(() => rowOf(page, 'Hundesteuer').textContent()).toContain('online seit 30.12.2022');
    expect(await rowOf(page, 'Hundesteuer').textContent()).toContain('4 – ');
    await expect.poll(() => rowOf(page, low.serviceName).textContent()).toContain('3 – ');

    // Undo: the officer's own bulk edit is offered for 24 hours and reverted as one step.
    const recent = page.getByRole('region', { name: 'Ihre Änderungen der letzten 24 Stunden' });
    await screenshot(page, 'workspace-undo-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await recent
      .getByRole('button', { name: /^Sammelbearbeitung vom .* rückgängig machen$/ })
      .first()
      .click();
    await expect
      .poll(() => flash(page).textContent())
      .toMatch(/^Sammelbearbeitung vom .* rückgängig gemacht \(1 Leistung\)\.$/);
    await expect.poll(() => rowOf(page, low.serviceName).textContent()).toContain(`${low.maturityLevel} – `);
    await expect(recent.textContent()).resolves.toContain('Rücknahme');
    // The first journey's bulk edit cannot be undone any more: its CSV upload changed both services since.
    await recent
      .getByRole('button', { name: /^Sammelbearbeitung vom .* rückgängig machen$/ })
      .last()
      .click();
    await expect
      .poll(() => recent.getByRole('alert').textContent())
      .toBe(
        'Nicht rückgängig gemacht: 2 Leistungen wurden seitdem geändert. Bitte einzeln prüfen.Seitdem geändert: Bewohnerparkausweis, Fischereischein',
      );
    await expect.poll(() => rowOf(page, 'Bewohnerparkausweis').textContent()).toContain('1 – Information');

    // Selection across pages: with 25 rows a page, "Alle 34 auswählen" selects the other page's rows too.
    await page.getByLabel('Zeilen je Seite').selectOption('25');
    await expect.poll(() => rows(page).count()).toBe(25);
    await page.getByLabel('Alle Leistungen dieser Seite auswählen').check();
    await page.getByRole('button', { name: 'Alle 34 auswählen' }).click();
    await page.getByRole('heading', { name: 'Sammelbearbeitung: 34 ausgewählt' }).waitFor();
    await expect(page.locator('.select-all').textContent()).resolves.toBe(
      'Alle 34 Leistungen sind ausgewählt.',
    );
    await page.getByRole('button', { name: 'Auswahl aufheben' }).click();
    // The refused undo (409) is the only failed request the browser may report.
    expect(problems().filter((problem) => !problem.includes('409'))).toEqual([]);
    await close();
  });

  it('fits a phone and stays accessible', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.mobile);
    const problems = watchForErrors(page);
    await openWorkspace(page);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      VIEWPORTS.mobile.width,
    );
    await screenshot(page, 'workspace-mobile');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'Bewohnerparkausweis bearbeiten' }).click();
    await page.getByRole('form', { name: 'Bewohnerparkausweis bearbeiten' }).waitFor();
    await screenshot(page, 'workspace-editor-mobile');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    // The bulk edit and its preview fit the phone too.
    await page.getByLabel('Hundesteuer auswählen').check();
    await page.locator('#bulk-maturityLevel').selectOption('2');
    await page.getByRole('button', { name: 'Vorschau für 1 anzeigen' }).click();
    const preview = page.getByRole('dialog', { name: 'Vorschau der Sammeländerung' });
    await preview.getByRole('group', { name: /würde herabgestuft/ }).waitFor();
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      VIEWPORTS.mobile.width,
    );
    const box = await preview.boundingBox();
    expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 999) <= VIEWPORTS.mobile.width).toBe(true);
    await screenshot(page, 'workspace-bulk-preview-mobile');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await preview.getByRole('button', { name: 'Abbrechen' }).click();
    await preview.waitFor({ state: 'hidden' });
    expect(problems()).toEqual([]);
    await close();
  });

  it('tells a viewer that the workspace is not theirs', async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    await signIn(page, journey.app.url, 'lesen@demo.example', 'demo-lesen-2026', '/arbeitsbereich');
    await page.getByRole('heading', { level: 1, name: 'Keine Berechtigung' }).waitFor();
    await close();
  });
});
