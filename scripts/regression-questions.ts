import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where the knowledge questions of the project's evaluation sets are kept for the runtime's preview. */
export const REGRESSION_QUESTIONS_PATH = 'knowledge/regression-questions.json';
const EVAL_DIR = 'test/eval';

/**
 * The knowledge questions (`kind: faq`) of test/eval/*.jsonl, unique, in file and line order. The
 * held-out benchmark set (bench/questions.jsonl) is never among them.
 */
export function regressionQuestions(root = process.cwd()): string[] {
  const seen = new Set<string>();
  for (const question of evalLines(root)) if (question.kind === 'faq' && question.q) seen.add(question.q);
  return [...seen];
}

/** A line of an evaluation set. */
export interface EvalLine {
  kind?: string;
  q?: string;
  expect?: string[][];
  /** An intent line's expected intent. */
  intent?: string;
}

/** Every line of test/eval/*.jsonl, in file and line order. */
export function* evalLines(root = process.cwd()): Generator<EvalLine> {
  for (const name of readdirSync(join(root, EVAL_DIR))
    .filter((n) => n.endsWith('.jsonl'))
    .sort()) {
    for (const line of readFileSync(join(root, EVAL_DIR, name), 'utf8').split('\n'))
      if (line.trim()) yield JSON.parse(line) as EvalLine;
  }
}

/** The file's text: a JSON array, one question a line (reviewable diffs). */
export function regressionQuestionsText(questions: readonly string[]): string {
  return `[\n${questions.map((q) => `  ${JSON.stringify(q)}`).join(',\n')}\n]\n`;
}
