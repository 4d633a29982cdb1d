/**
 * The persona check a trainer runs after writing or changing a persona:
 * every persona against six scripted trainee styles, in both languages.
 *
 *   npm run bench:personas [-- --persona <id>] [--seeds 3] [--difficulty easy|normal|hard]
 *
 * Prints one row per persona × style × language (outcome, final and peak anger,
 * turns; seed 1), then the checks the persona library must pass over all seeds:
 * a skilled trainee resolves every persona, an argumentative one escalates
 * every persona, and no two personas react identically. Then the emotion
 * dynamics over all runs (docs/emotion-model.md): how often a clumsy but
 * well-meaning trainee is walked out on, the largest change one reply made,
 * whether every walk-out came after a spoken warning, and the score range of
 * each style (skilled, clumsy and the bad ones must not overlap).
 */
import { loadDefaultClassifier, loadPersonaLibrary } from '../src/content';
import {
  buildReport,
  runStyle,
  TRAINEE_STYLES,
  type Difficulty,
  type Lang,
  type Session,
  type TraineeStyle,
} from '../src/core';

function option(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const OUTCOME_SHORT = {
  resolved: 'resolved',
  walked_out: 'walked out',
  ended_by_trainee: 'ended',
  stopped: 'stopped',
} as const;

function main(): number {
  const library = loadPersonaLibrary();
  for (const problem of library.problems)
    console.error(`persona problem: ${problem.file}: ${problem.field}: ${problem.message}`);
  const only = option('persona');
  const personas = library.personas.filter((p) => !only || p.id === only);
  if (personas.length === 0) {
    console.error(only ? `no persona "${only}"` : 'no valid personas');
    return 2;
  }
  const seeds = Math.max(1, Number(option('seeds') ?? 3));
  const difficulty = option('difficulty') as Difficulty | undefined;
  const classifier = loadDefaultClassifier();
  const langs: Lang[] = ['nl', 'en'];

  const header = ['persona', 'lang', ...TRAINEE_STYLES];
  const rows: string[][] = [];
  const failures: string[] = [];
  const fingerprints = new Map<string, string>();
  const dynamics = new DynamicsTally();

  for (const persona of personas) {
    const stage = { persona, common: library.common, classifier };
    for (const lang of langs) {
      const cells: string[] = [];
      const fingerprint: string[] = [];
      for (const style of TRAINEE_STYLES) {
        const runs = Array.from({ length: seeds }, (_, i) =>
          runStyle(stage, style, { lang, seed: i + 1, ...(difficulty ? { difficulty } : {}) }),
        );
        for (const [i, run] of runs.entries())
          dynamics.add(style, run, buildReport(run, persona).score, `${persona.id} ${lang} seed ${i + 1}`);
        const first = runs[0];
        const report = buildReport(first, persona);
        cells.push(
          `${OUTCOME_SHORT[report.outcome]} ${report.finalAnger} (peak ${report.peakAnger}, ${report.measures.traineeTurns}t, ${report.score}pt)`,
        );
        fingerprint.push(`${style}:${report.outcome}:${report.finalAnger}:${report.measures.traineeTurns}`);
        check(
          style,
          runs.map((s) => buildReport(s, persona)),
          `${persona.id} ${lang}`,
          failures,
        );
      }
      rows.push([persona.id, lang, ...cells]);
      const key = `${lang}|${fingerprint.join('|')}`;
      const twin = fingerprints.get(key);
      if (twin) failures.push(`${persona.id} ${lang}: reacts exactly like ${twin} to every style`);
      fingerprints.set(key, persona.id);
    }
  }

  printTable(header, rows);
  console.log('');
  console.log(`Checks over seeds 1..${seeds}${difficulty ? `, difficulty ${difficulty}` : ''}:`);
  console.log(
    `  skilled trainee resolves every persona:        ${failures.some((f) => f.includes('skilled')) ? 'FAIL' : 'ok'}`,
  );
  console.log(
    `  argumentative trainee escalates every persona: ${failures.some((f) => f.includes('argumentative')) ? 'FAIL' : 'ok'}`,
  );
  console.log(
    `  personas differ from each other:               ${failures.some((f) => f.includes('exactly like')) ? 'FAIL' : 'ok'}`,
  );
  for (const failure of failures) console.log(`  - ${failure}`);
  console.log('');
  dynamics.print(seeds);
  return failures.length === 0 ? 0 : 1;
}

/** The figures of issue 17's emotion dynamics, gathered over every run the table played. */
class DynamicsTally {
  private readonly walkOuts = new Map<TraineeStyle, { runs: number; walkedOut: number }>();
  private readonly scores = new Map<TraineeStyle, number[]>();
  private maxDelta = { size: 0, where: '' };
  private walkOutsWithoutWarning: string[] = [];
  private walkOutsTotal = 0;

  add(style: TraineeStyle, session: Session, score: number, where: string): void {
    const tally = this.walkOuts.get(style) ?? { runs: 0, walkedOut: 0 };
    tally.runs += 1;
    if (session.outcome === 'walked_out') tally.walkedOut += 1;
    this.walkOuts.set(style, tally);
    this.scores.set(style, [...(this.scores.get(style) ?? []), score]);
    for (const turn of session.turns) {
      const size = Math.abs(turn.angerAfter - turn.angerBefore);
      if (size > this.maxDelta.size) this.maxDelta = { size, where: `${style}, ${where}, turn ${turn.index}` };
    }
    if (session.outcome === 'walked_out') {
      this.walkOutsTotal += 1;
      const warned = session.turns.slice(0, -1).some((turn) => turn.reaction.includes('escalation.lastWarning'));
      if (!warned) this.walkOutsWithoutWarning.push(`${style}, ${where}`);
    }
  }

  print(seeds: number): void {
    console.log(`Emotion dynamics over every persona × nl/en × seeds 1..${seeds}:`);
    const clumsy = this.walkOuts.get('clumsy') ?? { runs: 0, walkedOut: 0 };
    const share = clumsy.runs === 0 ? 0 : clumsy.walkedOut / clumsy.runs;
    console.log(
      `  clumsy trainee walked out on:        ${clumsy.walkedOut} of ${clumsy.runs} runs (${percent(share)}; at most 1 in 3: ${share <= 1 / 3 ? 'ok' : 'FAIL'})`,
    );
    console.log(
      `  largest change by one reply:         ${this.maxDelta.size} (${this.maxDelta.where}; at most 30: ${this.maxDelta.size <= 30 ? 'ok' : 'FAIL'})`,
    );
    console.log(
      `  walk-outs after a spoken warning:    ${this.walkOutsTotal - this.walkOutsWithoutWarning.length} of ${this.walkOutsTotal}${this.walkOutsWithoutWarning.length === 0 ? '' : ` (without: ${this.walkOutsWithoutWarning.slice(0, 3).join('; ')}…)`}`,
    );
    const range = (styles: readonly TraineeStyle[]) => {
      const all = styles.flatMap((style) => this.scores.get(style) ?? []);
      return all.length === 0 ? { min: NaN, max: NaN } : { min: Math.min(...all), max: Math.max(...all) };
    };
    const skilled = range(['skilled']);
    const clumsyScores = range(['clumsy']);
    const bad = range(['rulesBound', 'argumentative']);
    const separated = skilled.min > clumsyScores.max && clumsyScores.min > bad.max;
    console.log(
      `  scores: skilled ${skilled.min}-${skilled.max}, clumsy ${clumsyScores.min}-${clumsyScores.max}, bad (rules-bound, argumentative) ${bad.min}-${bad.max} (separated: ${separated ? 'ok' : 'FAIL'})`,
    );
    for (const style of TRAINEE_STYLES) {
      const tally = this.walkOuts.get(style);
      if (tally) console.log(`  ${style.padEnd(15)} walked out ${tally.walkedOut} of ${tally.runs}`);
    }
  }
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function check(
  style: TraineeStyle,
  reports: ReturnType<typeof buildReport>[],
  where: string,
  failures: string[],
): void {
  reports.forEach((report, i) => {
    const seed = i + 1;
    if (style === 'skilled' && report.outcome !== 'resolved') {
      failures.push(
        `${where}: skilled trainee did not resolve (seed ${seed}: ${report.outcome}, anger ${report.finalAnger})`,
      );
    }
    if (style === 'argumentative' && !(report.outcome === 'walked_out' || report.peakAnger > report.startAnger)) {
      failures.push(
        `${where}: argumentative trainee did not escalate (seed ${seed}: ${report.outcome}, peak ${report.peakAnger})`,
      );
    }
  });
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of rows) console.log(line(row));
}

process.exitCode = main();
