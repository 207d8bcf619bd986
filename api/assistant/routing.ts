import type { DocumentInterface } from '@langchain/core/documents';
import type { Source } from '../../db/store.js';
import { clausesOf, clausesWithTheirMarks, SPOKEN_PAUSE } from '../../knowledge/clauses.js';
import { inferCustomerClass, readCustomerClass } from '../../knowledge/customer-class.js';
import type { Knowledge } from '../../knowledge/index.js';
import type { KnowledgeDocumentMetadata } from '../../knowledge/retriever.js';
import { isAboutStreetLights, isForeignTopic } from '../../knowledge/scope.js';
import { DEFAULT_MIN_CONFIDENCE } from '../../knowledge/search.js';
import type { CustomerText } from './flows/rating.js';
import type { IntentClassifier } from './intent-classifier.js';
import {
  type ActionIntent,
  actionTopic,
  asksAboutProcess,
  asksAboutRatingDevices,
  asksAboutTheTariff,
  asksAhead,
  asksOutright,
  asksWhetherOffered,
  type DetectedIntent,
  detectActionIntent,
  isPersonal,
  isStatement,
  mentionsDanger,
  tellsOfStaffConduct,
} from './intents.js';
import { ASKS_A_LIMIT, askedMatters, asksByItsWords, MATTERS, splitParts } from './reading.js';
import { REPLIES } from './replies.js';

/** The answering threshold lives with the confidence it bounds (knowledge/search.ts). */
export { DEFAULT_MIN_CONFIDENCE };
/** Calibrated by cross-validation over the examples and on the tuning questions (see knowledge/classifier.ts). */
export const DEFAULT_INTENT_MIN_PROBABILITY = 0.4;
/** From this probability, `unknown` as the classifier's most probable label is an out-of-scope message. */
const UNKNOWN_MIN_PROBABILITY = 0.3;
/**
 * The knowledge search, which learned from every labelled customer question, is this sure of an
 * entry: the routing classifier's `unknown`, learned from the curated examples only, no longer
 * outweighs it ("我哋商场要搞两路高压电入嚟…你哋最多几多日要覆我哋点样供电呀").
 */
const SURE_ANSWER_CONFIDENCE = 0.5;
/** Without a confident answer, the most probable action still wins from this probability (and over `unknown`). */
const FALLBACK_ACTION_MIN_PROBABILITY = 0.2;

export interface KnowledgeAnswer {
  text: string;
  source: Source;
  confidence: number;
  /** The entry ranked next for the same question, where the ranking can hardly tell the two apart. */
  nearlyAsGood?: KnowledgeAnswer;
}

/**
 * What a new message is: an action to start (found by the rules or by the learned classifier), a
 * knowledge answer (with an offer to act where the question was about an action), or out of scope.
 */
export type Decision =
  | { kind: 'action'; detected: DetectedIntent; by: 'rules' | 'classifier' }
  | { kind: 'faq'; answer: KnowledgeAnswer; offer?: ActionIntent }
  | { kind: 'unknown'; reply?: string };

/** Actions a question about them is answered for, with an offer, rather than started. */
export const OFFERED: ReadonlySet<ActionIntent> = new Set([
  'complaint',
  'repair',
  'meter',
  'bill',
  'application',
]);
/** Words that set two rules side by side: which is faster, how long each takes. */
const COMPARES_RULES =
  /哪个.{0,8}(快|慢|久|长|短|先)|哪(一)?样(更)?(快|慢)|分别|各自|各(要|需要|是|多久|多长|几|多少)|边个(快|耐)|(啥|什么|甚么|乜|咩)(区别|不同|差别|不一样)|区别在哪|有何(区别|不同)|一不一样|(是不是|是否)?(一样|相同)(吗|不|么|嘛|没)|(还有|以及|同埋)[^?？。]{1,16}(都|各)(是|要|需要)?(几天|多久|多少天|几个工作日|几日|几耐)|\b(the )?two (deadlines|time limits|limits)\b|differen|which (one )?is (faster|quicker|longer|shorter)|\brespectively\b|\beach\b/;
