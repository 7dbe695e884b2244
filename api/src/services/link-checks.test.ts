import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type Database, queryRows } from '@ozg/db';
import { createDemoTestDatabase } from '@ozg/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { readApiEnv } from '../env';
import { registerAppJobs } from '../jobs/index';
import { createJobRunner } from '../jobs/runner';
import { checkUrls, isPrivateAddress, type LinkCheckConfig, runLinkCheck } from './link-checks';

const onPostgres = inject('testDatabase').kind === 'postgres';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Test servers on loopback addresses 127.0.0.1 … 127.0.0.n: one "host" each, all on this machine. */
type TestHost = { base: string; server: Server };
const log: { host: string; method: string; path: string }[] = [];
let active = 0;
let maxActive = 0;
const activePerHost = new Map<string, number>();
let maxPerHost = 0;
let okAnswers = 200;

function handler(host: string) {
  return async (req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? '/';
    log.push({ host, method: req.method ?? '', path });
    active++;
    maxActive = Math.max(maxActive, active);
    activePerHost.set(host, (activePerHost.get(host) ?? 0) + 1);
    maxPerHost = Math.max(maxPerHost, activePerHost.get(host) ?? 0);
    const done = () => {
      active--;
      activePerHost.set(host, (activePerHost.get(host) ?? 1) - 1);
    };
    res.on('close', done);
    const delay = Number(new URL(path, 'http://x').searchParams.get('delay') ?? 0);
    if (delay) await sleep(delay);
    const route = path.split('?')[0];
    const redirect = (to: string) => res.writeHead(302, { location: to }).end();
    if (route === '/ok') res.writeHead(okAnswers).end('ok');
    else if (route === '/missing') res.writeHead(404).end();
    else if (route === '/error') res.writeHead(500).end();
    else if (route === '/slow') setTimeout(() => res.writeHead(200).end(), 3000);
    else if (route === '/loop-a') redirect('/loop-b');
    else if (route === '/loop-b') redirect('/loop-a');
    else if (route === '/chain')
      redirect(`/chain?n=${Number(new URL(path, 'http://x').searchParams.get('n') ?? 0) + 1}`);
    else if (route === '/moved') redirect(`${hosts[1]?.base}/ok`);
    else if (route === '/no-head') res.writeHead(req.method === 'HEAD' ? 405 : 200).end();
    else res.writeHead(404).end();
  };
}

const hosts: TestHost[] = [];
let refusedUrl = '';

beforeAll(async () => {
  for (let i = 1; i <= 6; i++) {
    const address = `127.0.0.${i}`;
    const server = createServer(handler(address));
    await new Promise<void>((resolve) => server.listen(0, address, resolve));
    hosts.push({ base: `http://${address}:${(server.address() as AddressInfo).port}`, server });
  }
  // A port that was free a moment ago: nothing listens there, the connection is refused.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  refusedUrl = `http://127.0.0.1:${(probe.address() as AddressInfo).port}/`;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(async () => {
  for (const host of hosts) {
    host.server.closeAllConnections();
    await new Promise((resolve) => host.server.close(resolve));
  }
});

function reset() {
  log.length = 0;
  maxActive = 0;
  maxPerHost = 0;
  okAnswers = 200;
}

const config = (overrides: Partial<LinkCheckConfig> = {}): LinkCheckConfig => ({
  concurrency: 4,
  timeoutMs: 500,
  budgetMs: 20_000,
  maxRedirects: 5,
  allowPrivateNetworks: true,
  ...overrides,
});

const url = (host: number, path: string) => `${hosts[host]?.base}${path}`;

async function outcomes(addresses: string[], options: Partial<LinkCheckConfig> = {}) {
  const results = new Map<string, unknown>();
  await checkUrls(addresses, config(options), {
    onResult: async (address, outcome) => {
      results.set(address, outcome);
    },
  });
  return results;
}

