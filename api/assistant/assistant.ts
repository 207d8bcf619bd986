import type { AccountStore } from '../../db/account-store.js';
import { createKeyedLock } from '../../db/keyed-lock.js';
import type { OutageStore } from '../../db/outage-store.js';
import type { ConversationRecord, Source, Store } from '../../db/store.js';
import type { TicketStore } from '../../db/ticket-store.js';
import type { Areas } from '../../knowledge/areas.js';
import { clausesOf } from '../../knowledge/clauses.js';
import {
  CLASS_FALLBACK,
  CLASS_LABELS,
  type ClassReading,
  inferCustomerClass,
  readCustomerClass,
  withoutEvidence,
} from '../../knowledge/customer-class.js';
import type { Knowledge } from '../../knowledge/index.js';
import { stripControlCharacters } from '../../knowledge/normalize.js';
import { isForeignTopic } from '../../knowledge/scope.js';
import type { Tariff } from '../../knowledge/tariff.js';
import { CASE_KIND_TABLE, type ChatCaseIntent, kindOfPrefix } from '../../vocabulary/case-kinds.js';
import type { InboundMessage, TurnResult } from '../channel/contract.js';
import { createHandoffs, type Handoffs } from '../handoff/handoffs.js';
import { claimedTopicAnswer } from '../kb/claimed-topics.js';
import type { ChatLimits } from '../limits/chat-limits.js';
import type { StaffedHours } from '../staff/hours.js';
import type { WorkdayCalendar } from '../standard/calendar.js';
import { createTurnContext, type TurnContext, type TurnServices } from './context.js';
import { isFlowCancel, isStopHandoff } from './flows/answers.js';
import { findCaseNumber, lookUpCases } from './flows/case.js';
import { type FlowState, type FlowStep, NOT_FOR_ME } from './flows/flow.js';
import { answerOutageQuestion, asksAboutOutages, asksToSubscribe, setNotices } from './flows/outage.js';
import type { CustomerText } from './flows/rating.js';
import { resumeFlow, startFlow } from './flows/registry.js';
import type { IntentClassifier } from './intent-classifier.js';
import {
  type ActionIntent,
  asksAboutProcess,
  asksAhead,
  asksHowToComplain,
  asksOutright,
  asksTheWay,
  asksToAct,
  asksWhatIfBroken,
  asksWhatToDoNow,
  asksWhetherOffered,
  type DetectedIntent,
  detectActionIntent,
  ELECTRICITY,
  type Intent,
  isCancel,
  isPersonal,
  isStatement,
  mentionsDanger,
  saysItIsOverdue,
  tellsOfDisclosure,
  toldAsHabit,
  toldByOthers,
} from './intents.js';
import {
  ASKS_A_LIMIT,
  asksByItsWords,
  MATTERS,
  readFollowUp,
  splitParts,
  withoutDisownedTopic,
} from './reading.js';
import { REPLIES } from './replies.js';
import {
  ACCOUNT_INTENTS,
  actionOfEntry,
  createRouter,
  DEFAULT_MIN_CONFIDENCE,
  type Decision,
  type KnowledgeAnswer,
  THE_QUESTION_IS,
} from './routing.js';
import { withoutSmallTalk } from './small-talk.js';

export type { InboundMessage, TurnResult } from '../channel/contract.js';
export { DEFAULT_INTENT_MIN_PROBABILITY, DEFAULT_MIN_CONFIDENCE } from './routing.js';

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
  /** Outages by area (planned and faults) and the supply areas, for outage answers and absorbed reports. */
  outages?: OutageStore;
  areas?: Areas;
  /** When people answer; outside these hours a handoff also opens a callback case. Unset: always. */
  staffedHours?: StaffedHours;
  /** The handoff service shared with the staff routes (made here from the above when not given). */
  handoffs?: Handoffs;
  /** How many handoffs and cases a chat may create a minute (per chat user and client address); unset, no limit. */
  chatLimits?: ChatLimits;
  /** Told once when a conversation is handed to a person (staff notices). Must not throw: the turn is already recorded. */
  onHandoff?: (conversation: ConversationRecord) => Promise<void>;
  /** Told of every recorded turn (the knowledge base's review queue); its failure never fails the turn. */
  onTurnRecorded?: (turn: RecordedTurn) => Promise<void>;
  /**
   * The per-conversation lock, shared by the assistants of successive knowledge versions so that a
   * turn on the new version waits for one still running on the old; made here when not given.
   */
  lock?: ReturnType<typeof createKeyedLock>;
}

/** What the review queue learns of a recorded turn. */
export interface RecordedTurn {
  conversationId: string;
  raw: string;
  normalized: string;
  intent: Intent;
  /** The knowledge answer's confidence, where the turn was one answer. */
  confidence?: number;
  /** The customer asked for a person in this turn (not handed over for unanswered questions). */
  askedForPerson: boolean;
  /** The score the customer gave in this turn, if any. */
  rating?: number;
  at: Date;
}

export type Assistant = ReturnType<typeof createAssistant>;

const STOP_HANDOFF = /^(不用人工了?|取消人工|不要人工了?|算了不用了?)[!！.。\s]*$/;
/** "解绑", "解除绑定", "帮我解绑户号1000000001", "unbind": forgets every account bound to this chat user. */
const UNBIND =
  /^(请|帮我|我要|我想)?(解绑|解除绑定|取消绑定|unbind)(户号|账号|账户|account)?[\s:：]*[\d\s-]{0,14}(吧|谢谢)?[!！.。\s]*$/;
/** "什么时候有人联系我", "还要等多久", "有人吗": a waiting customer asks when a person comes. */
const ASKS_WHEN_SOMEONE_COMES =
  /(什么时候|啥时候|多久|多长时间|何时|几点).{0,8}(联系|回电|回复|打电话|接入|接待|处理|有人|轮到|人工|客服)|(还要|需要|得)等(多久|多长时间|到什么时候)|有人(吗|在吗|么)|人呢|怎么还没(有)?人|轮到我|排到第?几|when will|how long/;
/** A short request for a person pre-empts any open flow ("转人工" typed as a case description). */
const SHORT_REQUEST_CHARS = 10;
/** Words that make a message a question rather than a remark. */
const QUESTION =
  /[?？]|吗|么样|多久|多少|怎么|如何|哪些|哪里|哪儿|什么|几[天个号点]|能否|是否|能不能|可不可以|\b(how|what|when|where|which|can i)\b/;