/** "X和Y，哪个快": the two sides and what is asked of both. */
const SIDES =
  /^(.{2,}?)(和|跟|与|同|及|以及|还是|还有|同埋|另外|[,，]\s*(?:又|还|另外)(?=想|要|打算)|\band\b|\bor\b|\bvs\.?)(.{2,}?)[,，\s]*((哪个|哪一个|哪样|边个|分别|各自|各|这两(?:个|项|样|种)?|两者|有(?:啥|什么|甚么|乜|咩|何)(?:区别|不同|差别)|(?:啥|什么)(?:区别|不同|差别)|(?:是不是|是否)?(?:一样|相同)(?:吗|不|么|嘛|没)|(?:你们|你哋)?(?:都|各)(?:是|要|需要)?(?:几天|多久|多少天|几个工作日|几日|几耐)|which|respectively|what(?:'s| is) the difference|what are the two).*)$/;
/** "一个校验一个核实读数，各自多久": one side each, then what is asked of both. */
const ONE_EACH =
  /一(?:个|是)是?([^,，。\s]{2,10}?)[,，\s]*(?:一个|二是|另一个|另外一个)是?([^,，。\s]{2,10}?)[,，\s]*((?:(?:这)?两(?:个|样|项)[^,，。\s]{0,4})?(?:各自|分别|各|哪个|哪一个).*)$/;

/** The two sides of a comparison and what is asked of both, where the message says them. */
function sidesOf(text: string): [string, string, string] | undefined {
  const joined = SIDES.exec(text);
  if (joined) return [joined[1] ?? '', joined[3] ?? '', joined[4] ?? ''];
  const each = ONE_EACH.exec(text);
  return each ? [each[1] ?? '', each[2] ?? '', each[3] ?? ''] : undefined;
}
/** "这两条有规定吗", "这都行吗", "这些合规吗": the acts told before, asked of together. */
const ASKS_OF_ACTS =
  /[\s,，。]*(你们)?这(都|两(条|个|样|件|种)|几(条|样|件)|些)(事|做法|行为)?(都)?(行|可以|合规|合理|允许|对|正常|算违规|违规|有规定|符合规定|符合)/;
/** Where a story goes on to another act: "…嚷嚷 还把我信息给别人看了", "…买电线 还说完事要请他吃饭". */
const NEXT_ACT =
  /[\s,，。;；]+(?:而且|并且|另外|然后)?还(?=把|说|让|要|跟|给|收|骂|叫|拿|问|当着|不)|[,，。;；]/;
/** Both rules of a comparison are answered from this confidence each. */
const COMPARED_MIN_CONFIDENCE = 0.3;

/** A question ending a story about a foreign topic is answered from this many terms of its own… */
const STORY_QUESTION_MIN_TERMS = 4;
/** …and this confidence. */
const STORY_QUESTION_MIN_CONFIDENCE = 0.6;
/**
 * The last spoken clause of a voice message (no sentences) is a weaker sign of the question than a
 * last sentence: it replaces the whole message's answer only from this confidence.
 */
const SPOKEN_QUESTION_MIN_CONFIDENCE = 0.8;

/** A sentence the customer marks as their question ("我就想知道…", "请问…", "my question is…"). */
export const THE_QUESTION_IS =
  /^(所以|那|那么|现在)?(我)?(就|只|主要)?(是)?(想|要)(知道|问(一?下)?|请问|了解(一?下)?)|^(请问|想请问|麻烦问(一?下)?)|^(so )?(my question is|i (just |only )?(want|wanted|would like) to know|i'd like to know)/;

/** Where a sentence ends, in normalised text. */
const SENTENCE_END = /[.。!！?？;；\n]+/;

/** Actions on the customer's own account. */
export const ACCOUNT_INTENTS: ReadonlySet<ActionIntent> = new Set(['bill', 'application']);
/** Where the standard says how each action is handled: the answer to a question about it. */
const ACTION_RULES: Partial<Record<ActionIntent, string>> = {
  complaint: 'how-to-complain',
  repair: 'emergency-response',
  meter: 'meter-test',
  // "申请进度咋查": how to look an account up is the online services' (and ours, offered).
  bill: 'online-services',
  application: 'online-services',
};
/** The action an entry's rule is about, where it is one the customer can ask us to take now. */
const ENTRY_ACTIONS: Readonly<Record<string, ActionIntent>> = {
  'how-to-complain': 'complaint',
  'complaint-time-limits': 'complaint',
  'outage-what-to-do': 'repair',
  'emergency-response': 'repair',
  'meter-test': 'meter',
  'reading-dispute': 'meter',
};

/** "这个新表靠不靠谱 我要求检测": the action a demand after this entry's answer asks for. */
export function actionOfEntry(id: string): ActionIntent | undefined {
  return ENTRY_ACTIONS[id];
}

/**
 * An entry ranked second is nearly as good as the first from this share of its confidence, and
 * this confidence of its own: the customer gets both answers rather than a guess between them.
 */
const NEAR_TIE_SHARE = 0.75;
const NEAR_TIE_MIN_CONFIDENCE = 0.25;

function isNearTie(top: KnowledgeDocument, next: KnowledgeDocument): boolean {
  const { confidence } = next.metadata;
  return (
    next.metadata.id !== top.metadata.id &&
    confidence >= NEAR_TIE_MIN_CONFIDENCE &&
    confidence >= NEAR_TIE_SHARE * top.metadata.confidence
  );
}

/** A question about an action is answered from the knowledge base from this confidence. */
const PROCESS_QUESTION_MIN_CONFIDENCE = 0.25;
const ACCOUNT_QUESTION_MIN_CONFIDENCE = 0.5;
/**
 * The learned model reads a question about an action from this probability. Trained on the sets
 * up to round 36 and tried on five it had not seen (fresh-76 to 80), it read nine of the ten
 * questions about an action the rules missed from 0.7 up, and none of the 103 requests.
 */
const ASKS_ABOUT_MIN_PROBABILITY = 0.9;
/** …for a message of at least this many characters (spaces left out). */
const ASKS_ABOUT_MIN_LENGTH = 10;

export interface RouterDeps {
  knowledge: Knowledge;
  /** Learned intent classifier, for action requests (and out-of-scope messages) worded in ways the rules miss. */
  intentClassifier?: IntentClassifier;
  /** Below this retrieval confidence a question is `unknown`, never the nearest entry. */
  minConfidence?: number;
  /** From this probability the classifier's most probable label, an action, starts that action's flow. */
  intentMinProbability?: number;
}

/**
 * Routing: what a message no flow has taken is, without acting on it (no flow started, nobody
 * handed over). The rules first, then the topic filter, then the classifier and the retriever.
 */
export function createRouter(deps: RouterDeps) {
  const { knowledge } = deps;
  const minConfidence = deps.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const intentMinProbability = deps.intentMinProbability ?? DEFAULT_INTENT_MIN_PROBABILITY;
  const intentModel = deps.intentClassifier?.forKnowledge(knowledge);

  async function bestKnowledgeAnswer(text: string): Promise<KnowledgeAnswer | undefined> {
    const [top, next] = await knowledge.retriever.invoke(text);
    if (!top) return undefined;
    const answer = answerOf(top);
    return next && isNearTie(top, next) ? { ...answer, nearlyAsGood: answerOf(next) } : answer;
  }

  /**
   * The answer to the whole message or, where that is unsure and the message tells a story first
   * ("我妈七十多了，腿脚不方便…交电费是不是只能去营业厅？"), to its last sentence: the question.
   */
  async function focusedAnswer(text: string): Promise<KnowledgeAnswer | undefined> {
    const whole = await bestKnowledgeAnswer(text);
    const sentence = lastSentence(text);
    // A voice message has no sentences: "…以前都系去营业厅排队交电费 而家真系好难抽身 你哋有咩方法
    // 可以交电费啊" asks in its last spoken clause.
    const last = sentence === text ? (markedClause(text) ?? lastSpokenClause(text)) : sentence;
    // "…气得我投诉了。我就想知道，你们一般多久联系我？": the customer says which sentence asks.
    const marked = last !== text && THE_QUESTION_IS.test(last);
    const sure = whole !== undefined && whole.confidence >= minConfidence;
    if (last === text) return whole;
    if (sure && !marked && (whole.confidence >= STORY_QUESTION_MIN_CONFIDENCE || sentence !== text))
      return whole;
    // The story may have told the class ("我开了个小面馆…请问方案几天答复"): the question keeps it.
    const customer = inferCustomerClass(text);
    const asked = customer && !inferCustomerClass(last) ? `${customer.evidence} ${last}` : last;
    const focused = await bestKnowledgeAnswer(asked);
    if (sure) {
      // A marked question, or the last clause of a voice message the whole of which is unsure,
      // changes the answer only for another entry the knowledge base is sure of.
      const other = focused && focused.source.id !== whole.source.id;
      return other &&
        focused.confidence >=
          (sentence === text ? SPOKEN_QUESTION_MIN_CONFIDENCE : STORY_QUESTION_MIN_CONFIDENCE) &&
        focused.confidence > whole.confidence
        ? focused
        : whole;
    }
    return focused && focused.confidence > (whole?.confidence ?? 0) ? focused : whole;
  }

  /**
   * A story that mentions a foreign topic on the way ("我打电话问停电赔偿的事，接电话的人说不归他管…
   * 第一个接待我的人不应该负责到底吗？") and ends in a question of its own, about a rule of ours: that
   * question's answer. The question must say enough by itself (a bare "怎么交？" after "燃气费" is
   * the gas bill's) and the knowledge base must be sure of it.
   */
  async function questionAfterAForeignStory(text: string): Promise<KnowledgeAnswer | undefined> {
    // A voice message has no punctuation: its last question is the last part the reading found.
    const parts = splitParts(text);
    const last = parts.length > 1 ? (parts.at(-1) as string) : lastSentence(text);
    if (last === text || isForeignTopic(last)) return undefined;
    if (new Set(knowledge.segmenter.terms(last)).size < STORY_QUESTION_MIN_TERMS) return undefined;
    const answer = await bestKnowledgeAnswer(last);
    return answer && answer.confidence >= STORY_QUESTION_MIN_CONFIDENCE ? answer : undefined;
  }

  /**
   * A question *about* an action ("投诉后多久联系我", "可以写信举报吗") gets the knowledge answer and
   * an offer; a request, a problem happening now, a danger or a look-up still act at once.
   */
  async function aboutTheAction(
    message: CustomerText,
    detected: DetectedIntent,
    by: 'rules' | 'classifier',
    answer?: KnowledgeAnswer,
  ): Promise<Decision> {
    const act: Decision = { kind: 'action', detected, by };
    if (!OFFERED.has(detected.intent) || detected.danger || detected.lookup || detected.estimate) return act;
    // The rules already tell "我欠费吗" (this customer's own account) from a question about billing;
    // the classifier's account guesses give way only to a question the knowledge base knows well.
    const account = ACCOUNT_INTENTS.has(detected.intent);
    // A story about one's own bill that ends in a general question ("…我想先了解一下，申请之后多长
    // 时间能拿到检测结果？") asks that question; the classifier's guess is read against it.
    // "你们这能查我申请用电办到哪一步了吗" asks whether the look-up is offered: answered, then offered.
    const offered = asksWhetherOffered(message.normalized) || asksAhead(message.normalized);
    // Wordings no rule lists ("半夜两点家里突然没电了 这个时候能找谁 有人接电话吗"): the learned
    // model is sure the message asks about the action, and it asks for nothing in words.
    const learned = asksAboutIt(message.normalized);
    if (
      account &&
      !offered &&
      !learned &&
      (by === 'rules' || isPersonal(lastSentence(message.normalized))) &&
      !onlyRemarksOnTheAccount(message.normalized, detected.intent)
    )
      return act;
    if (!offered && !learned && !asksAboutProcess(message.normalized)) return act;
    const best = answer ?? (await focusedAnswer(message.normalized));
    // A question about one's own account needs a sure answer, unless the message asks whether the
    // look-up is offered or the learned model reads it as a question about it.
    const ownAccount = account && !offered && !learned;
    const needed = ownAccount ? ACCOUNT_QUESTION_MIN_CONFIDENCE : PROCESS_QUESTION_MIN_CONFIDENCE;
    if (best && best.confidence >= needed) return { kind: 'faq', answer: best, offer: detected.intent };
    // "报修一般多久到": a question about the action in words no entry is sure of is still a question;
    // the action's own rule answers it (how and when it is handled), with the offer. Never a form.
    const rule = ownAccount ? undefined : ruleOf(detected.intent);
    return rule ? { kind: 'faq', answer: rule, offer: detected.intent } : act;
  }

  /**
   * Whether the learned model is sure that a message in which the rules read an action asks about it,
   * and the message asks for nothing outright ("帮我", "我要投诉", "派个人来").
   */
  function asksAboutIt(text: string): boolean {
    // "欠费吗", "报装进度": a few words give the model too little to read; the rules decide them.
    if (text.replace(/\s/g, '').length < ASKS_ABOUT_MIN_LENGTH) return false;
    return (intentModel?.asksAbout(text) ?? 0) >= ASKS_ABOUT_MIN_PROBABILITY && !asksOutright(text);
  }

  /** The entry that states how an action is handled, where the version in use has it. */
  function ruleOf(intent: ActionIntent): KnowledgeAnswer | undefined {
    const id = ACTION_RULES[intent];
    const entry = id === undefined ? undefined : knowledge.base.byId(id);
    if (!entry) return undefined;
    return {
      text: REPLIES.withClause(knowledge.base.answer(entry), entry.clause),
      source: { id: entry.id, title: entry.title, clause: entry.clause },
      confidence: 0,
    };
  }

  /**
   * The entry one side of a comparison asks, in the line for the class: "医院双电源 方案答复和送电分别
   * 多久": the class says which line answers the side 送电, not which entry; a side that names its own
   * matter is answered by the entry it asks read without the class, where that differs.
   */
  async function sideEntry(
    side: string,
    withClass: string,
    asked: string,
  ): Promise<KnowledgeDocument | undefined> {
    const inContext = await knowledge.retriever.invoke(`${withClass} ${asked}`);
    if (withClass === side || !side.match(MATTERS)) return inContext[0];
    const [alone] = await knowledge.retriever.invoke(`${side} ${asked}`);
    if (!alone || alone.metadata.id === inContext[0]?.metadata.id) return inContext[0];
    const forClass = inContext.find((doc) => doc.metadata.id === alone.metadata.id);
    return forClass
      ? { ...forClass, metadata: { ...forClass.metadata, confidence: alone.metadata.confidence } }
      : alone;
  }

  /**
   * "小吃店 低压 方案和送电期限是多少", "从方案答复到送电 各要多久": a question of two matters joined
   * asks each; each is read with the other left out (the class stays), where they are two entries
   * and both sure.
   */
  async function joinedMattersAnswers(text: string): Promise<KnowledgeAnswer[]> {
    const matters = askedMatters(text);
    if (!matters) return [];
    // "设计工作室 低压三相 方案和接电": two matters named last, with nothing more, are asked of.
    const namedLast = new RegExp(`${matters.at(-1)}[\\s?？。!！]*$`).test(text);
    if (!(ASKS_A_LIMIT.test(text) || /多少|规定/.test(text) || namedLast)) return [];
    // Each matter read in the message without the others; where that leaves words of another
    // ("电表校验 投诉": 电表), the matter alone with what is asked and the class.
    const withoutOthers = (matter: string) =>
      matters.filter((other) => other !== matter).reduce((t, other) => t.replaceAll(other, ' '), text);
    const customer = inferCustomerClass(text);
    const asked = ASKS_A_LIMIT.exec(text)?.[0] ?? '';
    const alone = (matter: string) => `${customer?.evidence ?? ''} ${matter}${asked}`;
    for (const query of [withoutOthers, alone]) {
      const docs = await Promise.all(
        matters.map(async (matter) => (await knowledge.retriever.invoke(query(matter)))[0]),
      );
      const entries = distinctSureEntries(docs);
      if (entries) return entries.map(answerOf);
    }
    return [];
  }

  /**
   * "窗口的人跟我嚷嚷 还把我信息给别人看了 你们这两条有规定吗": acts told one after the other
   * (还…) and asked of together are each answered, where each act has an answerable entry of its own
   * (two or three acts, each of four characters or more).
   */
  async function actsAskedTogether(text: string): Promise<KnowledgeAnswer[]> {
    const asking = ASKS_OF_ACTS.exec(text);
    if (!asking) return [];
    const told = text.slice(0, asking.index);
    const acts = told.split(NEXT_ACT).filter((act) => (act.match(/\p{Script=Han}/gu) ?? []).length >= 4);
    if (acts.length < 2 || acts.length > 3) return [];
    const docs = await Promise.all(acts.map(async (act) => (await knowledge.retriever.invoke(act))[0]));
    // The customer asks of each act they told: each needs only be answerable, as a side they name.
    return distinctSureEntries(docs, minConfidence)?.map(answerOf) ?? [];
  }

  return {
    asksAboutIt,
    /** One entry's answer to the text (narrowed to the class it gives), where the retriever ranks it at all. */
    async answerOfEntry(text: string, id: string): Promise<KnowledgeAnswer | undefined> {
      const doc = (await knowledge.retriever.invoke(text)).find((d) => d.metadata.id === id);
      return doc ? answerOf(doc) : undefined;
    },
    /**
     * Two rules set side by side in one question ("电表校验和抄表异常核实，哪个快？"): both entries'
     * answers, where the retriever is sure of both; else none.
     */
    async comparedAnswers(message: CustomerText): Promise<KnowledgeAnswer[]> {
      const text = message.normalized;
      // Two classes side by side ("自己住的房子和楼下的铺子，方案分别多久") are one rule, answered per class.
      if (isForeignTopic(text) || readCustomerClass(text).compared.length >= 2) return [];
      const acts = await actsAskedTogether(text);
      if (acts.length > 1) return acts;
      if (!COMPARES_RULES.test(text)) return await joinedMattersAnswers(text);
      // "投诉和电表校验，哪个回复快": each side asked on its own with what is asked of both; else the
      // two best entries for the whole question.
      const sides = sidesOf(text);
      // "高压双电源客户的方案答复和装表接电期限分别是多少": the class is the second side's too.
      const customer = inferCustomerClass(text);
      const withClass = (side: string) =>
        customer && !inferCustomerClass(side) ? `${customer.evidence} ${side}` : side;
      const bySide = sides
        ? await Promise.all([sides[0], sides[1]].map((side) => sideEntry(side, withClass(side), sides[2])))
        : [];
      // Sides the customer names each need only be answerable; two entries guessed from the whole
      // question must both be sure.
      const pair =
        twoSureEntries(bySide, minConfidence) ??
        twoSureEntries(await knowledge.retriever.invoke(text), COMPARED_MIN_CONFIDENCE);
      return pair ? pair.map(answerOf) : await joinedMattersAnswers(text);
    },

    async decide(message: CustomerText, mended: string): Promise<Decision> {
      const detected = detectActionIntent(mended);
      if (detected) return aboutTheAction(message, detected, 'rules');
      // Gas, water, stocks…: not ours, however much the words look like a bill or a payment question.
      if (isForeignTopic(message.normalized)) {
        const asked = await questionAfterAForeignStory(message.normalized);
        if (asked) return withTopicOffer({ kind: 'faq', answer: asked }, message);
        return {
          kind: 'unknown',
          reply: isAboutStreetLights(message.normalized) ? REPLIES.streetLights : undefined,
        };
      }
      const answer = await focusedAnswer(message.normalized);
      // Wordings the rules do not list: the learned classifier decides when its most probable action
      // outweighs the knowledge base as a whole (the summed probability of every entry: one entry's
      // share is no measure of a question spread over several) and `unknown`; `unknown` decides in the
      // same way, as the most probable label that also outweighs the summed entries. Otherwise the
      // knowledge base answers if it is sure enough, else the best action if it beats `unknown`.
      const classified = intentModel?.classify(message.normalized);
      // The rules have read a question about the rating devices: the classifier's "rating" is no score;
      // they have read staff conduct ("…帮我少算点电费，只要请他吃顿饭"): no look-up of an account.
      const notAScore = classified?.action === 'rating' && asksAboutRatingDevices(message.normalized);
      const notALookUp =
        classified !== undefined &&
        ACCOUNT_INTENTS.has(classified.action) &&
        (tellsOfStaffConduct(message.normalized) || asksAboutTheTariff(message.normalized));
      const guess = notAScore || notALookUp ? undefined : classified;
      const danger = mentionsDanger(mended);
      if (
        guess &&
        guess.actionProbability >= intentMinProbability &&
        guess.actionProbability > guess.faqProbability &&
        guess.actionProbability > guess.unknownProbability
      )
        return aboutTheAction(message, { intent: guess.action, danger }, 'classifier', answer);
      if (
        guess?.label === 'unknown' &&
        guess.probability >= UNKNOWN_MIN_PROBABILITY &&
        guess.unknownProbability > guess.faqProbability &&
        !(answer && answer.confidence >= SURE_ANSWER_CONFIDENCE)
      )
        return { kind: 'unknown' };
      if (answer && answer.confidence >= minConfidence)
        return withTopicOffer({ kind: 'faq', answer }, message);
      if (
        guess &&
        guess.actionProbability >= FALLBACK_ACTION_MIN_PROBABILITY &&
        guess.actionProbability > guess.unknownProbability
      )
        return aboutTheAction(message, { intent: guess.action, danger }, 'classifier', answer);
      return { kind: 'unknown' };
    },
  };
}

export type Router = ReturnType<typeof createRouter>;

/** A knowledge answer to a question about an action ends with the offer to do it now. */
function withTopicOffer(decision: Extract<Decision, { kind: 'faq' }>, message: CustomerText): Decision {
  if (decision.offer || !asksAboutProcess(message.normalized)) return decision;
  const offer = actionTopic(message.normalized);
  return offer ? { ...decision, offer } : decision;
}

type KnowledgeDocument = DocumentInterface<KnowledgeDocumentMetadata>;

/** A retrieved entry as an answer: its text with the clause it rests on, its source, its confidence. */
function answerOf(doc: KnowledgeDocument): KnowledgeAnswer {
  const { id, title, clause, confidence } = doc.metadata;
  return { text: REPLIES.withClause(doc.pageContent, clause), source: { id, title, clause }, confidence };
}

/** Each entry once, in the customer's order, where there are more than one and every one is sure. */
function distinctSureEntries(
  docs: (KnowledgeDocument | undefined)[],
  minConfidence = COMPARED_MIN_CONFIDENCE,
): KnowledgeDocument[] | undefined {
  const entries = docs.filter(
    (doc, i): doc is KnowledgeDocument =>
      doc !== undefined && docs.findIndex((d) => d?.metadata.id === doc.metadata.id) === i,
  );
  const sure = entries.every((doc) => doc.metadata.confidence >= minConfidence);
  return entries.length >= 2 && sure ? entries : undefined;
}

/** The first two documents, when they are different entries and both sure enough to answer. */
function twoSureEntries(
  docs: (KnowledgeDocument | undefined)[],
  minConfidence: number,
): [KnowledgeDocument, KnowledgeDocument] | undefined {
  const [first, second] = docs;
  const sure = (doc: KnowledgeDocument) => doc.metadata.confidence >= minConfidence;
  if (!first || !second || first.metadata.id === second.metadata.id) return undefined;
  return sure(first) && sure(second) ? [first, second] : undefined;
}

/**
 * "电表校验 搞好久出结果咯 我屋里电费贵得吓人": the clauses that name the customer's own account
 * only remark on it, and another clause asks a question; the question is the message.
 */
function onlyRemarksOnTheAccount(text: string, intent: ActionIntent): boolean {
  const clauses = clausesWithTheirMarks(text);
  const onAccount = clauses.filter((clause) => detectActionIntent(clause)?.intent === intent);
  return (
    onAccount.length > 0 &&
    onAccount.every(isStatement) &&
    clauses.some((clause) => !onAccount.includes(clause) && asksAboutProcess(clause))
  );
}

/** "…我院拟正式反映意见,请问贵司是否接受函件形式的投诉?": a last clause the customer marks as the question. */
function markedClause(text: string): string | undefined {
  const last = clausesOf(text).at(-1);
  return last !== undefined && last !== text && THE_QUESTION_IS.test(last.trim()) ? last.trim() : undefined;
}

/**
 * The last clause after a spoken pause that asks by its own words, else the last one, of four
 * characters or more (the whole text where none): "…你们给方案要几天 莫拖哈 我们老两口天天点蜡烛".
 */
function lastSpokenClause(text: string): string {
  const clauses = text.split(SPOKEN_PAUSE);
  if (clauses.length < 2) return text;
  const long = (clause: string) => (clause.match(/\p{Script=Han}/gu) ?? []).length >= 4;
  const asking = clauses.findLast((clause) => long(clause) && asksByItsWords(clause));
  const last = asking ?? (clauses.at(-1) as string);
  return long(last) ? last : text;
}

/** The last sentence of a text (the whole text where it has one sentence). */
function lastSentence(text: string): string {
  const sentences = text.split(SENTENCE_END).filter((sentence) => sentence.trim());
  return sentences.length < 2 ? text : (sentences.at(-1) as string);
}
