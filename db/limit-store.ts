import { eq, lt, sql } from 'drizzle-orm';
import type { Db } from './handle.js';
import { loginAttempts, rateCounters } from './schema.js';

/**
 * How attempts (staff logins per user name and address) are spaced: the first `free` go at once;
 * then each waits twice as long as the one before, from `firstDelayMs` up to `maxDelayMs`. After
 * `forgetAfterMs` without an attempt the count starts again.
 */
export interface AttemptSpacing {
  free: number;
  firstDelayMs: number;
  maxDelayMs: number;
  forgetAfterMs: number;
}

/** The wait an attempt imposes on the next one: `attempts` is its number (1 for the first). */
export function delayAfter(spacing: AttemptSpacing, attempts: number): number {
  if (attempts < spacing.free) return 0;
  return Math.min(spacing.firstDelayMs * 2 ** Math.min(attempts - spacing.free, 30), spacing.maxDelayMs);
}

export type AttemptClaim =
  | { allowed: true; attempts: number; nextAllowedAt: Date }
  | { allowed: false; nextAllowedAt: Date };

/**
 * Counters for the abuse limits, in the database so that they hold across processes and Workers
 * isolates. Each call is one statement, atomic on both drivers: two requests at once never both
 * see the count before the other's.
 */
export interface LimitStore {
  /**
   * Counts one event for `key` in the fixed window of `windowMs` that holds `now`: the events so
   * far in that window (this one included) and when the window ends.
   */
  count(key: string, windowMs: number, now: Date): Promise<{ count: number; windowEnds: Date }>;
  /**
   * Takes the next attempt for `key` unless the one before asked it to wait: the attempt is counted
   * (and the wait it imposes on the next one set) before the caller does anything, so attempts sent
   * at once are spaced exactly as attempts sent one after another.
   */
  claimAttempt(key: string, now: Date, spacing: AttemptSpacing): Promise<AttemptClaim>;
  /** Starts the count of `key` again (the attempt succeeded). */
  forgetAttempts(key: string): Promise<void>;
  /** Removes counters of windows that began before `before`. */
  pruneCounters(before: Date): Promise<number>;
  /** Removes attempt counts last touched before `before`. */
  pruneAttempts(before: Date): Promise<number>;
}

/** The limit store on either driver (better-sqlite3 or D1): see `Db` in ./handle.ts. */
export function createSqliteLimitStore(db: Db): LimitStore {
  return {
    async count(key, windowMs, now) {
      const windowStart = Math.floor(now.getTime() / windowMs) * windowMs;
      // A later window starts the count again; an isolate whose clock is a little behind counts
      // into the current one.
      const row = await db
        .insert(rateCounters)
        .values({ key, windowStart: new Date(windowStart), count: 1 })
        .onConflictDoUpdate({
          target: rateCounters.key,
          set: {
            count: sql`case when excluded.window_start > ${rateCounters.windowStart} then 1 else ${rateCounters.count} + 1 end`,
            windowStart: sql`max(${rateCounters.windowStart}, excluded.window_start)`,
          },
        })
        .returning({ count: rateCounters.count, windowStart: rateCounters.windowStart })
        .get();
      if (!row) throw new Error('expected the counter back from the database');
      return { count: row.count, windowEnds: new Date(row.windowStart.getTime() + windowMs) };
    },

    async claimAttempt(key, now, spacing) {
      const t = now.getTime();
      const forgotten = sql`${loginAttempts.lastAt} <= ${t - spacing.forgetAfterMs}`;
      const attempts = sql`(case when ${forgotten} then 1 else ${loginAttempts.attempts} + 1 end)`;
      // delayAfter(spacing, attempts), in SQL.
      const delay = sql`(case when ${attempts} < ${spacing.free} then 0 else min(${spacing.firstDelayMs} * (1 << min(${attempts} - ${spacing.free}, 30)), ${spacing.maxDelayMs}) end)`;
      const claimed = await db
        .insert(loginAttempts)
        .values({ key, attempts: 1, nextAllowedAt: new Date(t + delayAfter(spacing, 1)), lastAt: now })
        .onConflictDoUpdate({
          target: loginAttempts.key,
          set: { attempts, nextAllowedAt: sql`${t} + ${delay}`, lastAt: now },
          setWhere: sql`${loginAttempts.nextAllowedAt} <= ${t}`,
        })
        .returning({ attempts: loginAttempts.attempts, nextAllowedAt: loginAttempts.nextAllowedAt })
        .get();
      if (claimed) return { allowed: true, ...claimed };
      const waiting = await db
        .select({ nextAllowedAt: loginAttempts.nextAllowedAt })
        .from(loginAttempts)
        .where(eq(loginAttempts.key, key))
        .get();
      // Gone in between (a success started the count again): this one waits a moment all the same.
      return { allowed: false, nextAllowedAt: waiting?.nextAllowedAt ?? new Date(t + 1000) };
    },

    async forgetAttempts(key) {
      await db.delete(loginAttempts).where(eq(loginAttempts.key, key)).run();
    },

    async pruneCounters(before) {
      const removed = await db
        .delete(rateCounters)
        .where(lt(rateCounters.windowStart, before))
        .returning({ key: rateCounters.key })
        .all();
      return removed.length;
    },

    async pruneAttempts(before) {
      const removed = await db
        .delete(loginAttempts)
        .where(lt(loginAttempts.lastAt, before))
        .returning({ key: loginAttempts.key })
        .all();
      return removed.length;
    },
  };
}
