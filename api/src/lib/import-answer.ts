import type { ProgressReporter } from '@ozg/db/importers';
import type { ImportKind, ImportResult, ImportStreamLine } from '@ozg/shared';
import type { Context } from 'hono';
import { stream as streamResponse } from 'hono/streaming';
import { AppError, errorBody } from './errors';
import type { AppBindings } from './router';

/*
 * The HTTP side of every import (the official files, the usage figures, the
 * Data Hub, the maturity models): the answer and its metric. Who may import
 * is decided before (the route's role gate, services/policy), what an import
 * does in its service.
 */

/** Progress lines at most this often: enough for a smooth bar, few enough for a slow connection. */
const PROGRESS_INTERVAL_MS = 150;

/**
 * Runs an import and answers with its result, or, with ?progress=stream, with
 * the importer's progress as newline-delimited JSON and the outcome (the same
 * status and body as without streaming) as the last line. Checks that fail
 * before the import starts (sign-in, role, size, form) keep their plain status.
 * The streamed answer is outside the typed client's union (`as never` below):
 * the web app reads it through XMLHttpRequest.
 */
export function answer(
  c: Context<AppBindings>,
  kind: ImportKind,
  importer: (progress?: ProgressReporter) => Promise<ImportResult>,
) {
  const counter = c.get('metrics').imports;
  const run = (progress?: ProgressReporter) =>
    importer(progress).then(
      (result) => {
        counter.inc({ kind, outcome: 'ok' });
        return result;
      },
      (error: unknown) => {
        counter.inc({ kind, outcome: error instanceof AppError ? 'refused' : 'failed' });
        throw error;
      },
    );
  if (c.req.query('progress') === 'stream') return streamImport(c, run) as never;
  return run().then((result) => c.json(result, 200));
}

function streamImport(
  c: Context<AppBindings>,
  run: (progress?: ProgressReporter) => Promise<ImportResult>,
): Response {
  c.header('content-type', 'application/x-ndjson; charset=utf-8');
  // The import runs while the answer streams, after this handler has returned: on the embedded
  // database it keeps its place in the queue until it ends (decision 028).
  let finished = () => {};
  c.get('holdPlaceUntil')?.(
    new Promise<void>((resolve) => {
      finished = resolve;
    }),
  );
  return streamResponse(c, async (stream) => {
    try {
      await streamLines(stream);
    } finally {
      finished();
    }
  });

  async function streamLines(stream: Parameters<Parameters<typeof streamResponse>[1]>[0]) {
    const write = (line: ImportStreamLine) => stream.writeln(JSON.stringify(line));
    let last = 0;
    const progress: ProgressReporter = (done, total, stage) => {
      const now = Date.now();
      if (now - last < PROGRESS_INTERVAL_MS && done < total) return;
      last = now;
      void write({ progress: { done, total, stage } });
    };
    try {
      await write({ progress: { done: 0, total: 1, stage: 'Prüfen' } });
      await write({ status: 200, body: await run(progress) });
    } catch (error) {
      if (error instanceof AppError) {
        await write({ status: error.status, body: errorBody(error.code, error.message, error.details) });
        return;
      }
      console.error(`Unerwarteter Fehler bei ${c.req.method} ${c.req.path}:`, error);
      await write({
        status: 500,
        body: errorBody('internal', 'Interner Fehler. Bitte später erneut versuchen.'),
      });
    }
  }
}
