/**
 * The anger curves in docs/emotion-model.md, from real role-plays: a few personas against the skilled,
 * the clumsy but well-meaning and the rules-bound scripted trainee (seed 1, Dutch), drawn as ASCII charts.
 *
 *   npm run build && node dist/scripts/emotionCurves.js [--persona <id>]... [--seed 1] [--lang nl|en]
 *
 * Each chart has anger (0-100) upwards and the trainee's replies to the right; S, C and R mark the skilled,
 * clumsy and rules-bound runs (a * where two meet), the dashed line is the calm line (40), and the legend
 * names how each run ended and the largest change a single reply made.
 */
import { loadDefaultClassifier, loadPersonaLibrary } from '../src/content';
import { CALM_ENOUGH, runStyle, type Lang, type Session, type TraineeStyle } from '../src/core';

const DEFAULT_PERSONAS = ['bank-blocked-card', 'municipal-passport', 'shop-refund'];
const RUNS: ReadonlyArray<[TraineeStyle, string]> = [
  ['skilled', 'S'],
  ['clumsy', 'C'],
  ['rulesBound', 'R'],
];
const ROW_STEP = 10;
const COLUMN_WIDTH = 3;

function options(name: string): string[] {
  return process.argv.flatMap((arg, i) => (arg === `--${name}` ? [process.argv[i + 1] ?? ''] : []));
}

function curveOf(session: Session): number[] {
  return session.transcript.filter((e) => e.role === 'customer').map((e) => e.anger);
}

function largestStep(session: Session): number {
  return Math.max(0, ...session.turns.map((t) => Math.abs(t.angerAfter - t.angerBefore)));
}

/** One chart: rows from 100 down to 0, a column per reply (0 = the opening). */
function chart(curves: ReadonlyArray<{ mark: string; curve: number[] }>): string[] {
  const turns = Math.max(...curves.map((c) => c.curve.length));
  const lines: string[] = [];
  for (let level = 100; level >= 0; level -= ROW_STEP) {
    const cells = Array.from({ length: turns }, (_, turn) => {
      const here = curves.filter(({ curve }) => {
        const anger = curve[turn];
        return anger !== undefined && Math.round(anger / ROW_STEP) * ROW_STEP === level;
      });
      const calmLine = level === CALM_ENOUGH ? '-' : ' ';
      const mark = here.length === 0 ? calmLine : here.length === 1 ? (here[0]?.mark ?? '?') : '*';
      return mark.padStart(COLUMN_WIDTH - 1, calmLine).padEnd(COLUMN_WIDTH, calmLine);
    });
    lines.push(`${String(level).padStart(3)} |${cells.join('')}`);
  }
  lines.push(`    +${'-'.repeat(turns * COLUMN_WIDTH)}`);
  lines.push(
    `     ${Array.from({ length: turns }, (_, turn) =>
      String(turn)
        .padStart(COLUMN_WIDTH - 1)
        .padEnd(COLUMN_WIDTH),
    ).join('')}  reply`,
  );
  return lines;
}

function main(): number {
  const library = loadPersonaLibrary();
  const classifier = loadDefaultClassifier();
  const ids = options('persona').length > 0 ? options('persona') : DEFAULT_PERSONAS;
  const seed = Number(options('seed')[0] ?? 1);
  const lang = (options('lang')[0] ?? 'nl') as Lang;
  for (const id of ids) {
    const persona = library.personas.find((p) => p.id === id);
    if (!persona) {
      console.error(`no persona "${id}"`);
      return 2;
    }
    const stage = { persona, common: library.common, classifier };
    const runs = RUNS.map(([style, mark]) => ({ style, mark, session: runStyle(stage, style, { lang, seed }) }));
    const a = persona.anger;
    console.log(
      `${persona.id} (${lang}, seed ${seed}; residual ${a.residual ?? '-'}, after agreement ${a.residualAgreed ?? '-'}, rise ≤ ${a.maxRise ?? 30}, fall ≤ ${a.maxFall ?? 30})`,
    );
    console.log('```text');
    for (const line of chart(runs.map((r) => ({ mark: r.mark, curve: curveOf(r.session) })))) console.log(line);
    for (const { style, mark, session } of runs) {
      const warned = session.turns.some((t) => t.reaction.includes('escalation.lastWarning'));
      console.log(
        `  ${mark} ${style.padEnd(11)} ${curveOf(session).join(' ')}  → ${session.outcome ?? 'open'}${warned ? ' (after a warning)' : ''}; largest step ${largestStep(session)}`,
      );
    }
    console.log('```');
    console.log('');
  }
  return 0;
}

process.exitCode = main();
