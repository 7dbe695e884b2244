import type { Database } from '@ozg/db';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The Prometheus metrics of one app (their own registry, so that apps in one
 * test process do not share counters). Route labels are route patterns
 * (`/api/v1/regions/:key`), never concrete paths, so the label set stays small.
 */
export function createMetrics(database: Database) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ozg_' });
  const httpDuration = new Histogram({
    name: 'ozg_http_request_duration_seconds',
    help: 'Dauer der HTTP-Anfragen je Route',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [registry],
  });
  const imports = new Counter({
    name: 'ozg_imports_total',
    help: 'Importe amtlicher Dateien je Art und Ergebnis',
    labelNames: ['kind', 'outcome'] as const,
    registers: [registry],
  });
  const jobs = new Counter({
    name: 'ozg_jobs_total',
    help: 'Hintergrundaufträge je Auftrag und Ergebnis',
    labelNames: ['job', 'outcome'] as const,
    registers: [registry],
  });
  const figureCache = new Counter({
    name: 'ozg_figure_cache_total',
    help: 'Kennzahl-Anfragen nach Antwort des Zwischenspeichers: 304, Treffer, mit einer laufenden Berechnung geteilt, berechnet',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'ozg_db_pool_connections',
    help: 'Verbindungen des Datenbank-Pools (PGlite: eine)',
    labelNames: ['pool', 'state'] as const,
    registers: [registry],
    collect() {
      const pools = [
        ['primary', database.driver.kind === 'postgres' ? database.driver.pool : null],
        ['replica', database.replica?.pool ?? null],
      ] as const;
      for (const [pool, stats] of pools) {
        if (pool === 'replica' && !stats) continue;
        this.set({ pool, state: 'total' }, stats ? stats.totalCount : 1);
        this.set({ pool, state: 'idle' }, stats ? stats.idleCount : 0);
        this.set({ pool, state: 'waiting' }, stats ? stats.waitingCount : 0);
      }
    },
  });
  return { registry, httpDuration, imports, jobs, figureCache };
}

export type Metrics = ReturnType<typeof createMetrics>;
