/**
 * The app's navigation, the only one features use: links, `navigate`, the
 * current location, typed path parameters and validated search parameters.
 * A small router on the History API: TanStack Router was measured and not
 * adopted (decision 014: +26 kB gzip of initial JavaScript for what this does).
 */
import { type AnchorHTMLAttributes, type MouseEvent, useSyncExternalStore } from 'react';
import type { z } from 'zod';

const NAVIGATION_EVENT = 'ozg:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATION_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATION_EVENT, onChange);
  };
}

const currentHref = () => window.location.pathname + window.location.search;

/** Path and query string of the current page; re-renders on every navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, currentHref);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams };
}

/** Goes to another page of the app without reloading; `replace` keeps the history entry. */
export function navigate(to: string, { replace = false }: { replace?: boolean } = {}): void {
  if (to === currentHref()) return;
  if (replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATION_EVENT));
  if (!replace) window.scrollTo(0, 0);
}

/** The parameters of a route pattern: `PathParams<'/regionen/:key'>` is `{ key: string }`. */
export type PathParams<Path extends string> = Path extends `${string}:${infer Name}/${infer Rest}`
  ? { [K in Name]: string } & PathParams<`/${Rest}`>
  : Path extends `${string}:${infer Name}`
    ? { [K in Name]: string }
    : Record<never, string>;

/** What a page of the route `Path` receives: `PageProps<'/regionen/:key'>` has `params.key`. */
export type PageProps<Path extends string = string> = {
  params: string extends Path ? Record<string, string> : PathParams<Path>;
};

/**
 * A page's search parameters as a zod object whose every field says with
 * `.catch()` what a missing or invalid value means, so that a hand-edited
 * address never breaks a page: it shows the default instead.
 */
export type SearchSchema = z.ZodObject<Record<string, z.ZodCatch<z.ZodType>>>;

/** Parses a query string with such a schema (pure, for tests and for code outside React). */
export function parseSearch<Schema extends SearchSchema>(
  schema: Schema,
  search: URLSearchParams,
): z.output<Schema> {
  return schema.parse(Object.fromEntries(search)) as z.output<Schema>;
}

/** The current page's search parameters, validated; re-renders on every navigation. */
export function useSearchParams<Schema extends SearchSchema>(schema: Schema): z.output<Schema> {
  return parseSearch(schema, useLocation().search);
}

/**
 * The current address with some search parameters changed (empty or null
 * removes one), e.g. for filters kept in the URL. Reads `window.location` at
 * call time, so that two quick changes do not undo each other.
 */
export function withSearch(change: Record<string, string | number | null | undefined>): string {
  const next = new URLSearchParams(window.location.search);
  for (const [name, value] of Object.entries(change)) {
    if (value === null || value === undefined || value === '') next.delete(name);
    else next.set(name, String(value));
  }
  return next.size > 0 ? `${window.location.pathname}?${next}` : window.location.pathname;
}

/**
 * Matches a pattern such as `/regionen/:key` against a path; returns the
 * decoded parameters, or null when the path does not match.
 */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = pathname.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (const [index, part] of patternParts.entries()) {
    const actual = pathParts[index] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (part !== actual) return null;
  }
  return params;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link (open in new tab works) that navigates inside the app on a plain click. */
export function Link({ to, onClick, ...rest }: LinkProps) {
  const handleClick = (event: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(event);
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey ||
      rest.target === '_blank'
    )
      return;
    event.preventDefault();
    navigate(to);
  };
  return <a href={to} onClick={handleClick} {...rest} />;
}
