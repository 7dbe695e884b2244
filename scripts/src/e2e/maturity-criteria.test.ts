import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openPage, screenshot, seriousAccessibilityViolations, VIEWPORTS, watchForErrors } from './browser';
import { allLoaded, startJourney } from './journey';
import { apiSession, signIn } from './sign-in';

const journey = startJourney();

const OFFICER = { email: 'kommune@demo.example', password: 'demo-kommune-2026' };
const rows = (page: Page) => page.locator('.status-table tbody tr:not(.editor-row)');
const rowOf = (page: Page, service: string) =>
  rows(page).filter({ has: page.getByRole('rowheader', { name: service }) });
const flash = (page: Page) => page.locator('.flash');

type Listed = { id: number; serviceName: string };

/** Services of the officer's Gemeinde that have no 2.0 assessment yet (the demo leaves some for the officer). */
async function unassessed(session: Awaited<ReturnType<typeof apiSession>>): Promise<Listed[]> {
  const statuses = (await (
    await session.request('/regions/06435901/statuses?pageSize=1000&sort=name')
  ).json()) as {
    items: Listed[];
  };
  const assessed = (await (await session.request('/maturity/regions/06435901/assessments')).json()) as {
    items: { statusId: number; family: string }[];
  };
  const done = new Set(assessed.items.filter((item) => item.family === '2.0').map((item) => item.statusId));
  return statuses.items.filter((status) => !done.has(status.id));
}

