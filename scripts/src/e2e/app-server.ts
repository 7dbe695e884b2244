import { type ChildProcess, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

export type RunningApp = {
  url: string;
  stop(): Promise<void>;
  output(): string;
  /** The app's own data directory (removed by stop). */
  dataDir: string;
  /** Sends a signal to the app's process, e.g. SIGTERM for a graceful shutdown. */
  signal(name: NodeJS.Signals): void;
  /** The exit code once the process has ended. */
  exited: Promise<number | null>;
};

/**
 * Starts the app the way `pnpm start` serves it (built web app, API, embedded
 * database seeded with the demo) on a free port with a data directory of its
 * own: a copy of the run's seeded one (see global-setup.ts).
 */
export async function startApp(): Promise<RunningApp> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'ozg-e2e-'));
  cpSync(inject('seededDataDir'), dataDir, { recursive: true });
  // Always the embedded database: the journeys need the seeded demo; the PostgreSQL run covers the API suites.
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    OZG_DATA_DIR: dataDir,
    NODE_ENV: 'production',
    DATABASE_URL: '',
    // The demo's URLs are invented and tests never reach the internet: no link checks, whatever the shell sets.
    OZG_LINK_CHECK_SCHEDULE: 'off',
  };
  const child: ChildProcess = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/src/start.ts'], {
    cwd: repoRoot,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let output = '';
  child.stdout?.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    output += chunk;
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Die App ist beim Start beendet worden:\n${output}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Die App hat nicht rechtzeitig geantwortet:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    dataDir,
    exited,
    signal: (name) => child.kill(name),
    output: () => output,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
