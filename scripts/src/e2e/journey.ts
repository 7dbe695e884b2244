import { readFileSync } from 'node:fs';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';
import { type RunningApp, startApp } from './app-server';
import { launchBrowser } from './browser';

export type Journey = { app: RunningApp; chromium: Awaited<ReturnType<typeof launchBrowser>> };

/**
 * The app as `pnpm start` serves it and a Chromium, started once for a test
 * file and stopped after it. Read the fields inside tests (they are set in beforeAll).
 */
export function startJourney(): Journey {
  const journey = {} as Journey;
  beforeAll(async () => {
    [journey.app, journey.chromium] = await Promise.all([startApp(), launchBrowser()]);
  }, 120_000);
  afterAll(async () => {
    await journey.chromium?.close();
    await journey.app?.stop();
  });
  return journey;
}

/** Until no block of the page shows "… wird geladen" any more. */
export const allLoaded = (page: Page) =>
  expect.poll(() => page.locator('.state-loading').count(), { timeout: 30_000 }).toBe(0);

/** Clicks a download link (within `scope`) and returns the saved file's name and bytes. */
export async function download(
  page: Page,
  linkName: string,
  scope: Page | Locator = page,
): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    scope.getByRole('link', { name: linkName }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: readFileSync(await file.path()) };
}
