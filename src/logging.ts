/**
 * Structured logging: one JSON line per event (`{"time":…,"level":…,"event":…, …fields}`).
 *
 * Privacy: a trainee's message text is never logged unless LOG_MESSAGE_TEXT=true. Callers pass message text
 * only under the field name {@link MESSAGE_TEXT_FIELD} (`text`); the logger drops that field when
 * `messageText` is false, so a forgotten check cannot leak it.
 *
 * @example
 * const log = createLogger({ level: 'info', messageText: false });
 * log.child({ conversationId }).info('turn', { type: 'message', text }); // text is dropped
 */
import type { AppConfig } from './config';

export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(event: string, fields?: Record<string, unknown>): void;
  info(event: string, fields?: Record<string, unknown>): void;
  warn(event: string, fields?: Record<string, unknown>): void;
  error(event: string, fields?: Record<string, unknown>): void;
  /** A logger that adds `fields` to every line. */
  child(fields: Record<string, unknown>): Logger;
}

/** The one field name under which message text may be logged (only with LOG_MESSAGE_TEXT=true). */
export const MESSAGE_TEXT_FIELD = 'text';

const RANK: Record<Level, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export interface LogSink {
  write(line: string): unknown;
}

export function createLogger(options: AppConfig['log'], sink: LogSink = process.stdout): Logger {
  const min = RANK[options.level];
  const make = (base: Record<string, unknown>): Logger => {
    const emit = (level: Level, event: string, fields?: Record<string, unknown>) => {
      if (RANK[level] < min) return;
      const line: Record<string, unknown> = { time: new Date().toISOString(), level, event };
      for (const [key, value] of Object.entries({ ...base, ...fields })) {
        if (key === 'time' || key === 'level' || key === 'event') continue;
        if (key === MESSAGE_TEXT_FIELD && !options.messageText) continue;
        line[key] = value instanceof Error ? { name: value.name, message: value.message } : value;
      }
      sink.write(`${safeStringify(line)}\n`);
    };
    return {
      debug: (event, fields) => emit('debug', event, fields),
      info: (event, fields) => emit('info', event, fields),
      warn: (event, fields) => emit('warn', event, fields),
      error: (event, fields) => emit('error', event, fields),
      child: (fields) => make({ ...base, ...fields }),
    };
  };
  return make({});
}

/** A logger that writes nothing (tests). */
export const silentLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
  child: () => silentLogger,
};

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'log_unserializable' });
  }
}
