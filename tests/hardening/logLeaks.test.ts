/**
 * The leak check run over the whole suite (tests/support/logLeakSetup.ts) can fail: planted lines are caught,
 * by the detector and through each path the setup file watches, and clean lines pass.
 */
import { describe, expect, it } from 'vitest';
import { botProcessWatchers } from '../../scripts/harness/botProcess';
import { createLogger, silentLogger } from '../../src/logging';
import { findLeaks, leakLedger, TRAINEE_CANARY } from '../support/logLeaks';

const SENT = ['Ik begrijp dat u boos bent, mevrouw.'];
const DIRECT_LINE_TOKEN = 'q3Xr9ZkPw0aLm2Ns8Tb7Yc4Vd6Ue1Hf5Jg9Ki3Lo0Mp';

describe('the leak detector', () => {
  it.each([
    ['a bearer token', 'authorization: Bearer eyJhbGciOi.abc-def_ghi', 'bearer'],
    ['a JWT on its own', '{"event":"x","value":"eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJ4In0.sig"}', 'jwt'],
    ['an embedded Direct Line token', `{"event":"x","conversation":"${DIRECT_LINE_TOKEN}"}`, 'directLineToken'],
    ['a secret-named field', '{"event":"x","directLineSecret":"abcd1234"}', 'secretField'],
    ['a stream URL with its token', 'GET /v3/directline/conversations/c/stream?t=abcdefgh123&watermark=2', 'urlToken'],
    ['a trainee reply', `{"event":"turn","reply":"${SENT[0]}"}`, 'traineeText'],
    ['the canary', `error: cannot handle "${TRAINEE_CANARY}"`, 'traineeText'],
  ])('catches %s', (_name, line, kind) => {
    expect(findLeaks(line, SENT).map((leak) => leak.kind)).toContain(kind);
  });

  it.each([
    ['a redacted bearer', 'authorization: Bearer [redacted]'],
    ['a redacted field', '{"event":"x","token":"[redacted]","secret":"[redacted]"}'],
    ['a redacted stream URL', '/stream?t=[redacted]&watermark=2'],
    [
      'an ordinary line',
      '{"time":"2026-12-06T18:00:00.000Z","level":"info","event":"roleplay.started","persona":"municipal-benefits"}',
    ],
    ['a content hash and a conversation id', '{"version":"9f86d081884c","conversation":"Yh7Kq2Lw9Xz3Pm5Rt8Vb1c"}'],
    // A public key's PEM line (botbuilder prints the keys when a token's key is unknown): the 43 characters between
    // its "/" and "+" looked like a Direct Line token to the check, once in a while, with a key made up per run.
    ['a line of a public key', '3UKwC+H559N1/I3MU5mTLKvOcJ6B7Dmwi4iRR5KosxXhpm3pB0CAMw4v+rTaReM8'],
  ])('lets %s pass', (_name, line) => {
    expect(findLeaks(line, SENT)).toEqual([]);
  });

  it('expects trainee words where the operator allowed message text (LOG_MESSAGE_TEXT=true), never tokens', () => {
    expect(findLeaks(`{"text":"${SENT[0]}"}`, SENT, true)).toEqual([]);
    expect(findLeaks(`{"text":"${SENT[0]}","auth":"Bearer abcdefgh12345"}`, SENT, true).map((l) => l.kind)).toEqual([
      'bearer',
    ]);
  });

  it('does not look for commands or single words, which any line may hold', () => {
    expect(findLeaks('{"event":"command","name":"start"}', ['/start', 'start', 'ja'])).toEqual([]);
  });
});

describe('the suite-wide check sees every path a line takes', () => {
  const trainee = 'Dus als ik het goed begrijp, is de betaling niet gekomen?';

  it.each([
    [
      'a logger',
      () => createLogger({ level: 'info', messageText: false }, { write: () => true }).info('x', { reply: trainee }),
    ],
    ['the silent logger', () => silentLogger.warn('x', { reply: trainee })],
    ['the console', () => console.error('request failed: authorization: Bearer abcdefgh.ijklmnop')],
    ['a bot process', () => botProcessWatchers.lines.forEach((watch) => watch(`{"stream":"?t=${DIRECT_LINE_TOKEN}"}`))],
  ])('a leaking line from %s is caught (and this test takes it, so it passes)', (_name, plant) => {
    leakLedger.noteSent(trainee);
    const before = leakLedger.take();
    expect(before).toEqual([]);
    plant();
    expect(leakLedger.take().length).toBeGreaterThan(0);
  });
});
