/**
 * The route table of the app. Each page is loaded lazily so that the initial
 * JavaScript stays small (issue 5: at most 250 KB gzip). `nav` puts the page
 * into the main navigation; `roles` limits who may open it (missing: everyone,
 * signed in or not).
 */
import type { UserRole } from '@ozg/shared';
import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

export type PageProps = { params: Record<string, string> };
type Page = LazyExoticComponent<ComponentType<PageProps>>;

export type AppRoute = {
  path: string;
  page: Page;
  /** Document title until the page sets a more specific one (e.g. the region's name). */
  title: string;
  nav?: { label: string };
  roles?: readonly UserRole[];
};

/** A named export of a feature module as a lazily loaded page. */
function lazyPage<Name extends string>(
  load: () => Promise<Record<Name, ComponentType<PageProps>>>,
  name: Name,
): Page {
  return lazy(async () => ({ default: (await load())[name] }));
}

const LandPage = lazyPage(() => import('../features/regions/components/LandPage'), 'LandPage');
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
const ConsultingReportPage = lazyPage(
  () => import('../features/consulting/components/ReportPage'),
  'ReportPage',
);
const ConsultingModulesPage = lazyPage(
  () => import('../features/consulting/components/ModulesPage'),
  'ModulesPage',
);
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
  { path: '/', page: LandPage, title: 'Landesübersicht', nav: { label: 'Übersicht' } },
  { path: '/regionen/:key', page: RegionPage, title: 'Gebiet' },
  { path: '/leistungen', page: ServiceCatalogue, title: 'Leistungskatalog', nav: { label: 'Leistungen' } },
  { path: '/leistungen/:ozgId', page: ServicePage, title: 'Leistung' },
  { path: '/suche', page: SearchPage, title: 'Suche' },
  { path: '/methodik', page: MethodologyPage, title: 'Methodik' },
  // Work of the municipalities and the consultants.
  {
    path: '/arbeitsbereich',
    page: WorkspacePage,
    title: 'Arbeitsbereich',
    nav: { label: 'Arbeitsbereich' },
    roles: ['officer', 'admin'],
  },
  // Every signed-in role reads a municipality's services here; only who may edit gets the editor (the API says who).
  {
    path: '/arbeitsbereich/:ags',
    page: WorkspacePage,
    title: 'Leistungen der Kommune',
    roles: ['officer', 'admin', 'consultant', 'viewer'],
  },
  {
    path: '/nachzuegler',
    page: LaggardsPage,
    title: 'Nachzügler',
    nav: { label: 'Nachzügler' },
    roles: ['consultant', 'admin'],
  },
  {
    path: '/beratung',
    page: WorklistPage,
    title: 'Arbeitsliste Beratung',
    nav: { label: 'Beratung' },
    roles: ['consultant', 'admin'],
  },
  {
    path: '/beratung/meine',
    page: OwnConsultationsPage,
    title: 'Beratung',
    nav: { label: 'Beratung' },
    roles: ['officer'],
  },
  {
    path: '/beratung/kommune/:ags',
    page: ConsultationsPage,
    title: 'Beratung der Kommune',
    roles: ['consultant', 'admin', 'officer', 'viewer'],
  },
  {
    path: '/beratung/bericht',
    page: ConsultingReportPage,
    title: 'Beratungsbericht',
    nav: { label: 'Beratungsbericht' },
    roles: ['admin', 'consultant', 'viewer'],
  },
  // Administration by the ministry: one entry in the navigation, tabs within (AdminNav).
  {
    path: '/verwaltung',
    page: AdminHomePage,
    title: 'Verwaltung',
    nav: { label: 'Verwaltung' },
    roles: ['admin'],
  },
  { path: '/verwaltung/uploads', page: AdminUploadsPage, title: 'Amtliche Dateien', roles: ['admin'] },
  { path: '/verwaltung/ebenen', page: LevelsPage, title: 'Ebenen und Ausnahmen', roles: ['admin'] },
  { path: '/verwaltung/benutzer', page: UsersPage, title: 'Benutzer', roles: ['admin'] },
  { path: '/verwaltung/protokoll', page: AuditTrailPage, title: 'Änderungsprotokoll', roles: ['admin'] },
  {
    path: '/verwaltung/beratungsmodule',
    page: ConsultingModulesPage,
    title: 'Beratungsmodule',
    roles: ['admin'],
  },
  // Account.
  { path: '/anmelden', page: SignInPage, title: 'Anmelden' },
];
