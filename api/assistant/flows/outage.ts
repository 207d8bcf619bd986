import type { Outage, OutageStore } from '../../../db/outage-store.js';
import type { Areas } from '../../../knowledge/areas.js';
import type { TurnContext } from '../context.js';
import { continueCase } from './case.js';
import { type FlowStep, NOT_FOR_ME, type OutageState } from './flow.js';
import { OUTAGE_REPLIES } from './outage-replies.js';

const DAY_MS = 24 * 60 * 60 * 1000;
/** How far ahead the chat tells planned outages. */
const PLANNED_HORIZON_DAYS = 14;

/**
 * "最近有停电计划吗", "明天停电吗", "为什么停电了", "城东片区这周停电吗": a question about outages in an
 * area (not about the rules of notice, which the knowledge base answers).
 */
const OUTAGE_QUESTION =
  /停电计划|(?<!非)计划停电|停电安排|停电预告|停电信息|(有没有|有冇|有无)(停电|断电)|(最近|近期|这几天|这两天|近几天|明天|明日|后天|今天|今日|今晚|今夜|下周|本周|这周|周末|未来几天|过几天).{0,6}(会|要)?(停电|断电|停唔停电|停不停电)|(会不会|会唔会|要不要|是不是要|是否)(停电|断电)|为(什么|啥|何)(会)?(又)?(停电|断电|没电|冇电)|(怎么|咋|点解)(又)?(停电|断电|没电|冇电)了|(停电|断电|没电)(的|嘅)?(原因|是什么原因|是咩原因|怎么回事|咋回事)/;
/**
 * Questions about the rules of outages and their notice (the knowledge base answers those), and
 * complaints about outages ("多次遭遇非计划停电…是否接受函件形式的投诉"), which are not asked of the area;
 * nor are the ways to report a fault or what the customer heard ("邻居说周末晚上停电了没地方报修 要等周一 对吗").
 */
const RULE_WORDS =
  /投诉|举报|报修|对吗|对不对|是(不是)?真的|是这样吗|提前.{0,6}(通知|告知|公告)|(几天|多久|多少天|多长时间).{0,6}(通知|告知|公告)|规定|合法|合理|合规|违规|赔偿|补偿|(没|冇|不|未)(有)?(提前)?(通知|告知|公告)|通知(都)?(没|冇)|标准|应该|怎么办|咋办|点算|跳闸|欠费|电表|\bwhy\b/;

/** "为什么停电了", "怎么又没电了": the asker's own supply is off now. */
const LOST_NOW =
  /为(什么|啥|何)(会)?(又)?(停电|断电|没电|冇电)|(怎么|咋|点解)(又)?(停电|断电|没电|冇电)了|(停电|断电|没电)(的|嘅)?(原因|是什么原因|是咩原因|怎么回事|咋回事)/;

const SUBSCRIBE = /^(请|请帮我|帮我|我要|我想|麻烦)?(重新)?(订阅|开启|打开|开通)停电(通知|提醒)[!！。.\s]*$/;
const UNSUBSCRIBE =
  /^(请|请帮我|帮我|我要|我想|麻烦)?(退订|取消订阅|关闭|取消|不要|不再接收|别发)停电(通知|提醒)(了)?[!！。.\s]*$/;

/** "我家情况不一样", "邻居家有电": the customer's own fault, not the area's outage. */
const OWN_FAULT =
  /情况不一样|情况不同|情况唔同|(我家|我们家|我屋|俺家|我这边|我这里)(的)?(情况)?(不一样|不同|唔同)|只有我(家|们家|这)|就我(家|们家|一家)|只是我家|(邻居|隔壁|对门|楼上|楼下|别人家|其他人家|其他家|别家)(家)?(都|也|还|全)?有电/;

export function asksAboutOutages(normalized: string): boolean {
  return OUTAGE_QUESTION.test(normalized) && !RULE_WORDS.test(normalized);
}
export function asksToSubscribe(normalized: string): 'subscribe' | 'unsubscribe' | undefined {
  if (UNSUBSCRIBE.test(normalized)) return 'unsubscribe';
  if (SUBSCRIBE.test(normalized)) return 'subscribe';
  return undefined;
}
export function reportsOwnFault(normalized: string): boolean {
  return OWN_FAULT.test(normalized);
}

export interface OutageFlowDeps {
  outages: OutageStore;
  areas: Areas;
  now: Date;
}

/** The areas of the accounts this chat user has proved (none before verification). */
async function accountAreas(ctx: TurnContext): Promise<string[]> {
  const { accounts, clock } = ctx.services;
  const user = { channel: ctx.conversation.channel, userId: ctx.conversation.userId };
  const found: string[] = [];
  for (const number of await accounts.boundAccounts(user, clock())) {
    const area = (await accounts.findAccount(number))?.area;
    if (area && !found.includes(area)) found.push(area);
  }
  return found;
}

/** A place named in the message, else the verified accounts' areas. */
async function areasOf(ctx: TurnContext, deps: OutageFlowDeps, text: string): Promise<string[]> {
  const named = deps.areas.find(text);
  return named ? [named] : accountAreas(ctx);
}

