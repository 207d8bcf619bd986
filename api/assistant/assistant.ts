import type { AccountStore } from '../../db/account-store.js';
import { createKeyedLock } from '../../db/keyed-lock.js';
import type { Channel, ConversationRecord, Source, Store } from '../../db/store.js';
import type { TicketStore } from '../../db/ticket-store.js';
import type { Knowledge } from '../../knowledge/index.js';
import { stripControlCharacters } from '../../knowledge/normalize.js';
import type { KnowledgeDocumentMetadata } from '../../knowledge/retriever.js';
import { isAboutStreetLights, isForeignTopic } from '../../knowledge/scope.js';
import { describeEstimate, findKwh, type Tariff } from '../../knowledge/tariff.js';
import { openCase } from '../cases/open-case.js';
import { isStaffed, nextOpening, type StaffedHours } from '../staff/hours.js';
import { shanghaiDate, shanghaiTime } from '../standard/beijing-time.js';
import type { WorkdayCalendar } from '../standard/calendar.js';
import { type AccountFlowDeps, resumeAccount, startAccountRequest } from './flows/account.js';
import { isFlowCancel, isStopHandoff } from './flows/answers.js';
import {
  type CaseFlowDeps,
  caseKindOf,
  findCaseNumber,
  lookUpCases,
  resumeCase,
  resumeCaseLookup,
  startCase,
} from './flows/case.js';
import { type FlowState, type FlowStep, NOT_FOR_ME } from './flows/flow.js';
import { type CustomerText, declinesRating, parseScore, resumeRating, startRating } from './flows/rating.js';
import type { IntentClassifier } from './intent-classifier.js';
import { type DetectedIntent, detectActionIntent, type Intent, isCancel, mentionsDanger } from './intents.js';
import { REPLIES } from './replies.js';

export interface InboundMessage {
  channel: Channel;
  userId: string;
  text: string;
}

export interface TurnResult {
  conversationId: string;
  intent: Intent;
  replies: { text: string }[];
  handoff: boolean;
  sources: Source[];
}

export interface AssistantDeps {
  store: Store;
  knowledge: Knowledge;
  clock?: () => Date;
  newId?: () => string;
  /** Below this retrieval confidence a question is `unknown`, never the nearest entry. */
  minConfidence?: number;
  /** Learned intent classifier, for action requests (and out-of-scope messages) worded in ways the rules miss. */
  intentClassifier?: IntentClassifier;
  /** From this probability the classifier's most probable label, an action, starts that action's flow. */
  intentMinProbability?: number;
  /** Accounts, bills and applications, for verified customers. */
  accounts: AccountStore;
  calendar: WorkdayCalendar;
  tariff: Tariff;
  /** Cases (complaints, repairs, meter cases) taken in chat. */
  tickets: TicketStore;
  /** When people answer; outside these hours a handoff also opens a callback case. Unset: always. */
  staffedHours?: StaffedHours;
  /** Told once when a conversation is handed to a person (staff notices). Must not throw: the turn is already recorded. */
  onHandoff?: (conversation: ConversationRecord) => Promise<void>;
}

/**
 * Calibrated on the development and held-out questions (see test/eval and README); the confidence
 * blends lexical coverage with the learned classifier's probability (knowledge/search.ts).
 */
export const DEFAULT_MIN_CONFIDENCE = 0.2;
/** Calibrated by cross-validation over the examples and on the tuning questions (see knowledge/classifier.ts). */
export const DEFAULT_INTENT_MIN_PROBABILITY = 0.4;
/** From this probability, `unknown` as the classifier's most probable label is an out-of-scope message. */
const UNKNOWN_MIN_PROBABILITY = 0.3;
/** Without a confident answer, the most probable action still wins from this probability (and over `unknown`). */
const FALLBACK_ACTION_MIN_PROBABILITY = 0.2;

export type Assistant = ReturnType<typeof createAssistant>;

/** A case number (TS20261126-0001, also with spaces or full-width) anywhere in a message asks for that case. */
const CASE_INTENT: Record<string, 'complaint' | 'repair' | 'meter'> = {
  BX: 'repair',
  JY: 'meter',
  CB: 'meter',
};
const STOP_HANDOFF = /^(不用人工了?|取消人工|不要人工了?|算了不用了?)[!！.。\s]*$/;
/** "解绑", "解除绑定", "帮我解绑户号1000000001", "unbind": forgets every account bound to this chat user. */
const UNBIND =
  /^(请|帮我|我要|我想)?(解绑|解除绑定|取消绑定|unbind)(户号|账号|账户|account)?[\s:：]*[\d\s-]{0,14}(吧|谢谢)?[!！.。\s]*$/;
