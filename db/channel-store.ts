import { and, asc, eq, inArray, lt, lte, sql } from 'drizzle-orm';
import type { Db } from './handle.js';
import { deliveries, inboundEvents } from './schema.js';

/** A channel whose messages go out through the outbox (vocabulary/channels.ts). */
export type ChatChannel = PushChannel;

import type { PushChannel } from '../vocabulary/channels.js';

/** An unfinished event older than this is taken again (the process died while answering it). */
export const STALE_CLAIM_MS = 5 * 60_000;

/** Platform events already taken, so a redelivered update or message is answered once. */
export interface InboundLog {
  /** True when the caller should answer this event: it is new, or an abandoned unfinished one. */
  claim(channel: ChatChannel, key: string, at: Date): Promise<boolean>;
  /** The event was answered; redeliveries are ignored from now on. */
  complete(channel: ChatChannel, key: string): Promise<void>;
  /** Answering failed before anything was recorded: a redelivery is answered afresh. */
  release(channel: ChatChannel, key: string): Promise<void>;
  /** Forgets events received before `before` (platforms stop redelivering after a day). */
  prune(before: Date): Promise<number>;
}

export type DeliveryRecord = typeof deliveries.$inferSelect;

export interface NewDelivery {
  channel: ChatChannel;
  address: string;
  text: string;
  conversationId?: string;
  messageId?: number;
}

/** The outbox of messages sent outside a customer's turn, with their attempts. */
export interface DeliveryStore {
  enqueue(delivery: NewDelivery, at: Date): Promise<DeliveryRecord>;
  /** Pending deliveries whose next attempt is due, oldest first. */
  due(now: Date, channels: ChatChannel[], limit?: number): Promise<DeliveryRecord[]>;
  markSent(id: number, at: Date): Promise<void>;
  /** Records a failed attempt; with `nextAttemptAt` null the delivery is given up (status failed). */
  markFailed(id: number, error: string, nextAttemptAt: Date | null): Promise<void>;
  /** Staff asked to try a failed delivery again. False when there is no such failed delivery. */
  retry(id: number, at: Date): Promise<boolean>;
  forConversation(conversationId: string): Promise<DeliveryRecord[]>;
  /** The deliveries of these messages (a page of a transcript), on the message index. */
  forMessages(messageIds: readonly number[]): Promise<DeliveryRecord[]>;
  /** The status of each of these deliveries (a page's few still being sent), by primary key. */
  statuses(ids: readonly number[]): Promise<Pick<DeliveryRecord, 'id' | 'status'>[]>;
  get(id: number): Promise<DeliveryRecord | undefined>;
  /**
   * Hands due deliveries of one channel to a bot process elsewhere (the WeChat process beside the
   * Workers deployment): they are not due again for `leaseMs`, so two polls never send one twice,
   * and one whose result never comes back is handed out again after the lease.
   */
  lease(channel: ChatChannel, now: Date, leaseMs: number, limit?: number): Promise<DeliveryRecord[]>;
}

/** The inbound log on either driver (better-sqlite3 or D1): see `Db` in ./handle.ts. */
export function createSqliteInboundLog(db: Db): InboundLog {
  return {
    async claim(channel, key, at) {
      const row = await db
        .insert(inboundEvents)
        .values({ channel, key, status: 'processing', receivedAt: at })
        .onConflictDoUpdate({
          target: [inboundEvents.channel, inboundEvents.key],
          set: { receivedAt: at },
          setWhere: and(
            eq(inboundEvents.status, 'processing'),
            lt(inboundEvents.receivedAt, new Date(at.getTime() - STALE_CLAIM_MS)),
          ),
        })
        .returning({ key: inboundEvents.key })
        .get();
      return row !== undefined;
    },
    async complete(channel, key) {
      await db
        .update(inboundEvents)
        .set({ status: 'done' })
        .where(and(eq(inboundEvents.channel, channel), eq(inboundEvents.key, key)))
        .run();
    },
    async release(channel, key) {
      await db
        .delete(inboundEvents)
        .where(
          and(
            eq(inboundEvents.channel, channel),
            eq(inboundEvents.key, key),
            eq(inboundEvents.status, 'processing'),
          ),
        )
        .run();
    },
    async prune(before) {
      const removed = await db
        .delete(inboundEvents)
        .where(lt(inboundEvents.receivedAt, before))
        .returning({ key: inboundEvents.key })
        .all();
      return removed.length;
    },
  };
}

