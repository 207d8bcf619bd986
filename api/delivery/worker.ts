import type { Logger } from 'pino';
import type { ChatChannel, DeliveryRecord, DeliveryStore } from '../../db/channel-store.js';
import { type ChannelSender, PermanentDeliveryError } from '../channel/contract.js';

/** Waits after the 1st, 2nd… failed attempt; after the last one the delivery is marked failed. */
export const DEFAULT_RETRY_DELAYS_MS = [5_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000];

/**
 * Records one failed attempt: the next attempt after the delay for this attempt's number, or
 * none (the delivery is given up, `failed`) when retrying cannot help or the delays are used up.
 */
export async function recordFailedAttempt(
  deliveries: DeliveryStore,
  delivery: DeliveryRecord,
  outcome: { reason: string; permanent: boolean; now: Date; delays?: number[] },
): Promise<Date | null> {
  const delay = outcome.permanent
    ? undefined
    : (outcome.delays ?? DEFAULT_RETRY_DELAYS_MS)[delivery.attempts];
  const next = delay === undefined ? null : new Date(outcome.now.getTime() + delay);
  await deliveries.markFailed(delivery.id, outcome.reason, next);
  return next;
}

export interface DeliveryWorkerDeps {
  deliveries: DeliveryStore;
  senders: Partial<Record<ChatChannel, ChannelSender>>;
  clock?: () => Date;
  logger: Logger;
  retryDelaysMs?: number[];
}

/**
 * Sends the outbox: every due delivery goes to its channel's adapter; a failure is retried with
 * growing delays, and one that keeps failing is left `failed` where the console shows it.
 */
export function createDeliveryWorker(deps: DeliveryWorkerDeps) {
  const clock = deps.clock ?? (() => new Date());
  const delays = deps.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;
  let running: Promise<{ sent: number; failed: number }> | undefined;
  let again = false;

  async function attempt(delivery: DeliveryRecord): Promise<boolean> {
    const sender = deps.senders[delivery.channel];
    if (!sender) return false;
    try {
      await sender.send(delivery.address, delivery.text);
      await deps.deliveries.markSent(delivery.id, clock());
      return true;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const next = await recordFailedAttempt(deps.deliveries, delivery, {
        reason,
        permanent: error instanceof PermanentDeliveryError,
        now: clock(),
        delays,
      });
      deps.logger.warn(
        {
          delivery: delivery.id,
          channel: delivery.channel,
          attempt: delivery.attempts + 1,
          givenUp: !next,
          reason,
        },
        'delivery failed',
      );
      return false;
    }
  }

  async function drain() {
    const totals = { sent: 0, failed: 0 };
    do {
      again = false;
      // Senders may be registered after the worker is made (adapters are built later).
      const channels = Object.keys(deps.senders) as ChatChannel[];
      for (const delivery of await deps.deliveries.due(clock(), channels)) {
        if (await attempt(delivery)) totals.sent += 1;
        else totals.failed += 1;
      }
    } while (again);
    return totals;
  }

  const worker = {
    /** Sends what is due now; concurrent calls share one pass (and ask it to look again). */
    runOnce(): Promise<{ sent: number; failed: number }> {
      if (running) {
        again = true;
        return running;
      }
      running = drain().finally(() => {
        running = undefined;
      });
      return running;
    },
    /** Asks for a pass soon (after a staff reply), without waiting for it. */
    kick() {
      worker.runOnce().catch((error: unknown) => deps.logger.error({ err: error }, 'delivery pass failed'));
    },
    /** Passes every `intervalMs` for the retries; returns the stop function. */
    start(intervalMs = 5_000) {
      const timer = setInterval(() => worker.kick(), intervalMs);
      timer.unref();
      return () => clearInterval(timer);
    },
  };
  return worker;
}

export type DeliveryWorker = ReturnType<typeof createDeliveryWorker>;
