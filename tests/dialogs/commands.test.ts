import { describe, expect, it } from 'vitest';
import {
  COMMAND_TABLE,
  commandFromCardValue,
  difficultyArg,
  exportFormatArg,
  helpText,
  langArg,
  parseCommand,
  proposalArg,
  roomTag,
  scenarioArg,
  type Command,
} from '../../dialogs/commands';
import { placeholdersOutsideCode } from '../support/markdown';

const command = (text: string): Command => parseCommand(text)!;

describe('parseCommand', () => {
  it('reads a slash command with its arguments, whatever the case', () => {
    expect(parseCommand('  /Start shop-refund HARD ')).toEqual({
      name: 'start',
      args: ['shop-refund', 'HARD'],
      raw: '/Start shop-refund HARD',
    });
  });

  it('takes the bare words of the table alone, and never a reply that starts with one', () => {
    expect(parseCommand('Stop')?.name).toBe('stop');
    expect(parseCommand('hint')?.name).toBe('hint');
    expect(parseCommand('stop met schreeuwen')).toBeUndefined();
    expect(parseCommand('export')).toBeUndefined();
    expect(parseCommand('Goedemiddag, waar gaat het om?')).toBeUndefined();
  });

  it('names an unknown slash word so the trainee can be told', () => {
    expect(parseCommand('/dance now')).toEqual({ name: 'unknown', args: ['now'], raw: '/dance now' });
  });
});

describe('argument readers', () => {
  it('find the level and the scenario in any order', () => {
    expect(difficultyArg(command('/start hard shop-refund'))).toBe('hard');
    expect(scenarioArg(command('/start hard Shop-Refund'))).toBe('shop-refund');
    expect(scenarioArg(command('/demo vote gp-phone'), ['vote', 'open'])).toBe('gp-phone');
  });

  it('read export formats (md for markdown), languages, rooms and proposals', () => {
    expect(exportFormatArg(command('/export md'))).toBe('markdown');
    expect(exportFormatArg(command('/export pdf'))).toBeUndefined();
    expect(langArg(command('/lang EN'))).toBe('en');
    expect(langArg(command('/lang fr'))).toBeUndefined();
    const vote = command('/vote p2 room:AAAAAAAAAAAAAAAAAAAAAA');
    expect(roomTag(vote)).toBe('AAAAAAAAAAAAAAAAAAAAAA');
    expect(proposalArg(vote)).toBe('p2');
  });
});

describe('/help', () => {
  it('is generated from the table: one line per command with a help text, in table order', () => {
    for (const lang of ['nl', 'en'] as const) {
      const lines = helpText(lang, 'shop-refund')
        .split('\n')
        .filter((line) => /^- `?\//.test(line));
      const explained = Object.entries(COMMAND_TABLE)
        .filter(([, spec]) => 'help' in spec)
        .map(([name]) => name);
      expect(lines.map((line) => /^- `?\/([a-z]+)/.exec(line)![1])).toEqual(explained);
    }
    expect(helpText('en', 'gp-phone')).toContain('(for example /start gp-phone)');
  });

  it.each(['nl', 'en'] as const)(
    'keeps its placeholders visible in Web Chat, which reads a bare <word> as an HTML tag (%s)',
    (lang) => {
      const help = helpText(lang, 'energy-bill');
      expect(placeholdersOutsideCode(help)).toEqual([]);
      expect(help).toContain('`/start <scenario>`');
      expect(help).toContain(lang === 'nl' ? '`/vote <nummer>`' : '`/vote <number>`');
    },
  );

  it('only explains commands the parser knows', () => {
    for (const word of helpText('nl', 'x').match(/\/[a-z]+/g) ?? [])
      expect(parseCommand(word)?.name).not.toBe('unknown');
  });
});

describe('card buttons', () => {
  it('become the text command they stand for, or nothing when forged', () => {
    expect(commandFromCardValue({ action: 'start', personaId: 'gp-phone', difficulty: 'easy' })).toBe(
      '/start gp-phone easy',
    );
    expect(commandFromCardValue({ action: 'export', format: 'json' })).toBe('/export json');
    expect(
      commandFromCardValue({ action: 'demo', op: 'vote', roomId: 'AAAAAAAAAAAAAAAAAAAAAA', proposalId: 'p1' }),
    ).toBe('/vote p1 room:AAAAAAAAAAAAAAAAAAAAAA');
    expect(commandFromCardValue({ action: 'demo', op: 'vote', roomId: 'short' })).toBeUndefined();
    expect(commandFromCardValue({ action: 'start', personaId: '<script>' })).toBe('/start');
  });
});
