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
const RegionPage = lazyPage(() => import('../features/regions/components/RegionPage'), 'RegionPage');
const SignInPage = lazyPage(() => import('../features/auth/components/SignInPage'), 'SignInPage');

export const ROUTES: readonly AppRoute[] = [
  // Public reading: the Land, its regions and the catalogue.
  { path: '/', page: LandPage, title: 'Landesübersicht', nav: { label: 'Übersicht' } },
  { path: '/regionen/:key', page: RegionPage, title: 'Gebiet' },
  // Work of the municipalities and the consultants.
  // Administration by the ministry.
  // Account.
  { path: '/anmelden', page: SignInPage, title: 'Anmelden' },
];
