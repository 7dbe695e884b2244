import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderPdfPage } from '@ozg/api/testing-pdf';
import type { Browser, Page } from 'playwright-core';
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
import { signIn } from './sign-in';

const journey = startJourney();

const MUNICIPALITY = 'Alt-Musterbach, Stadt'; // the demo officer's Gemeinde 06435901

async function checkPage(page: Page, name: string) {
  await allLoaded(page);
  await page.waitForLoadState('networkidle');
  await screenshot(page, name);
  expect(await seriousAccessibilityViolations(page), name).toEqual([]);
}

/** The first page of a downloaded PDF, rendered, saved beside the screenshots, and its text. */
function firstPage(bytes: Buffer, name: string) {
  const page = renderPdfPage(new Uint8Array(bytes));
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  writeFileSync(join(SCREENSHOT_DIR, `${name}.png`), page.png);
  return { ...page, text: page.text.replace(/-\s+/g, '-').replace(/\s+/g, ' ') };
}

async function consultantDownloadsProfile(browser: Browser, viewport: keyof typeof VIEWPORTS) {
  const { page, close } = await openPage(browser, VIEWPORTS[viewport]);
  const problems = watchForErrors(page);
  await signIn(
    page,
    journey.app.url,
    'beratung@demo.example',
    'demo-beratung-2026',
    '/beratung/kommune/06435901',
  );
  await page.getByRole('heading', { level: 1, name: `Beratung ${MUNICIPALITY}` }).waitFor();
  await page.getByRole('heading', { level: 2, name: 'Kommunalprofil' }).waitFor();
  await checkPage(page, `profile-consultation-page-${viewport}`);

  const pdf = await download(page, `Kommunalprofil ${MUNICIPALITY} (PDF)`);
  expect(pdf.name).toMatch(/^kommunalprofil-06435901-\d{4}-\d{2}-\d{2}\.pdf$/);
  const progress = (await (await fetch(`${journey.app.url}/api/v1/regions/06435901/progress`)).json()) as {
    figures: { conformantShare: number };
  };
  const share = `${new Intl.NumberFormat('de-DE', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format(progress.figures.conformantShare * 100)} %`;
  const rendered = firstPage(pdf.bytes, `profile-page-1-${viewport}`);
  expect(rendered.text).toContain(`Kommunalprofil ${MUNICIPALITY}`);
  expect(rendered.text).toContain(`${share} Anteil OZG-konform`);
  expect(rendered.text).toContain('Anteil OZG-konform im Verlauf');
  expect(rendered.inkedShare).toBeGreaterThan(0.02);

  const xlsx = await download(page, 'Zahlen als Excel');
  expect(xlsx.name).toMatch(/\.xlsx$/);
  expect(xlsx.bytes.subarray(0, 2).toString()).toBe('PK');
  expect(problems()).toEqual([]);
  await close();
}

async function ministryReadsKeyDates(browser: Browser, viewport: keyof typeof VIEWPORTS) {
  const { page, close } = await openPage(browser, VIEWPORTS[viewport]);
  const problems = watchForErrors(page);
  await signIn(page, journey.app.url, 'admin@demo.example', 'demo-admin-2026', '/');
  const panel = page.locator('section.key-dates');
  await panel.getByRole('heading', { level: 2, name: 'Stichtage' }).waitFor();
  await panel.getByRole('radio', { name: /31\.12\.2022/ }).check();
  await expect
    .poll(() => panel.locator('.key-date-frozen').textContent())
    .toMatch(/am 31\.12\.2022 \(Frist des OZG\)/);
  await panel.getByRole('table').waitFor();
  await panel.scrollIntoViewIfNeeded();
  await checkPage(page, `key-dates-overview-${viewport}`);
  await panel.getByRole('radio', { name: /01\.01\.2026/ }).check();
  await expect.poll(() => panel.locator('.key-date-frozen').textContent()).toMatch(/am 01\.01\.2026/);
  await expect.poll(() => panel.locator('.key-date-change p').textContent()).toMatch(/Hessen: .* → .* \(/);
  const report = await download(page, 'Stichtagsbericht als PDF', panel);
  expect(firstPage(report.bytes, `key-date-report-${viewport}`).text).toContain(
    'Stichtag 01.01.2026: Erhebung des Erfüllungsaufwands (§ 11 OZG)',
  );
  const change = await download(page, 'Veränderung als PDF', panel);
  expect(firstPage(change.bytes, `key-date-change-${viewport}`).text).toContain('Veränderung vom');

  // The ministry adds a reporting day of its own: past, so it is frozen at once and offered in the switch.
  const day =
    viewport === 'desktop'
      ? { iso: '2025-06-30', shown: '30.06.2025' }
      : { iso: '2025-09-30', shown: '30.09.2025' };
  await panel.getByText('Stichtag ergänzen (Ministerium)').click();
  await panel.getByLabel('Tag', { exact: true }).fill(day.iso);
  await panel
    .getByLabel('Bezeichnung')
    .fill(`Landesbericht ${viewport === 'desktop' ? 'Sommer' : 'Herbst'} 2025`);
  await panel.getByRole('button', { name: 'Stichtag anlegen' }).click();
  await expect
    .poll(() => panel.locator('.key-date-add .form-success').textContent())
    .toBe(`Stichtag ${day.shown} angelegt und festgeschrieben.`);
  await panel.getByRole('radio', { name: new RegExp(day.shown.replaceAll('.', '\\.')) }).check();
  await expect
    .poll(() => panel.locator('.key-date-frozen').textContent())
    .toMatch(new RegExp(`am ${day.shown}`));
  await checkPage(page, `key-dates-added-${viewport}`);
  expect(problems()).toEqual([]);
  await close();
}

describe('municipality profile and key dates', () => {
  for (const viewport of ['desktop', 'mobile'] as const) {
    it(`the consultant downloads the municipality profile (${viewport})`, async () => {
      await consultantDownloadsProfile(journey.chromium.browser, viewport);
    }, 180_000);

    it(`the ministry switches between key dates on the overview and downloads the reports (${viewport})`, async () => {
      await ministryReadsKeyDates(journey.chromium.browser, viewport);
    }, 240_000);
  }
});
