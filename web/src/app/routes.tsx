/**
 * The route table of the app. Each page is loaded lazily so that the initial
 * JavaScript stays small (issue 5: at most 250 KB gzip). `nav` puts the page
 * into the main navigation; `roles` limits who may open it (missing: everyone,
 * signed in or not). `route()` checks that a page accepts its path's
 * parameters (`PageProps<'/regionen/:key'>` on `/regionen/:key`).
 */
import type { UserRole } from '@ozg/shared';
import { type LazyExoticComponent, lazy, type ReactNode } from 'react';
import type { PageProps } from '../lib/navigation';

/** A page: a function component (pages have no class components) taking its route's parameters. */
type PageComponent<Props = PageProps> = (props: Props) => ReactNode;

export type AppRoute = {
  path: string;
  page: LazyExoticComponent<PageComponent>;
  /** Document title until the page sets a more specific one (e.g. the region's name). */
  title: string;
  nav?: { label: string };
  roles?: readonly UserRole[];
};

/** One entry of the table; the page must take the parameters of `path` (or none). */
function route<Path extends string>(
  definition: Omit<AppRoute, 'path' | 'page'> & {
    path: Path;
    page: LazyExoticComponent<PageComponent<PageProps<Path>>>;
  },
): AppRoute {
  // The layout passes the parameters it matched on `path`, so the page gets exactly PageProps<Path>.
  return definition as unknown as AppRoute;
}

