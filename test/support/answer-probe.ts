import { createAssistant } from '../../api/assistant/assistant.js';
import type { IntentClassifier } from '../../api/assistant/intent-classifier.js';
import type { WorkdayCalendar } from '../../api/standard/calendar.js';
import type { Stores } from '../../db/stores.js';
import type { Knowledge } from '../../knowledge/index.js';
import type { Tariff } from '../../knowledge/tariff.js';

/**
 * What the knowledge makes of one question, at every step an answer depends on: the normalised
 * text, the segmented terms, the ranked entries with their scores, the answer text (for the
 * customer class named) and the intent classifier's guess. No Node APIs: the same function runs on
 * Node and inside workerd, and the two runtimes must agree exactly, numbers included.
 */
export interface AnswerProbe {
  q: string;
  normalized: string;
  mended: string;
  terms: string[];
  hits: { id: string; score: number; confidence: number; answer: string }[];
  intent: { label: string; probability: number; action: string; actionProbability: number };
}

export async function probeAnswer(
  parts: { knowledge: Knowledge; intentClassifier: IntentClassifier },
  q: string,
): Promise<AnswerProbe> {
  const { knowledge } = parts;
  const normalized = knowledge.normalize(q);
  const documents = await knowledge.retriever.invoke(q);
  const guess = parts.intentClassifier.forKnowledge(knowledge).classify(normalized);
  return {
    q,
    normalized,
    mended: knowledge.segmenter.mend(normalized),
    terms: knowledge.segmenter.terms(normalized),
    hits: documents.map((d) => ({
      id: d.metadata.id,
      score: d.metadata.score,
      confidence: d.metadata.confidence,
      answer: d.pageContent,
    })),
    intent: {
      label: guess.label,
      probability: guess.probability,
      action: guess.action,
      actionProbability: guess.actionProbability,
    },
  };
}

/** A chat turn's reply without its conversation id (random per database). */
export interface TurnAnswer {
  intent: string;
  replies: { text: string }[];
  handoff: boolean;
  sources: { id: string; title: string }[];
}

export function turnAnswer(turn: TurnAnswer): TurnAnswer {
  return { intent: turn.intent, replies: turn.replies, handoff: turn.handoff, sources: turn.sources };
}

/** A fixed web user per question (≥ 16 characters), so each question starts its own conversation. */
export function probeUser(index: number): string {
  return `parity-user-${String(index).padStart(6, '0')}`;
}

/** The moment every parity turn is asked at (a Thursday morning in Beijing). */
export const PARITY_NOW = new Date('2026-11-26T03:00:00Z');

/**
 * An assistant on these parts and stores (a fresh database), always staffed, at a fixed time and
 * with numbered ids: two of them, on either runtime and either driver, must answer turn for turn alike.
 */
export function parityAssistantOn(
  parts: {
    knowledge: Knowledge;
    intentClassifier: IntentClassifier;
    tariff: Tariff;
    calendar: WorkdayCalendar;
  },
  stores: Pick<Stores, 'store' | 'accounts' | 'tickets'>,
) {
  let n = 0;
  return createAssistant({
    ...stores,
    knowledge: parts.knowledge,
    intentClassifier: parts.intentClassifier,
    tariff: parts.tariff,
    calendar: parts.calendar,
    clock: () => PARITY_NOW,
    newId: () => `id-${String(++n).padStart(8, '0')}`,
    staffedHours: { always: true },
  });
}
