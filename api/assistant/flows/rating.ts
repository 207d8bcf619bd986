import { REPLIES } from '../replies.js';
import { type FlowStep, NOT_FOR_ME, type RatingState } from './flow.js';

export interface RatingDeps {
  /** Stores the score at once (a customer may never answer the comment question); returns its id. */
  saveScore(score: number, ticketId?: string): Promise<number>;
  saveComment(ratingId: number, comment: string): Promise<void>;
}

export interface CustomerText {
  /** As typed (control characters removed): what is stored as the customer's words. */
  raw: string;
  /** Normalised for matching. */
  normalized: string;
}

const CHINESE_DIGITS: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const WORDS: readonly [RegExp, number][] = [
  [/非常满意|很满意|特别满意|五星|好评|excellent|very satisfied/, 5],
  [/不太满意|不满意|差评|很差|太差|unsatisfied|dissatisfied|bad/, 1],
  [/满意|不错|挺好|很好|good|satisfied/, 4],
  [/一般|还行|凑合|ok|okay/, 3],
];

/** The score in a reply such as "5", "5分", "五星", "非常满意"; undefined where there is none. */
export function parseScore(text: string): number | undefined {
  const digit = text.match(/(?:^|[^\d])([1-5])(?:\s*(?:分|星|points?|stars?))?(?:$|[^\d])/);
  if (digit?.[1] && !/\d{2,}/.test(text)) return Number(digit[1]);
  const chinese = text.match(/([一二两三四五])\s*(分|星)/);
  if (chinese?.[1]) return CHINESE_DIGITS[chinese[1]];
  for (const [pattern, score] of WORDS) if (pattern.test(text)) return score;
  return undefined;
}

export async function startRating(text: CustomerText, deps: RatingDeps): Promise<FlowStep> {
  const score = parseScore(text.normalized);
  if (score !== undefined) return askComment(score, deps);
  return {
    intent: 'rating',
    replies: [REPLIES.ratingAsk],
    state: { flow: 'rating', step: 'score', misses: 0 },
  };
}

export async function resumeRating(
  state: RatingState,
  text: CustomerText,
  deps: RatingDeps,
): Promise<FlowStep | typeof NOT_FOR_ME> {
  if (state.step === 'score') {
    const score = parseScore(text.normalized);
    if (score !== undefined) return askComment(score, deps, state.ticketId);
    if (state.misses >= 1) return NOT_FOR_ME;
    return {
      intent: 'rating',
      replies: [REPLIES.ratingInvalid],
      state: { ...state, misses: state.misses + 1 },
    };
  }
  const noComment = /^(没有|没|无|不用了?|no|none|nope|没了)[!！.。\s]*$/.test(text.normalized);
  if (!noComment && state.ratingId !== undefined)
    await deps.saveComment(state.ratingId, text.raw.slice(0, 500));
  return { intent: 'rating', replies: [REPLIES.ratingThanks], state: null };
}

async function askComment(score: number, deps: RatingDeps, ticketId?: string): Promise<FlowStep> {
  const ratingId = await deps.saveScore(score, ticketId);
  return {
    intent: 'rating',
    replies: [REPLIES.ratingCommentAsk],
    state: { flow: 'rating', step: 'comment', misses: 0, ratingId },
  };
}
