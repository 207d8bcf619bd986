import { Hono } from 'hono';
import { z } from 'zod';
import type { DeliveryStore } from '../../db/channel-store.js';
import { PUSH_CHANNELS } from '../../vocabulary/channels.js';
import { recordFailedAttempt } from '../delivery/worker.js';
import { ApiError } from '../errors.js';
import type { createChannelGuard } from '../middleware/channel-auth.js';
import { parseOrThrow, readJsonObject } from './validation.js';

/** How long a delivery handed to a bot process waits for its result before it is handed out again. */
export const LEASE_MS = 60_000;

const listSchema = z.object({ channel: z.enum(PUSH_CHANNELS) });
const resultSchema = z.union([
  z.object({ sent: z.literal(true) }),
  z.object({ sent: z.literal(false), error: z.string().min(1).max(500), permanent: z.boolean().optional() }),
]);

export interface OutboxRouteDeps {
  deliveries: DeliveryStore;
  clock: () => Date;
  assertChannelAllowed: ReturnType<typeof createChannelGuard>;
}

/**
 * The outbox for a bot that runs in a process of its own (the WeChat bot beside the Workers
 * deployment): it takes what is due for its channel with the service token, sends it, and reports
 * each result; failures are retried on the same schedule as in-process deliveries.
 */
export function outboxRoutes({ deliveries, clock, assertChannelAllowed }: OutboxRouteDeps) {
  return new Hono()
    .get('/', async (c) => {
      const { channel } = parseOrThrow(listSchema, c.req.query(), { channel: 'unknown_channel' });
      assertChannelAllowed(channel, c.req.header('authorization'));
      const leased = await deliveries.lease(channel, clock(), LEASE_MS);
      return c.json({ items: leased.map((d) => ({ id: String(d.id), address: d.address, text: d.text })) });
    })
    .post('/:id/result', async (c) => {
      const id = Number(c.req.param('id'));
      const delivery = Number.isSafeInteger(id) ? await deliveries.get(id) : undefined;
      // The channel is checked before anything about the delivery is said.
      assertChannelAllowed(delivery?.channel ?? 'wechat', c.req.header('authorization'));
      if (!delivery) throw new ApiError(404, 'not_found', 'no such delivery');
      const result = parseOrThrow(resultSchema, await readJsonObject(c.req.raw));
      if (delivery.status !== 'pending')
        throw new ApiError(409, 'not_pending', `the delivery is already ${delivery.status}`);
      if (result.sent) await deliveries.markSent(delivery.id, clock());
      else
        await recordFailedAttempt(deliveries, delivery, {
          reason: result.error,
          permanent: result.permanent ?? false,
          now: clock(),
        });
      const after = await deliveries.get(delivery.id);
      return c.json({ id: String(delivery.id), status: after?.status ?? delivery.status });
    });
}
