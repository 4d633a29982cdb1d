import { describe, expect, it } from 'vitest';
import { MESSAGE_TEXT_FIELD as DIALOG_MESSAGE_TEXT_FIELD } from '../../dialogs';
import { createLogger, MESSAGE_TEXT_FIELD, silentLogger } from '../../src/logging';

function capture(options: { level: 'info' | 'debug'; messageText: boolean }) {
  const lines: string[] = [];
  const log = createLogger(options, { write: (line: string) => lines.push(line) });
  return { log, records: () => lines.map((l) => JSON.parse(l) as Record<string, unknown>), lines };
}

describe('createLogger', () => {
  it('writes one JSON line per event with time, level and event', () => {
    const { log, lines, records } = capture({ level: 'info', messageText: false });
    log.info('server_listening', { port: 3978 });
    expect(lines).toHaveLength(1);
    expect(lines[0]?.endsWith('\n')).toBe(true);
    const [record] = records();
    expect(record).toMatchObject({ level: 'info', event: 'server_listening', port: 3978 });
    expect(Number.isNaN(Date.parse(String(record?.time)))).toBe(false);
  });

  it('drops debug lines at level info', () => {
    const { log, records } = capture({ level: 'info', messageText: false });
    log.debug('noise');
    log.warn('kept');
    expect(records().map((r) => r.event)).toEqual(['kept']);
  });

  it('never logs message text unless LOG_MESSAGE_TEXT is on', () => {
    const off = capture({ level: 'debug', messageText: false });
    off.log.child({ conversationId: 'c1' }).info('turn', { text: 'mijn BSN is 123' });
    expect(off.records()[0]).toEqual(expect.objectContaining({ conversationId: 'c1', event: 'turn' }));
    expect(off.lines[0]).not.toContain('BSN');

    const on = capture({ level: 'debug', messageText: true });
    on.log.info('turn', { text: 'hallo' });
    expect(on.records()[0]?.text).toBe('hallo');
  });

  it('child loggers add fields; reserved fields cannot be overwritten', () => {
    const { log, records } = capture({ level: 'info', messageText: false });
    log
      .child({ requestId: 'r1' })
      .child({ user: 'u1' })
      .error('failed', { level: 'nope', error: new Error('boom') });
    expect(records()[0]).toMatchObject({
      level: 'error',
      event: 'failed',
      requestId: 'r1',
      user: 'u1',
      error: { name: 'Error', message: 'boom' },
    });
  });

  it('has a silent logger for tests', () => {
    expect(() => silentLogger.child({ a: 1 }).error('x')).not.toThrow();
  });
});

describe('message text in the dialogs’ log lines', () => {
  it('goes under the one field the logger drops unless LOG_MESSAGE_TEXT=true', () => {
    expect(DIALOG_MESSAGE_TEXT_FIELD).toBe(MESSAGE_TEXT_FIELD);
    const { log, records } = capture({ level: 'debug', messageText: false });
    log.debug('roleplay.turn', { turn: 1, [DIALOG_MESSAGE_TEXT_FIELD]: 'what the trainee typed' });
    expect(JSON.stringify(records())).not.toContain('what the trainee typed');
  });
});
