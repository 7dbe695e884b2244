import { createDb, queryRows } from '@ozg/db';
import { readOfficialFile } from '@ozg/db/testing';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { startApp } from './app-server';

describe('pnpm start on SIGTERM', () => {
  it('lets the running import finish whole, then closes the database and exits', async () => {
    const app = await startApp();
    try {
      const login = await fetch(`${app.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.example', password: 'demo-admin-2026' }),
      });
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const upload = await fetch(`${app.url}/api/v1/imports/gv100?land=06&replaceDemo=true&progress=stream`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'text/plain' },
        body: readOfficialFile('GV100AD_301123.txt'),
      });
      expect(upload.status).toBe(200);
      const reader = (upload.body as ReadableStream<Uint8Array>).getReader();
      const decoder = new TextDecoder();
      let received = '';
      // The first line comes as the import starts; SIGTERM arrives while it runs.
      while (!received.includes('\n')) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
      }
      app.signal('SIGTERM');
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        received += decoder.decode(value, { stream: true });
      }
      expect(await app.exited).toBe(0);
      expect(app.output()).toContain('Beendet.');
      const last = JSON.parse(received.trim().split('\n').at(-1) ?? '{}') as { status: number };
      expect(last.status).toBe(200);

      // The data directory holds the whole import: the demo is replaced by every Hessian Gemeinde.
      const database = await createDb({ kind: 'pglite', dataDir: app.dataDir });
      try {
        const [row] = await queryRows<{ dataset: string; versions: number }>(
          database.db,
          sql`select (select dataset from instance_state) as dataset, (select count(*)::int from region_versions) as versions`,
        );
        expect(row?.dataset).toBe('official');
        expect(row?.versions).toBeGreaterThan(400);
      } finally {
        await database.close();
      }
    } finally {
      await app.stop();
    }
  });
});
