import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * A message of the project's evaluation sets in which the rules read an action (a complaint, a
 * repair, a meter check, a bill, an application), labelled with what its writer meant: a question
 * `about` the action ("投诉了多久有人联系我", "半夜能报修吗") or a request `for` it ("我要投诉",
 * "帮我报修"). Built into api/assistant/action-questions.json by `npm run build:regression`
 * (scripts/action-questions.ts); they teach the intent classifier to tell the two apart where no
 * rule of intents.ts does.
 */
export interface ActionQuestion {
  asks: 'about' | 'for';
  q: string;
}

/** Checks the parsed file (a bundle carries it parsed at build time). */
export function actionQuestionsFrom(document: unknown): ActionQuestion[] {
  return z.array(z.object({ asks: z.enum(['about', 'for']), q: z.string().min(1) })).parse(document);
}

/** Reads api/assistant/action-questions.json (Node only). */
export function loadActionQuestions(
  path = new URL('./action-questions.json', import.meta.url),
): ActionQuestion[] {
  return actionQuestionsFrom(JSON.parse(readFileSync(path, 'utf8')));
}