/** "什么时候有人联系我", "还要等多久", "有人吗": a waiting customer asks when a person comes. */
const ASKS_WHEN_SOMEONE_COMES =
  /(什么时候|啥时候|多久|多长时间|何时|几点).{0,8}(联系|回电|回复|打电话|接入|接待|处理|有人|轮到|人工|客服)|(还要|需要|得)等(多久|多长时间|到什么时候)|有人(吗|在吗|么)|人呢|怎么还没(有)?人|轮到我|排到第?几|when will|how long/;
/** A short request for a person pre-empts any open flow ("转人工" typed as a case description). */
const SHORT_REQUEST_CHARS = 10;

/** One turn of a conversation: the open flow takes the message, else intent, else the knowledge base. */
export function createAssistant(deps: AssistantDeps) {
  const { store, knowledge } = deps;
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const minConfidence = deps.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const intentMinProbability = deps.intentMinProbability ?? DEFAULT_INTENT_MIN_PROBABILITY;
  const intentModel = deps.intentClassifier?.forKnowledge(knowledge);
  const withLock = createKeyedLock();

  async function bestKnowledgeAnswer(text: string) {
    const [top] = await knowledge.retriever.invoke(text);
    if (!top) return undefined;
    return { text: top.pageContent, source: sourceOf(top.metadata), confidence: top.metadata.confidence };
  }

  function entryAnswer(id: string): { text: string; source: Source } {
    const entry = knowledge.base.byId(id);
    if (!entry) throw new Error(`knowledge entry ${id} is missing`);
    return { text: knowledge.base.answer(entry), source: { id: entry.id, title: entry.title } };
  }

  async function startFlow(
    detected: DetectedIntent,
    message: CustomerText,
    conversation: ConversationRecord,
  ): Promise<FlowStep> {
    const { intent } = detected;
    switch (intent) {
      case 'greeting':
        return { intent, replies: [greetingReply(message.normalized)], state: null };
      case 'handoff':
        return handOff(conversation, REPLIES.handoffQueued);
      case 'rating':
        return startRating(message, ratingDeps(conversation));
      case 'repair': {
        // Safety first: the advice goes out before any question.
        const advice = entryAnswer(detected.danger ? 'electrical-safety' : 'outage-what-to-do');
        return { ...startCase(intent, message, [advice.text]), sources: [advice.source] };
      }
      case 'meter': {
        const info = entryAnswer(
          caseKindOf(intent, message.normalized) === 'reading_dispute' ? 'reading-dispute' : 'meter-test',
        );
        return { ...startCase(intent, message, [info.text]), sources: [info.source] };
      }
      case 'complaint':
        if (detected.lookup) return lookUpCases(message, await caseDeps(conversation), intent);
        return startCase(intent, message, [REPLIES.complaintSorry]);
      case 'bill': {
        const kwh = detected.estimate ? findKwh(message.normalized) : undefined;
        if (kwh === undefined) return startAccountRequest('bill', message, accountDeps(conversation));
        const price = entryAnswer('electricity-price');
        return {
          intent,
          replies: [describeEstimate(deps.tariff, kwh)],
          state: null,
          sources: [price.source],
        };
      }
      case 'application':
        return startAccountRequest('application', message, accountDeps(conversation));
    }
  }

  function ratingDeps(conversation: ConversationRecord) {
    return {
      saveScore: (score: number, ticketId?: string) =>
        store.addRating(conversation.id, score, clock(), ticketId),
      saveComment: (ratingId: number, comment: string) => store.setRatingComment(ratingId, comment),
    };
  }

  function accountDeps(conversation: ConversationRecord): AccountFlowDeps {
    return {
      accounts: deps.accounts,
      calendar: deps.calendar,
      user: { channel: conversation.channel, userId: conversation.userId },
      now: clock(),
      paymentMethods: entryAnswer('payment-methods'),
    };
  }

  async function resumeFlow(
    state: FlowState,
    message: CustomerText,
    conversation: ConversationRecord,
  ): Promise<FlowStep | typeof NOT_FOR_ME> {
    switch (state.flow) {
      case 'rating': {
        // Asked for a rating in the middle of another flow (a case closed during an identity
        // check): an answer that is no score goes to that flow, and the rating request lapses.
        if (
          state.resume &&
          state.step === 'score' &&
          typeof parseScore(message.normalized) !== 'number' &&
          !declinesRating(message.normalized)
        ) {
          const other = await resumeFlow(state.resume, message, conversation);
          if (other !== NOT_FOR_ME && !other.unclear) return other;
        }
        return resumeRating(state, message, ratingDeps(conversation));
      }
      case 'account':
        return resumeAccount(state, message, accountDeps(conversation));
      case 'case':
        return resumeCase(state, message, await caseDeps(conversation));
      case 'case-lookup':
        return resumeCaseLookup(state, message, await caseDeps(conversation));
    }
  }

  async function caseDeps(conversation: ConversationRecord): Promise<CaseFlowDeps> {
    const now = clock();
    const bound = await deps.accounts.boundAccounts(
      { channel: conversation.channel, userId: conversation.userId },
      now,
    );
    return {
      tickets: deps.tickets,
      accounts: deps.accounts,
      calendar: deps.calendar,
      now,
      newId,
      channel: conversation.channel,
      userId: conversation.userId,
      conversationId: conversation.id,
      accountNumber: bound.length === 1 ? bound[0] : undefined,
    };
  }

  async function unbind(conversation: ConversationRecord): Promise<FlowStep> {
    const removed = await deps.accounts.unbind({
      channel: conversation.channel,
      userId: conversation.userId,
    });
    return { intent: 'bill', replies: [removed > 0 ? REPLIES.unbound : REPLIES.nothingBound], state: null };
  }

  /** Queues the conversation for a person and tells the customer where they stand. */
  async function handOff(
    conversation: ConversationRecord,
    reply: (position: number) => string,
  ): Promise<FlowStep> {
    const now = clock();
    if (deps.staffedHours && !isStaffed(deps.staffedHours, now)) {
      // Nobody answers now: queue the conversation and open a callback case for the first hour.
      const opening = nextOpening(deps.staffedHours, now);
      const ticket = await openCase(
        {
          kind: 'callback',
          description: '客户在非值班时间请求人工服务',
          channel: conversation.channel,
          userId: conversation.userId,
          conversationId: conversation.id,
          callbackDueAt: new Date(opening.getTime() + 3600_000),
        },
        { tickets: deps.tickets, calendar: deps.calendar, now, newId },
      );
      const when = `${dayWord(opening, now)}${shanghaiTime(opening)}`;
      const due = ticket.deadlines.callbackDueAt;
      return {
        intent: 'handoff',
        replies: [REPLIES.handoffAfterHours(when, ticket.number, due ? shanghaiTime(new Date(due)) : when)],
        state: null,
        handoff: true,
      };
    }
    const waiting = await store.countWaitingHandoffs();
    return { intent: 'handoff', replies: [reply(waiting + 1)], state: null, handoff: true };
  }

  /** The open callback case (outside staffed hours) of this conversation, if any. */
  async function openCallback(conversation: ConversationRecord) {
    const own = await deps.tickets.listForUser(conversation.channel, conversation.userId);
    return own
      .filter((t) => t.kind === 'callback' && t.conversationId === conversation.id && t.status !== 'closed')
      .sort((a, b) => b.acceptedAt.getTime() - a.acceptedAt.getTime())[0];
  }

  /**
   * While the conversation waits for a person (or a person has it) the bot stays silent, but for
   * safety advice, leaving the queue, and "什么时候有人联系我" asked before anyone has taken it.
   */
  async function whileHandedOff(message: CustomerText, conversation: ConversationRecord): Promise<FlowStep> {
    // A case follow-up asked while a person had the chat stays pending (handOff itself left no flow).
    const kept = conversation.flowState as FlowState | null;
    if (
      isCancel(message.normalized) ||
      STOP_HANDOFF.test(message.normalized) ||
      isStopHandoff(message.normalized)
    ) {
      // Nobody is to call back a customer who no longer wants a person.
      const callback = await openCallback(conversation);
      if (callback)
        await deps.tickets.setStatus(
          callback.id,
          'closed',
          'assistant',
          '客户已取消人工服务，无需回电',
          clock(),
        );
      return { intent: 'handoff', replies: [REPLIES.handoffCancelled], state: kept, release: true };
    }
    if (!conversation.handoffOwner && ASKS_WHEN_SOMEONE_COMES.test(message.normalized)) {
      const reply = await waitingReply(conversation);
      return { intent: 'handoff', replies: [reply], state: kept, handoff: true };
    }
    // A danger, reported or asked about, still gets the safety advice at once.
    if (mentionsDanger(knowledge.segmenter.mend(message.normalized))) {
      const advice = entryAnswer('electrical-safety');
      return {
        intent: 'repair',
        replies: [advice.text],
        state: kept,
        handoff: true,
        sources: [advice.source],
      };
    }
    return { intent: 'handoff', replies: [], state: kept, handoff: true };
  }

  /** Where a waiting customer stands: the callback's due time, or their place in the queue. */
  async function waitingReply(conversation: ConversationRecord): Promise<string> {
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
  }

  async function respond(message: CustomerText, conversation: ConversationRecord): Promise<FlowStep> {
    if (conversation.mode === 'handoff') return whileHandedOff(message, conversation);
    const stored = conversation.flowState as FlowState | null;
    // A bill already answered and kept for a follow-up is not something to cancel.
    const open = stored?.flow === 'account' && stored.step === 'answered' ? null : stored;
    const cancels = isCancel(message.normalized) || (open !== null && isFlowCancel(message.normalized));
    // "不用了" to the rating's comment question is "no comment": the score is kept, with thanks.
    if (cancels && open?.flow === 'rating' && open.step === 'comment') {
      const step = await resumeFlow(open, message, conversation);
      if (step !== NOT_FOR_ME) return step;
    }
    if (cancels) {
      return open
        ? { intent: flowIntent(open), replies: [REPLIES.cancelled], state: null }
        : { intent: 'greeting', replies: [REPLIES.nothingToCancel], state: null };
    }
    if (UNBIND.test(message.normalized)) return unbind(conversation);
    const caseNumber = findCaseNumber(message.normalized);
    if (caseNumber)
      return lookUpCases(
        message,
        await caseDeps(conversation),
        CASE_INTENT[caseNumber.slice(0, 2)] ?? 'complaint',
      );
    const mended = knowledge.segmenter.mend(message.normalized);
    // A question asked instead of the rating's optional comment is answered, not filed as a comment
    // (the score is already stored). Only questions the bot can answer or act on; remarks stay comments.
    if (stored?.flow === 'rating' && stored.step === 'comment' && QUESTION.test(message.normalized)) {
      const decision = await decide(message, mended);
      if (decision.kind === 'faq' || (decision.kind === 'action' && isQuestionAction(decision.detected)))
        return safetyFirst(await route(message, mended, conversation), mended);
    }
    if (stored) {
      // "转人工" in the middle of any flow is a request for a person, not an answer (even where
      // the flow takes free text, such as a case's description).
      if (
        [...message.normalized].length <= SHORT_REQUEST_CHARS &&
        detectActionIntent(mended)?.intent === 'handoff'
      )
        return safetyFirst(await handOff(conversation, REPLIES.handoffQueued), mended);
      const step = await resumeFlow(stored, message, conversation);
      if (step !== NOT_FOR_ME && !step.unclear) return step;
      if (step !== NOT_FOR_ME)
        return safetyFirst(await besideTheFlow(step, stored, message, mended, conversation), mended);
    }
    return safetyFirst(await route(message, mended, conversation), mended);
  }

  /**
   * A message the open flow did not understand, such as a question asked in the middle of the
   * identity check. Decision: a knowledge question is answered and the flow stays open where it
   * was (its question repeated after the answer); a new request (a complaint, a person, another
   * query) starts that flow instead; anything else (a greeting, an unclear word, an answer with
   * digits that do not fit) gets the flow's own polite question again. Nothing about an account is
   * shown by this path: the account flows show data only after the check.
   */
  async function besideTheFlow(
    step: FlowStep,
    open: FlowState,
    message: CustomerText,
    mended: string,
    conversation: ConversationRecord,
  ): Promise<FlowStep> {
    if (!asksInWords(message.normalized)) return step;
    const decision = await decide(message, mended);
    if (decision.kind === 'action' && decision.detected.intent !== 'greeting')
      return startFlow(decision.detected, message, conversation);
    if (decision.kind === 'faq')
      return {
        intent: 'faq',
        replies: [decision.answer.text, ...step.replies.slice(-1)],
        state: open,
        sources: [decision.answer.source],
      };
    return step;
  }

  /** A new message no flow has taken: the rules, then the topic filter, then classifier and retriever. */
  async function route(
    message: CustomerText,
    mended: string,
    conversation: ConversationRecord,
  ): Promise<FlowStep> {
    const decision = await decide(message, mended);
    switch (decision.kind) {
      case 'action':
        return startFlow(decision.detected, message, conversation);
      case 'faq':
        return {
          intent: 'faq',
          replies: [decision.answer.text],
          state: null,
          sources: [decision.answer.source],
        };
      case 'unknown':
        return unknownStep(conversation, decision.reply);
    }
  }

  /** What a new message is, without acting on it (no flow started, nobody handed over). */
  async function decide(message: CustomerText, mended: string): Promise<Decision> {
    const detected = detectActionIntent(mended);
    if (detected) return { kind: 'action', detected };
    // Gas, water, stocks…: not ours, however much the words look like a bill or a payment question.
    if (isForeignTopic(message.normalized))
      return {
        kind: 'unknown',
        reply: isAboutStreetLights(message.normalized) ? REPLIES.streetLights : undefined,
      };
    const answer = await bestKnowledgeAnswer(message.normalized);
    // Wordings the rules do not list: the learned classifier decides when its most probable action
    // outweighs the knowledge base as a whole (the summed probability of every entry: one entry's
    // share is no measure of a question spread over several) and `unknown`; `unknown` decides in the
    // same way, as the most probable label that also outweighs the summed entries. Otherwise the
    // knowledge base answers if it is sure enough, else the best action if it beats `unknown`.
    const guess = intentModel?.classify(message.normalized);
    const danger = mentionsDanger(mended);
    if (
      guess &&
      guess.actionProbability >= intentMinProbability &&
      guess.actionProbability > guess.faqProbability &&
      guess.actionProbability > guess.unknownProbability
    )
      return { kind: 'action', detected: { intent: guess.action, danger } };
    if (
      guess?.label === 'unknown' &&
      guess.probability >= UNKNOWN_MIN_PROBABILITY &&
      guess.unknownProbability > guess.faqProbability
    )
      return { kind: 'unknown' };
    if (answer && answer.confidence >= minConfidence) return { kind: 'faq', answer };
    if (
      guess &&
      guess.actionProbability >= FALLBACK_ACTION_MIN_PROBABILITY &&
      guess.actionProbability > guess.unknownProbability
    )
      return { kind: 'action', detected: { intent: guess.action, danger } };
    return { kind: 'unknown' };
  }

  /**
   * A message that mentions a danger (a fallen wire, sparks, smoke, a shock) gets the safety advice
   * as its first reply, whatever the turn decided: a repair from the rules or the classifier, a
   * knowledge answer from another entry, a complaint, even `unknown` (a compensation claim).
   */
  function safetyFirst(step: FlowStep, mended: string): FlowStep {
    if (!mentionsDanger(mended) || step.sources?.some((source) => source.id === 'electrical-safety'))
      return step;
    const advice = entryAnswer('electrical-safety');
    return {
      ...step,
      replies: [advice.text, ...step.replies],
      sources: [advice.source, ...(step.sources ?? [])],
    };
  }

  /** Out of scope: say so and offer a person; the second time in a row, hand over to one. */
  async function unknownStep(
    conversation: ConversationRecord,
    reply: string = REPLIES.unknown,
  ): Promise<FlowStep> {
    if (conversation.unansweredStreak < 1) return { intent: 'unknown', replies: [reply], state: null };
    const step = await handOff(conversation, REPLIES.handoffAfterUnknown);
    return { ...step, intent: 'unknown' };
  }

  return {
    async handle(inbound: InboundMessage): Promise<TurnResult> {
      return withLock(`${inbound.channel}:${inbound.userId}`, async () => {
        const at = clock();
        const conversation = await store.openConversation(inbound.channel, inbound.userId, newId(), at);
        const raw = stripControlCharacters(inbound.text).trim();
        const message: CustomerText = { raw, normalized: knowledge.normalize(raw) };
        const step: FlowStep = message.normalized
          ? await respond(message, conversation)
          : {
              intent: 'unknown',
              replies: [REPLIES.emptyText],
              state: conversation.flowState as FlowState | null,
            };
        const sources = step.sources ?? [];
        await store.recordTurn({
          conversationId: conversation.id,
          flowState: step.state,
          mode: step.release ? 'bot' : step.handoff ? 'handoff' : conversation.mode,
          handoffSince: step.release
            ? null
            : step.handoff && conversation.mode !== 'handoff'
              ? at
              : undefined,
          unansweredStreak: step.intent === 'unknown' ? conversation.unansweredStreak + 1 : 0,
          at,
          messages: [
            { role: 'customer', text: raw || inbound.text, intent: step.intent },
            ...step.replies.map((text) => ({
              role: 'assistant' as const,
              text,
              intent: step.intent,
              sources,
            })),
          ],
        });
        if (step.handoff && conversation.mode !== 'handoff') {
          await deps.onHandoff?.(conversation).catch(() => undefined);
        }
        return {
          conversationId: conversation.id,
          intent: step.intent,
          replies: step.replies.map((text) => ({ text })),
          handoff: step.handoff ?? false,
          sources,
        };
      });
    },
    /**
     * A message the bot could not read (a voice note it could not recognise, a photo): the note
     * (`inbound.text`, e.g. "[语音消息：未能识别]") and the reply the customer got go into the
     * transcript; the conversation's flow, mode and streak are left as they were.
     */
    async recordUnreadable(inbound: InboundMessage, reply: string): Promise<void> {
      await withLock(`${inbound.channel}:${inbound.userId}`, async () => {
        const at = clock();
        const conversation = await store.openConversation(inbound.channel, inbound.userId, newId(), at);
        await store.recordTurn({
          conversationId: conversation.id,
          flowState: conversation.flowState,
          mode: conversation.mode,
          unansweredStreak: conversation.unansweredStreak,
          at,
          messages: [
            { role: 'customer', text: inbound.text, intent: 'unreadable' },
            { role: 'assistant', text: reply, intent: 'unreadable' },
          ],
        });
      });
    },
  };
}

