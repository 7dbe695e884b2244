import type { Database } from '@ozg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoTestApp, readBody, signIn, signInAs, type TestApp, type TestClient } from '../../testing';
import { createUserRoute, listUsersRoute, updateUserRoute } from './users.routes';

let database: Database;
let app: TestApp;
let admin: TestClient;
beforeAll(async () => {
  ({ database, app } = await demoTestApp());
  admin = await signInAs(app, 'admin');
});
afterAll(async () => {
  await database.close();
});

const listUsers = async () =>
  (await readBody(await admin.request('GET', '/api/v1/users'), listUsersRoute, 200)).items;

describe('user administration', () => {
  it('GET /users lists the accounts with their regions and no password hashes', async () => {
    const res = await admin.request('GET', '/api/v1/users');
    expect(await res.clone().text()).not.toContain('argon2');
    const { items } = await readBody(res, listUsersRoute, 200);
    const officer = items.find((user) => user.email === 'kommune@demo.example');
    expect(officer?.role).toBe('officer');
    expect(officer?.regions.map((region) => region.ags)).toEqual(['06435901']);
  });

  it('POST /users creates an officer who can sign in; PATCH /users/{id} locks the account', async () => {
    const res = await admin.request('POST', '/api/v1/users', {
      email: 'anna@kommune.example',
      displayName: 'Anna Beispiel',
      role: 'officer',
      regions: ['06435901'],
      password: 'ein-sicheres-passwort',
    });
    const anna = await readBody(res, createUserRoute, 200);
    expect(anna.regions).toHaveLength(1);
    const annaClient = await signIn(app, 'anna@kommune.example', 'ein-sicheres-passwort');
    expect((await annaClient.request('GET', '/api/v1/me')).status).toBe(200);

    const locked = await admin.request('PATCH', `/api/v1/users/${anna.id}`, { active: false });
    expect((await readBody(locked, updateUserRoute, 200)).active).toBe(false);
    // Her open session ends at once, and she cannot sign in again.
    expect((await annaClient.request('GET', '/api/v1/me')).status).toBe(401);
    await expect(signIn(app, 'anna@kommune.example', 'ein-sicheres-passwort')).rejects.toThrow(/401/);
  });

  it('PATCH /users/{id} refuses an officer without regions and says why', async () => {
    const officer = (await listUsers()).find((user) => user.email === 'kommune@demo.example');
    const res = await admin.request('PATCH', `/api/v1/users/${officer?.id}`, { regions: [] });
    expect((await readBody(res, updateUserRoute, 400)).error.message).toBe(
      'Ein Konto der Rolle Kommune braucht mindestens ein Gebiet (AGS).',
    );
    const after = (await listUsers()).find((user) => user.email === 'kommune@demo.example');
    expect(after?.regions).toHaveLength(1);
  });

  it('an admin cannot lock themself out', async () => {
    const self = (await listUsers()).find((user) => user.email === 'admin@demo.example');
    const res = await admin.request('PATCH', `/api/v1/users/${self?.id}`, { role: 'viewer' });
    expect(res.status).toBe(422);
  });

  it('only an admin may list or change users', async () => {
    const consultant = await signInAs(app, 'consultant');
    expect((await consultant.request('GET', '/api/v1/users')).status).toBe(403);
    expect((await app.request('/api/v1/users')).status).toBe(401);
  });
});
