import type { ActionQuestion } from '../api/assistant/action-questions.js';
import { detectActionIntent } from '../api/assistant/intents.js';
import { OFFERED } from '../api/assistant/routing.js';
import { createKnowledge } from '../knowledge/index.js';
import { loadKnowledgeBase } from '../knowledge/load.js';
import { evalLines } from './regression-questions.js';

/** Where the labelled action questions are kept for the runtime's intent classifier. */
export const ACTION_QUESTIONS_PATH = 'api/assistant/action-questions.json';

/**
 * The messages of test/eval/*.jsonl in which the rules read an action the assistant offers (not a
 * danger, a look-up of a case or an estimate, which act whatever is asked), labelled `about` where
 * the writer expected a knowledge answer (a knowledge question, or an intent line of `faq`) and
 * `for` where they expected that very action. A message expected to be another action is left out.
 * The held-out benchmark set (bench/questions.jsonl) is never read.
 */
export async function labelledActionQuestions(root = process.cwd()): Promise<ActionQuestion[]> {
  const knowledge = await createKnowledge(loadKnowledgeBase(), { customerQuestions: [] });
  const labelled: ActionQuestion[] = [];
  const seen = new Set<string>();
  for (const { kind, q, intent } of evalLines(root)) {
    if (!q || seen.has(q)) continue;
    seen.add(q);
    const detected = detectActionIntent(knowledge.segmenter.mend(knowledge.normalize(q)));
    if (!detected || !OFFERED.has(detected.intent)) continue;
    if (detected.danger || detected.lookup || detected.estimate) continue;
    if (kind === 'faq' || intent === 'faq') labelled.push({ asks: 'about', q });
    else if (intent === detected.intent) labelled.push({ asks: 'for', q });
  }
  return labelled;
}

/** The file's text: a JSON array, one question a line (reviewable diffs). */
export function actionQuestionsText(questions: readonly ActionQuestion[]): string {
  return `[\n${questions.map((q) => `  ${JSON.stringify(q)}`).join(',\n')}\n]\n`;
}
