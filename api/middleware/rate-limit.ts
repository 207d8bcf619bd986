import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from '../errors.js';

export interface RateLimitOptions {
  windowMs: number;
  max: number;
  /** Who is counted: by default the client's address. */
  key?: (c: Context) => string;
  clock?: () => number;
}

/** A fixed-window request limit per client, answering 429 with a reason past `max` a window. */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  if (!(options.windowMs > 0) || !(options.max > 0))
    throw new Error('rateLimit needs a positive windowMs and max');
  const clock = options.clock ?? Date.now;
  const key = options.key ?? clientAddress;
  const windows = new Map<string, { start: number; count: number }>();
  return async function limitRate(c, next) {
    const now = clock();
    const id = key(c);
    const window = windows.get(id);
    if (!window || now - window.start >= options.windowMs) {
      if (windows.size > 10_000) windows.clear(); // bounded memory under a flood of addresses
      windows.set(id, { start: now, count: 1 });
    } else if (++window.count > options.max) {
      c.header('retry-after', String(Math.ceil((window.start + options.windowMs - now) / 1000)));
      throw new ApiError(429, 'rate_limited', 'too many requests; please try again later');
    }
    await next();
  };
}

function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
