import type { MiddlewareHandler } from 'hono';
import type { LimitStore } from '../../db/limit-store.js';
import { RateLimited } from '../errors.js';
import { overLimit } from '../limits/rate.js';

export interface RateLimitOptions {
  /** What is counted, e.g. `ticket-form`: each name has its own count per client address. */
  name: string;
  perMinute: number;
  limits: LimitStore;
  clock: () => Date;
}

/**
 * At most `perMinute` requests a minute per client address (`c.get('clientAddress')`), counted in
 * the database so that the limit holds across processes and Workers isolates; past it 429 with
 * `Retry-After`. A request whose address is unknown is not counted.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  if (!(options.perMinute > 0)) throw new Error('rateLimit needs a positive perMinute');
  return async function limitRate(c, next) {
    const address = c.get('clientAddress');
    if (address !== undefined) {
      const key = `${options.name}|address|${address}`;
      const wait = await overLimit(options.limits, key, options.perMinute, options.clock());
      if (wait !== undefined) throw new RateLimited(wait);
    }
    await next();
  };
}
