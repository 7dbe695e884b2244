import { queryRowsAs } from '@ozg/db';
import { sql } from 'drizzle-orm';
import type { MiddlewareHandler } from 'hono';
import { z } from 'zod';
import { today } from '../services/regions';
import { analyticsDb } from './replica';
import type { AppBindings } from './router';

/**
 * Conditional requests and a response cache for the figure reads (decision
 * 023). The figures are a function of the data version (bumped in the
 * transaction of every write, markDataChanged), the day (today's figures and
 * series end today) and the full URL, query string included (so every
 * parameter, `asOf`, `sort` or `model`, is part of the key). Every request
 * reads the data version from the database it would read the figures from, so
 * a write is visible in the next read on every instance: the bound is zero, at
 * the cost of one primary-key lookup instead of the figures' queries. The
 * answers of a past day (`asOf` before today) are validated by the past
 * version instead, which status edits leave alone (markDataChanged). Only
 * routes whose answer is the same for everyone who may read it are listed:
 * nothing that depends on who is signed in is ever served from this cache.
 */
const CACHED_FIGURES: readonly { path: RegExp; readers: 'everyone' | 'signed-in' }[] = [
  { path: /^\/api\/v1\/regions\/[^/]+\/progress$/, readers: 'everyone' },
  { path: /^\/api\/v1\/regions\/[^/]+\/children\/progress$/, readers: 'everyone' },
  { path: /^\/api\/v1\/regions\/[^/]+\/progress\/series$/, readers: 'everyone' },
  { path: /^\/api\/v1\/services\/[^/]+\/coverage$/, readers: 'everyone' },
  // Named municipalities with their gaps: for every signed-in user alike (no role or region in the answer),
  // not open data. A signed-out request passes by the cache to the route, which refuses it.
  { path: /^\/api\/v1\/regions\/[^/]+\/laggards$/, readers: 'signed-in' },
];

/** Serialised answers kept per instance; the least recently used go first. */
const MAX_ENTRIES = 500;

const VersionRow = z.object({ lineage: z.string(), version: z.number().int(), past: z.number().int() });

type Entry = { etag: string; body: string; contentType: string };

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Who may be served a cached answer of this request, or null when it is never cached. */
export function cachedFigureReaders(method: string, path: string): 'everyone' | 'signed-in' | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  return CACHED_FIGURES.find((route) => route.path.test(path))?.readers ?? null;
}

/** Whether an If-None-Match header names this ETag (a list, weak or strong, or `*`). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

export function figureCache(): MiddlewareHandler<AppBindings> {
  const entries = new Map<string, Entry>();
  /**
   * Answers being computed, by data version and URL. After a write every cached answer is old, and
   * the readers who come in before the first new one is done would each compute the same figures
   * (under a mixed load, hundreds at once): they wait for the one computation instead. A waiter read
   * the same version, so the shared answer is at least as new as the one it would have computed.
   */
  const computing = new Map<string, Promise<Entry | null>>();
  return async (c, next) => {
    const readers = cachedFigureReaders(c.req.method, c.req.path);
    if (!readers || (readers === 'signed-in' && !c.get('actor'))) return next();
    const [row] = await queryRowsAs(
      await analyticsDb(c),
      VersionRow,
      sql`select lineage, data_version::int as version, past_version::int as past from instance_state where id = 1`,
    );
    // The figures of a past day change only with a write that changes the past (the past version,
    // markDataChanged), not with the status edits of today: under a mixed load of edits an as-of answer
    // stays cached, where the data version made every edit cost a replay of the Land's events.
    const day = today();
    const asOf = c.req.query('asOf');
    const past = asOf !== undefined && ISO_DAY.test(asOf) && asOf < day;
    // Weak: the body is the same JSON, whichever encoding the compression picks. The lineage changes
    // with a restore, after which the versions count again from the backup's (schema/meta.ts).
    const version = past ? `p${row?.past ?? 0}` : `${row?.version ?? 0}`;
    const etag = `W/"${row?.lineage.slice(0, 12) ?? ''}.${version}-${day}"`;
    // Revalidate every time: the ETag check is cheap, and the figures must never be stale.
    // A signed-in answer must not be kept by a shared cache (a proxy) for someone else.
    c.header('cache-control', readers === 'everyone' ? 'no-cache' : 'private, no-cache');
    c.header('etag', etag);
    const outcomes = c.get('metrics').figureCache;
    if (matchesEtag(c.req.header('if-none-match'), etag)) {
      outcomes.inc({ outcome: 'not_modified' });
      return c.body(null, 304);
    }
    const key = c.req.url.slice(c.req.url.indexOf('/api/'));
    const serve = (entry: Entry) => {
      c.header('content-type', entry.contentType);
      return c.body(entry.body, 200);
    };
    const cached = entries.get(key);
    if (cached && cached.etag === etag) {
      // Refresh its place in the LRU order.
      entries.delete(key);
      entries.set(key, cached);
      outcomes.inc({ outcome: 'hit' });
      return serve(cached);
    }
    const computation = `${etag} ${key}`;
    const running = computing.get(computation);
    if (running) {
      const shared = await running;
      if (shared) {
        outcomes.inc({ outcome: 'shared' });
        return serve(shared);
      }
      // The computation failed or answered something else (an error, a file): answer on our own.
    }
    let settle: (entry: Entry | null) => void = () => {};
    if (!running) computing.set(computation, new Promise((resolve) => (settle = resolve)));
    let entry: Entry | null = null;
    try {
      await next();
      outcomes.inc({ outcome: 'computed' });
      const contentType = c.res.headers.get('content-type') ?? '';
      if (c.res.status !== 200 || !contentType.startsWith('application/json')) return;
      entry = { etag, body: await c.res.clone().text(), contentType };
      entries.delete(key);
      entries.set(key, entry);
      while (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value as string);
    } finally {
      if (!running) {
        computing.delete(computation);
        settle(entry);
      }
    }
  };
}