describe('assessment by criteria', () => {
  it('lets the officer assess a service by criteria with the keyboard and bulk-answer "E-Akte" for several', async () => {
    const officerApi = await apiSession(journey.app.url, OFFICER.email, OFFICER.password);
    const [first, second, third] = await unassessed(officerApi);
    if (!first || !second || !third) throw new Error('zu wenige unbewertete Leistungen in der Demo');

    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await signIn(page, journey.app.url, OFFICER.email, OFFICER.password, '/arbeitsbereich');
    await rows(page).first().waitFor();
    await expect(rowOf(page, first.serviceName).textContent()).resolves.toContain('RGM 2.0: nicht bewertet');

    // The checklist: each criterion a group of radio buttons with the levels and their descriptions.
    await page.getByRole('button', { name: `Kriterien von ${first.serviceName}` }).click();
    const dialog = page.getByRole('dialog', { name: `Kriterien: ${first.serviceName}` });
    await dialog.getByRole('group', { name: 'E-Akte' }).waitFor();
    await expect(dialog.textContent()).resolves.toContain('Arbeitsstand, vom Land anpassbar');
    const model2 = dialog.getByRole('region', { name: /Reifegradmodell 2\.0/ });
    await expect(model2.locator('.criteria-result').textContent()).resolves.toContain('nicht bewertet');

    // Keyboard: the arrow key moves from "nicht bewertet" to the criterion's first level.
    const information = model2.getByRole('group', { name: 'Leistungsinformation' });
    await information.getByRole('radio', { name: 'nicht bewertet' }).focus();
    await page.keyboard.press('ArrowDown');
    await expect(information.getByRole('radio', { name: /^Stufe 0/ }).isChecked()).resolves.toBe(true);
    await expect(model2.locator('.criteria-result').textContent()).resolves.toContain(
      'nicht vollständig bewertet (1 von 13 Kriterien; höchstens Stufe 0)',
    );
    await page.keyboard.press('ArrowDown');
    await expect(information.getByRole('radio', { name: /^Stufe 7/ }).isChecked()).resolves.toBe(true);

    // Front end online, the application printed and kept on paper: the lowest criterion decides.
    const answers: [string, RegExp][] = [
      ['Online-Antrag', /^Stufe 7/],
      ['Nachweise einreichen', /^Stufe 7/],
      ['Bezahlen im Antrag', /^Stufe 7/],
      ['Antragseingang', /^Stufe 3/],
      ['Fachverfahren angebunden', /^Stufe 3/],
      ['E-Akte', /^Stufe 3/],
      ['Digitaler Bescheid', /^Stufe 4/],
      ['E-Payment und HKR', /^Stufe 4/],
      ['Statusmonitor', /^Stufe 5/],
      ['DeutschlandID / Organisationskonto mit Postfach', /^Stufe 5/],
      ['Nachweise once-only (NOOTS)', /^Stufe 5/],
      ['Ende-zu-Ende ohne Medienbruch', /^Stufe 6/],
    ];
    for (const [criterion, level] of answers)
      await model2
        .getByRole('group', { name: criterion, exact: true })
        .getByRole('radio', { name: level })
        .check();
    await model2
      .getByRole('group', { name: 'Antragseingang' })
      .getByLabel('Beleg oder Notiz')
      .fill('Ausdruck');
    await expect(model2.locator('.criteria-result').textContent()).resolves.toBe(
      'Ergebnis: Stufe 3 – Online-Antrag · Online-Antrag, Bearbeitung analog',
    );
    await screenshot(page, 'criteria-dialog-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await dialog.getByRole('button', { name: '13 Antworten speichern' }).click();
    await expect.poll(() => flash(page).textContent()).toBe(`${first.serviceName}: Kriterien gespeichert.`);
    await expect
      .poll(() => rowOf(page, first.serviceName).textContent())
      .toContain('RGM 2.0: Stufe 3 · Bearbeitung analog');
    // Bulk answer: "E-Akte: ja" for three services, with the preview of every bulk edit.
    for (const status of [first, second, third])
      await page.getByLabel(`${status.serviceName} auswählen`).check();
    await page.getByLabel('Kriterium (Reifegrad)').selectOption({ label: 'E-Akte' });
    await page
      .getByLabel('Antwort für E-Akte')
      .selectOption({ label: 'Stufe 7: Ja: der Vorgang wird in der E-Akte geführt' });
    await page.getByRole('button', { name: 'Vorschau für 3 anzeigen' }).click();
    const preview = page.getByRole('dialog', { name: 'Vorschau der Sammeländerung' });
    await expect(preview.locator('.bulk-preview-summary').textContent()).resolves.toContain(
      '3 Leistungen werden geändert',
    );
    await expect(preview.textContent()).resolves.toContain(
      'E-Akte (RGM 2.0): Stufe 3 → E-Akte (RGM 2.0): Stufe 7',
    );
    await screenshot(page, 'criteria-bulk-preview-desktop');
    expect(await seriousAccessibilityViolations(page)).toEqual([]);
    await preview.getByRole('button', { name: '3 Änderungen übernehmen' }).click();
    await expect.poll(() => flash(page).textContent()).toBe('3 Leistungen geändert.');
    const assessment = (await (await officerApi.request(`/maturity/statuses/${second.id}`)).json()) as {
      assessments: { family: string; answers: { criterion: string; level: number }[] }[];
    };
    expect(
      assessment.assessments.find((a) => a.family === '2.0')?.answers.find((a) => a.criterion === 'e_akte')
        ?.level,
    ).toBe(7);
    await expect
      .poll(() => rowOf(page, second.serviceName).textContent())
      .toContain('RGM 2.0: 1 von 13 Kriterien');
    expect(problems()).toEqual([]);
    await close();

    // On a phone the checklist stays usable.
    const phone = await openPage(journey.chromium.browser, VIEWPORTS.mobile);
    await signIn(phone.page, journey.app.url, OFFICER.email, OFFICER.password, '/arbeitsbereich');
    await rows(phone.page).first().waitFor();
    await phone.page.getByRole('button', { name: `Kriterien von ${first.serviceName}` }).click();
    const phoneDialog = phone.page.getByRole('dialog', { name: `Kriterien: ${first.serviceName}` });
    await phoneDialog.getByRole('group', { name: 'E-Akte' }).first().waitFor();
    await screenshot(phone.page, 'criteria-dialog-mobile');
    expect(await seriousAccessibilityViolations(phone.page)).toEqual([]);
    await phone.close();
  });

  it('explains both models, the rule, the mapping and the indicators on the page Methodik', async () => {
    for (const [name, viewport] of Object.entries(VIEWPORTS)) {
      const { page, close } = await openPage(journey.chromium.browser, viewport);
      const problems = watchForErrors(page);
      await page.goto(`${journey.app.url}/methodik`);
      await page.getByRole('heading', { level: 1, name: 'Wie das Dashboard misst' }).waitFor();
      await allLoaded(page);
      await page.getByRole('heading', { name: /Reifegradmodell 2\.0 \(Version 1/ }).waitFor();
      await expect(page.textContent('main')).resolves.toContain(
        'das Kriterium mit der niedrigsten Stufe entscheidet',
      );
      await expect(page.textContent('main')).resolves.toContain('Online-Antrag, Bearbeitung analog');
      await screenshot(page, `methodik-${name}`);
      expect(await seriousAccessibilityViolations(page)).toEqual([]);
      expect(problems()).toEqual([]);
      await close();
    }
  });
});
