/**
 * The leak check over every log line the test suite produces: no line may hold a bearer token, a Direct Line
 * token or secret, or words a test sent as a trainee. `logLeakSetup.ts` (a vitest setup file) feeds it every
 * line: the loggers' (silentLogger's too), the console, stdout and stderr of the test process, and the output of
 * bot processes the tests start; and the trainee texts: what tests send through TestAdapter (`say`), through
 * fetch to /api/messages or Direct Line, and to bot processes. A test fails when a line it produced leaks.
 */

/** Put this in a trainee reply sent some other way: a line holding it is a leak, registered or not. */
export const TRAINEE_CANARY = 'kanarie7q';

export type LeakKind = 'bearer' | 'jwt' | 'directLineToken' | 'secretField' | 'urlToken' | 'traineeText';

export interface Leak {
  kind: LeakKind;
  /** The line, shortened, with what leaked masked (the failure message is output too). */
  line: string;
}

const TOKEN_PATTERNS: readonly [LeakKind, RegExp][] = [
  ['bearer', /\bBearer\s+(?!\[redacted\])[A-Za-z0-9\-._~+/]{8,}/i],
  ['jwt', /\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\./],
  ['secretField', /"[\w-]*(?:authorization|token|secret|password)"\s*:\s*"(?!\[redacted\]")[^"]{4,}"/i],
  ['urlToken', /[?&](?:t|token)=(?!\[redacted\])[^&\s"\\]{8,}/],
];

/** An embedded Direct Line token or conversation secret: 32 random bytes, base64url (43 characters). */
const RANDOM_43 = /(?<![A-Za-z0-9_-])[A-Za-z0-9_-]{43}(?![A-Za-z0-9_-])/g;
const looksRandom = (s: string) => /[A-Z]/.test(s) && /[a-z]/.test(s) && /[0-9]/.test(s);
/**
 * A line of a PEM block (a public key botbuilder prints when a token's key is unknown): standard base64, 64 characters
 * a line, with `+` and `/` that can cut a 43-character stretch out of it by chance. A public key is no secret, and
 * a Direct Line token is base64url, never `+` or `/`.
 */
const isPemBodyLine = (line: string) => /^[A-Za-z0-9+/]{40,76}={0,2}$/.test(line.trim()) && /[+/]/.test(line);

/** Trainee texts worth looking for: prose, not commands or single words that any line might hold. */
export function isTraineeProse(text: string): boolean {
  const trimmed = text.trim();
  return !trimmed.startsWith('/') && trimmed.length >= 12 && /\s/.test(trimmed);
}

/**
 * What leaks in `line`. `sent`: trainee texts the tests sent; `mayHoldMessageText`: the line comes from a
 * logger the operator allowed to log message text (LOG_MESSAGE_TEXT=true), so trainee words are expected there.
 */
export function findLeaks(line: string, sent: Iterable<string>, mayHoldMessageText = false): Leak[] {
  const kinds: LeakKind[] = [];
  for (const [kind, pattern] of TOKEN_PATTERNS) if (pattern.test(line)) kinds.push(kind);
  if (!isPemBodyLine(line) && [...line.matchAll(RANDOM_43)].some((m) => looksRandom(m[0])))
    kinds.push('directLineToken');
  if (line.includes(TRAINEE_CANARY)) kinds.push('traineeText');
  else if (!mayHoldMessageText) {
    for (const text of sent) {
      if (!isTraineeProse(text)) continue;
      const trimmed = text.trim();
      if (line.includes(trimmed) || line.includes(JSON.stringify(trimmed).slice(1, -1))) {
        kinds.push('traineeText');
        break;
      }
    }
  }
  return kinds.map((kind) => ({ kind, line: mask(line) }));
}

function mask(line: string): string {
  const short = line.length > 160 ? `${line.slice(0, 160)}…` : line;
  return short.replace(/[A-Za-z0-9\-._~+/]{12,}/g, (run) => `${run.slice(0, 4)}…`);
}

/** The check's state for one test file: the trainee texts sent, the leaks found and not yet reported. */
export class LeakLedger {
  private readonly sent = new Set<string>();
  private readonly found: Leak[] = [];
  /** Lines of loggers allowed to log message text, to recognise them again on stdout. */
  private readonly allowed = new Set<string>();

  noteSent(text: string | undefined): void {
    if (text && isTraineeProse(text)) this.sent.add(text.trim());
  }

  /** Checks a chunk of output, line by line. */
  check(chunk: string, mayHoldMessageText = false): void {
    for (const line of chunk.split('\n')) {
      if (line.trim() === '') continue;
      if (mayHoldMessageText) this.allowed.add(line);
      this.found.push(...findLeaks(line, this.sent, mayHoldMessageText || this.allowed.has(line)));
    }
  }

  /** The leaks found since the last call; they count as reported. */
  take(): Leak[] {
    return this.found.splice(0);
  }
}

/** The one ledger of this test file (setup file and tests share the module). */
export const leakLedger = new LeakLedger();