function sourceOf(metadata: KnowledgeDocumentMetadata): Source {
  return { id: metadata.id, title: metadata.title };
}

function flowIntent(state: FlowState): Intent {
  switch (state.flow) {
    case 'rating':
      return 'rating';
    case 'account':
      return state.purpose;
    case 'case':
    case 'case-lookup':
      return state.intent;
  }
}

type Decision =
  | { kind: 'action'; detected: DetectedIntent }
  | { kind: 'faq'; answer: { text: string; source: Source; confidence: number } }
  | { kind: 'unknown'; reply?: string };

/** Words, not just digits: "交电费有哪些方式" may be a question of its own, "100000001" is a typo. */
function asksInWords(text: string): boolean {
  const letters = text.replace(/[\d\s\p{P}\p{S}]/gu, '');
  return /\p{Script=Han}.*\p{Script=Han}|[a-z]{3}/u.test(letters);
}

/** Words that make a message a question rather than a remark. */
const QUESTION =
  /[?？]|吗|么样|多久|多少|怎么|如何|哪些|哪里|哪儿|什么|几[天个号点]|能否|是否|能不能|可不可以|\b(how|what|when|where|which|can i)\b/;

/** A request that reads as a question, not as a remark on the service just rated. */
function isQuestionAction(detected: DetectedIntent): boolean {
  if (detected.intent === 'complaint') return detected.lookup === true;
  return detected.intent === 'bill' || detected.intent === 'application' || detected.intent === 'handoff';
}

/** "今天", "明天" or "11月28日", for an instant shown to a customer at `now` (Beijing days). */
function dayWord(instant: Date, now: Date): string {
  const day = shanghaiDate(instant);
  if (day === shanghaiDate(now)) return '今天';
  if (day === shanghaiDate(new Date(now.getTime() + 86_400_000))) return '明天';
  const [, month, date] = day.split('-');
  return `${Number(month)}月${Number(date)}日`;
}

function greetingReply(text: string): string {
  if (/谢|thank|thx/.test(text)) return REPLIES.thanks;
  if (/再见|拜拜|bye/.test(text)) return REPLIES.goodbye;
  if (/^(好的|ok|okay|嗯嗯?)/.test(text)) return REPLIES.acknowledged;
  return REPLIES.welcome;
}
