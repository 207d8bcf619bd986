import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * A question a customer wrote, labelled with the knowledge entry whose answer has what the writer
 * expected. They come from the project's evaluation sets (test/eval), each written by someone who
 * had not read the knowledge base, and are built into knowledge/customer-questions.json by
 * `npm run build:regression` (scripts/customer-questions.ts). They teach the search's classifier
 * how customers word a question, beside the entries' own curated examples.
 */
export interface CustomerQuestion {
  entry: string;
  q: string;
}

/** Checks the parsed file (a bundle carries it parsed at build time). */
export function customerQuestionsFrom(document: unknown): CustomerQuestion[] {
  return z.array(z.object({ entry: z.string().min(1), q: z.string().min(1) })).parse(document);
}

/** Reads knowledge/customer-questions.json (Node only). */
export function loadCustomerQuestions(
  path = new URL('./customer-questions.json', import.meta.url),
): CustomerQuestion[] {
  return customerQuestionsFrom(JSON.parse(readFileSync(path, 'utf8')));
}
