import { type InboundLog, STALE_CLAIM_MS } from '../../api/channel/contract.js';

/**
 * The redelivery guard of a bot process without a database (the WeChat process beside the
 * Workers deployment): the last `capacity` events, in memory. Same rules as the SQLite log.
 */
export function createMemoryInboundLog(capacity = 10_000): InboundLog {
  const events = new Map<string, { status: 'processing' | 'done'; at: number }>();
  const id = (channel: string, key: string) => `${channel}\u0000${key}`;
  return {
    async claim(channel, key, at) {
      const seen = events.get(id(channel, key));
      if (seen && (seen.status === 'done' || at.getTime() - seen.at < STALE_CLAIM_MS)) return false;
      events.delete(id(channel, key));
      events.set(id(channel, key), { status: 'processing', at: at.getTime() });
      if (events.size > capacity) events.delete(events.keys().next().value as string);
      return true;
    },
    async complete(channel, key) {
      const seen = events.get(id(channel, key));
      if (seen) seen.status = 'done';
    },
    async release(channel, key) {
      if (events.get(id(channel, key))?.status === 'processing') events.delete(id(channel, key));
    },
    async prune(before) {
      let removed = 0;
      for (const [key, seen] of events) {
        if (seen.at < before.getTime()) {
          events.delete(key);
          removed += 1;
        }
      }
      return removed;
    },
  };
}
