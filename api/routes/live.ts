import { Hono } from 'hono';
import { streamSSE } from 'hono/streaming';
import { z } from 'zod';
import type { DeliveryStore } from '../../db/channel-store.js';
import type { StaffStore } from '../../db/staff-store.js';
import type { Store } from '../../db/store.js';
import type { TicketStore } from '../../db/ticket-store.js';
import { requireStaff } from '../staff/auth.js';
import { parseOrThrow } from './validation.js';

/** At most this many deliveries one page watches (a transcript page holds 50 messages). */
export const MAX_WATCHED_DELIVERIES = 50;

const liveQuery = z.object({
  /** How many conversations wait for an agent on the page as shown. */
  waiting: z.coerce.number().int().nonnegative().optional(),
  /** An open conversation and the id of the newest message the page shows. */
  conversation: z.string().min(1).max(200).optional(),
  after: z.coerce.number().int().nonnegative().optional(),
  /** The deliveries the open conversation shows as still being sent: ids, comma-separated. */
  pending: z
    .string()
    .regex(
      new RegExp(`^\\d{1,15}(,\\d{1,15}){0,${MAX_WATCHED_DELIVERIES - 1}}$`),
      `pending must be at most ${MAX_WATCHED_DELIVERIES} delivery ids separated by commas`,
    )
    .optional(),
  /** The overdue signal (TALLY.overdueEscalations) as the case list or dashboard showed it. */
  overdue: z.coerce.number().int().nonnegative().optional(),
});

export interface LiveRouteDeps {
  store: Store;
  staff: StaffStore;
  tickets: Pick<TicketStore, 'overdueSignal'>;
  deliveries: Pick<DeliveryStore, 'statuses'>;
  clock: () => Date;
  /** How long one stream stays open, checking every `everyMs`; 0: one check, then the browser polls. */
  holdMs?: number;
  everyMs?: number;
}

/** On Workers a response is not kept open for long: one check per request, and EventSource polls. */
const onWorkers = () =>
  (globalThis as { navigator?: { userAgent?: string } }).navigator?.userAgent === 'Cloudflare-Workers';

/**
 * GET /v1/events: server-sent events for an open console page.
 * - `queue` when handed-off conversations arrive or are taken (`{ waiting, was }`: how many wait
 *   now and before);
 * - `message` when the open conversation has a newer message (`{ conversationId, newest,
 *   fromCustomer }`: whether the customer wrote one of them);
 * - `delivery` when a delivery the page shows as being sent was sent or failed (`{ id, status }`);
 * - `overdue` when the scanner recorded a new overdue escalation (`{ signal, was }`).
 * Each check is a count on the queue's index, one index seek per conversation, the watched
 * deliveries by primary key and one tally row: its cost does not grow with history.
 */
export function liveRoutes(deps: LiveRouteDeps) {
  const guard = requireStaff(deps.staff, deps.clock);
  return new Hono().get('/events', guard, (c) => {
    const query = parseOrThrow(liveQuery, c.req.query());
    const holdMs = onWorkers() ? 0 : (deps.holdMs ?? 25_000);
    const everyMs = deps.everyMs ?? 1_500;
    let waiting = query.waiting;
    let after = query.after;
    let overdue = query.overdue;
    let pending = query.pending ? [...new Set(query.pending.split(',').map(Number))] : [];
    return streamSSE(c, async (stream) => {
      let open = true;
      stream.onAbort(() => {
        open = false;
      });
      const send = (event: string, data: unknown) => stream.writeSSE({ event, data: JSON.stringify(data) });
      // The browser reconnects this long after the stream ends (on Workers: the polling interval).
      await stream.writeSSE({ event: 'hello', data: '{}', retry: holdMs ? 1_000 : 5_000 });
      const until = Date.now() + holdMs;
      do {
        const count = await deps.store.countWaitingHandoffs();
        if (waiting !== undefined && count !== waiting) await send('queue', { waiting: count, was: waiting });
        waiting = count;
        if (query.conversation) {
          const [message] = await deps.store.latestMessages(query.conversation, 1);
          if (message && after === undefined) after = message.id;
          else if (message && after !== undefined && message.id > after) {
            // Whether the customer wrote among the new messages (the newest may be the bot's answer).
            const fromCustomer =
              ((await deps.store.newestCustomerMessageId(query.conversation)) ?? 0) > after;
            after = message.id;
            await send('message', { conversationId: query.conversation, newest: message.id, fromCustomer });
          }
        }
        if (pending.length) {
          const settled = (await deps.deliveries.statuses(pending)).filter((d) => d.status !== 'pending');
          for (const d of settled) await send('delivery', { id: d.id, status: d.status });
          pending = pending.filter((id) => !settled.some((d) => d.id === id));
        }
        if (overdue !== undefined) {
          const signal = await deps.tickets.overdueSignal();
          if (signal !== overdue) await send('overdue', { signal, was: overdue });
          overdue = signal;
        }
        if (!open || Date.now() + everyMs > until) break;
        await stream.sleep(everyMs);
      } while (open);
    });
  });
}
