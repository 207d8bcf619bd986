import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { StaffStore } from '../../db/staff-store.js';
import type { Store } from '../../db/store.js';
import { requireStaff } from '../staff/auth.js';
import { parseOrThrow } from './validation.js';

const liveQuery = z.object({
  /** How many conversations wait for an agent on the page as shown. */
  waiting: z.coerce.number().int().nonnegative().optional(),
  /** An open conversation and the id of the newest message the page shows. */
  conversation: z.string().min(1).max(200).optional(),
  after: z.coerce.number().int().nonnegative().optional(),
});

export interface LiveRouteDeps {
  store: Store;
  staff: StaffStore;
  clock: () => Date;
  /** How long one stream stays open, checking every `everyMs`; 0: one check, then the browser polls. */
  holdMs?: number;
  everyMs?: number;
}

/** On Workers a response is not kept open for long: one check per request, and EventSource polls. */
const onWorkers = () =>
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers';

/**
 * GET /v1/events: server-sent events for an open console page. `queue` when handed-off
 * conversations arrive or are taken (`{ waiting, was }`: how many wait now and before), `message` when the open conversation
 * has a newer message (`{ conversationId, newest }`). Each check is a count on the queue's index
 * and one index seek per conversation: its cost does not grow with history.
 */
export function liveRoutes(deps: LiveRouteDeps) {
  const guard = requireStaff(deps.staff, deps.clock);
  return new Hono().get('/events', guard, (c) => {
    const query = parseOrThrow(liveQuery, c.req.query());
    const holdMs = onWorkers() ? 0 : (deps.holdMs ?? 25_000);
    const everyMs = deps.everyMs ?? 1_500;
    let waiting = query.waiting;
    let after = query.after;
    return streamSSE(c, async (stream) => {
      let open = true;
      stream.onAbort(() => {
        open = false;
      });
      // The browser reconnects this long after the stream ends (on Workers: the polling interval).
      await stream.writeSSE({ event: 'hello', data: '{}', retry: holdMs ? 1_000 : 5_000 });
      const until = Date.now() + holdMs;
      do {
        const count = await deps.store.countWaitingHandoffs();
        if (waiting !== undefined && count !== waiting) {
          await stream.writeSSE({ event: 'queue', data: JSON.stringify({ waiting: count, was: waiting }) });
        }
        waiting = count;
        if (query.conversation) {
          const [message] = await deps.store.latestMessages(query.conversation, 1);
          if (message && after === undefined) after = message.id;
          else if (message && after !== undefined && message.id > after) {
            after = message.id;
            await stream.writeSSE({
              event: 'message',
              data: JSON.stringify({ conversationId: query.conversation, newest: message.id }),
            });
          }
        }
        if (!open || Date.now() + everyMs > until) break;
        await stream.sleep(everyMs);
      } while (open);
    });
  });
}
