/**
 * A small seeded random generator (mulberry32). Its whole state is one 32-bit
 * integer, so a session can store it as JSON and replay exactly: the same seed
 * and the same replies always give the same customer.
 */
export interface RandomDraw<T> {
  value: T;
  next: number;
}

export function seedFrom(seed: number): number {
  // Spread small seeds (1, 2, 3...) over the whole range so they do not start alike.
  let h = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b) >>> 0;
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A float in [0, 1) and the generator's next state. */
export function nextFloat(state: number): RandomDraw<number> {
  const next = (state + 0x6d2b79f5) >>> 0;
  let t = next;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  const value = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  return { value, next };
}

export function pick<T>(state: number, items: readonly T[]): RandomDraw<T> {
  if (items.length === 0) throw new Error('pick: cannot choose from an empty list');
  const { value, next } = nextFloat(state);
  return { value: items[Math.floor(value * items.length)], next };
}
