import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from 'node:dns';
import { BlockList, isIP } from 'node:net';
import { type Db, queryRowsAs } from '@ozg/db';
import type { LinkResult } from '@ozg/shared';
import { sql } from 'drizzle-orm';
import { Agent, request } from 'undici';
import { z } from 'zod';

/**
 * Checks every recorded service URL (issue #15): each distinct address once per
 * run, at most one request per host at a time, a global limit, a timeout per
 * request, redirects followed by hand (loops detected), HEAD first and GET where
 * a server refuses HEAD, and a time budget per run after which nothing new is
 * started: the longest-unchecked addresses come first the next run.
 */
export type LinkCheckConfig = {
  /** Requests at once over all hosts. */
  concurrency: number;
  /** Per request (each redirect hop and the GET fallback have their own). */
  timeoutMs: number;
  /** No new address is started after this; running checks end within their timeouts. */
  budgetMs: number;
  /** Redirects followed before giving up. */
  maxRedirects: number;
  /**
   * Off by default: a recorded URL must not make the server probe its own network
   * (SSRF), so addresses that resolve to loopback, private or link-local networks
   * are not requested. Tests switch it on for their servers on loopback.
   */
  allowPrivateNetworks: boolean;
};

export const DEFAULT_MAX_REDIRECTS = 5;

export type LinkCheckOutcome = { result: LinkResult; httpStatus: number | null; detail: string | null };

const USER_AGENT = 'OZG-Umsetzungsdashboard-Linkpruefung/1.0';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Networks no recorded URL may reach unless allowed: loopback, private, link-local, CGNAT, multicast, reserved. */
const privateNetworks = (() => {
  const list = new BlockList();
  for (const [net, prefix] of [
    ['0.0.0.0', 8],
    ['10.0.0.0', 8],
    ['100.64.0.0', 10],
    ['127.0.0.0', 8],
    ['169.254.0.0', 16],
    ['172.16.0.0', 12],
    ['192.0.0.0', 24],
    ['192.168.0.0', 16],
    ['198.18.0.0', 15],
    ['224.0.0.0', 3],
  ] as const)
    list.addSubnet(net, prefix, 'ipv4');
  for (const [net, prefix] of [
    ['::', 127],
    ['fc00::', 7],
    ['fe80::', 10],
    ['ff00::', 8],
  ] as const)
    list.addSubnet(net, prefix, 'ipv6');
  return list;
})();

export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return privateNetworks.check(mapped[1], 'ipv4');
  const family = isIP(address);
  if (family === 0) return true;
  return privateNetworks.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

class RefusedAddressError extends Error {
  readonly code = 'OZG_REFUSED_ADDRESS';
}

/**
 * The lookup that connections use: the addresses are checked where they are
 * used, so a name cannot resolve to a public address for a check and to an
 * internal one for the connection.
 */
function guardedLookup(allowPrivate: boolean) {
  return (
    hostname: string,
    options: LookupOptions,
    callback: (error: Error | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, []);
      if (!allowPrivate && addresses.some((entry) => isPrivateAddress(entry.address)))
        return callback(new RefusedAddressError(`${hostname} liegt in einem internen Netz`), []);
      if (options.all) return callback(null, addresses);
      const first = addresses[0];
      if (!first) return callback(new Error(`${hostname}: keine Adresse`), []);
      callback(null, first.address, first.family);
    });
  };
}

/** One request at a time per host: each hop waits for its host, whichever check it belongs to. */
class HostGates {
  private readonly tails = new Map<string, Promise<void>>();
  /** Requests holding or waiting for each host, counted at once when with() is called. */
  private readonly load = new Map<string, number>();
  private waiters: (() => void)[] = [];

  isIdle(host: string): boolean {
    return !this.load.has(host);
  }

  async with<T>(host: string, fn: () => Promise<T>): Promise<T> {
    this.load.set(host, (this.load.get(host) ?? 0) + 1);
    const previous = this.tails.get(host) ?? Promise.resolve();
    let release = () => {};
    const tail = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.tails.set(host, tail);
    try {
      await previous;
      return await fn();
    } finally {
      const left = (this.load.get(host) ?? 1) - 1;
      if (left === 0) this.load.delete(host);
      else this.load.set(host, left);
      if (this.tails.get(host) === tail) this.tails.delete(host);
      release();
      // A worker that found only busy hosts looks again.
      const waiters = this.waiters;
      this.waiters = [];
      for (const wake of waiters) wake();
    }
  }

  /** Resolves when any host is released. */
  released(): Promise<void> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }
}

