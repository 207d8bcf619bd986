import type { Knowledge } from '../../knowledge/index.js';
import { isForeignTopic } from '../../knowledge/scope.js';
import { REPLIES } from '../assistant/replies.js';
import type { KnowledgeAnswer } from '../assistant/routing.js';

/**
 * A message the topic filter calls foreign ("燃气费在哪交") that an entry an operator added for that
 * topic answers: that entry's answer, when retrieval is sure enough. Undefined otherwise (the
 * message is routed as before and stays out of scope). Costs nothing while no entry claims a topic.
 */
export async function claimedTopicAnswer(
  knowledge: Knowledge,
  normalized: string,
  minConfidence: number,
): Promise<KnowledgeAnswer | undefined> {
  if (knowledge.claimedTopics.size === 0 || !isForeignTopic(normalized)) return undefined;
  const [top] = await knowledge.retriever.invoke(normalized);
  if (!top || !knowledge.claimedTopics.has(top.metadata.id) || top.metadata.confidence < minConfidence)
    return undefined;
  const { id, title, clause, confidence } = top.metadata;
  return { text: REPLIES.withClause(top.pageContent, clause), source: { id, title, clause }, confidence };
}
