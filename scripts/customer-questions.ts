import { splitParts } from '../api/assistant/reading.js';
import { REPLIES } from '../api/assistant/replies.js';
import type { CustomerQuestion } from '../knowledge/customer-questions.js';
import { createKnowledge } from '../knowledge/index.js';
import { loadKnowledgeBase } from '../knowledge/load.js';
import { evalLines } from './regression-questions.js';

/** The lines an answer may end with, whatever its entry: the offers and how to complain. */
const CLOSING_LINES = [
  REPLIES.ifBroken,
  REPLIES.overdue,
  REPLIES.overdueConnection,
  ...Object.values(REPLIES.offers),
].join('\n');

/** Where the labelled customer questions are kept for the runtime's classifier. */
export const CUSTOMER_QUESTIONS_PATH = 'knowledge/customer-questions.json';

/**
 * The knowledge questions of test/eval/*.jsonl, each labelled with the entry whose title and answer
 * hold every fact its writer expected (one alternative of each group), leaving out the facts any
 * answer may close with (the hotline, how to complain) where others are expected too. Where several entries hold
 * them ("95598" is in many answers), the one the search ranks first among them, the search trained
 * on the entries' own examples only (no earlier labels feed the next). A question no entry answers,
 * and a message of several questions, are left out. The held-out benchmark set (bench/questions.jsonl) is never read.
 */
export async function labelledCustomerQuestions(root = process.cwd()): Promise<CustomerQuestion[]> {
  const base = loadKnowledgeBase();
  const knowledge = await createKnowledge(base, { customerQuestions: [] });
  const answers = base.entries.map((entry) => ({
    id: entry.id,
    text: `${entry.title}\n${base.answer(entry)}`,
  }));
  const labelled: CustomerQuestion[] = [];
  const seen = new Set<string>();
  for (const { kind, q, expect } of evalLines(root)) {
    if (kind !== 'faq' || !q || !expect?.length || seen.has(q)) continue;
    seen.add(q);
    // A message of several questions is no example of one entry.
    if (splitParts(knowledge.normalize(q)).length > 1) continue;
    // Facts any answer may carry in its closing line (95598, how to complain) tell no entry apart,
    // unless they are all the question asks ("客服电话是多少": 95598).
    const others = expect.filter((group) => !group.some((fact) => CLOSING_LINES.includes(fact)));
    const telling = others.length > 0 ? others : expect;
    const holding = new Set(
      answers
        .filter(({ text }) => telling.every((group) => group.some((fact) => text.includes(fact))))
        .map(({ id }) => id),
    );
    const entry =
      holding.size === 1
        ? [...holding][0]
        : (await knowledge.search.search(q, base.entries.length)).find((hit) => holding.has(hit.entry.id))
            ?.entry.id;
    if (entry) labelled.push({ entry, q });
  }
  return labelled;
}

/** The file's text: a JSON array, one question a line (reviewable diffs). */
export function customerQuestionsText(questions: readonly CustomerQuestion[]): string {
  return `[\n${questions.map((q) => `  ${JSON.stringify(q)}`).join(',\n')}\n]\n`;
}
