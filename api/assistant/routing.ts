import type { Source } from '../../db/store.js';
import type { Knowledge } from '../../knowledge/index.js';
import type { KnowledgeDocumentMetadata } from '../../knowledge/retriever.js';
import { isAboutStreetLights, isForeignTopic } from '../../knowledge/scope.js';
import type { CustomerText } from './flows/rating.js';
import type { IntentClassifier } from './intent-classifier.js';
import { type DetectedIntent, detectActionIntent, mentionsDanger } from './intents.js';
import { REPLIES } from './replies.js';

/**
 * Calibrated on the development and held-out questions (see test/eval); the confidence blends
 * lexical coverage with the learned classifier's probability (knowledge/search.ts).
 */
export const DEFAULT_MIN_CONFIDENCE = 0.2;
/** Calibrated by cross-validation over the examples and on the tuning questions (see knowledge/classifier.ts). */
export const DEFAULT_INTENT_MIN_PROBABILITY = 0.4;
/** From this probability, `unknown` as the classifier's most probable label is an out-of-scope message. */
const UNKNOWN_MIN_PROBABILITY = 0.3;
/** Without a confident answer, the most probable action still wins from this probability (and over `unknown`). */
const FALLBACK_ACTION_MIN_PROBABILITY = 0.2;

export interface KnowledgeAnswer {
  text: string;
  source: Source;
  confidence: number;
}

/** What a new message is: an action to start, a knowledge answer, or out of scope. */
export type Decision =
  | { kind: 'action'; detected: DetectedIntent }
  | { kind: 'faq'; answer: KnowledgeAnswer }
  | { kind: 'unknown'; reply?: string };

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
    const [top] = await knowledge.retriever.invoke(text);
    if (!top) return undefined;
    return { text: top.pageContent, source: sourceOf(top.metadata), confidence: top.metadata.confidence };
  }

  return {
    async decide(message: CustomerText, mended: string): Promise<Decision> {
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
    },
  };
}

export type Router = ReturnType<typeof createRouter>;

function sourceOf(metadata: KnowledgeDocumentMetadata): Source {
  return { id: metadata.id, title: metadata.title };
}
