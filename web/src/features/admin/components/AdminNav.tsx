import { Link, useLocation } from '../../../lib/navigation';
// Every admin page shows this navigation, so its stylesheet loads with it, also when a page is opened directly.
import '../admin.css';

/** The ministry's administration pages, one entry in the main navigation, these tabs within. */
export const ADMIN_PAGES = [
  {
    path: '/verwaltung/uploads',
    label: 'Amtliche Dateien',
    description: 'Gemeindeverzeichnis, OZG-Katalog und Kreisgrenzen hochladen; die Karte der Kreise.',
  },
  {
    path: '/verwaltung/ebenen',
    label: 'Ebenen und Ausnahmen',
    description:
      'Ausführende Ebene je Leistung, einzeln oder für eine Auswahl; Ausnahmen einzelner Kommunen.',
  },
  {
    path: '/verwaltung/benutzer',
    label: 'Benutzer',
    description: 'Konten, Rollen und die Gebiete, die eine Kommune bearbeiten darf; Konten sperren.',
  },
  {
    path: '/verwaltung/beratungsmodule',
    label: 'Beratungsmodule',
    description:
      'Die Module der Digitalisierungsberatung: Name, Bereich, Beschreibung, ob sie angeboten werden.',
  },
  {
    path: '/verwaltung/protokoll',
    label: 'Änderungsprotokoll',
    description:
      'Wer hat wann was geändert: je Gebiet oder Benutzer, nach Zeitraum und Quelle gefiltert, als CSV.',
  },
] as const;

export function AdminNav() {
  const { pathname } = useLocation();
  return (
    <nav className="admin-nav" aria-label="Verwaltung">
      <ul>
        {ADMIN_PAGES.map((page) => (
          <li key={page.path}>
            <Link to={page.path} aria-current={pathname === page.path ? 'page' : undefined}>
              {page.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** /verwaltung: what the administration offers. */
export function AdminHomePage() {
  return (
    <div className="admin-page">
      <h1>Verwaltung</h1>
      <ul className="admin-cards">
        {ADMIN_PAGES.map((page) => (
          <li key={page.path} className="panel">
            <h2>
              <Link to={page.path}>{page.label}</Link>
            </h2>
            <p className="admin-card-text">{page.description}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
