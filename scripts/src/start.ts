import { fileURLToPath } from 'node:url';
import { createJobRunner, readApiEnv, registerAppJobs, startServer } from '@ozg/api';
import { createDb, migrateDb, readDataset } from '@ozg/db';
import { DEMO_USERS, seedDemo } from '@ozg/db/demo';

/**
 * `pnpm start`: migrate, seed the demo into an empty embedded database, serve
 * the API and the built web app.
 */
const env = readApiEnv();
const database = await createDb();
await migrateDb(database);

if (database.kind === 'pglite' && (await readDataset(database.db)) === 'empty') {
  console.log('Leere eingebettete Datenbank: lade generierte Demo-Daten …');
  await seedDemo({ database });
}
const dataset = await readDataset(database.db);

// Background jobs (decision 016): pg-boss on a PostgreSQL server, timers in this process on the embedded database.
const jobs = createJobRunner(database);
registerAppJobs(jobs, database, env);
await jobs.start();

const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
const server = startServer({
  database,
  port: env.PORT,
  host: env.HOST,
  webDist,
  secureCookies: env.OZG_BEHIND_TLS,
  trustProxy: env.OZG_TRUST_PROXY,
});
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

let stopping = false;
const stop = () => {
  if (stopping) return;
  stopping = true;
  server.close(() => {
    // Running jobs end first (their signals are aborted, stop waits for them): they still need the database.
    void jobs
      .stop()
      .then(() => database.close())
      .then(() => process.exit(0));
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
