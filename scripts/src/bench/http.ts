import { type ChildProcess, fork } from 'node:child_process';
import autocannon from 'autocannon';

/** One load over HTTP: throughput, latency percentiles (ms) and what went wrong. */
export type HttpMeasure = {
  name: string;
  connections: number;
  seconds: number;
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  non2xx: number;
  /** perSecond divided by hello-world's at the same number of connections. */
  ratio?: number;
};

export type Server = { url: string; stop(): Promise<void> };

/** Starts serve.ts in a child process (the app, or `hello`) and waits for its port. */
export function spawnServer(mode: 'app' | 'hello', env: Record<string, string> = {}): Promise<Server> {
  const child: ChildProcess = fork(new URL('./serve.ts', import.meta.url).pathname, [mode], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, ...env },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`Server (${mode}) beendet mit ${code}`)));
    child.once('message', (message) => {
      child.removeAllListeners('exit');
      const { port } = message as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        stop: () =>
          new Promise<void>((done) => {
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    });
  });
}

/** Runs autocannon to its end; `attach` sees the instance first (for its per-response events). */
function run(
  options: autocannon.Options,
  attach?: (instance: autocannon.Instance) => void,
): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    const instance = autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
    attach?.(instance);
  });
}

/** The value at quantile q of sorted latencies, to 0.1 ms. */
export function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const value = sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return Math.round(value * 10) / 10;
}

/**
 * Loads one URL with autocannon. The latencies are taken from every response
 * (autocannon's summary has no p95), so the percentiles are exact.
 */
export async function loadUrl(options: {
  name: string;
  url: string;
  connections: number;
  seconds: number;
  headers?: Record<string, string>;
}): Promise<HttpMeasure> {
  const times: number[] = [];
  const result = await run(
    {
      url: options.url,
      connections: options.connections,
      duration: options.seconds,
      headers: options.headers ?? {},
      // A request must not hang the bench: what takes longer than this counts as an error.
      timeout: 30,
    },
    (instance) =>
      instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) =>
        times.push(responseTime),
      ),
  );
  times.sort((a, b) => a - b);
  return {
    name: options.name,
    connections: options.connections,
    seconds: options.seconds,
    requests: result.requests.total,
    perSecond: Math.round(result.requests.total / result.duration),
    p50: quantile(times, 0.5),
    p95: quantile(times, 0.95),
    p99: quantile(times, 0.99),
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** What autocannon passes to setupRequest and onResponse: one context per connection. */
type Context = Record<string, unknown>;
export type Request = {
  kind: string;
  method?: 'GET' | 'PATCH';
  setup?: (context: Context) => { path: string; body?: string; headers?: Record<string, string> };
  path?: string;
  headers?: Record<string, string>;
  onResponse?: (status: number, body: string, context: Context) => void;
};

/**
 * A mixed load: every connection cycles through `requests` in order. The
 * latencies are kept per request kind (read, write), timed from building the
 * request to its response (one request in flight per connection).
 */
export async function loadMixed(options: {
  url: string;
  connections: number;
  seconds: number;
  requests: Request[];
}): Promise<{
  seconds: number;
  errors: number;
  byKind: Record<
    string,
    { requests: number; perSecond: number; p50: number; p95: number; p99: number; failed: number }
  >;
}> {
  const times = new Map<string, number[]>();
  const failed = new Map<string, number>();
  const result = await run({
    url: options.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 30,
    requests: options.requests.map((request) => ({
      method: request.method ?? 'GET',
      ...(request.path ? { path: request.path } : {}),
      headers: request.headers ?? {},
      setupRequest: (req: Record<string, unknown>, context: Context) => {
        context.sentAt = performance.now();
        if (!request.setup) return req;
        const { path, body, headers } = request.setup(context);
        return {
          ...req,
          path,
          ...(body ? { body } : {}),
          headers: { ...(req.headers as Record<string, string>), ...headers },
        };
      },
      onResponse: (status: number, body: string, context: Context) => {
        const list = times.get(request.kind) ?? [];
        list.push(performance.now() - (context.sentAt as number));
        times.set(request.kind, list);
        if (status >= 400) failed.set(request.kind, (failed.get(request.kind) ?? 0) + 1);
        request.onResponse?.(status, body, context);
      },
    })),
  } as unknown as autocannon.Options);
  const byKind: Record<
    string,
    { requests: number; perSecond: number; p50: number; p95: number; p99: number; failed: number }
  > = {};
  for (const [kind, list] of times) {
    list.sort((a, b) => a - b);
    byKind[kind] = {
      requests: list.length,
      perSecond: Math.round((list.length / result.duration) * 10) / 10,
      p50: quantile(list, 0.5),
      p95: quantile(list, 0.95),
      p99: quantile(list, 0.99),
      failed: failed.get(kind) ?? 0,
    };
  }
  return { seconds: result.duration, errors: result.errors + result.timeouts, byKind };
}
