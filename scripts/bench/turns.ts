import { existsSync } from 'node:fs';
import type { Services } from '../../bot/services.js';
import { judge, readQuestions } from '../../test/support/eval.js';
import { pct, percentile, round } from './stats.js';

const LATENCY_QUESTION_FILES = [
  'test/eval/dev-questions.jsonl',
  'test/eval/tuning-questions.jsonl',
  'bench/questions.jsonl',
];
const MEASURED_ROUNDS = 3;

export interface TurnLatency {
  questions: number;
  turns: number;
  p50: number;
  p99: number;
}

/** One text turn in-process (intent, flows, retrieval, one durable SQLite transaction): warm p50/p99. */
export async function turnLatency(services: Services): Promise<TurnLatency> {
  const questions = LATENCY_QUESTION_FILES.filter((f) => existsSync(f)).flatMap((f) =>
    readQuestions(f).map((q) => q.q),
  );
  const say = (text: string, i: number) =>
    services.assistant.handle({ channel: 'web', userId: `bench-user-${i % 50}-xxxxxxxx`, text });
  for (const [i, q] of questions.entries()) await say(q, i); // warm-up
  const samples: number[] = [];
  for (let r = 0; r < MEASURED_ROUNDS; r++) {
    for (const [i, q] of questions.entries()) {
      const started = performance.now();
      await say(q, i);
      samples.push(performance.now() - started);
    }
  }
  samples.sort((a, b) => a - b);
  return {
    questions: questions.length,
    turns: samples.length,
    p50: round(percentile(samples, 50)),
    p99: round(percentile(samples, 99)),
  };
}

export interface HeldOutQuality {
  questions: number;
  faqFactsPct: number;
  actionIntentPct: number;
  unknownPct: number;
  intentPct: number;
}

/** Answer quality on the held-out set through the whole turn (intent rules, flows, retrieval). */
export async function heldOutQuality(services: Services): Promise<HeldOutQuality> {
  const questions = readQuestions('bench/questions.jsonl');
  const tally = { faq: [0, 0], action: [0, 0], unknown: [0, 0] };
  for (const [i, question] of questions.entries()) {
    const turn = await services.assistant.handle({
      channel: 'web',
      userId: `quality-${i}-0123456789`,
      text: question.q,
    });
    const verdict = judge(question, {
      intent: turn.intent,
      text: turn.replies.map((r) => r.text).join('\n'),
    });
    const group =
      question.kind === 'faq' ? tally.faq : question.intent === 'unknown' ? tally.unknown : tally.action;
    group[0] = (group[0] ?? 0) + (verdict.ok ? 1 : 0);
    group[1] = (group[1] ?? 0) + 1;
  }
  const share = ([ok, all]: number[]) => pct(ok ?? 0, all ?? 0);
  return {
    questions: questions.length,
    faqFactsPct: share(tally.faq),
    actionIntentPct: share(tally.action),
    unknownPct: share(tally.unknown),
    intentPct: share([
      (tally.action[0] ?? 0) + (tally.unknown[0] ?? 0),
      (tally.action[1] ?? 0) + (tally.unknown[1] ?? 0),
    ]),
  };
}