function errorCode(error: unknown): string | undefined {
  for (let current = error; current; current = (current as { cause?: unknown }).cause) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    if (current === (current as { cause?: unknown }).cause) break;
  }
  return undefined;
}

function failure(error: unknown): LinkCheckOutcome {
  const code = errorCode(error);
  if (code === 'OZG_REFUSED_ADDRESS')
    return { result: 'refused', httpStatus: null, detail: 'Adresse in einem internen Netz, nicht geprüft' };
  const name = (error as { name?: string }).name;
  if (name === 'TimeoutError' || code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_CONNECT_TIMEOUT')
    return { result: 'timeout', httpStatus: null, detail: 'keine Antwort in der Zeitgrenze' };
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'Verbindung abgelehnt',
    ECONNRESET: 'Verbindung abgebrochen',
    ENOTFOUND: 'Name nicht auflösbar',
    EAI_AGAIN: 'Name nicht auflösbar',
    EHOSTUNREACH: 'Rechner nicht erreichbar',
    ENETUNREACH: 'Netz nicht erreichbar',
    UND_ERR_SOCKET: 'Verbindung abgebrochen',
  };
  const detail =
    (code && reasons[code]) ?? (code?.startsWith('ERR_TLS') || code?.includes('CERT') ? 'TLS-Fehler' : null);
  return {
    result: 'unreachable',
    httpStatus: null,
    detail: detail ?? `Verbindungsfehler${code ? ` (${code})` : ''}`,
  };
}

type Requester = {
  gates: HostGates;
  agent: Agent;
  config: LinkCheckConfig;
  signal: AbortSignal;
};

/** One request; the body is discarded unread. */
async function requestOnce(
  url: URL,
  method: 'HEAD' | 'GET',
  { agent, config, signal }: Requester,
): Promise<{ status: number; location: string | undefined }> {
  if (!config.allowPrivateNetworks && isIP(url.hostname.replace(/^\[|\]$/g, '')) !== 0) {
    // Literal addresses never reach the lookup.
    if (isPrivateAddress(url.hostname.replace(/^\[|\]$/g, '')))
      throw new RefusedAddressError(`${url.hostname} liegt in einem internen Netz`);
  }
  // A timer of our own, cleared when the answer is in: a timeout signal firing after the request
  // would make undici fail the already discarded body.
  const controller = new AbortController();
  const timer = setTimeout(
    () => controller.abort(new DOMException('timeout', 'TimeoutError')),
    config.timeoutMs,
  );
  const stop = () => controller.abort(signal.reason);
  signal.addEventListener('abort', stop, { once: true });
  let response: Awaited<ReturnType<typeof request>>;
  try {
    response = await request(url, {
      method,
      dispatcher: agent,
      signal: controller.signal,
      headers: { 'user-agent': USER_AGENT, accept: 'text/html,*/*;q=0.8' },
    });
    // Only the status matters: read at most a little of the page (so that the connection can be
    // reused), then let undici close it.
    await response.body.dump({ limit: 64 * 1024 }).catch(() => undefined);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', stop);
  }
  const location = response.headers.location;
  return { status: response.statusCode, location: Array.isArray(location) ? location[0] : location };
}

/** Follows one address to its final answer. */
export async function checkUrl(address: string, requester: Requester): Promise<LinkCheckOutcome> {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { result: 'unreachable', httpStatus: null, detail: 'keine gültige Adresse' };
  }
  const seen = new Set<string>();
  let method: 'HEAD' | 'GET' = 'HEAD';
  for (let hop = 0; ; hop++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return { result: 'unreachable', httpStatus: null, detail: `Weiterleitung auf ${url.protocol}` };
    seen.add(url.href);
    let answer: { status: number; location: string | undefined };
    try {
      answer = await requester.gates.with(url.hostname, async () => {
        const first = await requestOnce(url, method, requester);
        // Some servers refuse or mishandle HEAD (405, 501, even 403/404): ask again with GET.
        if (method === 'HEAD' && first.status >= 400) return requestOnce(url, 'GET', requester);
        return first;
      });
    } catch (error) {
      return failure(error);
    }
    if (REDIRECT_STATUSES.has(answer.status) && answer.location) {
      const next = new URL(answer.location, url);
      if (seen.has(next.href))
        return {
          result: 'redirect_loop',
          httpStatus: answer.status,
          detail: `Schleife über ${next.href}`.slice(0, 300),
        };
      if (hop >= requester.config.maxRedirects)
        return {
          result: 'too_many_redirects',
          httpStatus: answer.status,
          detail: `mehr als ${requester.config.maxRedirects} Weiterleitungen`,
        };
      if (answer.status === 303) method = 'GET';
      url = next;
      continue;
    }
    if (answer.status >= 200 && answer.status < 300)
      return { result: 'ok', httpStatus: answer.status, detail: null };
    return { result: 'http_error', httpStatus: answer.status, detail: null };
  }
}

