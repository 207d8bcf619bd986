/** Small numeric helpers shared by the bench modules. */

/** The p-th percentile (nearest rank) of an ascending list; 0 for an empty one. */
export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}

export function round(n: number, digits = 2): number {
  return Math.round(n * 10 ** digits) / 10 ** digits;
}

/** `part` of `whole` in percent, one decimal. */
export function pct(part: number, whole: number): number {
  return round((100 * part) / Math.max(1, whole), 1);
}
