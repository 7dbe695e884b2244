import { requireActor } from '../../lib/auth';
import { AppError } from '../../lib/errors';
import { createRouter } from '../../lib/router';
import { createUser, listUsers, updateUser } from '../../services/users';
import { createUserRoute, listUsersRoute, updateUserRoute } from './users.routes';

export const usersRouter = createRouter()
  .openapi(listUsersRoute, async (c) => {
    return c.json({ items: await listUsers(c.get('database').db) }, 200);
  })
  .openapi(createUserRoute, async (c) => {
    const { db } = c.get('database');
    const input = c.req.valid('json');
    const created = await createUser({
      db,
      email: input.email,
      role: input.role,
      regionKeys: input.regions,
      password: input.password,
      ...(input.displayName ? { displayName: input.displayName } : {}),
    });
    const user = (await listUsers(db)).find((candidate) => candidate.id === created.id);
    if (!user) throw new AppError('internal', 'Der neue Benutzer wurde nicht gefunden.');
    return c.json(user, 200);
  })
  .openapi(updateUserRoute, async (c) => {
    const actor = requireActor(c);
    const user = await updateUser({
      db: c.get('database').db,
      actorId: actor.id,
      id: c.req.valid('param').id,
      change: c.req.valid('json'),
    });
    return c.json(user, 200);
  });
