import { pino, type DestinationStream, type Logger } from 'pino';
import { scrubText, scrubValue, serializeError } from './scrub.ts';

export type { Logger };
export type LogFormat = 'json' | 'pretty';

// Whatever a caller passes under these names never reaches the log, at the top or one level down.
const SECRET_KEYS = ['password', 'passwordHash', 'code', 'token', 'cookie', 'authorization', 'body', 'params', 'secret'];

/**
 * The one logger of the server: JSON lines (or short lines for a person at a terminal), with
 * secrets redacted by key and personal data masked in every string.
 */
export function createLogger(options: { format?: LogFormat; level?: string; destination?: DestinationStream } = {}): Logger {
  const destination = options.destination ?? (options.format === 'pretty' ? prettyTo(process.stdout) : pino.destination({ dest: 1, sync: true }));
  return pino(
    {
      base: undefined,
      level: options.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: SECRET_KEYS.flatMap((key) => [key, `*.${key}`]), censor: '[redacted]' },
      serializers: { err: serializeError },
      formatters: { log: (object) => scrubValue(object) as Record<string, unknown> },
      hooks: {
        logMethod(args, method) {
          method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>);
        },
      },
    },
    destination,
  );
}

const LEVEL_NAMES: Record<number, string> = { 10: 'TRACE', 20: 'DEBUG', 30: '', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };

interface LogLine {
  level: number;
  time?: string;
  msg?: string;
  err?: { type?: string; message?: string; stack?: string };
}

/** `[jmo-lite] message key=value`, for `npm start` at a terminal; the JSON fields are kept. */
export function formatPretty(jsonLine: string): string {
  const { level, time: _time, msg, err, ...fields } = JSON.parse(jsonLine) as LogLine & Record<string, unknown>;
  const label = LEVEL_NAMES[level] ? `${LEVEL_NAMES[level]} ` : '';
  const extra = Object.entries(fields).map(([key, value]) => ` ${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  const error = err ? `\n  ${err.type ?? 'Error'}: ${err.message ?? ''}${err.stack ? `\n${err.stack}` : ''}` : '';
  return `[jmo-lite] ${label}${msg ?? ''}${extra.join('')}${error}\n`;
}

export function prettyTo(stream: NodeJS.WritableStream): DestinationStream {
  return { write: (line: string) => void stream.write(formatPretty(line)) };
}
