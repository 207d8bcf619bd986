import { REPLIES } from '../replies.js';
import { isFlowCancel } from './answers.js';
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
  [
    /非常不满意|很不满意|极不满意|特别不满意|太差|很差|非常差|差劲|垃圾|very (dis|un)satisfied|terrible|awful/,
    1,
  ],
  [/不太满意|不怎么满意|不大满意|有点不满意|一般偏差|not very satisfied|not so good/, 2],
  [/不满意|差评|unsatisfied|dissatisfied|\bbad\b|\bpoor\b/, 1],
  [
    /非常满意|很满意|特别满意|十分满意|超级满意|满分|五星|好评|点赞|excellent|very satisfied|perfect|great/,
    5,
  ],
  [/满意|不错|挺好|很好|good|satisfied/, 4],
  [/一般|还行|凑合|马马虎虎|ok|okay|so-so|average/, 3],
];

/**
 * "不想评", "不打分了", "跳过": the customer declines to rate. Only read where no score is given
 * ("不想打分，太差了" is a 1).
 */
const DECLINE =
  /不想评|不想打分|不要评|不用评|不必评|不评了|不评价|不打分|不想打|懒得评|懒得打分|不参与评|没空评|跳过|^(skip|pass)\b|no rating|rather not/;

/** True when the message declines to give a score. */
export function declinesRating(text: string): boolean {
  return DECLINE.test(text.normalize('NFKC'));
}

/** Star symbols: "★★★★★", "⭐⭐⭐⭐". */
const STAR = /[★⭐🌟✩☆]/gu;

/**
 * The score in a reply such as "5", "5分", "五星", "5/5", "★★★★★", "非常满意"; undefined where there
 * is none. Out of range ("6分", "0", "10分") is `out_of_range`: asked again, never guessed.
 */
export function parseScore(text: string): number | 'out_of_range' | undefined {
  const folded = text.normalize('NFKC');
  const stars = (folded.match(STAR) ?? []).filter((s) => s !== '☆' && s !== '✩').length;
  if (stars >= 1 && stars <= 5 && !/\d/.test(folded)) return stars;
  const outOf = /(?<!\d)(\d+)\s*(?:\/|out of|分之)\s*(5|五)\b/.exec(folded);
  if (outOf?.[1]) return inRange(Number(outOf[1]));
  const digit = folded.match(/(?:^|[^\d])([1-5])(?:\s*(?:分|星|颗星|points?|stars?))?(?:$|[^\d])/);
  if (digit?.[1] && !/\d{2,}/.test(folded)) return Number(digit[1]);
  const chinese = folded.match(/([一二两三四五])\s*(分|星|颗星)/);
  if (chinese?.[1]) return CHINESE_DIGITS[chinese[1]];
  for (const [pattern, score] of WORDS) if (pattern.test(folded)) return score;
  // A number and nothing else that names a score: 0, 6, 10, 100 are outside the scale.
  if (/^\D{0,3}\d+\s*(分|星|points?|stars?)?\D{0,3}$/.test(folded)) return 'out_of_range';
  return undefined;
}

function inRange(score: number): number | 'out_of_range' {
  return score >= 1 && score <= 5 ? score : 'out_of_range';
}

export async function startRating(text: CustomerText, deps: RatingDeps): Promise<FlowStep> {
  const score = parseScore(text.normalized);
  if (typeof score === 'number') return askComment(score, deps);
  if (score === undefined && declinesRating(text.normalized))
    return { intent: 'rating', replies: [REPLIES.ratingSkipped], state: null };
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
    if (typeof score === 'number') return askComment(score, deps, state.ticketId);
    // A number outside 1–5 is an attempt at a score: said politely, asked again, not a miss.
    if (score === 'out_of_range') return { intent: 'rating', replies: [REPLIES.ratingOutOfRange], state };
    // Declining is an answer: nothing stored, no second ask.
    if (declinesRating(text.normalized))
      return { intent: 'rating', replies: [REPLIES.ratingSkipped], state: null };
    if (state.misses >= 1) return NOT_FOR_ME;
    return {
      intent: 'rating',
      replies: [REPLIES.ratingInvalid],
      state: { ...state, misses: state.misses + 1 },
      unclear: true,
    };
  }
  const noComment =
    /^(没有|没|无|不用了?|no|none|nope|没了)[!！.。\s]*$/.test(text.normalized) ||
    isFlowCancel(text.normalized);
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
    rating: score,
  };
}
