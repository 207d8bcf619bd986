import type { AccountStore } from '../../db/account-store.js';
import type { OutageStore } from '../../db/outage-store.js';
import type { ConversationRecord, Source, Store } from '../../db/store.js';
import type { TicketStore } from '../../db/ticket-store.js';
import type { Areas } from '../../knowledge/areas.js';
import type { Knowledge } from '../../knowledge/index.js';
import type { Tariff } from '../../knowledge/tariff.js';
import type { Handoffs } from '../handoff/handoffs.js';
import type { ChatLimits } from '../limits/chat-limits.js';
import type { WorkdayCalendar } from '../standard/calendar.js';
import type { AccountFlowDeps } from './flows/account.js';
import type { CaseFlowDeps } from './flows/case.js';
import type { FlowState, FlowStep } from './flows/flow.js';
import type { OutageFlowDeps } from './flows/outage.js';
import type { CustomerText, RatingDeps } from './flows/rating.js';
import { REPLIES } from './replies.js';

/** What the assistant is built from, shared by every turn. */
export interface TurnServices {
  store: Store;
  knowledge: Knowledge;
  accounts: AccountStore;
  tickets: TicketStore;
  calendar: WorkdayCalendar;
  tariff: Tariff;
  handoffs: Handoffs;
  clock: () => Date;
  newId: () => string;
  /** Outages and the supply areas; without them, no outage answers and every report opens a case. */
  outages?: OutageStore;
  areas?: Areas;
  /** How many handoffs and cases a chat may create a minute; unset, no limit. */
  chatLimits?: ChatLimits;
}

/**
 * One turn as every flow sees it: the message (as typed, normalised, and with homophone typos
 * mended), the conversation, and each flow's dependencies built from them.
 */
export interface TurnContext {
  message: CustomerText;
  /** The normalised text with homophone typos mended (我要投塑 → 我要投诉), for whole-phrase rules. */
  readonly mended: string;
  conversation: ConversationRecord;
  /** The client's address, for a web visitor's message over HTTP (the limits count it). */
  clientAddress?: string;
  services: TurnServices;
  /** A knowledge entry's answer and source, by id (safety advice, payment methods…). */
  entryAnswer(id: string): { text: string; source: Source };
  rating(): RatingDeps;
  account(): AccountFlowDeps;
  cases(): Promise<CaseFlowDeps>;
  /** Outages by area, where the service has them. */
  outages(): OutageFlowDeps | undefined;
  /**
   * Queues the conversation for a person; `reply` tells the customer their place. Past the handoff
   * limit, a polite "not so often" instead (a `limited` step).
   */
  /** Queues the conversation for a person: `reason` is why (asked for one, or two unanswered turns). */
  handOff(reply: (position: number) => string, reason: 'asked' | 'unanswered'): Promise<FlowStep>;
}

export function createTurnContext(
  services: TurnServices,
  message: CustomerText,
  conversation: ConversationRecord,
  clientAddress?: string,
): TurnContext {
  const { knowledge, clock } = services;
  const user = { channel: conversation.channel, userId: conversation.userId };
  const requester = { ...user, ...(clientAddress === undefined ? {} : { clientAddress }) };
  const entryAnswer = (id: string) => {
    const entry = knowledge.base.byId(id);
    if (!entry) throw new Error(`knowledge entry ${id} is missing`);
    return {
      text: knowledge.base.answer(entry),
      source: { id: entry.id, title: entry.title, clause: entry.clause },
    };
  };
  let mended: string | undefined;
  return {
    message,
    // Mended on first use: a cancel or a case number never needs it.
    get mended() {
      mended ??= knowledge.segmenter.mend(message.normalized);
      return mended;
    },
    conversation,
    clientAddress,
    services,
    entryAnswer,
    rating: () => ({
      saveScore: (score, ticketId) => services.store.addRating(conversation.id, score, clock(), ticketId),
      saveComment: (ratingId, comment) => services.store.setRatingComment(ratingId, comment),
    }),
    account: () => ({
      accounts: services.accounts,
      calendar: services.calendar,
      user,
      now: clock(),
      paymentMethods: entryAnswer('payment-methods'),
    }),
    async cases() {
      const at = clock();
      const bound = await services.accounts.boundAccounts(user, at);
      return {
        tickets: services.tickets,
        accounts: services.accounts,
        calendar: services.calendar,
        now: at,
        newId: services.newId,
        channel: conversation.channel,
        userId: conversation.userId,
        conversationId: conversation.id,
        accountNumber: bound.length === 1 ? bound[0] : undefined,
        mayOpenCase: async () => services.chatLimits?.take('case', requester),
      };
    },
    outages: () =>
      services.outages && services.areas
        ? { outages: services.outages, areas: services.areas, now: clock() }
        : undefined,
    async handOff(reply, reason) {
      const wait = await services.chatLimits?.take('handoff', requester);
      if (wait !== undefined)
        return {
          intent: 'handoff',
          replies: [REPLIES.handoffTooOften],
          state: conversation.flowState as FlowState | null,
          limited: wait,
        };
      const { text, afterHours } = await services.handoffs.request(conversation, reply);
      return {
        intent: 'handoff',
        replies: [text],
        state: null,
        handoff: true,
        handoffReason: afterHours ? 'after_hours' : reason,
      };
    },
  };
}
