import type { Logger } from 'pino';
import { OUTAGE_BATCH, type Outage, type OutageStore, type Recipient } from '../../db/outage-store.js';
import { OUTAGE_REPLIES } from '../assistant/flows/outage-replies.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface OutagePassDeps {
  outages: OutageStore;
  /** PLANNED_OUTAGE_NOTICE_DAYS: the first notice goes out this many days before the start. */
  noticeDays: number;
  logger?: Pick<Logger, 'info'>;
  /** Messages a pass writes at most; the rest wait for the next pass. */
  budget?: number;
}

export interface OutagePassResult {
  /** Linked customers told of a change (restored, a new restoration time, cancelled). */
  told: number;
  /** Planned-outage notices and cancellations sent. */
  noticed: number;
}

/**
 * One pass of outage messages, each customer's message written with its outbox row (the delivery
 * worker sends and retries it): linked customers told of what changed, then planned-outage notices
 * `noticeDays` before and the day before. Everything is read in batches of OUTAGE_BATCH on indexes
 * and recorded as it goes, so a pass stopped at any point (a crash, the budget) is taken up by the
 * next one and nobody is told twice. Its cost follows what there is to send, not the history.
 */
export async function runOutagePass(deps: OutagePassDeps, now: Date): Promise<OutagePassResult> {
  const { outages } = deps;
  let left = deps.budget ?? 2000;
  const result: OutagePassResult = { told: 0, noticed: 0 };

  /**
   * Sends batches of `find(limit, after)` with `send` until none are left or the budget is spent;
   * true when done. `keyOf` gives the position a batch ended at (the next one starts from it);
   * a customer found twice (two accounts in the area, both notices) is sent to once.
   */
  async function inBatches<R extends Recipient>(
    find: (limit: number, after: string) => Promise<R[]>,
    keyOf: (recipient: R) => string,
    send: (recipients: Recipient[]) => Promise<void>,
  ): Promise<boolean> {
    let after = '';
    while (left > 0) {
      const limit = Math.min(OUTAGE_BATCH, left);
      const batch = await find(limit, after);
      const seen = new Set<string>();
      const unique = batch.filter((r) => !seen.has(r.conversationId) && seen.add(r.conversationId));
      if (unique.length > 0) await send(unique);
      left -= unique.length;
      const last = batch.at(-1);
      if (batch.length < limit || !last) return true;
      const next = keyOf(last);
      // Only customers already sent to (or opted out) at one position: move past it.
      if (unique.length === 0 && next === after) return true;
      after = next;
    }
    return false;
  }

  for (const outage of await outages.withTellingPending(20)) {
    if (left <= 0) break;
    const text = changeText(outage);
    let done = await inBatches(
      // Those told drop out of the query: every batch starts from the first still to tell.
      (limit) => outages.linkedToTell(outage.id, outage.version, limit),
      () => '',
      async (recipients) => {
        await outages.tellLinked(
          outage.id,
          outage.version,
          recipients.map((recipient) => ({ recipient, text })),
          now,
        );
        result.told += recipients.length;
      },
    );
    if (done && outage.kind === 'planned' && outage.status === 'cancelled') {
      const cancelled = OUTAGE_REPLIES.noticeCancelled(outage);
      for (const told of ['days_before', 'day_before'] as const) {
        done &&= await inBatches(
          (limit, after) => outages.cancellationRecipients(outage.id, told, after, limit),
          (recipient) => recipient.conversationId,
          async (recipients) => {
            await outages.sendNotices(
              outage.id,
              'cancelled',
              recipients.map((recipient) => ({ recipient, text: cancelled })),
              now,
            );
            result.noticed += recipients.length;
          },
        );
      }
    }
    if (done) await outages.doneTelling(outage.id, outage.version);
  }

  for (const outage of await outages.plannedStartingBy(
    now,
    new Date(now.getTime() + deps.noticeDays * DAY_MS),
    100,
  )) {
    if (left <= 0) break;
    const dayBefore = outage.startsAt.getTime() - now.getTime() <= DAY_MS;
    // Created less than a day ahead: the day-before notice is the only one.
    if (dayBefore && !outage.daysBeforeDone) await outages.markNoticeStageDone(outage.id, 'days_before');
    if (!dayBefore && outage.daysBeforeDone) continue;
    if (dayBefore && outage.dayBeforeDone) continue;
    const stage = dayBefore ? 'day_before' : 'days_before';
    const text = OUTAGE_REPLIES.notice(outage, dayBefore);
    let done = true;
    for (const area of outage.areas) {
      done &&= await inBatches(
        (limit, after) => outages.noticeRecipients(outage, area, stage, after, limit),
        (recipient) => recipient.accountNumber,
        async (recipients) => {
          await outages.sendNotices(
            outage.id,
            stage,
            recipients.map((recipient) => ({ recipient, text })),
            now,
          );
          result.noticed += recipients.length;
        },
      );
    }
    if (done) await outages.markNoticeStageDone(outage.id, stage);
  }
  if (result.told || result.noticed) deps.logger?.info(result, 'outage pass');
  return result;
}

/** What a linked customer is told of the outage's latest change. */
function changeText(outage: Outage): string {
  if (outage.status === 'restored') return OUTAGE_REPLIES.restored(outage);
  if (outage.status === 'cancelled')
    return outage.kind === 'fault'
      ? OUTAGE_REPLIES.faultCancelled(outage)
      : OUTAGE_REPLIES.noticeCancelled(outage);
  return OUTAGE_REPLIES.newRestoreTime(outage);
}
