import { fileURLToPath } from 'node:url';
import {
  createJobRunner,
  createLogger,
  logLevel,
  poolSize,
  readApiEnv,
  registerAppJobs,
  startServer,
} from '@ozg/api';
import { createDb, migrateDb, readDataset } from '@ozg/db';
import { DEMO_USERS, seedDemo } from '@ozg/db/demo';

/**
 * `pnpm start`: migrate, seed the demo into an empty embedded database, serve
 * the API and the built web app.
 */
const env = readApiEnv();
const logger = createLogger({ level: logLevel(env) });
const database = await createDb();
await migrateDb(database);

if (database.kind === 'pglite' && (await readDataset(database.db)) === 'empty') {
  console.log('Leere eingebettete Datenbank: lade generierte Demo-Daten …');
  await seedDemo({ database });
}
const dataset = await readDataset(database.db);

const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
const running = startServer({
  database,
  port: env.PORT,
  host: env.HOST,
  webDist,
  secureCookies: env.OZG_BEHIND_TLS,
  trustProxy: env.OZG_TRUST_PROXY,
  logger,
  embeddedLimits: { maxActive: env.OZG_EMBEDDED_MAX_ACTIVE, maxQueued: env.OZG_EMBEDDED_MAX_QUEUED },
  serverLimits: {
    maxActive: env.OZG_SERVER_MAX_ACTIVE ?? poolSize(database),
    maxQueued: env.OZG_SERVER_MAX_QUEUED,
  },
  ...(env.OZG_METRICS_TOKEN ? { metricsToken: env.OZG_METRICS_TOKEN } : {}),
  ...(env.OZG_METRICS_PORT
    ? { metricsListen: { port: env.OZG_METRICS_PORT, host: env.OZG_METRICS_HOST } }
    : {}),
});

// Background jobs (decision 016): pg-boss on a PostgreSQL server, timers in this process on the embedded database.
const jobs = createJobRunner(database);
registerAppJobs(jobs, database, env, running.metrics);
await jobs.start();

const url = `http://localhost:${env.PORT}`;
console.log(
  `OZG-Dashboard läuft auf ${url} (Datenbank: ${database.kind === 'pglite' ? 'eingebettet (PGlite)' : 'PostgreSQL'}).`,
);
console.log(`API-Dokumentation: ${url}/api/docs`);
if (dataset === 'demo') {
  console.log('Es werden Demo-Daten angezeigt. Demo-Benutzer:');
  for (const user of DEMO_USERS)
    console.log(`  ${user.role.padEnd(11)} ${user.email.padEnd(24)} Passwort: ${user.password}`);
}

if (env.OZG_METRICS_PORT)
  console.log(`Metriken: http://${env.OZG_METRICS_HOST}:${env.OZG_METRICS_PORT}/metrics`);

// SIGTERM (orchestrator) or Ctrl-C: stop accepting, let running requests and imports finish
// (bounded), then close the database so PGlite writes its files and the pool's connections end.
let stopping = false;
const stop = async (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(
    `${signal}: fahre herunter (höchstens ${env.OZG_SHUTDOWN_TIMEOUT_MS / 1000} s für laufende Anfragen) …`,
  );
  const { finished } = await running.shutdown(env.OZG_SHUTDOWN_TIMEOUT_MS);
  if (!finished) console.log('Laufende Anfragen abgebrochen; Importe laufen ganz oder gar nicht.');
  // Running jobs end next (their signals are aborted, stop waits for them): they still need the database.
  await jobs.stop();
  await database.close();
  console.log('Beendet.');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