describe('link checks against local servers', () => {
  it('tells 200, 404, 500, slow, redirect loop, too many redirects and connection refused apart', async () => {
    reset();
    const results = await outcomes([
      url(0, '/ok'),
      url(1, '/missing'),
      url(2, '/error'),
      url(3, '/slow'),
      url(4, '/loop-a'),
      url(5, '/chain'),
      refusedUrl,
    ]);
    expect(Object.fromEntries(results)).toEqual({
      [url(0, '/ok')]: { result: 'ok', httpStatus: 200, detail: null },
      [url(1, '/missing')]: { result: 'http_error', httpStatus: 404, detail: null },
      [url(2, '/error')]: { result: 'http_error', httpStatus: 500, detail: null },
      [url(3, '/slow')]: { result: 'timeout', httpStatus: null, detail: 'keine Antwort in der Zeitgrenze' },
      [url(4, '/loop-a')]: expect.objectContaining({ result: 'redirect_loop', httpStatus: 302 }),
      [url(5, '/chain')]: expect.objectContaining({ result: 'too_many_redirects', httpStatus: 302 }),
      [refusedUrl]: { result: 'unreachable', httpStatus: null, detail: 'Verbindung abgelehnt' },
    });
    // The 404 and the 500 were asked again with GET: some servers refuse only HEAD.
    expect(log.filter((entry) => entry.path === '/missing').map((entry) => entry.method)).toEqual([
      'HEAD',
      'GET',
    ]);
    expect(log.filter((entry) => entry.path.startsWith('/chain'))).toHaveLength(6);
  });

  it('follows a redirect to another host and falls back to GET where HEAD is refused', async () => {
    reset();
    const results = await outcomes([url(0, '/moved'), url(2, '/no-head')]);
    expect(results.get(url(0, '/moved'))).toEqual({ result: 'ok', httpStatus: 200, detail: null });
    expect(results.get(url(2, '/no-head'))).toEqual({ result: 'ok', httpStatus: 200, detail: null });
    expect(log).toContainEqual({ host: '127.0.0.2', method: 'HEAD', path: '/ok' });
    expect(log.filter((entry) => entry.path === '/no-head').map((entry) => entry.method)).toEqual([
      'HEAD',
      'GET',
    ]);
  });

  it('holds the global limit and at most one request per host at a time', async () => {
    reset();
    const addresses = hosts.flatMap((_, host) => [0, 1, 2].map((i) => url(host, `/ok?delay=80&i=${i}`)));
    const results = await outcomes(addresses, { concurrency: 3 });
    expect(results.size).toBe(18);
    expect(maxPerHost).toBe(1);
    expect(maxActive).toBeLessThanOrEqual(3);
    expect(maxActive).toBeGreaterThanOrEqual(2);
  });

  it('starts nothing new once the run’s time budget is spent', async () => {
    reset();
    const addresses = hosts.flatMap((_, host) => [0, 1, 2].map((i) => url(host, `/ok?delay=200&i=${i}`)));
    const started = Date.now();
    const run = await checkUrls(addresses, config({ concurrency: 2, budgetMs: 500 }));
    const took = Date.now() - started;
    expect(run.checked).toBeGreaterThan(0);
    expect(run.checked + run.unchecked).toBe(18);
    expect(run.unchecked).toBeGreaterThan(0);
    // Only the checks running at the end of the budget finish after it, each within its timeout.
    expect(took).toBeLessThan(500 + 500 + 300);
  });

  it('does not request loopback or private addresses unless allowed (SSRF)', async () => {
    reset();
    const port = new URL(hosts[0]?.base ?? '').port;
    const results = await outcomes([url(0, '/ok'), `http://localhost:${port}/ok`], {
      allowPrivateNetworks: false,
    });
    expect(results.get(url(0, '/ok'))).toMatchObject({ result: 'refused', httpStatus: null });
    expect(results.get(`http://localhost:${port}/ok`)).toMatchObject({ result: 'refused' });
    expect(log).toHaveLength(0);
    for (const address of [
      '10.1.2.3',
      '192.168.0.1',
      '172.20.0.1',
      '169.254.169.254',
      '::1',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '100.64.0.1',
    ])
      expect(isPrivateAddress(address), address).toBe(true);
    for (const address of ['8.8.8.8', '2a00:1450:4001:82b::200e', '193.99.144.80'])
      expect(isPrivateAddress(address), address).toBe(false);
  });
});

