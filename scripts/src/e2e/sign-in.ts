import type { Page } from 'playwright-core';

/** Signs in through the sign-in page, as a person would, and lands on `then`. */
export async function signIn(page: Page, appUrl: string, email: string, password: string, then: string) {
  await page.goto(`${appUrl}/anmelden?weiter=${encodeURIComponent(then)}`);
  await page.getByLabel('E-Mail-Adresse', { exact: true }).fill(email);
  await page.getByLabel('Passwort', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Anmelden' }).click();
  await page.waitForURL((url) => url.pathname === then);
}

/** A session for the API alone (for changes "by someone else" during a journey). */
export async function apiSession(appUrl: string, email: string, password: string) {
  const res = await fetch(`${appUrl}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  if (!res.ok) throw new Error(`Anmeldung von ${email} fehlgeschlagen: HTTP ${res.status}`);
  // A machine client: the session token as a bearer token (no cookie, no CSRF token), so its
  // changes are recorded with the source `api` (decision 003).
  const token = (res.headers.get('set-cookie') ?? '').split(';')[0]?.split('=')[1] ?? '';
  return {
    request: (path: string, init: RequestInit = {}) =>
      fetch(`${appUrl}/api/v1${path}`, {
        ...init,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...init.headers },
      }),
  };
}
