import type { UserRole } from '@ozg/shared';
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../../lib/api-client';

export const usersQueryKey = ['users'] as const;

export const usersQueryOptions = () =>
  queryOptions({ queryKey: usersQueryKey, queryFn: () => unwrap(api.users.$get()) });

export const useUsers = () => useQuery(usersQueryOptions());

export type NewUser = {
  email: string;
  displayName?: string;
  role: UserRole;
  regions: string[];
  password: string;
};
export type UserChange = { displayName?: string; role?: UserRole; regions?: string[]; active?: boolean };

export const useCreateUser = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (user: NewUser) => unwrap(api.users.$post({ json: user })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
};

export const useUpdateUser = () => {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, change }: { id: number; change: UserChange }) =>
      unwrap(api.users[':id'].$patch({ param: { id: String(id) }, json: change })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: usersQueryKey }),
  });
};

/** Region keys typed by the admin: AGS separated by commas, semicolons or spaces. */
export function parseRegionKeys(text: string): string[] {
  return text
    .split(/[\s,;]+/)
    .map((key) => key.trim())
    .filter(Boolean);
}
