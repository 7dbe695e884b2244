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
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return {
    request: (path: string, init: RequestInit = {}) =>
      fetch(`${appUrl}/api/v1${path}`, {
        ...init,
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json', ...init.headers },
      }),
  };
}
