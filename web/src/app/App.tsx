import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { LandOverview } from '../features/regions/components/LandOverview';
import { DataSourceNote } from '../features/system/components/DataSourceNote';
import { DemoNotice } from '../features/system/components/DemoNotice';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 30_000, retry: 1, refetchOnWindowFocus: false } },
});

/** Which Land the start page shows: ?land=06 (Hessen, the first customer, by default). */
function landKeyFromUrl(): string {
  const key = new URLSearchParams(window.location.search).get('land');
  return key && /^\d{2}$/.test(key) ? key : '06';
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <a className="skip-link" href="#inhalt">
        Zum Inhalt springen
      </a>
      <header className="app-header">
        <div className="app-header-inner">
          <span className="app-title">OZG-Umsetzungsdashboard</span>
          <a className="app-header-link" href="/api/docs">
            API-Dokumentation
          </a>
        </div>
      </header>
      <DemoNotice />
      <main id="inhalt" className="content">
        <LandOverview landKey={landKeyFromUrl()} />
      </main>
      <footer className="app-footer">
        <DataSourceNote />
      </footer>
    </QueryClientProvider>
  );
}
