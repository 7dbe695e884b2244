import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { Database } from '@ozg/db';
import { createTestDatabase } from '@ozg/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from './app';
import { webApp } from './server';

let database: Database;
let distDir: string;
const script = `console.log(${JSON.stringify('ä'.repeat(2000))});`;

beforeAll(async () => {
  database = await createTestDatabase();
  distDir = mkdtempSync(join(tmpdir(), 'ozg-dist-'));
  mkdirSync(join(distDir, 'assets'));
  writeFileSync(join(distDir, 'index.html'), '<!doctype html><title>OZG</title>');
  writeFileSync(join(distDir, 'assets', 'app.js'), script);
  writeFileSync(join(distDir, 'assets', 'app.js.gz'), gzipSync(script));
  // Marked bytes instead of real brotli: the test proves that the file written at build time is sent.
  writeFileSync(join(distDir, 'assets', 'app.js.br'), 'brotli-precompressed');
});
afterAll(async () => {
  await database.close();
  rmSync(distDir, { recursive: true, force: true });
});

describe('compression', () => {
  it('serves the precompressed brotli file of a built asset when the browser accepts it', async () => {
    const app = createApp(database, { web: webApp(distDir) });
    const res = await app.request('/assets/app.js', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('br');
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(await res.text()).toBe('brotli-precompressed');
  });

  it('falls back to the gzip file, and to the plain file for clients that accept no encoding', async () => {
    const app = createApp(database, { web: webApp(distDir) });
    const gzipped = await app.request('/assets/app.js', { headers: { 'accept-encoding': 'gzip' } });
    expect(gzipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await gzipped.arrayBuffer())).toString()).toBe(script);
    const plain = await app.request('/assets/app.js');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(script);
  });

  it('gzips JSON answers of the API', async () => {
    const app = createApp(database);
    const res = await app.request('/api/v1/openapi.json', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    const doc = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString()) as {
      openapi: string;
    };
    expect(doc.openapi).toBe('3.1.0');
  });
});