/** The delivery outbox on either driver (better-sqlite3 or D1): see `Db` in ./handle.ts. */
export function createSqliteDeliveryStore(db: Db): DeliveryStore {
  return {
    async enqueue(delivery, at) {
      return db
        .insert(deliveries)
        .values({
          channel: delivery.channel,
          address: delivery.address,
          text: delivery.text,
          conversationId: delivery.conversationId ?? null,
          messageId: delivery.messageId ?? null,
          status: 'pending',
          nextAttemptAt: at,
          createdAt: at,
        })
        .returning()
        .get();
    },
    async due(now, channels, limit = 50) {
      if (channels.length === 0) return [];
      return db
        .select()
        .from(deliveries)
        .where(
          and(
            eq(deliveries.status, 'pending'),
            lte(deliveries.nextAttemptAt, now),
            inArray(deliveries.channel, channels),
          ),
        )
        .orderBy(asc(deliveries.id))
        .limit(limit)
        .all();
    },
    async lease(channel, now, leaseMs, limit = 20) {
      const due = db
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(
          and(
            eq(deliveries.status, 'pending'),
            eq(deliveries.channel, channel),
            lte(deliveries.nextAttemptAt, now),
          ),
        )
        .orderBy(asc(deliveries.id))
        .limit(limit);
      const leased = await db
        .update(deliveries)
        .set({ nextAttemptAt: new Date(now.getTime() + leaseMs) })
        .where(inArray(deliveries.id, due))
        .returning();
      return leased.sort((a, b) => a.id - b.id);
    },
    async markSent(id, at) {
      await db
        .update(deliveries)
        .set({ status: 'sent', sentAt: at, lastError: null })
        .where(eq(deliveries.id, id))
        .run();
    },
    async markFailed(id, error, nextAttemptAt) {
      // Counted in SQL, so the attempt is recorded in one statement.
      await db
        .update(deliveries)
        .set({
          attempts: sql`${deliveries.attempts} + 1`,
          lastError: error.slice(0, 500),
          ...(nextAttemptAt ? { nextAttemptAt } : { status: 'failed' as const }),
        })
        .where(eq(deliveries.id, id))
        .run();
    },
    async retry(id, at) {
      const changed = await db
        .update(deliveries)
        .set({ status: 'pending', nextAttemptAt: at, attempts: 0 })
        .where(and(eq(deliveries.id, id), eq(deliveries.status, 'failed')))
        .returning({ id: deliveries.id })
        .all();
      return changed.length > 0;
    },
    async forConversation(conversationId) {
      return db
        .select()
        .from(deliveries)
        .where(eq(deliveries.conversationId, conversationId))
        .orderBy(asc(deliveries.id))
        .all();
    },
    async statuses(ids) {
      if (!ids.length) return [];
      return db
        .select({ id: deliveries.id, status: deliveries.status })
        .from(deliveries)
        .where(inArray(deliveries.id, [...ids]))
        .all();
    },
    async forMessages(messageIds) {
      // In slices: D1 binds at most 100 parameters to a statement.
      const found: DeliveryRecord[] = [];
      for (let i = 0; i < messageIds.length; i += 90) {
        const slice = messageIds.slice(i, i + 90);
        found.push(...(await db.select().from(deliveries).where(inArray(deliveries.messageId, slice)).all()));
      }
      return found.sort((a, b) => a.id - b.id);
    },
    async get(id) {
      return db.select().from(deliveries).where(eq(deliveries.id, id)).get();
    },
  };
}
