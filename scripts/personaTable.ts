/**
 * The persona check a trainer runs after writing or changing a persona:
 * every persona against five scripted trainee styles, in both languages.
 *
 *   npm run bench:personas [-- --persona <id>] [--seeds 3] [--difficulty easy|normal|hard]
 *
 * Prints one row per persona × style × language (outcome, final and peak anger,
 * turns; seed 1), then the checks the persona library must pass over all seeds:
 * a skilled trainee resolves every persona, an argumentative one escalates
 * every persona, and no two personas react identically.
 */
import { loadDefaultClassifier, loadPersonaLibrary } from '../src/content';
import { buildReport, runStyle, TRAINEE_STYLES, type Difficulty, type Lang, type TraineeStyle } from '../src/core';

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

  for (const persona of personas) {
    const stage = { persona, common: library.common, classifier };
    for (const lang of langs) {
      const cells: string[] = [];
      const fingerprint: string[] = [];
      for (const style of TRAINEE_STYLES) {
        const runs = Array.from({ length: seeds }, (_, i) =>
          runStyle(stage, style, { lang, seed: i + 1, ...(difficulty ? { difficulty } : {}) }),
        );
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
  return failures.length === 0 ? 0 : 1;
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
