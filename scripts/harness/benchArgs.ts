/**
 * What the benchmark scripts share: a numeric command-line option and a percentile of sorted figures.
 *
 * @example
 * const duration = numberArg('duration', 6); // `--duration 10` → 10; missing or not a positive number → 6
 * const p95 = percentile(latencies.sort((a, b) => a - b), 95);
 */

/** The positive number after `--<name>` on the command line, or `fallback` when it is missing or not one. */
export function numberArg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

/** The p-th percentile (nearest rank) of figures sorted in ascending order; NaN when there are none. */
export function percentile(sorted: readonly number[], p: number): number {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1] ?? Number.NaN;
}
