import type { LimitStore } from '../../db/limit-store.js';

export const MINUTE_MS = 60_000;

/**
 * Counts one event for `key` in the current minute: the seconds until the minute ends when the
 * count is over `perMinute` (the event is refused), else undefined.
 */
export async function overLimit(
  limits: LimitStore,
  key: string,
  perMinute: number,
  now: Date,
): Promise<number | undefined> {
  const { count, windowEnds } = await limits.count(key, MINUTE_MS, now);
  if (count <= perMinute) return undefined;
  return Math.max(1, Math.ceil((windowEnds.getTime() - now.getTime()) / 1000));
}
