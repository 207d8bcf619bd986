import type { Logger } from 'pino';
import type { AttemptSpacing, LimitStore } from '../../db/limit-store.js';
import { RateLimited } from '../errors.js';
import { overLimit } from '../limits/rate.js';

/**
 * Logins per user name and client address: five at once, then each waits twice as long as the
 * one before (1 s, 2 s, 4 s … up to 15 minutes); a day without an attempt starts again.
 */
export const LOGIN_SPACING: AttemptSpacing = {
  free: 5,
  firstDelayMs: 1000,
  maxDelayMs: 15 * 60_000,
  forgetAfterMs: 86_400_000,
};

export interface LoginThrottleDeps {
  limits: LimitStore;
  clock: () => Date;
  logger: Logger;
  /** Login attempts one client address may make per minute, whatever the user names. */
  perAddressPerMinute: number;
}

/** A login attempt that went ahead: tell the throttle how it ended. */
export interface LoginAttempt {
  failed(): Promise<void>;
  succeeded(): Promise<void>;
}

/**
 * Staff login throttling that cannot be turned against an account: attempts are counted per user
 * name and client address, and the attempt is counted before the password is checked, so guesses
 * sent at once get no more checks than guesses sent one after another. A known and an unknown
 * user name are counted and answered alike. Wrong passwords from one address never keep the
 * account's owner out from another; one address is held to a ceiling of attempts a minute.
 */
export function createLoginThrottle(deps: LoginThrottleDeps) {
  const { limits, clock, logger } = deps;
  const secondsUntil = (at: Date, now: Date) => Math.max(1, Math.ceil((at.getTime() - now.getTime()) / 1000));
  return {
    /** Before the password is checked: the attempt, or a 429 (RateLimited) when it must wait. */
    async attempt(username: string, address: string | undefined): Promise<LoginAttempt> {
      const now = clock();
      const where = address ?? 'unknown';
      if (address !== undefined) {
        const wait = await overLimit(limits, `login|address|${address}`, deps.perAddressPerMinute, now);
        if (wait !== undefined) {
          logger.warn(
            { username, address, retryAfter: wait },
            'staff login refused: too many from this address',
          );
          throw new RateLimited(
            wait,
            'rate_limited',
            'too many login attempts from this address; try again later',
          );
        }
      }
      const key = `login|${where}|${username}`;
      const claim = await limits.claimAttempt(key, now, LOGIN_SPACING);
      if (!claim.allowed) {
        const wait = secondsUntil(claim.nextAllowedAt, now);
        logger.warn({ username, address: where, retryAfter: wait }, 'staff login refused: too many attempts');
        throw new RateLimited(
          wait,
          'too_many_attempts',
          `too many login attempts for this user name; try again in ${wait} s`,
        );
      }
      return {
        async failed() {
          logger.warn({ username, address: where, attempts: claim.attempts }, 'staff login failed');
          if (claim.nextAllowedAt.getTime() > now.getTime()) {
            logger.warn(
              { username, address: where, until: claim.nextAllowedAt.toISOString() },
              'staff login delayed',
            );
          }
        },
        async succeeded() {
          await limits.forgetAttempts(key);
        },
      };
    },
  };
}

export type LoginThrottle = ReturnType<typeof createLoginThrottle>;
