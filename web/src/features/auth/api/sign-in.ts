import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, rememberCsrfToken, unwrap } from '../../../lib/api-client';
import { meQueryKey } from '../../../lib/queries/me';

export type SignInInput = { email: string; password: string };

export const useSignIn = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: SignInInput) => unwrap(api.auth.login.$post({ json: input })),
    onSuccess: (me) => {
      rememberCsrfToken(me.csrfToken);
      // Everything cached so far was read without the user's rights.
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
      queryClient.setQueryData(meQueryKey, me);
    },
  });
};

export const useSignOut = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const res = await api.auth.logout.$post();
      // 204 has no body: only a failure is unwrapped (it throws the API's message).
      if (!res.ok) await unwrap(Promise.resolve(res));
    },
    onSuccess: () => {
      rememberCsrfToken(null);
      queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== 'me' });
      queryClient.setQueryData(meQueryKey, null);
    },
  });
};
