import {
  type ErrorBody,
  type ErrorCode,
  type ImportResult,
  ImportResultSchema,
  type ImportStreamLine,
  ImportStreamLineSchema,
} from '@ozg/shared';
import { ApiError, errorBodyOf, requestHeaders } from '../../../lib/api-client';

/**
 * How far an upload is: the bytes sent, then the server importing (with the
 * importer's own count once it reports one).
 */
export type UploadProgress =
  | { phase: 'upload'; share: number }
  | { phase: 'import'; done: number; total: number; stage: string }
  | { phase: 'import' };

/**
 * Sends an official file to an import endpoint and reports its progress:
 * fetch() cannot report upload progress, so this one request goes through
 * XMLHttpRequest, with the same headers as the typed client. The endpoint is
 * asked to stream (?progress=stream): lines of progress while the import runs,
 * then the outcome with the status and body it would have answered with.
 */
export function uploadFile(input: {
  path: string;
  query?: Record<string, string | undefined>;
  body: Blob | FormData;
  onProgress: (progress: UploadProgress) => void;
}): Promise<ImportResult> {
  const search = new URLSearchParams({ progress: 'stream' });
  for (const [name, value] of Object.entries(input.query ?? {}))
    if (value !== undefined) search.set(name, value);
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1${input.path}?${search}`);
    for (const [name, value] of Object.entries(requestHeaders())) request.setRequestHeader(name, value);
    if (input.body instanceof Blob) request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) input.onProgress({ phase: 'upload', share: event.loaded / event.total });
    };
    request.upload.onload = () => input.onProgress({ phase: 'import' });
    request.onprogress = () => {
      const latest = streamLines(request.responseText)
        .filter((line) => 'progress' in line)
        .at(-1);
      if (latest && 'progress' in latest) input.onProgress({ phase: 'import', ...latest.progress });
    };
    request.onerror = () =>
      reject(
        new ApiError(
          0,
          errorOf('internal', 'Die Verbindung zum Server ist abgebrochen. Bitte erneut versuchen.'),
        ),
      );
    request.onload = () => {
      // Checks before the import (sign-in, role, size) answer with a plain status and the error shape.
      if (request.status !== 200) {
        reject(new ApiError(request.status, errorBodyOf(parseJson(request.responseText))));
        return;
      }
      const outcome = streamLines(request.responseText).at(-1);
      if (!outcome || !('status' in outcome)) {
        reject(
          new ApiError(
            500,
            errorOf('internal', 'Der Import wurde abgebrochen, ohne ein Ergebnis zu melden.'),
          ),
        );
        return;
      }
      if (outcome.status !== 200) {
        reject(new ApiError(outcome.status, errorBodyOf(outcome.body)));
        return;
      }
      const result = ImportResultSchema.safeParse(outcome.body);
      if (result.success) resolve(result.data);
      else reject(new ApiError(500, errorOf('internal', 'Unerwartete Antwort des Servers.')));
    };
    request.send(input.body);
  });
}

/** The complete lines of a newline-delimited JSON answer read so far; a partial last line waits. */
function streamLines(text: string): ImportStreamLine[] {
  const complete = text.slice(0, text.lastIndexOf('\n') + 1);
  return complete
    .split('\n')
    .filter(Boolean)
    .flatMap((line) => {
      const parsed = ImportStreamLineSchema.safeParse(parseJson(line));
      return parsed.success ? [parsed.data] : [];
    });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function errorOf(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}