/**
 * Checks the addresses in the given order, as many at once as the limit allows
 * and one per host, until all are done or the budget is spent. onResult is
 * called for each as soon as it is known (the run's results survive a restart).
 */
export async function checkUrls(
  addresses: readonly string[],
  config: LinkCheckConfig,
  options: {
    signal?: AbortSignal;
    onResult?: (url: string, outcome: LinkCheckOutcome) => Promise<void>;
  } = {},
): Promise<{ checked: number; unchecked: number }> {
  const signal = options.signal ?? new AbortController().signal;
  const deadline = Date.now() + config.budgetMs;
  const gates = new HostGates();
  const agent = new Agent({
    connect: { lookup: guardedLookup(config.allowPrivateNetworks), timeout: config.timeoutMs },
    headersTimeout: config.timeoutMs,
    bodyTimeout: config.timeoutMs,
    // One connection per host is all the per-host limit needs.
    connections: 1,
  });
  const requester: Requester = { gates, agent, config, signal };
  const queue = addresses.map((address) => ({ address, host: hostOf(address) }));
  let checked = 0;
  const exhausted = () => signal.aborted || Date.now() >= deadline;

  const worker = async () => {
    while (queue.length > 0 && !exhausted()) {
      const index = queue.findIndex((item) => gates.isIdle(item.host));
      if (index < 0) {
        await gates.released();
        continue;
      }
      const [item] = queue.splice(index, 1);
      if (!item) continue;
      // checkUrl claims the host before its first await, so no other worker picks it meanwhile.
      const outcome = await checkUrl(item.address, requester);
      checked++;
      await options.onResult?.(item.address, outcome);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, config.concurrency) }, worker));
  } finally {
    await agent.close();
  }
  return { checked, unchecked: queue.length };
}

function hostOf(address: string): string {
  try {
    return new URL(address).hostname;
  } catch {
    return '';
  }
}

export type LinkCheckRun = {
  urls: number;
  checked: number;
  unchecked: number;
  broken: number;
  removed: number;
};

/**
 * The link-check job: every distinct URL that a status records, those never
 * checked or checked longest ago first, each result written as it comes.
 */
export async function runLinkCheck(input: {
  db: Db;
  config: LinkCheckConfig;
  signal?: AbortSignal;
}): Promise<LinkCheckRun> {
  const { db, config } = input;
  // Results of addresses no status records any more only take up room.
  const [removed] = await queryRowsAs(
    db,
    z.object({ count: z.number().int() }),
    sql`with deleted as (
          delete from link_checks lc
          where not exists (select 1 from service_statuses s where s.url = lc.url)
          returning 1)
        select count(*)::int as count from deleted`,
  );
  const rows = await queryRowsAs(
    db,
    z.object({ url: z.string() }),
    sql`select u.url from (select distinct url from service_statuses where url is not null) u
        left join link_checks lc on lc.url = u.url
        order by lc.checked_at asc nulls first, u.url`,
  );
  let broken = 0;
  const { checked, unchecked } = await checkUrls(
    rows.map((row) => row.url),
    config,
    {
      ...(input.signal ? { signal: input.signal } : {}),
      onResult: async (url, outcome) => {
        if (outcome.result !== 'ok' && outcome.result !== 'refused') broken++;
        await recordLinkCheck(db, url, outcome);
      },
    },
  );
  return { urls: rows.length, checked, unchecked, broken, removed: removed?.count ?? 0 };
}

/** Stores one result: last success kept until the next, "broken since" from the first failure after a success. */
async function recordLinkCheck(db: Db, url: string, outcome: LinkCheckOutcome): Promise<void> {
  const ok = outcome.result === 'ok';
  const broken = !ok && outcome.result !== 'refused';
  await db.execute(sql`
    insert into link_checks (url, result, http_status, detail, checked_at, last_success_at, broken_since)
    values (${url}, ${outcome.result}, ${outcome.httpStatus}, ${outcome.detail}, now(),
            case when ${ok} then now() end, case when ${broken} then now() end)
    on conflict (url) do update set
      result = excluded.result,
      http_status = excluded.http_status,
      detail = excluded.detail,
      checked_at = excluded.checked_at,
      last_success_at = coalesce(excluded.last_success_at, link_checks.last_success_at),
      broken_since = case when ${broken} then coalesce(link_checks.broken_since, excluded.broken_since) end`);
}
