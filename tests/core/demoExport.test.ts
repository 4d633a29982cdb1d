/**
 * The group demo export: every round with its proposals, authors, voters, the pick, who picked it, whether the
 * majority was overruled and what it did, then who contributed what and the normal debrief; participants' words
 * stay literal in Markdown and HTML.
 */
import { describe, expect, it } from 'vitest';
import type { Stage } from '../../src/core';
import {
  end,
  pick,
  refusalOf,
  renderDemoExport,
  reply,
  retry,
  setMajority,
  startDemo,
  vote,
  type DemoResult,
  type DemoRoom,
  type Participant,
} from '../../src/core/demo';
import { shippedStage } from '../support/shippedContent';

const stage: Stage = shippedStage('municipal-benefits');
const persona = stage.persona;
const trainer: Participant = { id: 't', name: 'Tineke' };
const anna: Participant = { id: 'a', name: 'Anna' };
const hostile: Participant = { id: 'h', name: '<script>alert(1)</script> **Baas** | x' };

function ok(result: DemoResult): DemoRoom {
  const refused = refusalOf(result);
  if (refused) throw new Error(`unexpected refusal: ${refused.op}/${refused.reason}`);
  return result.room;
}

/** Round 1 overruled by the trainer, round 2 taken back and played again by majority, then the end. */
function playedRoom(): DemoRoom {
  let room = startDemo(stage, { roomId: 'r', trainer, lang: 'nl', seed: 3, now: 0, mode: 'vote' }).room;
  room = ok(reply(stage, room, anna, 'Ik zie dat u hier echt van baalt.', 1));
  room = ok(reply(stage, room, hostile, 'Dat is nu eenmaal de regel. <b>Echt</b> | [klik](https://evil.example)', 2));
  room = ok(vote(room, anna, '2'));
  room = ok(vote(room, hostile, '2'));
  room = ok(pick(stage, room, trainer, '1', 3));
  room = ok(reply(stage, room, anna, 'Wat is er precies gebeurd?', 4));
  room = ok(setMajority(room, trainer, true));
  room = ok(vote(room, hostile, '1'));
  room = ok(pick(stage, room, hostile, 'majority', 5));
  room = ok(retry(room, trainer, 6));
  room = ok(reply(stage, room, anna, 'Vertelt u maar, ik luister.', 7));
  room = ok(vote(room, anna, '1'));
  room = ok(pick(stage, room, anna, 'majority', 8));
  return ok(end(room, trainer, 9));
}

describe('renderDemoExport', () => {
  const room = playedRoom();

  it('Markdown: every round (also the one taken back), every proposal with author and voters, who picked, the effect', () => {
    const { name, content } = renderDemoExport(room, persona, 'markdown');
    expect(name).toBe('groepsdemo-municipal-benefits.md');
    const rounds = content.match(/^### Ronde \d+.*$/gm);
    expect(rounds).toEqual(['### Ronde 1', '### Ronde 2 (teruggedraaid)', '### Ronde 2']);
    expect(content).toContain('| 1 ✓ | Anna | Ik zie dat u hier echt van baalt. | 0 | – |');
    expect(content).toContain('Gekozen door Tineke \\(niet het voorstel met de meeste stemmen\\)');
    expect(content).toContain('Gekozen door de meerderheid \\(gevraagd door Anna\\)');
    expect(content).toMatch(/- Effect: Boosheid \d+ → \d+ \([+−±]\d+\) · /);
    // The hostile name and reply stay literal: no HTML, no link, no table cell break.
    expect(content).not.toContain('<script>');
    expect(content).not.toContain('](https://');
    expect(content).toContain('\\<script\\>alert\\(1\\)\\</script\\> \\*\\*Baas\\*\\* \\| x');
    // Then who contributed what (everyone) and the normal debrief.
    expect(content).toMatch(/## Wie deed wat[\s\S]*\| Tineke \| – \| 0 \| 0 \|/);
    expect(content).toMatch(/\| Anna \| 1, 2 \| 2 \| 2 \|/);
  });

  it('HTML: the rounds inside the debrief page, escaped', () => {
    const { content, contentType } = renderDemoExport(room, persona, 'html');
    expect(contentType).toBe('text/html');
    expect(content).toContain('<section class="group-demo">');
    expect(content.match(/<h3>Ronde \d+[^<]*<\/h3>/g)).toHaveLength(3);
    expect(content).not.toContain('<script>');
    expect(content).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(content.indexOf('group-demo')).toBeLessThan(content.indexOf('</main>'));
  });

  it('JSON: the rounds with voters by name, the contributors, the report and the transcript', () => {
    const document = JSON.parse(renderDemoExport(room, persona, 'json').content) as {
      format: string;
      rounds: Array<{
        round: number;
        takenBack: boolean;
        chosenBy: string;
        via: string;
        overrodeMajority: boolean;
        proposals: Array<{ number: number; voters: string[]; picked: boolean }>;
      }>;
      contributors: Array<{ name: string; proposals: number; votes: number }>;
      report: { score: number };
      transcript: unknown[];
    };
    expect(document.format).toBe('deescalation-group-demo');
    expect(document.rounds.map((r) => [r.round, r.takenBack, r.chosenBy, r.via, r.overrodeMajority])).toEqual([
      [1, false, 'Tineke', 'pick', true],
      [2, true, hostile.name, 'majority', false],
      [2, false, 'Anna', 'majority', false],
    ]);
    expect(document.rounds[0].proposals.map((p) => [p.number, p.voters, p.picked])).toEqual([
      [1, [], true],
      [2, ['Anna', hostile.name], false],
    ]);
    expect(document.contributors.map((c) => [c.name, c.proposals, c.votes])).toEqual([
      ['Tineke', 0, 0],
      ['Anna', 2, 2],
      [hostile.name, 1, 1],
    ]);
    expect(document.transcript).toHaveLength(room.session.transcript.length);
    expect(typeof document.report.score).toBe('number');
  });
});