describe('the link-check job', () => {
  let database: Database;
  let statusIds: number[] = [];
  beforeAll(async () => {
    database = await createDemoTestDatabase();
    // Only this test's addresses: the demo's invented URLs must never be fetched.
    await database.db.execute(sql`update service_statuses set url = null`);
    const rows = await queryRows<{ id: number }>(
      database.db,
      sql`select id from service_statuses order by id limit 4`,
    );
    statusIds = rows.map((row) => row.id);
  });
  afterAll(async () => {
    await database.close();
  });

  const setUrl = (index: number, value: string | null) =>
    database.db.execute(sql`update service_statuses set url = ${value} where id = ${statusIds[index]}`);
  const state = async () =>
    queryRows<{
      url: string;
      result: string;
      http_status: number | null;
      last_success_at: string | null;
      broken_since: string | null;
      checked_at: string;
    }>(
      database.db,
      sql`select url, result::text, http_status, last_success_at::text, broken_since::text, checked_at::text from link_checks order by url`,
    );
  const jobEnv = readApiEnv({ OZG_LINK_CHECK_ALLOW_PRIVATE: 'true', OZG_LINK_CHECK_TIMEOUT_SECONDS: '1' });

  it('checks each distinct URL once, records the result, the last success and since when a link is broken', async () => {
    reset();
    await setUrl(0, url(0, '/ok'));
    await setUrl(1, url(0, '/ok'));
    await setUrl(2, url(1, '/missing'));
    const first = await runLinkCheck({ db: database.db, config: config() });
    expect(first).toMatchObject({ urls: 2, checked: 2, unchecked: 0, broken: 1 });
    expect(log.filter((entry) => entry.path === '/ok')).toHaveLength(1);
    const [ok, missing] = await state();
    expect(ok).toMatchObject({ result: 'ok', http_status: 200, broken_since: null });
    expect(ok?.last_success_at).not.toBeNull();
    expect(missing).toMatchObject({ result: 'http_error', http_status: 404, last_success_at: null });
    expect(missing?.broken_since).not.toBeNull();

    // Later the shared link breaks too; the missing one stays broken since its first failure.
    await sleep(20);
    okAnswers = 503;
    await runLinkCheck({ db: database.db, config: config() });
    const [broken, missingAgain] = await state();
    expect(missingAgain?.broken_since).toBe(missing?.broken_since);
    expect(broken).toMatchObject({
      result: 'http_error',
      http_status: 503,
      last_success_at: ok?.last_success_at,
    });
    expect(broken?.broken_since).not.toBeNull();

    // Repaired: no longer broken. A URL no status records any more is forgotten.
    okAnswers = 200;
    await setUrl(2, null);
    const third = await runLinkCheck({ db: database.db, config: config() });
    expect(third).toMatchObject({ urls: 1, removed: 1, broken: 0 });
    expect(await state()).toEqual([expect.objectContaining({ result: 'ok', broken_since: null })]);
  });

  it('checks never-checked URLs first, then the longest unchecked', async () => {
    reset();
    await setUrl(2, url(2, '/ok?new'));
    await runLinkCheck({ db: database.db, config: config({ concurrency: 1 }) });
    expect(log.map((entry) => entry.path)).toEqual(['/ok?new', '/ok']);
  });

  it(`runs once when the job is triggered on ${onPostgres ? 'two instances' : 'the embedded runner'}`, async () => {
    reset();
    const runners = Array.from({ length: onPostgres ? 2 : 1 }, () =>
      createJobRunner(database, { pollingIntervalSeconds: 1 }),
    );
    try {
      for (const runner of runners) registerAppJobs(runner, database, jobEnv);
      await Promise.all(runners.map((runner) => runner.start()));
      const before = (await state()).map((row) => row.checked_at);
      await Promise.all(runners.map((runner) => runner.trigger('link-check')));
      const deadline = Date.now() + 20_000;
      while ((await state()).some((row, i) => row.checked_at === before[i]) && Date.now() < deadline)
        await sleep(100);
      await sleep(onPostgres ? 2500 : 300);
      expect(log.map((entry) => entry.path).sort()).toEqual(['/ok', '/ok?new']);
    } finally {
      await Promise.all(runners.map((runner) => runner.stop()));
    }
  });
});
