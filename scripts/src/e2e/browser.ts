import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { type Browser, chromium, type Page } from 'playwright-core';
import { chromiumPath } from '../env';

export const SCREENSHOT_DIR = fileURLToPath(new URL('../../../test-results/screenshots/', import.meta.url));

export const VIEWPORTS = {
  desktop: { width: 1440, height: 900 },
  mobile: { width: 390, height: 844 },
} as const;

/**
 * Debian's Chromium, headless, with the flags this machine needs (see
 * ../shared/docs/toolchain.md); Playwright gives it a fresh profile directory.
 */
export async function launchBrowser(): Promise<{ browser: Browser; close(): Promise<void> }> {
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    close: () => browser.close(),
  };
}

/** Collects console errors and failed requests of a page, so that a journey can require none. */
export function watchForErrors(page: Page): () => string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('response', (response) => {
    if (response.status() >= 500) problems.push(`HTTP ${response.status()} ${response.url()}`);
  });
  return () => problems;
}

/** axe-core violations that matter (serious and critical), as readable lines. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  // axe takes about 2 s per page here, the largest part of a journey; reporting violations only
  // (not every passing node) spares it collecting results nobody reads.
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .options({ resultTypes: ['violations'] })
    .analyze();
  return results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.id} (${violation.impact}): ${violation.help} – ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
}

/** A page in a context of its own (axe-core needs one), German locale. */
export async function openPage(browser: Browser, viewport: { width: number; height: number }) {
  const context = await browser.newContext({ viewport, locale: 'de-DE' });
  const page = await context.newPage();
  return { page, close: () => context.close() };
}

/**
 * How many CSS pixels the page is wider than the viewport (0 when nothing
 * overflows): on a phone no element may push the page sideways.
 */
export async function horizontalOverflow(page: Page): Promise<number> {
  // A string, as the other journeys use: the scripts are compiled without the DOM library.
  return Number(await page.evaluate('Math.max(0, document.documentElement.scrollWidth - window.innerWidth)'));
}
