import type { KbStore, UnansweredReason, UnansweredRow } from '../../db/kb-store.js';
import type { Store } from '../../db/store.js';
import type { ConceptList } from '../../knowledge/concepts.js';
import type { RecordedTurn } from '../assistant/assistant.js';
import { addExampleToDraft } from './entries.js';
import { draftView } from './versions.js';

/** Below this confidence a knowledge answer is "low-confidence" and its question goes to the review queue. */
export const LOW_CONFIDENCE = 0.35;
/** Ratings up to this score are low. */
export const LOW_RATING = 2;
/** The longest question kept (a pasted essay is cut). */
const MAX_STORED = 300;

/**
 * Digits of phone numbers, account numbers and the like masked: every run of five or more digits
 * (spaces and dashes inside allowed, full-width digits too) becomes asterisks. Short numbers ("3个
 * 工作日", "10千伏") are the question and stay.
 */
export function maskDigits(text: string): string {
  return text.replace(/[0-9０-９](?:[\s-]*[0-9０-９]){4,}/g, (run) => run.replace(/[0-9０-９]/g, '*'));
}

/**
 * Near-duplicates share a key: the normalised text without digits, spaces, punctuation and
 * symbols ("燃气费在哪交？" and "燃气费 在哪交" and "燃气费在哪交!!").
 */
export function questionKey(normalized: string): string {
  return normalized.replace(/[\d\s\p{P}\p{S}]/gu, '').slice(0, 200);
}

/** What a turn tells the review queue. */
export type ReviewedTurn = Pick<RecordedTurn, 'intent' | 'confidence' | 'askedForPerson' | 'rating'>;

/**
 * Why a turn belongs in the review queue, if it does, and whose question is kept: the turn's own,
 * the one just before (a request for a person right after an answer), or the last knowledge
 * question before a low rating (pure).
 */
export function reviewReason(
  turn: ReviewedTurn,
): { reason: UnansweredReason; question: 'this' | 'previous' | 'last_answered' } | undefined {
  if (turn.intent === 'unknown') return { reason: 'unknown', question: 'this' };
  if (turn.intent === 'faq' && turn.confidence !== undefined && turn.confidence < LOW_CONFIDENCE)
    return { reason: 'low_confidence', question: 'this' };
  if (turn.askedForPerson) return { reason: 'handoff_after_answer', question: 'previous' };
  if (turn.rating !== undefined && turn.rating <= LOW_RATING)
    return { reason: 'low_rating', question: 'last_answered' };
  return undefined;
}

/** Records a customer's question in the review queue: one upsert, nothing personal kept. */
export async function recordQuestion(
  kb: KbStore,
  question: { raw: string; normalized: string; reason: UnansweredReason; at: Date },
): Promise<void> {
  const key = questionKey(question.normalized);
  if (!key) return;
  await kb.recordUnanswered({
    key,
    text: maskDigits(question.raw).slice(0, MAX_STORED),
    reason: question.reason,
    at: question.at,
  });
}

export function unansweredView(row: UnansweredRow) {
  return {
    id: row.id,
    text: row.text,
    count: row.count,
    lastAt: row.lastAt.toISOString(),
    reason: row.reason,
  };
}

/**
 * Resolves a review-queue question: added as an example of an entry of the draft, or kept as an
 * out-of-scope example of the draft. Both take effect at the next publish.
 */
export async function resolveQuestion(
  kb: KbStore,
  row: UnansweredRow,
  input: { entryId: string } | { outOfScope: true },
  context: { by: string; now: Date; shippedConcepts: ConceptList },
): Promise<{ entryId: string } | { outOfScope: true } | 'no_such_entry'> {
  if ('entryId' in input) {
    const view = await draftView(kb, context.shippedConcepts);
    const entry = view.entries.find((e) => e.entry.id === input.entryId && e.status !== 'removed');
    if (!entry) return 'no_such_entry';
    await addExampleToDraft(kb, entry, row.text, context.by, context.now);
    await kb.resolveUnanswered(row.id, entry.entry.id, context.now, context.by);
    return { entryId: entry.entry.id };
  }
  await kb.addDraftOutOfScope(row.text, context.now, context.by);
  await kb.resolveUnanswered(row.id, null, context.now, context.by);
  return { outOfScope: true };
}

/** How far back the question before a request for a person is looked for (messages of the conversation). */
const PREVIOUS_LOOKBACK = 12;

/**
 * The review queue's hook on recorded turns (api/assistant/assistant.ts `onTurnRecorded`): at most
 * one upsert per turn, and for a request for a person one indexed read of the conversation's last
 * messages (the question answered just before).
 */
export function createReviewRecorder(deps: {
  kb: KbStore;
  store: Pick<Store, 'latestMessages'>;
  normalize: (text: string) => Promise<string>;
}) {
  return async function recordTurn(turn: RecordedTurn): Promise<void> {
    const review = reviewReason(turn);
    if (!review) return;
    if (review.question === 'this') {
      await recordQuestion(deps.kb, {
        raw: turn.raw,
        normalized: turn.normalized,
        reason: review.reason,
        at: turn.at,
      });
      return;
    }
    const recent = await deps.store.latestMessages(turn.conversationId, PREVIOUS_LOOKBACK);
    // The newest customer message is this turn's.
    const before = recent.filter((m) => m.role === 'customer').slice(1);
    // Right after an answer: the message just before must have been one; a low rating: the last one.
    const asked = review.question === 'previous' ? before.slice(0, 1) : before;
    const question = asked.find((m) => m.intent === 'faq');
    if (!question) return;
    await recordQuestion(deps.kb, {
      raw: question.text,
      normalized: await deps.normalize(question.text),
      reason: review.reason,
      at: turn.at,
    });
  };
}
