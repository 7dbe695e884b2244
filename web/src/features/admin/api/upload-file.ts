import { type ErrorBody, type ErrorCode, type ImportResult, ImportResultSchema } from '@ozg/shared';
import { ApiError, requestHeaders } from '../../../lib/api-client';

/** How far an upload is: the bytes sent, then the server importing (no figure until it answers). */
export type UploadProgress = { phase: 'upload'; share: number } | { phase: 'import' };

/**
 * Sends an official file to an import endpoint and reports the upload's
 * progress. fetch() cannot report upload progress, so this one request goes
 * through XMLHttpRequest, with the same headers as the typed client; the
 * answer is checked against the wire schema.
 */
export function uploadFile(input: {
  path: string;
  query?: Record<string, string | undefined>;
  body: Blob | FormData;
  onProgress: (progress: UploadProgress) => void;
}): Promise<ImportResult> {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(input.query ?? {}))
    if (value !== undefined) search.set(name, value);
  const url = `/api/v1${input.path}${search.size > 0 ? `?${search}` : ''}`;
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    for (const [name, value] of Object.entries(requestHeaders())) request.setRequestHeader(name, value);
    if (input.body instanceof Blob) request.setRequestHeader('Content-Type', 'application/octet-stream');
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) input.onProgress({ phase: 'upload', share: event.loaded / event.total });
    };
    request.upload.onload = () => input.onProgress({ phase: 'import' });
    request.onerror = () =>
      reject(
        new ApiError(
          0,
          errorOf('internal', 'Die Verbindung zum Server ist abgebrochen. Bitte erneut versuchen.'),
        ),
      );
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // not JSON: reported below with the HTTP status
      }
      if (request.status >= 200 && request.status < 300) {
        const parsed = ImportResultSchema.safeParse(body);
        if (parsed.success) resolve(parsed.data);
        else reject(new ApiError(request.status, errorOf('internal', 'Unerwartete Antwort des Servers.')));
        return;
      }
      const errorBody = body && typeof body === 'object' && 'error' in body ? (body as ErrorBody) : null;
      reject(new ApiError(request.status, errorBody));
    };
    request.send(input.body);
  });
}

function errorOf(code: ErrorCode, message: string): ErrorBody {
  return { error: { code, message } };
}