/**
 * One turn of a conversation, as a short pipeline: the text normalised; the conversation's open
 * flow takes it, or routing decides what it is (api/assistant/routing.ts); the flow starts or the
 * knowledge base answers (flows/registry.ts); safety advice goes first wherever a danger is
 * mentioned; the turn is recorded in one write.
 */
export function createAssistant(deps: AssistantDeps) {
  const { store, knowledge } = deps;
  const clock = deps.clock ?? (() => new Date());
  const newId = deps.newId ?? (() => crypto.randomUUID());
  const handoffs =
    deps.handoffs ??
    createHandoffs({
      store,
      tickets: deps.tickets,
      calendar: deps.calendar,
      staffedHours: deps.staffedHours,
      clock,
      newId,
    });
  const services: TurnServices = {
    store,
    knowledge,
    accounts: deps.accounts,
    tickets: deps.tickets,
    calendar: deps.calendar,
    tariff: deps.tariff,
    handoffs,
    clock,
    newId,
    ...(deps.outages && deps.areas ? { outages: deps.outages, areas: deps.areas } : {}),
    chatLimits: deps.chatLimits,
  };
  const router = createRouter(deps);
  const withLock = deps.lock ?? createKeyedLock();

  /**
   * While the conversation waits for a person (or a person has it) the bot stays silent, but for
   * safety advice, leaving the queue, and "什么时候有人联系我" asked before anyone has taken it.
   */
  async function whileHandedOff(ctx: TurnContext): Promise<FlowStep> {
    const { message, conversation } = ctx;
    // A case follow-up asked while a person had the chat stays pending (handOff itself left no flow).
    const kept = conversation.flowState as FlowState | null;
    if (
      isCancel(message.normalized) ||
      STOP_HANDOFF.test(message.normalized) ||
      isStopHandoff(message.normalized)
    ) {
      await handoffs.withdrawnByCustomer(conversation);
      return { intent: 'handoff', replies: [REPLIES.handoffCancelled], state: kept, release: true };
    }
    if (!conversation.handoffOwner && ASKS_WHEN_SOMEONE_COMES.test(message.normalized)) {
      const reply = await handoffs.whereTheCustomerStands(conversation);
      return { intent: 'handoff', replies: [reply], state: kept, handoff: true };
    }
    // A danger, reported or asked about, still gets the safety advice at once.
    if (mentionsDanger(ctx.mended)) {
      const advice = ctx.entryAnswer('electrical-safety');
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

  /** The open flow, else the conversation-wide commands, else routing. */
  async function respond(ctx: TurnContext): Promise<FlowStep> {
    const { message, conversation } = ctx;
    if (conversation.mode === 'handoff') return whileHandedOff(ctx);
    const stored = conversation.flowState as FlowState | null;
    // A bill already answered and kept for a follow-up is not something to cancel.
    const open = stored?.flow === 'account' && stored.step === 'answered' ? null : stored;
    const cancels = isCancel(message.normalized) || (open !== null && isFlowCancel(message.normalized));
    // "不用了" to the rating's comment question is "no comment": the score is kept, with thanks.
    if (cancels && open?.flow === 'rating' && open.step === 'comment') {
      const step = await resumeFlow(open, ctx);
      if (step !== NOT_FOR_ME) return step;
    }
    if (cancels) {
      return open
        ? { intent: flowIntent(open), replies: [REPLIES.cancelled], state: null }
        : { intent: 'greeting', replies: [REPLIES.nothingToCancel], state: null };
    }
    if (UNBIND.test(message.normalized)) return unbind(conversation);
    const caseNumber = findCaseNumber(message.normalized);
    if (caseNumber) return lookUpCases(message, await ctx.cases(), caseIntentOf(caseNumber));
    const outages = ctx.outages();
    if (outages) {
      const choice = asksToSubscribe(message.normalized);
      if (choice) return setNotices(ctx, outages, choice);
      // "明天停电吗" is an answer of its own, but not a case's description being written.
      if (stored?.flow !== 'case' && asksAboutOutages(message.normalized) && !mentionsDanger(ctx.mended))
        return answerOutageQuestion(ctx, outages);
    }
    // A question asked instead of the rating's optional comment is answered, not filed as a comment
    // (the score is already stored). Only questions the bot can answer or act on; remarks stay comments.
    if (stored?.flow === 'rating' && stored.step === 'comment' && QUESTION.test(message.normalized)) {
      const decision = await router.decide(message, ctx.mended);
      if (decision.kind === 'faq' || (decision.kind === 'action' && isQuestionAction(decision.detected)))
        return safetyFirst(await route(ctx), ctx);
    }
    // "那非居民呢" right after a knowledge answer: the same question, about something else.
    if (!open) {
      const restated = await followUpOfLastQuestion(ctx);
      if (restated) return safetyFirst(await route(restated), restated);
    }
    if (stored) {
      // "转人工" in the middle of any flow is a request for a person, not an answer (even where
      // the flow takes free text, such as a case's description).
      if (
        [...message.normalized].length <= SHORT_REQUEST_CHARS &&
        detectActionIntent(ctx.mended)?.intent === 'handoff'
      )
        return safetyFirst(await ctx.handOff(REPLIES.handoffQueued, 'asked'), ctx);
      const corrected = await correctedFlow(stored, ctx);
      if (corrected) return safetyFirst(corrected, ctx);
      const step = await resumeFlow(stored, ctx);
      if (step !== NOT_FOR_ME && !step.unclear) return step;
      if (step !== NOT_FOR_ME) return safetyFirst(await besideTheFlow(step, stored, ctx), ctx);
    }
    return safetyFirst(await route(ctx), ctx);
  }

  /**
   * "我不是要报修，我要投诉", "搞错了，是查电费": the customer corrects what they asked for. The open
   * flow is left (nothing of this message is stored as its answer) and the right one starts, with
   * what was already said carried over: a case's description goes into the new case's.
   */
  async function correctedFlow(open: FlowState, ctx: TurnContext): Promise<FlowStep | undefined> {
    const correction = readCorrection(ctx.message.normalized);
    if (!correction) return undefined;
    const detected = detectActionIntent(knowledge.segmenter.mend(correction.rest));
    if (!detected || detected.intent === 'greeting' || detected.intent === flowIntent(open)) return undefined;
    const carried = open.flow === 'case' ? open.description : undefined;
    const raw = [carried, correction.restRaw(ctx.message.raw)].filter(Boolean).join('；');
    const message = { raw, normalized: knowledge.normalize(raw) };
    const step = await startFlow(
      detected,
      createTurnContext(services, message, ctx.conversation, ctx.clientAddress),
    );
    return { ...step, replies: [REPLIES.flowCorrected, ...step.replies] };
  }

  /**
   * A short follow-up ("那非居民呢", "what about a shop?") to the knowledge question just asked: that
   * question again, with what the follow-up names in place of the class it named. Undefined when the
   * message is no such follow-up or the last turn was not a knowledge answer.
   */
  async function followUpOfLastQuestion(ctx: TurnContext): Promise<TurnContext | undefined> {
    const about = readFollowUp(ctx.message.normalized);
    if (!about) return undefined;
    // The last question asked in full, across a run of follow-ups ("那非居民呢", then "那工厂呢").
    let previous: string | undefined;
    for (const message of await store.latestMessages(ctx.conversation.id, FOLLOW_UP_LOOKBACK)) {
      if (message.role !== 'customer') continue;
      if (message.intent !== 'faq') return undefined;
      const text = knowledge.normalize(message.text);
      if (readFollowUp(text)) continue;
      previous = text;
      break;
    }
    if (!previous) return undefined;
    const normalized = askedAgainAbout(previous, about);
    return createTurnContext(
      services,
      { raw: ctx.message.raw, normalized },
      ctx.conversation,
      ctx.clientAddress,
    );
  }

  async function unbind(conversation: ConversationRecord): Promise<FlowStep> {
    const removed = await deps.accounts.unbind({
      channel: conversation.channel,
      userId: conversation.userId,
    });
    return { intent: 'bill', replies: [removed > 0 ? REPLIES.unbound : REPLIES.nothingBound], state: null };
  }

  /**
   * A message the open flow did not understand, such as a question asked in the middle of the
   * identity check. Decision: a knowledge question is answered and the flow stays open where it
   * was (its question repeated after the answer); a new request (a complaint, a person, another
   * query) starts that flow instead; anything else (a greeting, an unclear word, an answer with
   * digits that do not fit) gets the flow's own polite question again. Nothing about an account is
   * shown by this path: the account flows show data only after the check.
   */
  async function besideTheFlow(step: FlowStep, open: FlowState, ctx: TurnContext): Promise<FlowStep> {
    if (!asksInWords(ctx.message.normalized)) return step;
    const decision = await router.decide(ctx.message, ctx.mended);
    if (decision.kind === 'action' && decision.detected.intent !== 'greeting')
      return startFlow(decision.detected, ctx);
    if (decision.kind === 'faq')
      return {
        intent: 'faq',
        replies: [decision.answer.text, ...step.replies.slice(-1)],
        state: open,
        sources: [decision.answer.source],
      };
    return step;
  }

  /**
   * A new message no flow has taken, routed, with the way to complain where the message asks it and
   * the answers do not say it.
   */
  async function route(whole: TurnContext): Promise<FlowStep> {
    return withTheWayToComplain(await routeMessage(whole), whole);
  }

  /**
   * "投诉之后要是7个工作日没给处理意见，我还能向谁反映？", "…what's the time limit, and how do I complain
   * if you're late?": the answers give the limit; the way to complain is asked too, and added.
   */
  function withTheWayToComplain(step: FlowStep, ctx: TurnContext): FlowStep {
    if (step.intent !== 'faq' || !asksHowToComplain(ctx.message.normalized)) return step;
    const told = step.replies.some((reply) => reply.includes('95598'));
    if (told || step.sources?.some((source) => source.id === HOW_TO_COMPLAIN)) return step;
    const way = ctx.entryAnswer(HOW_TO_COMPLAIN);
    // The way says to complain here: an offer to do so before it would say it twice.
    const replies = step.replies.map((reply) => reply.replace(`\n${REPLIES.offers.complaint}`, ''));
    return {
      ...step,
      replies: [...replies, withOffer(way.text, 'complaint')],
      sources: [...(step.sources ?? []), way.source],
    };
  }

  /**
   * Each question of a new message answered, in the customer's order, then the one thing it asks
   * to be done; a message of one question is routed whole.
   */
  async function routeMessage(whole: TurnContext): Promise<FlowStep> {
    const ctx = withoutDisowned(whole);
    // "我能在这里查申请进度、还有账单吗？你们有这个服务没有？": one question, whether it is offered.
    const parts = asksWhetherOffered(ctx.message.normalized)
      ? [ctx.message.normalized]
      : splitParts(ctx.message.normalized);
    const foreign = isForeignTopic(ctx.message.normalized);
    // Each part is decided once: the answers are taken from it here, and again below, more
    // generously, where the message read whole has no answer.
    const decided = parts.length > 1 && !foreign ? await decideEveryPart(parts) : undefined;
    if (parts.length > 1) {
      const step = decided
        ? await answerFromParts(decided, ctx)
        : await answerOurParts(parts, ctx.message.normalized);
      if (step) return step;
    }
    const compared = await router.comparedAnswers(ctx.message);
    if (compared.length > 1)
      return {
        intent: 'faq',
        replies: compared.map((a) => a.text),
        state: null,
        sources: compared.map((a) => a.source),
      };
    const read = await decide(ctx);
    const part = surePart(decided);
    let decision = read;
    // The one part an entry is sure of, where the message read whole gives another entry: both
    // answered, the part first, where the whole message's entry is as sure; else the part's, with
    // the offer the whole message makes. The same entry is answered as the whole message narrows it
    // ("…like changing the account holder's name").
    if (part && read.kind === 'faq' && part.answer.source.id !== read.answer.source.id) {
      if (read.answer.confidence >= SURE_PART_OVER_WHOLE)
        return {
          intent: 'faq',
          replies: [part.answer.text, withOffer(read.answer.text, read.offer ?? part.offer)],
          state: null,
          sources: [part.answer.source, read.answer.source],
        };
      decision = { ...part, offer: part.offer ?? read.offer };
    }
    switch (decision.kind) {
      case 'action':
        return startFlow(decision.detected, ctx);
      case 'faq': {
        // The note after a passed limit says how to complain: it takes the place of the offer to.
        const note = overdueNote(decision, ctx);
        const offer = note && decision.offer === 'complaint' ? undefined : decision.offer;
        // Two entries the ranking can hardly tell apart: both answers, the second said to be one.
        const { nearlyAsGood } = decision.answer;
        const replies = [
          decision.answer.text,
          ...(nearlyAsGood ? [REPLIES.ifAskingAbout(nearlyAsGood.source.title, nearlyAsGood.text)] : []),
        ];
        replies[replies.length - 1] = withOffer(replies.at(-1) ?? '', offer) + note;
        return {
          intent: 'faq',
          replies,
          state: null,
          sources: [decision.answer.source, ...(nearlyAsGood ? [nearlyAsGood.source] : [])],
          confidence: decision.answer.confidence,
        };
      }
      case 'unknown': {
        // Read whole, a long message of several questions may be too diffuse to answer: its parts'
        // answers, any the router would give, are better than none.
        const fromParts = decided
          ? await answerFromParts(decided, ctx, { minConfidence: 0, alone: true })
          : undefined;
        return fromParts ?? unknownStep(ctx, decision.reply);
      }
    }
  }

  /**
   * The turn read without the small talk around its question ("喂喂听得见不…就问这个") and without a
   * last clause that says what the question is not about.
   */
  function withoutDisowned(ctx: TurnContext): TurnContext {
    const normalized = withoutDisownedTopic(withoutSmallTalk(ctx.message.normalized));
    if (normalized === ctx.message.normalized) return ctx;
    const message = { ...ctx.message, normalized };
    return { ...ctx, message, mended: knowledge.segmenter.mend(normalized) };
  }

  /** Routing, after a topic the filter calls foreign but an operator's entry now answers. */
  async function decide(ctx: TurnContext): Promise<Decision> {
    const claimed = await claimedTopicAnswer(
      knowledge,
      ctx.message.normalized,
      deps.minConfidence ?? DEFAULT_MIN_CONFIDENCE,
    );
    return claimed ? { kind: 'faq', answer: claimed } : router.decide(ctx.message, ctx.mended);
  }

  /**
   * The decision for each part of a message of several, in order: a part that asks the one before
   * it again about something else ("我家装电方案多久？那如果是楼下的铺面呢？") is that question with
   * what it names; a part of its own is read with the class the message's own questions give.
   */
  async function decideEveryPart(parts: string[]): Promise<{ part: string; decision: Decision }[]> {
    let lastOwn: string | undefined;
    const read = parts.slice(0, MAX_PARTS).map((part) => {
      // "…方案的答复期限 顺便问下要是改成两路电源是不是更久 久多少": a class and how long, no matter of
      // its own, asks the question before about that class.
      const anotherClass =
        lastOwn !== undefined &&
        !part.match(MATTERS) &&
        !COMPARES_WITH.test(part) &&
        (ASKS_A_LIMIT.test(part) || MORE_OR_LESS.test(part))
          ? classBeside(part, lastOwn)
          : undefined;
      const about = lastOwn === undefined ? undefined : (readFollowUp(part) ?? anotherClass);
      // "…送电差几天？双电源高压方案又是多久？": a matter of its own (方案) makes a question of its own.
      if (about && lastOwn !== undefined && !namesAnotherMatter(about, lastOwn))
        return { text: askedAgainAbout(lastOwn, about), own: false };
      lastOwn = part;
      return { text: part, own: true };
    });
    // The class the message's own questions give, read once, for the parts that name none themselves.
    const whole = inferCustomerClass(
      read
        .filter((r) => r.own)
        .map((r) => r.text)
        .join('，'),
    );
    const decided: { part: string; decision: Decision }[] = [];
    for (const { text: part, own } of read)
      decided.push({ part, decision: await decidePart(part, own ? withClassContext(part, whole) : part) });
    return byOwnQuestion(decided);
  }

  /**
   * "…先说要我请他吃饭 吃饭还要喝酒…我想问员工可不可以让客户请吃饭" and "上班前能不能喝酒": where
   * two parts get the very same answer, a part whose story shares the other's words is read by its
   * own question, its last clause, if that is surely another entry.
   */
  async function byOwnQuestion(
    decided: { part: string; decision: Decision }[],
  ): Promise<{ part: string; decision: Decision }[]> {
    const answerOf = (decision: Decision) => (decision.kind === 'faq' ? decision.answer : undefined);
    const taken = () => new Set(decided.map(({ decision }) => answerOf(decision)?.source.id));
    for (const [i, { part, decision }] of decided.entries()) {
      const answer = answerOf(decision);
      if (!answer || !decided.some((other, j) => j !== i && answerOf(other.decision)?.text === answer.text))
        continue;
      const question = lastClause(part);
      if (question === part) continue;
      const ownDecision = await decidePart(question, question);
      const own = answerOf(ownDecision);
      if (own && own.confidence >= PART_MIN_CONFIDENCE && !taken().has(own.source.id))
        decided[i] = { part, decision: ownDecision };
    }
    return decided;
  }

  /**
   * Several questions (and perhaps one request) in one message: up to three answers, one per
   * knowledge entry, then the request's flow. Undefined where the parts do not make more than one
   * answer, and the message is routed whole.
   */
  async function answerFromParts(
    decided: readonly { part: string; decision: Decision }[],
    ctx: TurnContext,
    /** `alone`: one answer is enough (the message read whole had none). */
    { minConfidence = PART_MIN_CONFIDENCE, alone = false } = {},
  ): Promise<FlowStep | undefined> {
    const answers: { text: string; source: Source; offer?: ActionIntent }[] = [];
    let request: DetectedIntent | undefined;
    /** A part that named an action but asked about it ("用电申请办到哪一步能查吗"). */
    let askedAbout: ActionIntent | undefined;
    /** Whether the request's part asks for it outright ("你帮我查查…"). */
    let requestedOutright = false;
    /** Whether a part demands something be done without naming what ("我要求检测"). */
    let demands = false;
    /** The action an answer before that part offered ("新表是不是有问题 我要求检测": a meter check). */
    let offeredBefore: ActionIntent | undefined;
    /** Whether the learned model reads the whole message as asking about the action (read once). */
    let wholeRead: boolean | undefined;
    const wholeAsksAbout = () => (wholeRead ??= router.asksAboutIt(ctx.message.normalized));
    // "我跟窗口说…这个月能不能免了，她说不行…我是想问员工碰到这种要求该怎么处理": before the part the
    // customer marks as their question, what asks nothing to be done is the story.
    const markedAt = decided.findIndex(({ part }) =>
      clausesOf(part).some((clause) => THE_QUESTION_IS.test(clause.trim())),
    );
    for (const [at, { part, decision }] of decided.entries()) {
      // "电表是不是坏了 我要求检测": a part that asks nothing and demands, in words that name no
      // action, demands the action the message asks about, or the one offered before it.
      if (!(decision.kind === 'action' && decision.by === 'rules') && demandsUnnamed(part)) {
        demands = true;
        offeredBefore ??=
          answers.find((a) => a.offer)?.offer ?? answers.map((a) => actionOfEntry(a.source.id)).find(Boolean);
        // "…这个新表靠不靠谱 我要求检测": or the one the entry answering the demand is about.
        if (decision.kind === 'faq')
          askedAbout ??= decision.offer ?? actionOfEntry(decision.answer.source.id);
      }
      if (decision.kind === 'faq') {
        // A part read alone has lost the rest of the message: a doubtful answer to it is left out,
        // but what it asked about is still offered ("…我能不能找供电所直接把他那间的电停了？").
        if (decision.answer.confidence < minConfidence) {
          askedAbout ??= decision.offer;
          continue;
        }
        // "师傅帮我家抢修到半夜，我想塞两包烟给他…": a part that asks nothing in its words is the story
        // of the next, answered only where an entry is sure of it.
        if (
          !asksByItsWords(part) &&
          !/[?？]/.test(part) &&
          decision.answer.confidence < STORY_PART_MIN_CONFIDENCE
        )
          continue;
        // The same entry may answer twice, for two classes ("我家…？那铺面呢？") or two cases it
        // narrows to ("交电费几分钟 办业务几分钟"); the same text once, and an entry by class again
        // only for a class its part names ("…奶茶店…啥时候能来电 等着开业呢" is one question).
        const { id } = decision.answer.source;
        const again = answers.some((a) => a.source.id === id);
        if (again && knowledge.base.byId(id)?.byClass && !inferCustomerClass(part)) continue;
        if (answers.length < MAX_ANSWERS && !answers.some((a) => a.text === decision.answer.text))
          answers.push({ ...decision.answer, offer: decision.offer });
      } else if (
        decision.kind === 'action' &&
        decision.by === 'rules' &&
        decision.detected.intent !== 'greeting' &&
        !(at < markedAt && !asksToAct(part)) &&
        // "他说交电费、查电费都得亲自跑营业厅，网上弄不了，是真的吗": what others said asks nothing.
        !toldByOthers(part) &&
        // "邻居去营业厅问我家欠多少电费 营业员就告诉他了 这样对吗": the look-up told is the story of a disclosure.
        !(ACCOUNT_INTENTS.has(decision.detected.intent) && tellsOfDisclosure(ctx.message.normalized))
      ) {
        // "能的话可以查进度吗" beside another question asks whether, not for it to be done ("我的
        // 申请到哪一步了" is the customer's own); so does "抄表员喝了酒，我想投诉，打什么电话？",
        // wanting to and asking the way.
        if (
          (asksAboutProcess(part) && !isPersonal(part)) ||
          // "…我想投诉。1.员工能随便离岗吗 …3.投诉多久有人联系我": the learned model reads the whole
          // message as asking about the action (read once, for whichever part asks).
          wholeAsksAbout() ||
          // "…半夜三更的我能找哪个报修 …现在没事 我先问清楚存起来": the message asks ahead of time.
          asksAhead(ctx.message.normalized) ||
          SUPPOSES.test(part) ||
          (decision.detected.intent === 'meter' && ONLY_WONDERS.test(part)) ||
          // "家里突然黑了，是先看电闸还是先打电话": the fault is the story of what to do about it.
          (decision.detected.intent === 'repair' && asksWhatToDoNow(ctx.message.normalized)) ||
          (decision.detected.intent === 'complaint' && asksTheWay(ctx.message.normalized))
        )
          askedAbout ??= decision.detected.intent;
        // "上个月电费比平时高了一倍，…请问校验几个工作日出结果": a remark about one's own bill or
        // application beside a question is its background, no look-up asked for; so is a meter
        // problem told beside a question about how it is handled ("…抄表数据不对…几天之内？").
        else if (
          // "校验多久出结果？不管了 我现在就要申请校验": what is asked for outright is no background.
          !(
            isStatement(part) &&
            !asksOutright(part) &&
            backgroundOf(decision.detected.intent, ctx.message.normalized)
          ) &&
          // "我们小区老是停电嘛 …回访是规定吗": a fault told as a habit, beside a question about how
          // faults are handled, is that question's story.
          !(
            decision.detected.intent === 'repair' &&
            toldAsHabit(part) &&
            decided.some((other) => other.part !== part && asksAboutProcess(other.part))
          )
        )
          if (!request) {
            request = decision.detected;
            requestedOutright = asksOutright(part) && !OFFERED_BY_ANOTHER.test(part);
          }
      }
    }
    const demanded = demands ? (askedAbout ?? offeredBefore) : undefined;
    if (!request && demanded) {
      request = { intent: demanded };
      requestedOutright = true;
    }
    // "刚从营业厅回来…我也不好说什么 你帮我查查我家现在到底欠了多少电费吧": the story answers nothing
    // and the last part asks for a look-up: the request is the message.
    if (answers.length === 0 && request && requestedOutright) return startFlow(request, ctx);
    if (answers.length === 0 || (answers.length === 1 && !request && !askedAbout && !alone)) return undefined;
    const replies = answers.map((a) => a.text);
    const sources = answers
      .map((a) => a.source)
      .filter((source, i, all) => all.findIndex((s) => s.id === source.id) === i);
    if (!request) {
      const offer = answers.find((a) => a.offer)?.offer ?? askedAbout;
      if (offer) replies[replies.length - 1] = withOffer(replies[replies.length - 1] ?? '', offer);
      return { intent: 'faq', replies, state: null, sources };
    }
    const step = await startFlow(request, ctx);
    // The flow may open with the rule the answers already gave (its text without the clause).
    const told = (reply: string) => replies.some((answer) => answer.startsWith(reply));
    return {
      ...step,
      replies: [...replies, ...step.replies.filter((reply) => !told(reply))],
      sources: [...sources, ...(step.sources ?? [])].filter(
        (source, i, all) => all.findIndex((s) => s.id === source.id) === i,
      ),
    };
  }

  /**
   * A part read with the class the message gave, or alone where the class only blurs a question
   * whose answer does not depend on it ("两路电源 你们员工要是收了礼品怎么处理" is not sure enough).
   */
  async function decidePart(part: string, withClass: string): Promise<Decision> {
    const inContext = await router.decide(
      { raw: part, normalized: withClass },
      knowledge.segmenter.mend(withClass),
    );
    if (withClass === part) return inContext;
    // Read alone at most once, whichever of the checks below asks.
    let readAlone: Promise<Decision> | undefined;
    const decideAlone = () =>
      (readAlone ??= router.decide({ raw: part, normalized: part }, knowledge.segmenter.mend(part)));
    // The class's evidence is for the answer, not a request of its own: "我屋 交一笔电费规定好久"
    // reads as the customer's own bill where "交一笔电费规定好久办完" asks the rule.
    if (inContext.kind === 'action') {
      const alone = await decideAlone();
      return alone.kind === 'action' ? inContext : alone;
    }
    // "…两路独立的高压电源…是不是已经超期了？超期的话我该往哪反映？": the class put before a part
    // that has nothing to do with it may leave it unanswerable; read alone, it asks the way to complain.
    if (inContext.kind === 'unknown') {
      const alone = await decideAlone();
      return alone.kind === 'faq' ? alone : inContext;
    }
    const namesAMatter = (part.match(MATTERS) ?? []).length > 0;
    const byClass = knowledge.base.byId(inContext.answer.source.id)?.byClass;
    // "…10千伏两路供电…方案答复要多久 送电又要多久": the class says which line of an entry answers,
    // not which entry; a part that names its own matter (送电) is answered by the entry it asks, for
    // the class.
    if (namesAMatter) {
      const alone = await decideAlone();
      if (
        alone.kind === 'faq' &&
        alone.answer.source.id !== inContext.answer.source.id &&
        alone.answer.confidence >= PART_MIN_CONFIDENCE
      ) {
        const forClass = await router.answerOfEntry(withClass, alone.answer.source.id);
        if (forClass) return { ...alone, answer: { ...forClass, confidence: alone.answer.confidence } };
      }
    }
    // "半夜两点家里突然没电了…有人接电话吗": the class drew the part to an entry that answers by class
    // (接电) where, read alone, it surely asks one that does not (the hotline); the class had nothing
    // to say to it.
    if (byClass && !namesAMatter && !ASKS_A_LIMIT.test(part)) {
      const alone = await decideAlone();
      if (
        alone.kind === 'faq' &&
        alone.answer.confidence >= PART_MIN_CONFIDENCE &&
        !knowledge.base.byId(alone.answer.source.id)?.byClass
      )
        return alone;
    }
    if (inContext.answer.confidence >= PART_MIN_CONFIDENCE || byClass) return inContext;
    const alone = await decideAlone();
    return alone.kind === 'faq' && alone.answer.confidence > inContext.answer.confidence ? alone : inContext;
  }

  /**
   * A message that asks about gas or water and about electricity ("燃气费在哪交 还有电费怎么交"): the
   * questions that name electricity themselves are answered, then a line says the rest is not ours.
   * A part that names nothing ("在哪交") may be the foreign topic's, and is left; nothing is started.
   */
  async function answerOurParts(parts: string[], whole: string): Promise<FlowStep | undefined> {
    const answers: KnowledgeAnswer[] = [];
    const aboutUs = ELECTRICITY.test(whole);
    for (const part of parts.slice(0, MAX_PARTS)) {
      // A part that says by itself that it is about electricity, or, in a message about the power
      // company ("供电局规定投诉后三天上门，不然可以索赔？投诉后到底多久联系"), one an entry is sure of.
      const says = ELECTRICITY.test(part) || part.includes('95598');
      if (isForeignTopic(part) || !(says || aboutUs)) continue;
      const message = { raw: part, normalized: part };
      const decision = await router.decide(message, knowledge.segmenter.mend(part));
      const needed = says ? PART_MIN_CONFIDENCE : SURE_PART_CONFIDENCE;
      if (decision.kind !== 'faq' || decision.answer.confidence < needed) continue;
      if (answers.length < MAX_ANSWERS && !answers.some((a) => a.text === decision.answer.text))
        answers.push(decision.answer);
    }
    if (answers.length === 0) return undefined;
    return {
      intent: 'faq',
      replies: [...answers.map((a) => a.text), REPLIES.notOursBeside],
      state: null,
      sources: answers.map((a) => a.source),
    };
  }

  /**
   * A message that mentions a danger (a fallen wire, sparks, smoke, a shock) gets the safety advice
   * as its first reply, whatever the turn decided: a repair from the rules or the classifier, a
   * knowledge answer from another entry, a complaint, even `unknown` (a compensation claim).
   */
  function safetyFirst(step: FlowStep, ctx: TurnContext): FlowStep {
    if (!mentionsDanger(ctx.mended) || step.sources?.some((source) => source.id === 'electrical-safety'))
      return step;
    const advice = ctx.entryAnswer('electrical-safety');
    return {
      ...step,
      replies: [advice.text, ...step.replies],
      sources: [advice.source, ...(step.sources ?? [])],
    };
  }

  /** Out of scope: say so and offer a person; the second time in a row, hand over to one. */
  async function unknownStep(ctx: TurnContext, reply: string = REPLIES.unknown): Promise<FlowStep> {
    if (ctx.conversation.unansweredStreak < 1) return { intent: 'unknown', replies: [reply], state: null };
    const step = await ctx.handOff(REPLIES.handoffAfterUnknown, 'unanswered');
    return { ...step, intent: 'unknown' };
  }

  return {
    async handle(inbound: InboundMessage): Promise<TurnResult> {
      return withLock(`${inbound.channel}:${inbound.userId}`, async () => {
        const at = clock();
        const conversation = await store.openConversation(inbound.channel, inbound.userId, newId(), at);
        const raw = stripControlCharacters(inbound.text).trim();
        const message: CustomerText = { raw, normalized: knowledge.normalize(raw) };
        const answered: FlowStep = message.normalized
          ? await respond(createTurnContext(services, message, conversation, inbound.clientAddress))
          : {
              intent: 'unknown',
              replies: [REPLIES.emptyText],
              state: conversation.flowState as FlowState | null,
            };
        const step = inEnglish(message) ? withEnglishNote(answered) : answered;
        const sources = step.sources ?? [];
        // Refused by a limit: answered politely, and nothing of the turn is kept (a flood leaves no trace).
        if (step.limited !== undefined)
          return {
            conversationId: conversation.id,
            intent: step.intent,
            replies: step.replies.map((text) => ({ text })),
            handoff: conversation.mode === 'handoff',
            sources,
            retryAfterSeconds: step.limited,
          };
        await store.recordTurn({
          conversationId: conversation.id,
          flowState: step.state,
          mode: step.release ? 'bot' : step.handoff ? 'handoff' : conversation.mode,
          handoffSince: step.release
            ? null
            : step.handoff && conversation.mode !== 'handoff'
              ? at
              : undefined,
          ...(step.handoff && conversation.mode !== 'handoff' && !step.release
            ? { handoffReason: step.handoffReason ?? 'asked' }
            : {}),
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
        await deps
          .onTurnRecorded?.({
            conversationId: conversation.id,
            raw,
            normalized: message.normalized,
            intent: step.intent,
            confidence: step.confidence,
            askedForPerson:
              step.intent === 'handoff' &&
              step.handoff === true &&
              conversation.mode !== 'handoff' &&
              (step.handoffReason ?? 'asked') === 'asked',
            rating: step.rating,
            at,
          })
          .catch(() => undefined);
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

/**
 * A message written wholly in English (a few words at least, no Chinese characters, and not
 * Chinese typed in pinyin: the normaliser reads that as characters).
 */
function inEnglish({ raw, normalized }: CustomerText): boolean {
  return !/\p{Script=Han}/u.test(normalized) && (raw.match(/[a-z]{2,}/gi)?.length ?? 0) >= 3;
}

/**
 * Answers stay in Chinese (the standard is not translated here), with one English line at the end
 * saying so and offering a person.
 */
function withEnglishNote(step: FlowStep): FlowStep {
  const last = step.replies.at(-1);
  if (last === undefined) return step;
  return { ...step, replies: [...step.replies.slice(0, -1), `${last}\n${REPLIES.englishNote}`] };
}

/** "不是…", "我不是要…", "搞错了": the start of a correction of what the customer asked for. */
const CORRECTION =
  /^(不是|不对|搞错了|弄错了|错了|你理解错了|你搞错了|我不是(要|想)|我说的不是|我没(说|有)要?|no[,.!]?\s|not\s|i (didn'?t|don'?t) (want|mean|ask))/;

/** Where a clause ends, in normalised or typed text. */
const CLAUSE_END = /[,，。!！;；]/;

/** The correction's prefix and what the customer wants instead (the rest of the message). */
function readCorrection(normalized: string) {
  const prefix = CORRECTION.exec(normalized);
  if (!prefix) return undefined;
  // "我不是要报修，我要投诉": what follows the first clause is what they want.
  const clause = CLAUSE_END.exec(normalized);
  const from = clause ? clause.index + 1 : prefix[0].length;
  const rest = normalized.slice(from).trim();
  if (!rest) return undefined;
  return {
    rest,
    /** The same part of the message as typed. */
    restRaw: (raw: string) => {
      const at = CLAUSE_END.exec(raw);
      return (at ? raw.slice(at.index + 1) : raw.slice(prefix[0].length)).trim();
    },
  };
}

/** "我要求检测": a part that asks nothing and demands something be done, without naming what. */
function demandsUnnamed(part: string): boolean {
  return asksOutright(part) && !asksByItsWords(part) && !/[?？]/.test(part);
}

/** The last clause of a part (after its last comma or spoken pause) with three characters or more. */
function lastClause(part: string): string {
  return (
    clausesOf(part)
      .reverse()
      .find((clause) => (clause.match(/\p{Script=Han}/gu) ?? []).length >= 3) ?? part
  );
}

/** Whether a statement of this action's matter, beside a question, is only its background. */
function backgroundOf(intent: ActionIntent, message: string): boolean {
  return ACCOUNT_INTENTS.has(intent) || (intent === 'meter' && asksAboutProcess(message));
}

/** "如果发现读数不一样…": a part that supposes something asks what then, it reports nothing. */
const SUPPOSES = /^(如果|假如|要是|万一|假设|if\b)/;
/** "俺寻思是不是坏了": a part that only wonders whether something is wrong reports nothing. */
const ONLY_WONDERS =
  /(是不是|会不会|系咪|系唔系|是否|怕是|莫不是|该不会)(是)?[^,，。?？]{0,4}(坏|有问题|不准|出毛病|故障|快了)[^,，。?？]{0,3}$/;

/** The entry that says how to complain. */
const HOW_TO_COMPLAIN = 'how-to-complain';

/** How far back a follow-up looks for the question it follows (messages of the conversation). */
const FOLLOW_UP_LOOKBACK = 12;

/** A part of a message of several is answered from this confidence (one message alone: the router's minimum). */
const PART_MIN_CONFIDENCE = 0.25;
/** The one answered part is answered beside (or instead of) the message read whole from this confidence. */
const SURE_PART_OVER_WHOLE = 0.6;
/** A part that asks nothing in its own words is answered from this confidence. */
const STORY_PART_MIN_CONFIDENCE = 0.5;
/** At most this many parts of one message are read, and this many answers given. */
const MAX_PARTS = 4;
const MAX_ANSWERS = 3;
/** A part of a message that also tells of another business is answered from this confidence, unless it names electricity. */
const SURE_PART_CONFIDENCE = 0.6;

/** Entries that give a time limit the customer may say has passed. */
const TIME_LIMIT_ENTRIES = new Set([
  'supply-plan-reply',
  'connection-time',
  'new-connection-process',
  'meter-test',
  'reading-dispute',
  'complaint-time-limits',
]);

/** Those among them whose limit is for putting the power on. */
const CONNECTION_ENTRIES = new Set(['connection-time', 'new-connection-process']);

/**
 * "…都8个工作日了还没送电！规定到底几天？", "要是营业员把我家电话泄露了 我可以怎么办": after the rule,
 * how to complain that it has passed or was broken, where the answer does not say so already.
 */
function overdueNote(decision: Decision & { kind: 'faq' }, ctx: TurnContext): string {
  const offersAnother = decision.offer !== undefined && decision.offer !== 'complaint';
  if (offersAnother) return '';
  const text = ctx.message.normalized;
  const { id } = decision.answer.source;
  if (TIME_LIMIT_ENTRIES.has(id) && (saysItIsOverdue(text) || asksWhatIfBroken(text)))
    return `\n${CONNECTION_ENTRIES.has(id) ? REPLIES.overdueConnection : REPLIES.overdue}`;
  if (asksWhatIfBroken(text) && !decision.answer.text.includes('95598')) return `\n${REPLIES.ifBroken}`;
  return '';
}

/**
 * "我是村里的电工…就是说我想了解下电力方面的法律法规 还有供用电业务上的政策 你们那边给咨询不 能不能
 * 打电话问": the one part of a message an entry is sure of, where no other part was answered or
 * asks for an action; it says what the message asks as well as the message read whole.
 */
function surePart(
  decided: readonly { decision: Decision }[] | undefined,
): (Decision & { kind: 'faq' }) | undefined {
  if (!decided || decided.some(({ decision }) => decision.kind === 'action')) return undefined;
  const answered = decided.flatMap(({ decision }) =>
    decision.kind === 'faq' && decision.answer.confidence >= PART_MIN_CONFIDENCE ? [decision] : [],
  );
  const [only] = answered;
  return answered.length === 1 && only && only.answer.confidence >= SURE_PART_OVER_WHOLE ? only : undefined;
}

/** An answer about an action, ending with the offer to do it now. */
function withOffer(text: string, offer: ActionIntent | undefined): string {
  const line = offer ? REPLIES.offers[offer] : undefined;
  return line ? `${text}\n${line}` : text;
}

/**
 * A part read with the class the whole message gives ("奶茶店的供电方案要几天？验收以后送电又要
 * 几天？": the second question is the milk-tea shop's too), where the part names none itself.
 */
function withClassContext(part: string, whole: ClassReading | undefined): string {
  if (!whole) return part;
  const own = inferCustomerClass(part);
  // "我哋厂嘅方案…？我哋系高压单电源…？": the factory of one part is the high-voltage single-supply
  // customer the message names; a broader class gives way to the message's more precise one.
  if (
    own &&
    (own.customerClass === whole.customerClass ||
      !CLASS_FALLBACK[whole.customerClass].includes(own.customerClass))
  )
    return part;
  // "10kv、一路": words read together that say less one by one; the class itself is said then.
  const rereads = inferCustomerClass(whole.evidence)?.customerClass === whole.customerClass;
  return `${rereads ? whole.evidence : `${CLASS_LABELS[whole.customerClass]}客户`} ${part}`;
}

/**
 * The class a part names beside the one the question before it gives, where it is another class,
 * not the same one said more precisely ("…我哋厂…？我哋系高压单电源…" is the factory's own class).
 */
function classBeside(part: string, before: string): string | undefined {
  const own = inferCustomerClass(part);
  const earlier = inferCustomerClass(before);
  if (!own || !earlier || CLASS_FALLBACK[own.customerClass].includes(earlier.customerClass)) return undefined;
  return own.evidence;
}

/** "职员话可以帮我平啲计电费": help someone else offered, not asked for. */
const OFFERED_BY_ANOTHER = /(说|讲|话|讲过|说过)(可以|能|会|要)?帮(我|你)/;

/** "跟我家里住宅的比要多等几天": a part that sets two things side by side, which the comparison reads. */
const COMPARES_WITH = /比/;

/** "是不是更久 久多少": how much longer or shorter, asked of the question before. */
const MORE_OR_LESS = /更(久|长|快|慢|短)|久多少|快多少|慢多少|多几天|少几天/;

/** "双电源高压方案又是多久" after a question about 送电: a matter the question before did not name. */
function namesAnotherMatter(about: string, before: string): boolean {
  return (about.match(MATTERS) ?? []).some((matter) => !before.includes(matter));
}

/** What a question asks of its matter ("要几天", "多少钱"), to be asked again of another matter. */
const WHAT_IS_ASKED =
  /(要|需要|得)?(多久|多长时间|几个?工作日|几天|多少天|几日|多少钱|收不收费|收费吗|要钱吗|怎么(办|收费|申请)|找谁|去哪(里|儿)?办)/;

/**
 * A question asked again about what a follow-up names ("那非居民呢" after "居民装表要几天"): the
 * follow-up's words in place of the class the question was read as.
 */
function askedAgainAbout(question: string, about: string): string {
  // "抄表数据不对核实要几天？验表呢？": another matter, asked what the question asked (how long).
  const { reading: aboutClass, compared } = readCustomerClass(about);
  const asked = WHAT_IS_ASKED.exec(question)?.[0];
  if (!aboutClass && compared.length === 0 && asked) return `${about}${asked}`;
  const reading = inferCustomerClass(question);
  const base = reading ? withoutEvidence(question, reading) : question;
  return `${about} ${base}`;
}

/** The chat intent of a case number's kind (TS20261126-0001, also with spaces or full-width). */
function caseIntentOf(caseNumber: string): ChatCaseIntent {
  const kind = kindOfPrefix(caseNumber.slice(0, 2));
  const intent = kind ? CASE_KIND_TABLE[kind].intent : 'complaint';
  return intent === 'handoff' ? 'complaint' : intent;
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
    case 'outage':
      return state.step === 'linked' ? 'repair' : 'faq';
  }
}

/** Words, not just digits: "交电费有哪些方式" may be a question of its own, "100000001" is a typo. */
function asksInWords(text: string): boolean {
  const letters = text.replace(/[\d\s\p{P}\p{S}]/gu, '');
  return /\p{Script=Han}.*\p{Script=Han}|[a-z]{3}/u.test(letters);
}

/** A request that reads as a question, not as a remark on the service just rated. */
function isQuestionAction(detected: DetectedIntent): boolean {
  if (detected.intent === 'complaint') return detected.lookup === true;
  return detected.intent === 'bill' || detected.intent === 'application' || detected.intent === 'handoff';
}
