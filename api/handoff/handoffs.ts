import type { ConversationRecord, Store } from '../../db/store.js';
import type { TicketStore } from '../../db/ticket-store.js';
import type { RatingState } from '../assistant/flows/flow.js';
import { REPLIES } from '../assistant/replies.js';
import { openCase } from '../cases/open-case.js';
import { isStaffed, nextOpening, type StaffedHours } from '../staff/hours.js';
import { monthDay, shanghaiDate, shanghaiTime } from '../standard/beijing-time.js';
import type { WorkdayCalendar } from '../standard/calendar.js';

export interface HandoffDeps {
  store: Store;
  tickets: TicketStore;
  calendar: WorkdayCalendar;
  /** When people answer; outside these hours a handoff also opens a callback case. Unset: always. */
  staffedHours?: StaffedHours;
  clock: () => Date;
  newId: () => string;
}

/**
 * Handing a conversation to a person and back, in one place for the chat (a customer asks for a
 * person, asks when one comes, changes their mind) and the staff routes (take, transfer, release,
 * close with a rating request).
 */
export function createHandoffs(deps: HandoffDeps) {
  const { store, clock } = deps;

  /** The open callback case (outside staffed hours) of this conversation, if any. */
  async function openCallback(conversation: ConversationRecord) {
    const own = await deps.tickets.listForUser(conversation.channel, conversation.userId);
    return own
      .filter((t) => t.kind === 'callback' && t.conversationId === conversation.id && t.status !== 'closed')
      .sort((a, b) => b.acceptedAt.getTime() - a.acceptedAt.getTime())[0];
  }

  return {
    /**
     * Queues the conversation for a person: the reply that tells the customer where they stand
     * (`reply` gets their place in the queue), and whether it came outside staffed hours: then a
     * callback case is opened, due an hour after the next opening.
     */
    async request(
      conversation: ConversationRecord,
      reply: (position: number) => string,
    ): Promise<{ text: string; afterHours: boolean }> {
      const now = clock();
      if (deps.staffedHours && !isStaffed(deps.staffedHours, now)) {
        const opening = nextOpening(deps.staffedHours, now);
        const ticket = await openCase(
          {
            kind: 'callback',
            description: REPLIES.callbackCaseDescription,
            channel: conversation.channel,
            userId: conversation.userId,
            conversationId: conversation.id,
            deadlines: { callbackDueAt: new Date(opening.getTime() + 3600_000) },
          },
          { tickets: deps.tickets, calendar: deps.calendar, now, newId: deps.newId },
        );
        const when = `${dayWord(opening, now)}${shanghaiTime(opening)}`;
        const due = ticket.deadlines.callbackDueAt;
        return {
          text: REPLIES.handoffAfterHours(when, ticket.number, due ? shanghaiTime(new Date(due)) : when),
          afterHours: true,
        };
      }
      const waiting = await store.countWaitingHandoffs();
      return { text: reply(waiting + 1), afterHours: false };
    },

    /** Where a waiting customer stands: the callback's due time, or their place in the queue. */
    async whereTheCustomerStands(conversation: ConversationRecord): Promise<string> {
      const callback = await openCallback(conversation);
      const due = callback?.deadlines.callbackDueAt;
      if (callback && due !== undefined) {
        const dueAt = new Date(due);
        return REPLIES.handoffCallbackPending(
          `${dayWord(dueAt, clock())}${shanghaiTime(dueAt)}`,
          callback.number,
        );
      }
      // One COUNT on the queue index: those waiting since before this customer.
      const ahead = await store.countWaitingHandoffs(conversation.handoffSince ?? clock());
      return REPLIES.handoffStillWaiting(ahead + 1);
    },

    /** The customer no longer wants a person: nobody is to call them back. */
    async withdrawnByCustomer(conversation: ConversationRecord): Promise<void> {
      const callback = await openCallback(conversation);
      if (callback)
        await deps.tickets.setStatus(
          callback.id,
          'closed',
          'assistant',
          REPLIES.callbackWithdrawnNote,
          clock(),
        );
    },

    /**
     * Gives the conversation to a staff member (the first agent who replies takes it; a transfer
     * gives it to a colleague), keeping how long it has waited.
     */
    async assign(conversation: ConversationRecord, staffId: string, now: Date): Promise<void> {
      await store.setMode(conversation.id, 'handoff', conversation.handoffSince ?? now, staffId, now);
    },

    /** The bot answers again. */
    async release(conversation: ConversationRecord, now: Date): Promise<void> {
      await store.setMode(conversation.id, 'bot', null, null, now);
    },

    /**
     * The person is done with the customer: the bot takes the conversation back and asks how
     * satisfied they were (standard 四、2), on their own channel. A case closed while the person had
     * the chat asked for its rating: this one answers it.
     */
    async close(conversation: ConversationRecord, now: Date): Promise<void> {
      await store.setMode(conversation.id, 'bot', null, null, now);
      await store.appendMessage(
        conversation.id,
        { role: 'assistant', text: REPLIES.handoffClosed, intent: 'rating' },
        now,
      );
      const pending = conversation.flowState as RatingState | null;
      const ticketId = pending?.flow === 'rating' && pending.step === 'score' ? pending.ticketId : undefined;
      const rating: RatingState = {
        flow: 'rating',
        step: 'score',
        misses: 0,
        ...(ticketId ? { ticketId } : {}),
      };
      await store.setFlowState(conversation.id, rating, now);
    },
  };
}

export type Handoffs = ReturnType<typeof createHandoffs>;

/** "今天", "明天" or "11月28日", for an instant shown to a customer at `now` (Beijing days). */
export function dayWord(instant: Date, now: Date): string {
  const day = shanghaiDate(instant);
  if (day === shanghaiDate(now)) return '今天';
  if (day === shanghaiDate(new Date(now.getTime() + 86_400_000))) return '明天';
  return monthDay(instant);
}
