/** Query options of the session (GET /auth/session): who is signed in. */
import type { Me } from '@ozg/shared';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, rememberCsrfToken, unwrap } from '../api-client';

export const meQueryKey = ['me'] as const;

/**
 * The signed-in user, or null when nobody is signed in. Asks GET /auth/session,
 * which answers 200 either way: a 401 from /me would be logged by the browser
 * as an error on every visit of a signed-out reader.
 */
export const meQueryOptions = () =>
  queryOptions({
    queryKey: meQueryKey,
    queryFn: async (): Promise<Me | null> => {
      const { user } = await unwrap(api.auth.session.$get());
      rememberCsrfToken(user?.csrfToken ?? null);
      return user;
    },
    staleTime: 5 * 60_000,
  });

export const useMe = () => useQuery(meQueryOptions());
