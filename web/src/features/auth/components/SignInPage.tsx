import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { z } from 'zod';
import { ApiError } from '../../../lib/api-client';
import { navigate, useSearchParams } from '../../../lib/navigation';
import { useMe } from '../../../lib/queries/me';
import { useSignIn } from '../api/sign-in';

/** ?weiter=/path: where to go after sign-in; only paths of this app, never another site. */
const signInSearch = z.object({
  weiter: z
    .string()
    .refine((path) => path.startsWith('/') && !path.startsWith('//'))
    .catch('/'),
});

function signInErrorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.status === 401) return 'E-Mail-Adresse oder Passwort ist falsch.';
    if (error.status === 429) return error.message;
    if (error.status === 400) return 'Bitte E-Mail-Adresse und Passwort angeben.';
    return error.message;
  }
  return 'Die Anmeldung ist fehlgeschlagen: Der Server ist nicht erreichbar. Bitte später erneut versuchen.';
}

export function SignInPage() {
  const { weiter: returnTo } = useSearchParams(signInSearch);
  const me = useMe();
  const signIn = useSignIn();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const errorId = useId();
  const errorRef = useRef<HTMLParagraphElement>(null);

  useEffect(() => {
    if (signIn.isError) errorRef.current?.focus();
  }, [signIn.isError]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate(
      { email: email.trim(), password },
      { onSuccess: () => navigate(returnTo, { replace: true }) },
    );
  };

  return (
    <div className="sign-in">
      <header className="page-header">
        <h1>Anmelden</h1>
      </header>
      {me.data ? (
        <p className="state">
          Sie sind als {me.data.displayName} ({me.data.email}) angemeldet. Mit einer anderen Anmeldung
          wechseln Sie das Konto.
        </p>
      ) : null}
      <form className="panel form" onSubmit={submit} aria-describedby={signIn.isError ? errorId : undefined}>
        {signIn.isError ? (
          <p id={errorId} ref={errorRef} tabIndex={-1} className="form-error" role="alert">
            {signInErrorMessage(signIn.error)}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="sign-in-email">E-Mail-Adresse</label>
          <input
            id="sign-in-email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(event) => setEmail(event.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor="sign-in-password">Passwort</label>
          <input
            id="sign-in-password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(event) => setPassword(event.target.value)}
          />
        </div>
        <button type="submit" className="button button-primary" disabled={signIn.isPending}>
          {signIn.isPending ? 'Anmeldung läuft …' : 'Anmelden'}
        </button>
      </form>
      <p className="hint">
        Ohne Anmeldung sehen Sie die öffentlichen Auswertungen: den Stand des Landes, der Kreise und Gemeinden
        und den Leistungskatalog.
      </p>
    </div>
  );
}
