import { readFileSync } from 'node:fs';

/** One evaluation question: a knowledge question with the facts its answer needs, or an intent. */
export interface EvalQuestion {
  id: string;
  kind: 'faq' | 'intent';
  q: string;
  /** The knowledge entry that answers it (held-out sets). */
  entry?: string;
  /** Groups of alternatives: the answer contains one string of every group. */
  expect?: string[][];
  forbid?: string[];
  intent?: string;
}

export function readQuestions(path: string): EvalQuestion[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as EvalQuestion);
}

export interface Judged {
  question: EvalQuestion;
  ok: boolean;
  why?: string;
}

/** Judges one answer the way the acceptance checks do: right intent, every expected fact, no forbidden one. */
export function judge(question: EvalQuestion, answer: { intent: string; text: string }): Judged {
  if (question.kind === 'intent') {
    const ok = answer.intent === question.intent;
    return { question, ok, why: ok ? undefined : `intent ${answer.intent}, expected ${question.intent}` };
  }
  if (answer.intent !== 'faq') return { question, ok: false, why: `intent ${answer.intent}, expected faq` };
  const missing = (question.expect ?? []).filter(
    (group) => !group.some((fact) => answer.text.includes(fact)),
  );
  if (missing.length)
    return { question, ok: false, why: `missing ${missing.map((g) => g.join('|')).join(', ')}` };
  const forbidden = (question.forbid ?? []).filter((fact) => answer.text.includes(fact));
  if (forbidden.length) return { question, ok: false, why: `contains ${forbidden.join(', ')}` };
  return { question, ok: true };
}