/** What an area has: outages under way now, and planned ones in the next 14 days. */
async function reportFor(area: string, deps: OutageFlowDeps): Promise<string> {
  const horizon = new Date(deps.now.getTime() + PLANNED_HORIZON_DAYS * DAY_MS);
  const found = await deps.outages.activeIn(area, deps.now, horizon);
  const now = deps.now.getTime();
  const underWay = found.filter((o) => o.startsAt.getTime() <= now);
  const planned = found.filter((o) => o.kind === 'planned' && o.startsAt.getTime() > now);
  return OUTAGE_REPLIES.areaReport(area, planned, underWay);
}

/**
 * "最近有停电计划吗 / 明天停电吗 / 为什么停电了": the outages of the area named, else of the verified
 * accounts' areas, else the customer is asked where. Outage information of an area is public; the
 * account itself is never shown.
 */
export async function answerOutageQuestion(ctx: TurnContext, deps: OutageFlowDeps): Promise<FlowStep> {
  const lost = LOST_NOW.test(ctx.message.normalized);
  const areas = await areasOf(ctx, deps, ctx.message.normalized);
  if (areas.length === 0)
    return {
      intent: 'faq',
      replies: [OUTAGE_REPLIES.askArea],
      state: { flow: 'outage', step: 'area', misses: 0, ...(lost ? { lost: true } : {}) },
    };
  // "为什么停电了" from an area with an outage under way: the asker is one of those it cut off.
  if (lost) {
    const absorbed = await absorbReport(ctx, deps, ctx.message.normalized, ctx.message.raw);
    if (absorbed) return absorbed;
  }
  const replies = await Promise.all(areas.map((area) => reportFor(area, deps)));
  return { intent: 'faq', replies, state: null };
}

/** The outage under way in the area that explains a customer's lost supply: a fault first. */
async function outageUnderWay(area: string, deps: OutageFlowDeps): Promise<Outage | undefined> {
  const found = (await deps.outages.activeIn(area, deps.now, deps.now)).filter(
    (o) => o.startsAt.getTime() <= deps.now.getTime(),
  );
  return found.find((o) => o.kind === 'fault') ?? found[0];
}

/**
 * A report of lost supply ("家里停电了") from an area with an outage under way: the customer is told
 * it is known (cause, expected restoration) and linked to it, to be told when it is restored,
 * instead of opening a repair case. Undefined (a case is opened as usual) when the customer says
 * theirs is different, or no area is known, or there is no outage there.
 */
export async function absorbReport(
  ctx: TurnContext,
  deps: OutageFlowDeps,
  text: string,
  description: string,
  address?: string,
): Promise<FlowStep | undefined> {
  if (reportsOwnFault(text) || reportsOwnFault(description)) return undefined;
  for (const area of await areasOf(ctx, deps, text)) {
    const outage = await outageUnderWay(area, deps);
    if (!outage) continue;
    await deps.outages.link(outage, ctx.conversation.id, deps.now);
    return {
      intent: 'repair',
      replies: [OUTAGE_REPLIES.absorbed(area, outage)],
      state: {
        flow: 'outage',
        step: 'linked',
        outageId: outage.id,
        description: description.slice(0, 1000),
        ...(address ? { address: address.slice(0, 300) } : {}),
        misses: 0,
      },
    };
  }
  return undefined;
}

/** 退订停电通知 / 订阅停电通知. */
export async function setNotices(
  ctx: TurnContext,
  deps: OutageFlowDeps,
  choice: 'subscribe' | 'unsubscribe',
): Promise<FlowStep> {
  const { channel, userId } = ctx.conversation;
  await deps.outages.setOptOut(channel, userId, choice === 'unsubscribe', deps.now);
  if (choice === 'unsubscribe') return { intent: 'faq', replies: [OUTAGE_REPLIES.unsubscribed], state: null };
  const bound = await ctx.services.accounts.boundAccounts({ channel, userId }, deps.now);
  return {
    intent: 'faq',
    replies: [bound.length > 0 ? OUTAGE_REPLIES.subscribed : OUTAGE_REPLIES.subscribeNeedsAccount],
    state: null,
  };
}

/**
 * The outage flow's next message: the place asked for (an address or area), or, after a report
 * was linked to a known outage, "我家情况不一样", which opens the repair case after all.
 */
export async function resumeOutage(
  state: OutageState,
  ctx: TurnContext,
  deps: OutageFlowDeps,
): Promise<FlowStep | typeof NOT_FOR_ME> {
  if (state.step === 'linked') {
    if (!reportsOwnFault(ctx.message.normalized)) return NOT_FOR_ME;
    const description = [state.description, ctx.message.raw.trim()].filter(Boolean).join('；').slice(0, 2000);
    return continueCase({
      flow: 'case',
      intent: 'repair',
      kind: 'repair',
      step: 'description',
      description,
      ...(state.address ? { address: state.address } : {}),
      misses: 0,
      ownFault: true,
    });
  }
  const area = deps.areas.find(ctx.message.normalized);
  if (area && state.lost) {
    const absorbed = await absorbReport(ctx, deps, ctx.message.normalized, '', ctx.message.raw.trim());
    if (absorbed) return absorbed;
  }
  if (area) return { intent: 'faq', replies: [await reportFor(area, deps)], state: null };
  if (state.misses >= 1) return NOT_FOR_ME;
  return {
    intent: 'faq',
    replies: [OUTAGE_REPLIES.unknownArea],
    state: { ...state, misses: state.misses + 1 },
    unclear: true,
  };
}
