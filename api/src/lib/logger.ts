import { type DestinationStream, type Logger, pino } from 'pino';

export type { Logger };

/**
 * The application's structured JSON log (one line per event, to stdout). The
 * request log writes only chosen fields (never headers, bodies or the query
 * string), and the redaction below is a second net for anything that carries
 * a cookie, an Authorization header, a password or a token.
 */
export function createLogger(options: { level?: string; destination?: DestinationStream } = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'ozg-dashboard' },
      redact: {
        paths: [
          '*.cookie',
          '*.authorization',
          '*.password',
          '*.token',
          '*.sessionToken',
          '*.csrfToken',
          'headers',
          'req.headers',
          'res.headers',
        ],
        censor: '[entfernt]',
      },
    },
    options.destination,
  );
}

/** A logger that writes nothing, where none is given (tests, in-process apps). */
export const silentLogger = createLogger({ level: 'silent' });