/** A named export of a feature module as a lazily loaded page. */
// biome-ignore lint/suspicious/noExplicitAny: any page props; route() checks them against the path.
function lazyPage<Module extends Record<Name, PageComponent<any>>, Name extends keyof Module & string>(
  load: () => Promise<Module>,
  name: Name,
): LazyExoticComponent<Module[Name]> {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LandPage = lazyPage(() => import('./pages/LandPageWithKeyDates'), 'LandPageWithKeyDates');
const RegionPage = lazyPage(() => import('./pages/RegionPages'), 'RegionPageWithLinks');
const SearchPage = lazyPage(() => import('./pages/RegionPages'), 'SearchPageWithLinks');
const ServiceCatalogue = lazyPage(
  () => import('../features/catalog/components/ServiceCatalogue'),
  'ServiceCatalogue',
);
const ServicePage = lazyPage(() => import('../features/catalog/components/ServicePage'), 'ServicePage');
const WorkspacePage = lazyPage(
  () => import('../features/workspace/components/WorkspacePage'),
  'WorkspacePage',
);
const ReconciliationPage = lazyPage(
  () => import('../features/workspace/components/ReconciliationPage'),
  'ReconciliationPage',
);
const KreiseReconciliationPage = lazyPage(
  () => import('../features/datahub/components/KreiseReconciliationPage'),
  'KreiseReconciliationPage',
);
const StaleListPage = lazyPage(
  () => import('../features/freshness/components/StaleListPage'),
  'StaleListPage',
);
const LaggardsPage = lazyPage(() => import('../features/laggards/components/LaggardsPage'), 'LaggardsPage');
const WorklistPage = lazyPage(() => import('../features/consulting/components/WorklistPage'), 'WorklistPage');
const ConsultationsPage = lazyPage(
  () => import('../features/consulting/components/ConsultationsPage'),
  'ConsultationsPage',
);
const OwnConsultationsPage = lazyPage(
  () => import('../features/consulting/components/OwnConsultationsPage'),
  'OwnConsultationsPage',
);
const CheckPage = lazyPage(() => import('../features/consulting/components/CheckPage'), 'CheckPage');
const ConsultingReportPage = lazyPage(
  () => import('../features/consulting/components/ReportPage'),
  'ReportPage',
);
const ConsultingModulesPage = lazyPage(() => import('./pages/AdminModulesPage'), 'AdminModulesPage');
const MethodologyPage = lazyPage(
  () => import('../features/methodology/components/MethodologyPage'),
  'MethodologyPage',
);
const SignInPage = lazyPage(() => import('../features/auth/components/SignInPage'), 'SignInPage');
const AdminUploadsPage = lazyPage(() => import('./pages/AdminUploadsPage'), 'AdminUploadsPage');
const AdminHomePage = lazyPage(() => import('../features/admin/components/AdminNav'), 'AdminHomePage');
const UsersPage = lazyPage(() => import('../features/admin/components/UsersPage'), 'UsersPage');
const AuditTrailPage = lazyPage(
  () => import('../features/admin/components/AuditTrailPage'),
  'AuditTrailPage',
);
const LevelsPage = lazyPage(
  () => import('../features/admin/components/ExecutingLevelsPage'),
  'ExecutingLevelsPage',
);

export const ROUTES: readonly AppRoute[] = [
  // Public reading: the Land, its regions and the catalogue.
  route({ path: '/', page: LandPage, title: 'Landesübersicht', nav: { label: 'Übersicht' } }),
  route({ path: '/regionen/:key', page: RegionPage, title: 'Gebiet' }),
  route({
    path: '/leistungen',
    page: ServiceCatalogue,
    title: 'Leistungskatalog',
    nav: { label: 'Leistungen' },
  }),
  route({ path: '/leistungen/:ozgId', page: ServicePage, title: 'Leistung' }),
  route({ path: '/suche', page: SearchPage, title: 'Suche' }),
  route({ path: '/methodik', page: MethodologyPage, title: 'Methodik' }),
  // Work of the municipalities and the consultants.
  route({
    path: '/arbeitsbereich',
    page: WorkspacePage,
    title: 'Arbeitsbereich',
    nav: { label: 'Arbeitsbereich' },
    roles: ['officer', 'admin'],
  }),
  // Every signed-in role reads a municipality's services here; only who may edit gets the editor (the API says who).
  route({
    path: '/arbeitsbereich/:ags',
    page: WorkspacePage,
    title: 'Leistungen der Kommune',
    roles: ['officer', 'admin', 'consultant', 'viewer'],
  }),
  // Reconciliation with the federal Data Hub (decision 021): the officer decides, the ministry watches per Kreis.
  route({
    path: '/arbeitsbereich/:ags/abgleich',
    page: ReconciliationPage,
    title: 'Abgleich mit dem Bund',
    roles: ['officer', 'admin'],
  }),
  route({
    path: '/abgleich',
    page: KreiseReconciliationPage,
    title: 'Abgleich mit dem Bund je Kreis',
    nav: { label: 'Abgleich' },
    roles: ['admin', 'viewer'],
  }),
  // How current the municipalities' statuses are (decision 025): the ministry reads and reminds.
  route({
    path: '/aktualitaet',
    page: StaleListPage,
    title: 'Nicht bestätigte Stände',
    nav: { label: 'Aktualität' },
    roles: ['admin', 'viewer'],
  }),
  route({
    path: '/nachzuegler',
    page: LaggardsPage,
    title: 'Nachzügler',
    nav: { label: 'Nachzügler' },
    roles: ['consultant', 'admin'],
  }),
  route({
    path: '/beratung',
    page: WorklistPage,
    title: 'Arbeitsliste Beratung',
    nav: { label: 'Beratung' },
    roles: ['consultant', 'admin'],
  }),
  route({
    path: '/beratung/meine',
    page: OwnConsultationsPage,
    title: 'Beratung',
    nav: { label: 'Beratung' },
    roles: ['officer'],
  }),
  route({
    path: '/beratung/kommune/:ags',
    page: ConsultationsPage,
    title: 'Beratung der Kommune',
    roles: ['consultant', 'admin', 'officer', 'viewer'],
  }),
  route({
    path: '/beratung/kommune/:ags/check',
    page: CheckPage,
    title: 'Digitalisierungs-Check',
    roles: ['officer', 'admin'],
  }),
  route({
    path: '/beratung/bericht',
    page: ConsultingReportPage,
    title: 'Beratungsbericht',
    nav: { label: 'Beratungsbericht' },
    roles: ['admin', 'consultant', 'viewer'],
  }),
  // Administration by the ministry: one entry in the navigation, tabs within (AdminNav).
  route({
    path: '/verwaltung',
    page: AdminHomePage,
    title: 'Verwaltung',
    nav: { label: 'Verwaltung' },
    roles: ['admin'],
  }),
  route({ path: '/verwaltung/uploads', page: AdminUploadsPage, title: 'Amtliche Dateien', roles: ['admin'] }),
  route({ path: '/verwaltung/ebenen', page: LevelsPage, title: 'Ebenen und Ausnahmen', roles: ['admin'] }),
  route({ path: '/verwaltung/benutzer', page: UsersPage, title: 'Benutzer', roles: ['admin'] }),
  route({
    path: '/verwaltung/protokoll',
    page: AuditTrailPage,
    title: 'Änderungsprotokoll',
    roles: ['admin'],
  }),
  route({
    path: '/verwaltung/beratungsmodule',
    page: ConsultingModulesPage,
    title: 'Beratungsmodule',
    roles: ['admin'],
  }),
  // Account.
  route({ path: '/anmelden', page: SignInPage, title: 'Anmelden' }),
];
