import { citationForPeople } from '../../knowledge/citation.js';
import type { Knowledge } from '../../knowledge/index.js';
import { DEFAULT_MIN_CONFIDENCE } from '../assistant/routing.js';

/** A knowledge entry offered to the agent for the customer's last message. */
export interface Suggestion {
  id: string;
  title: string;
  /** The clause of the standard, as a customer reads it. */
  clause: string;
  /** The customer-facing answer the assistant would give (for the class the message names). */
  answer: string;
  /** How sure retrieval is, 0..1 (the same measure the assistant answers on). */
  confidence: number;
}

/** How many entries the conversation page offers. */
export const SUGGESTIONS = 3;
/**
 * The least confidence a suggestion needs: half of what the assistant answers on by itself, since
 * an agent reads it before it goes out; below it, matches are mostly a shared word or two.
 */
export const SUGGESTION_MIN_CONFIDENCE = DEFAULT_MIN_CONFIDENCE / 2;

/**
 * The top entries for a customer's message, from the assistant's own retriever over the knowledge
 * answering now (the caller asks for it per request), those under SUGGESTION_MIN_CONFIDENCE left
 * out: an empty list means the knowledge base has nothing close.
 */
export async function suggestionsFor(knowledge: Knowledge, text: string | undefined): Promise<Suggestion[]> {
  if (!text?.trim()) return [];
  const documents = await knowledge.retriever.invoke(text);
  return documents
    .filter((d) => d.metadata.confidence >= SUGGESTION_MIN_CONFIDENCE)
    .slice(0, SUGGESTIONS)
    .map((d) => ({
      id: d.metadata.id,
      title: d.metadata.title,
      clause: citationForPeople(d.metadata.clause),
      answer: d.pageContent,
      confidence: d.metadata.confidence,
    }));
}
