import { USER_ROLE_LABELS } from '@ozg/shared';
import { Suspense, useEffect, useRef } from 'react';
import { PageErrorBoundary } from '../components/PageErrorBoundary';
import { ErrorState, Loading } from '../components/States';
import { useSignOut } from '../features/auth/api/sign-in';
import { SearchBox } from '../features/search/components/SearchBox';
import { DataSourceNote } from '../features/system/components/DataSourceNote';
import { DemoNotice } from '../features/system/components/DemoNotice';
import { userMessage } from '../lib/api-client';
import { Link, matchPath, navigate, useLocation } from '../lib/navigation';
import { usePageTitle } from '../lib/page-title';
import { useMe } from '../lib/queries/me';
import { type AppRoute, ROUTES } from './routes';

function findRoute(pathname: string): { route: AppRoute; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}

function NotFound() {
  usePageTitle('Seite nicht gefunden');
  const { pathname } = useLocation();
  return (
    <div className="state">
      <h1>Seite nicht gefunden</h1>
      <p>
        Unter <span className="mono">{pathname}</span> gibt es keine Seite. Zur{' '}
        <Link to="/">Landesübersicht</Link>.
      </p>
    </div>
  );
}

/** Shows the page when the visitor may see it, otherwise says why not and what to do. */
function GuardedPage({ route, params }: { route: AppRoute; params: Record<string, string> }) {
  const me = useMe();
  const { pathname, search } = useLocation();
  usePageTitle(route.title);
  if (route.roles) {
    if (me.isPending) return <Loading label="Die Anmeldung" />;
    if (me.isError) return <ErrorState error={me.error} onRetry={() => void me.refetch()} />;
    if (!me.data) {
      const here = pathname + (search.size > 0 ? `?${search}` : '');
      return (
        <div className="state">
          <h1>Anmeldung erforderlich</h1>
          <p>
            Diese Seite ist nur für angemeldete Benutzer sichtbar.{' '}
            <Link to={`/anmelden?weiter=${encodeURIComponent(here)}`}>Jetzt anmelden</Link>
          </p>
        </div>
      );
    }
    if (!route.roles.includes(me.data.role)) {
      return (
        <div className="state">
          <h1>Keine Berechtigung</h1>
          <p>
            Ihre Rolle „{USER_ROLE_LABELS[me.data.role]}“ darf diese Seite nicht öffnen. Zur{' '}
            <Link to="/">Landesübersicht</Link>.
          </p>
        </div>
      );
    }
  }
  const Page = route.page;
  return <Page params={params} />;
}

function MainNavigation({ currentPath }: { currentPath: string }) {
  const me = useMe();
  const role = me.data?.role;
  const items = ROUTES.filter((route) => route.nav && (!route.roles || (role && route.roles.includes(role))));
  // The deepest matching entry is the current one: /beratung/bericht is not also /beratung.
  const activePath = items
    .map((route) => route.path)
    .filter((path) =>
      path === '/' ? currentPath === '/' : currentPath === path || currentPath.startsWith(`${path}/`),
    )
    .sort((a, b) => b.length - a.length)[0];
  return (
    <nav aria-label="Hauptnavigation" className="main-nav">
      <ul>
        {items.map((route) => {
          const active = route.path === activePath;
          return (
            <li key={route.path}>
              <Link to={route.path} aria-current={active ? 'page' : undefined}>
                {route.nav?.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}

function AccountMenu() {
  const me = useMe();
  const signOut = useSignOut();
  const { pathname } = useLocation();
  if (me.isPending) return null;
  if (!me.data) {
    if (pathname === '/anmelden') return null;
    return (
      <Link className="header-button" to={`/anmelden?weiter=${encodeURIComponent(pathname)}`}>
        Anmelden
      </Link>
    );
  }
  return (
    <div className="account">
      <span className="account-name">
        {me.data.displayName}
        <span className="account-role">
          {USER_ROLE_LABELS[me.data.role]}
          {/* Officers reach the pages of the regions they are responsible for from everywhere. */}
          {me.data.regions.map((region) => (
            <span key={region.ags}>
              {' · '}
              <Link to={`/regionen/${region.ags}`} className="account-region">
                {region.name}
              </Link>
            </span>
          ))}
        </span>
      </span>
      <button
        type="button"
        className="header-button"
        disabled={signOut.isPending}
        onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/') })}
      >
        Abmelden
      </button>
      {signOut.isError ? (
        <span role="alert" className="account-error">
          {userMessage(signOut.error, 'Abmelden fehlgeschlagen.')}
        </span>
      ) : null}
    </div>
  );
}

export function Layout() {
  const { pathname } = useLocation();
  const match = findRoute(pathname);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // After a navigation, screen readers and keyboard users start at the new page's content.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus({ preventScroll: true });
  }, [pathname]);

  return (
    <>
      <a className="skip-link" href="#inhalt">
        Zum Inhalt springen
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <Link to="/" className="app-title">
            OZG-Umsetzungsdashboard
          </Link>
          <MainNavigation currentPath={pathname} />
          <SearchBox />
          <AccountMenu />
        </div>
      </header>
      <DemoNotice />
      <main id="inhalt" className="content" ref={mainRef} tabIndex={-1}>
        <PageErrorBoundary resetKey={pathname}>
          <Suspense fallback={<Loading label="Die Seite" />}>
            {match ? <GuardedPage key={match.route.path} {...match} /> : <NotFound />}
          </Suspense>
        </PageErrorBoundary>
      </main>
      <footer className="app-footer">
        <DataSourceNote />
        <p>
          <Link to="/methodik">Methodik: Reifegradmodelle und Kennzahlen</Link> ·{' '}
          <a href="/api/docs">API-Dokumentation</a>
        </p>
      </footer>
    </>
  );
}
