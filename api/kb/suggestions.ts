import type { Knowledge } from '../../knowledge/index.js';
import { DEFAULT_MIN_CONFIDENCE } from '../assistant/routing.js';

/** A knowledge entry offered to an agent for a customer's message. */
export interface Suggestion {
  id: string;
  title: string;
  /** The clause of the standard, as the entry cites it. */
  clause: string;
  /** The customer-facing answer the assistant would give (for the class the message names). */
  answer: string;
  /** How sure retrieval is, 0..1 (the same measure the assistant answers on). */
  confidence: number;
}

/** How many entries an agent is offered. */
export const SUGGESTIONS = 3;
/**
 * The least confidence the console's suggestions need: half of what the assistant answers on by
 * itself, since an agent reads it before it goes out; below it, matches are mostly a shared word.
 */
export const SUGGESTION_MIN_CONFIDENCE = DEFAULT_MIN_CONFIDENCE / 2;

/**
 * The top entries for a customer's message, from the assistant's own retriever over the knowledge
 * given (the caller asks for the version in use per request), those under `minConfidence` left out.
 * The console (beside a conversation) and `GET /v1/kb/suggest` both ask here.
 */
export async function suggestionsFor(
  knowledge: Knowledge,
  text: string | undefined,
  minConfidence = 0,
): Promise<Suggestion[]> {
  if (!text?.trim()) return [];
  const documents = await knowledge.retriever.invoke(text);
  return documents
    .filter((d) => d.metadata.confidence >= minConfidence)
    .slice(0, SUGGESTIONS)
    .map((d) => ({
      id: d.metadata.id,
      title: d.metadata.title,
      clause: d.metadata.clause,
      answer: d.pageContent,
      confidence: d.metadata.confidence,
    }));
}
