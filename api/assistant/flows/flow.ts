import type { HandoffReason, Source } from '../../../db/store.js';
import type { ChatCaseIntent, ChatCaseKind } from '../../../vocabulary/case-kinds.js';
import type { Intent } from '../intents.js';

/** A flow's position in a conversation, persisted as JSON between turns. */
export type FlowState = RatingState | AccountState | CaseState | CaseLookupState | OutageState;

/**
 * An outage question waiting for the place (`area`), or a fault report linked to a known outage
 * (`linked`), where "我家情况不一样" still opens a repair case (api/assistant/flows/outage.ts).
 */
export interface OutageState {
  flow: 'outage';
  step: 'area' | 'linked';
  outageId?: string;
  /** The report the outage absorbed, carried into the repair case if the customer's is different. */
  description?: string;
  /** The address the customer gave with it (carried into the repair case too). */
  address?: string;
  /** Asked why their power is off: an outage under way in the area they name absorbs it as a report. */
  lost?: boolean;
  misses: number;
}

/** A complaint, report, repair or meter case being taken (api/assistant/flows/case.ts). */
export interface CaseState {
  flow: 'case';
  intent: ChatCaseIntent;
  kind: ChatCaseKind;
  step: 'description' | 'address' | 'phone' | 'confirm';
  description?: string;
  address?: string;
  phone?: string;
  misses: number;
  /** The customer said theirs is not the area's known outage: no outage absorbs the report. */
  ownFault?: boolean;
}

/**
 * A case asked about by number from a chat that did not open it: shown once the customer gives
 * the contact phone stored on it (api/assistant/flows/case.ts).
 */
export interface CaseLookupState {
  flow: 'case-lookup';
  intent: ChatCaseIntent;
  number: string;
  misses: number;
}

/** Identity check, then bills or application progress (api/assistant/flows/account.ts). */
export interface AccountState {
  flow: 'account';
  purpose: 'bill' | 'application';
  /**
   * `answered`: a bill was just shown; a short follow-up ("那九月呢", "欠费吗") is answered for the
   * same account, anything else passes the flow by (it is closed for 取消 and for every other intent).
   */
  step: 'account' | 'phone' | 'choose' | 'answered';
  /** The customer's request, answered once they are verified. */
  request: string;
  /** The account number being verified (never shown back until verified). */
  accountNumber?: string;
  misses: number;
}

export interface RatingState {
  flow: 'rating';
  step: 'score' | 'comment';
  /** Answers that did not fit, so a confused customer is let go after a second try. */
  misses: number;
  ratingId?: number;
  /** The closed case this rating follows up. */
  ticketId?: string;
  /**
   * The flow that was open when a case follow-up asked for this rating (an identity check half
   * done): an answer that is no score goes to it instead.
   */
  resume?: Exclude<FlowState, RatingState>;
}

export interface FlowStep {
  intent: Intent;
  replies: string[];
  /** The flow's next state; null closes it. */
  state: FlowState | null;
  sources?: Source[];
  /** A knowledge answer's retrieval confidence (the review queue keeps low ones). */
  confidence?: number;
  /** The score the customer gave in this turn (the review queue keeps what low ones follow). */
  rating?: number;
  /** The conversation goes to (or stays with) a person. */
  handoff?: boolean;
  /** Why it went to one (kept with the handoff, shown in the staff queue). */
  handoffReason?: HandoffReason;
  /** The customer asked to leave the person's queue: the bot answers again. */
  release?: boolean;
  /**
   * What the customer asked for (a person, a case) was refused by a limit: wait this many seconds.
   * The turn is answered and not recorded (the conversation stays as it was).
   */
  limited?: number;
  /**
   * The flow did not understand the answer and asks again (its state counts the miss). The
   * conversation may instead answer the message as a question of its own (see assistant.ts).
   */
  unclear?: boolean;
}

/** A flow's answer to a message that is not for it: the conversation carries on without the flow. */
export const NOT_FOR_ME = Symbol('not for this flow');
