/**
 * CPU time of another process, read from Linux's /proc: what the benchmarks divide by the turns a process served.
 *
 * @example
 * const before = cpuMsOf(child.pid, true);
 * await drive();
 * const mainThreadMsPerTurn = (cpuMsOf(child.pid, true)! - before!) / turns;
 */
import * as fs from 'fs';

/**
 * CPU milliseconds a process has used so far (user + system), all threads or (`mainThread`) the main one only, or
 * undefined without /proc.
 */
export function cpuMsOf(pid: number | undefined, mainThread = false): number | undefined {
  try {
    const stat = mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`;
    const fields = fs.readFileSync(stat, 'utf8').split(') ')[1].split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // clock ticks (USER_HZ, 100 on Linux)
  } catch {
    return undefined;
  }
}
