import { describeEstimate, findKwh } from '../../../knowledge/tariff.js';
import { CASE_KIND_TABLE, type ChatCaseIntent, chatCaseKindOf } from '../../../vocabulary/case-kinds.js';
import type { TurnContext } from '../context.js';
import type { ActionIntent, DetectedIntent } from '../intents.js';
import { REPLIES } from '../replies.js';
import { resumeAccount, startAccountRequest } from './account.js';
import { lookUpCases, resumeCase, resumeCaseLookup, startCase } from './case.js';
import { type FlowState, type FlowStep, NOT_FOR_ME } from './flow.js';
import { absorbReport, resumeOutage } from './outage.js';
import { declinesRating, parseScore, resumeRating, startRating } from './rating.js';

/**
 * The flows, as a registry: how each action intent starts (its flow, or a one-turn answer), and
 * how each open flow takes the next message. A new flow is a module and a row here.
 */
type Start = (detected: DetectedIntent, ctx: TurnContext) => FlowStep | Promise<FlowStep>;
type Resume<S extends FlowState> = (state: S, ctx: TurnContext) => Promise<FlowStep | typeof NOT_FOR_ME>;

export const STARTS: Record<ActionIntent, Start> = {
  greeting: (_, ctx) => ({
    intent: 'greeting',
    replies: [greetingReply(ctx.message.normalized)],
    state: null,
  }),
  handoff: (_, ctx) => ctx.handOff(REPLIES.handoffQueued, 'asked'),
  rating: (_, ctx) => startRating(ctx.message, ctx.rating()),
  // Safety first: a danger's advice goes out before any question.
  // A report of lost supply where an outage is known is linked to it instead (outage.ts).
  repair: async (detected, ctx) =>
    (await absorbedReport(detected, ctx)) ??
    startCaseWithAnswer(detected, ctx, detected.danger ? 'electrical-safety' : undefined),
  meter: (detected, ctx) => startCaseWithAnswer(detected, ctx),
  complaint: async (detected, ctx) => {
    if (detected.lookup) return lookUpCases(ctx.message, await ctx.cases(), 'complaint');
    return startCase('complaint', ctx.message, [REPLIES.complaintSorry]);
  },
  bill: (detected, ctx) => {
    const kwh = detected.estimate ? findKwh(ctx.message.normalized) : undefined;
    if (kwh === undefined) return startAccountRequest('bill', ctx.message, ctx.account());
    const price = ctx.entryAnswer('electricity-price');
    return {
      intent: 'bill',
      replies: [describeEstimate(ctx.services.tariff, kwh)],
      state: null,
      sources: [price.source],
    };
  },
  application: (_, ctx) => startAccountRequest('application', ctx.message, ctx.account()),
};

const RESUMES: { [F in FlowState['flow']]: Resume<Extract<FlowState, { flow: F }>> } = {
  rating: async (state, ctx) => {
    // Asked for a rating in the middle of another flow (a case closed during an identity
    // check): an answer that is no score goes to that flow, and the rating request lapses.
    if (
      state.resume &&
      state.step === 'score' &&
      typeof parseScore(ctx.message.normalized) !== 'number' &&
      !declinesRating(ctx.message.normalized)
    ) {
      const other = await resumeFlow(state.resume, ctx);
      if (other !== NOT_FOR_ME && !other.unclear) return other;
    }
    return resumeRating(state, ctx.message, ctx.rating());
  },
  account: (state, ctx) => resumeAccount(state, ctx.message, ctx.account()),
  case: async (state, ctx) => {
    // The address of a repair report finds its area: an outage known there absorbs the report.
    const outages = ctx.outages();
    if (outages && state.kind === 'repair' && state.step === 'address' && !state.ownFault) {
      const absorbed = await absorbReport(
        ctx,
        outages,
        ctx.message.normalized,
        state.description ?? '',
        ctx.message.raw.trim(),
      );
      if (absorbed) return absorbed;
    }
    return resumeCase(state, ctx.message, await ctx.cases());
  },
  outage: async (state, ctx) => {
    const outages = ctx.outages();
    return outages ? resumeOutage(state, ctx, outages) : NOT_FOR_ME;
  },
  'case-lookup': async (state, ctx) => resumeCaseLookup(state, ctx.message, await ctx.cases()),
};

/** A repair report (not a danger) that an outage known in the customer's area absorbs. */
async function absorbedReport(detected: DetectedIntent, ctx: TurnContext): Promise<FlowStep | undefined> {
  const outages = ctx.outages();
  if (!outages || detected.danger) return undefined;
  if (chatCaseKindOf(detected.intent as ChatCaseIntent, ctx.message.normalized) !== 'repair')
    return undefined;
  return absorbReport(ctx, outages, ctx.message.normalized, ctx.message.raw);
}

/** A case flow opened with its kind's opening answer (vocabulary `openingAnswer`), or `entry`'s. */
function startCaseWithAnswer(detected: DetectedIntent, ctx: TurnContext, entry?: string): FlowStep {
  const intent = detected.intent as ChatCaseIntent;
  const opening = entry ?? CASE_KIND_TABLE[chatCaseKindOf(intent, ctx.message.normalized)].openingAnswer;
  if (!opening) return startCase(intent, ctx.message);
  const info = ctx.entryAnswer(opening);
  return { ...startCase(intent, ctx.message, [info.text]), sources: [info.source] };
}

/** The action's flow started (or its one-turn answer). */
export function startFlow(detected: DetectedIntent, ctx: TurnContext): Promise<FlowStep> {
  return Promise.resolve(STARTS[detected.intent](detected, ctx));
}

/** The open flow's answer to the message, or NOT_FOR_ME when the message is not for it. */
export function resumeFlow(state: FlowState, ctx: TurnContext): Promise<FlowStep | typeof NOT_FOR_ME> {
  const resume = RESUMES[state.flow] as Resume<FlowState>;
  return resume(state, ctx);
}

function greetingReply(text: string): string {
  if (/谢|thank|thx/.test(text)) return REPLIES.thanks;
  if (/再见|拜拜|bye/.test(text)) return REPLIES.goodbye;
  if (/^(好的|ok|okay|嗯嗯?)/.test(text)) return REPLIES.acknowledged;
  return REPLIES.welcome;
}
