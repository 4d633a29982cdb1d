/**
 * Structured logging: one JSON line per event (`{"time":…,"level":…,"event":…, …fields}`).
 *
 * Privacy: a trainee's message text is never logged unless LOG_MESSAGE_TEXT=true. Callers pass message text
 * only under the field name {@link MESSAGE_TEXT_FIELD} (`text`); the logger drops that field when
 * `messageText` is false, so a forgotten check cannot leak it.
 *
 * Secrets: every line passes {@link redactSecrets} before it is written: bearer tokens, stream-URL tokens,
 * storage account keys and the values of fields named like authorization, token, secret, password or key are
 * replaced by `[redacted]`, whatever object they were nested in.
 *
 * Checked: {@link observeLogLines} hands every line any logger of the process makes (silentLogger's too, which
 * are made only then) to an observer; the test suite's leak check (tests/support/logLeaks.ts) fails a test
 * whose lines hold a bearer token, a Direct Line token or secret, or words a test sent as a trainee.
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

/** What an observer learns of a line besides its text: whether its logger may log message text (LOG_MESSAGE_TEXT). */
export interface LogLineOrigin {
  messageText: boolean;
}

export type LogLineObserver = (line: string, origin: LogLineOrigin) => void;

const observers = new Set<LogLineObserver>();

/**
 * Sees every line the loggers of this process make, as written (redacted, without the newline), including
 * silentLogger's, which are made only while someone observes. Returns the function that stops observing.
 * Nothing in the bot observes: this is for the test suite's leak check.
 */
export function observeLogLines(observer: LogLineObserver): () => void {
  observers.add(observer);
  return () => observers.delete(observer);
}

export function createLogger(options: AppConfig['log'], sink: LogSink = process.stdout): Logger {
  return buildLogger(options, sink);
}

/** `sink` undefined: a silent logger, which makes its lines only for observers. */
function buildLogger(options: AppConfig['log'], sink: LogSink | undefined): Logger {
  const min = RANK[options.level];
  const origin: LogLineOrigin = { messageText: options.messageText };
  const make = (base: Record<string, unknown>): Logger => {
    const emit = (level: Level, event: string, fields?: Record<string, unknown>) => {
      if (RANK[level] < min || (!sink && observers.size === 0)) return;
      const line: Record<string, unknown> = { time: new Date().toISOString(), level, event };
      for (const [key, value] of Object.entries({ ...base, ...fields })) {
        if (key === 'time' || key === 'level' || key === 'event') continue;
        if (key === MESSAGE_TEXT_FIELD && !options.messageText) continue;
        line[key] = value instanceof Error ? { name: value.name, message: value.message } : value;
      }
      const text = redactSecrets(safeStringify(line));
      for (const observer of observers) observer(text, origin);
      sink?.write(`${text}\n`);
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

/** A logger that writes nothing (tests, benchmarks); its lines are made only for an observer (the leak check). */
export const silentLogger: Logger = buildLogger({ level: 'debug', messageText: false }, undefined);

const REDACTED = '[redacted]';
const SECRET_PATTERNS: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[A-Za-z0-9\-._~+/]+=*/gi, `$1 ${REDACTED}`],
  [
    /"([\w-]*(?:authorization|token|secret|password|apikey|api_key|connectionstring|signature|nonce|key))"\s*:\s*"(?:[^"\\]|\\.)*"/gi,
    `"$1":"${REDACTED}"`,
  ],
  [/([?&](?:t|token|code)=)[^&\s"\\]+/g, `$1${REDACTED}`],
  [/(AccountKey|SharedAccessSignature|sig)=[^;&\s"\\]+/gi, `$1=${REDACTED}`],
];

/** `line` with bearer tokens, secret-named fields and keys in URLs and connection strings replaced. */
export function redactSecrets(line: string): string {
  let result = line;
  for (const [pattern, replacement] of SECRET_PATTERNS) result = result.replace(pattern, replacement);
  return result;
}

/**
 * A destination for restify's own (pino) logger that keeps only the event and its message, through `log`:
 * restify dumps whole requests (headers with the bearer token, bodies with the trainee's words) otherwise.
 */
export function restifyLogSink(log: Logger): LogSink {
  return {
    write(line: string) {
      let entry: { level?: number; msg?: unknown; err?: { message?: unknown } } = {};
      try {
        entry = JSON.parse(line) as typeof entry;
      } catch {
        entry = {};
      }
      const fields = {
        message: typeof entry.msg === 'string' ? entry.msg.slice(0, 200) : undefined,
        error: typeof entry.err?.message === 'string' ? entry.err.message.slice(0, 200) : undefined,
      };
      if ((entry.level ?? 50) >= 50) log.error('restify', fields);
      else log.warn('restify', fields);
      return true;
    },
  };
}

function safeStringify(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return JSON.stringify({ time: new Date().toISOString(), level: 'error', event: 'log_unserializable' });
  }
}
