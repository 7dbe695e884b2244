import { createRoute } from '@hono/zod-openapi';
import { AdminUserSchema, UserCreateSchema, UserIdParamSchema, UserUpdateSchema } from '@ozg/shared';
import { z } from 'zod';
import { errorResponses, jsonContent, signedIn } from '../../lib/router';
import { ROLES } from '../../services/policy';

export const listUsersRoute = createRoute({
  method: 'get',
  path: '/users',
  tags: ['Benutzer'],
  summary: 'Alle Benutzer mit Rolle und Gebieten (Administration)',
  ...signedIn(...ROLES.admin),
  responses: {
    200: jsonContent(z.object({ items: z.array(AdminUserSchema) }), 'Benutzer'),
    ...errorResponses(401, 403),
  },
});

export const createUserRoute = createRoute({
  method: 'post',
  path: '/users',
  tags: ['Benutzer'],
  summary: 'Benutzer anlegen (Administration); Passwort mindestens 12 Zeichen',
  ...signedIn(...ROLES.admin),
  request: { body: { content: { 'application/json': { schema: UserCreateSchema } }, required: true } },
  responses: {
    200: jsonContent(AdminUserSchema, 'Angelegt'),
    ...errorResponses(400, 401, 403, 404, 409, 413, 415),
  },
});

export const updateUserRoute = createRoute({
  method: 'patch',
  path: '/users/{id}',
  tags: ['Benutzer'],
  summary: 'Name, Rolle, Gebiete oder Sperre eines Benutzers ändern (Administration)',
  ...signedIn(...ROLES.admin),
  request: {
    params: UserIdParamSchema,
    body: { content: { 'application/json': { schema: UserUpdateSchema } }, required: true },
  },
  responses: {
    200: jsonContent(AdminUserSchema, 'Geändert'),
    ...errorResponses(400, 401, 403, 404, 413, 415, 422),
  },
});
