import { describe, expect, it } from 'vitest';
import { openPage, screenshot, VIEWPORTS, watchForErrors } from './browser';
import { allLoaded, startJourney } from './journey';

const journey = startJourney();

/**
 * What a screen reader would announce for the focused element, roughly: its
 * aria-label, the text of what aria-labelledby points to, its title or its text.
 * A string, as the other journeys use: the scripts are compiled without the DOM library.
 */
const FOCUSED = `(() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const labelledBy = (element.getAttribute('aria-labelledby') || '')
    .split(/\\s+/)
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent || '')
    .join(' ');
  const labels = 'labels' in element && element.labels ? [...element.labels].map((label) => label.textContent).join(' ') : '';
  const name = (element.getAttribute('aria-label') || labelledBy || labels || element.getAttribute('title') ||
    element.getAttribute('placeholder') || element.textContent || '').replace(/\\s+/g, ' ').trim();
  const tag = element.tagName.toLowerCase() + (element.getAttribute('class') ? '.' + element.getAttribute('class').split(' ')[0] : '') + (element.hasAttribute('tabindex') ? '[tabindex=' + element.getAttribute('tabindex') + ']' : '');
  return { tag, name, inFooter: Boolean(element.closest('footer')) };
})()`;

type Stop = { tag: string; name: string; inFooter: boolean } | null;

describe('a keyboard user reaches the footer of the start page', () => {
  it(`tabs through the Land overview at ${VIEWPORTS.desktop.width}x${VIEWPORTS.desktop.height}: at most 40 stops, each with a name`, async () => {
    const { page, close } = await openPage(journey.chromium.browser, VIEWPORTS.desktop);
    const problems = watchForErrors(page);
    await page.goto(journey.app.url);
    await page.getByRole('heading', { level: 1, name: 'Hessen' }).waitFor();
    await allLoaded(page);
    await page.locator('.chart svg').first().waitFor();
    await page.waitForLoadState('networkidle');

    const stops: Stop[] = [];
    for (let press = 0; press < 41; press++) {
      await page.keyboard.press('Tab');
      const stop = (await page.evaluate(FOCUSED)) as Stop;
      stops.push(stop);
      if (stop?.inFooter) break;
    }
    await screenshot(page, 'keyboard-footer-desktop');
    const trail = stops.map((stop, index) => `${index + 1}: ${stop?.tag} "${stop?.name}"`).join('\n');
    expect(stops.at(-1)?.inFooter, trail).toBe(true);
    expect(stops.length, trail).toBeLessThanOrEqual(40);
    expect(
      stops.filter((stop) => !stop?.name),
      trail,
    ).toEqual([]);

    // Within a table the arrow keys go from row to row; the rows are one stop, not 26.
    const rowLinks = page.locator('section[aria-labelledby="kreise"] tbody tr > th > a');
    const names = await rowLinks.allTextContents();
    expect(names.length).toBeGreaterThan(20);
    await rowLinks.first().focus();
    await page.keyboard.press('ArrowDown');
    expect(((await page.evaluate(FOCUSED)) as Stop)?.name).toBe(names[1]);
    await page.keyboard.press('End');
    expect(((await page.evaluate(FOCUSED)) as Stop)?.name).toBe(names.at(-1));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: names.at(-1) }).waitFor();

    expect(problems()).toEqual([]);
    await close();
  }, 120_000);
});
