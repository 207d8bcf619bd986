import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judge, readQuestions } from './support/eval.js';
import { replyText, startTestServices, type TestServices, webUser } from './support/services.js';

const questions = readQuestions(new URL('./eval/dev-questions.jsonl', import.meta.url).pathname);

let service: TestServices;
beforeAll(async () => {
  service = await startTestServices();
});
afterAll(() => service.dispose());

describe('the development questions, asked over HTTP', () => {
  it('has questions to ask', () => {
    expect(questions.length).toBeGreaterThanOrEqual(20);
  });

  it.each(questions.map((q) => [q.id, q.q, q] as const))('%s: %s', async (_, text, question) => {
    const turn = await service.say(text, webUser());
    const verdict = judge(question, { intent: turn.intent, text: replyText(turn) });
    expect(verdict.why ?? 'ok', replyText(turn)).toBe('ok');
    if (question.kind === 'faq') expect(turn.sources.length).toBeGreaterThan(0);
  });
});
