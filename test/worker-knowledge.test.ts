import { beforeAll, describe, expect, it } from 'vitest';
import { type AnswerProbe, probeAnswer, probeUser, turnAnswer } from './support/answer-probe.js';
import {
  nodeParts,
  parityAssistant,
  type RuntimeParts,
  tuningQuestions,
  workerParts,
} from './support/runtime-parity.js';

/**
 * The Worker's knowledge (build-time data, pure TypeScript jieba) against the Node service's
 * (files, native @node-rs/jieba): every calibration question must get the same terms, ranking,
 * scores, answer texts and intent, and the same chat turn from an assistant built on each.
 */
const questions = tuningQuestions();
let node: RuntimeParts;
let worker: RuntimeParts;

beforeAll(async () => {
  [node, worker] = await Promise.all([nodeParts(), workerParts()]);
}, 60_000);

describe('the Workers knowledge construction', () => {
  it('is built from the same entries', () => {
    expect(questions.length).toBeGreaterThan(300);
    expect(worker.knowledge.base.entries).toEqual(node.knowledge.base.entries);
    expect(worker.tariff).toEqual(node.tariff);
  });

  it('segments, ranks, scores and classifies every calibration question as Node does', async () => {
    const differ: string[] = [];
    for (const q of questions) {
      const [expected, actual]: AnswerProbe[] = await Promise.all([
        probeAnswer(node, q),
        probeAnswer(worker, q),
      ]);
      try {
        expect(actual).toEqual(expected);
      } catch {
        differ.push(q);
      }
    }
    expect(differ).toEqual([]);
  });

  it('gives every calibration question the same chat turn', async () => {
    const onNode = parityAssistant(node);
    const onWorker = parityAssistant(worker);
    try {
      for (const [i, text] of questions.entries()) {
        const message = { channel: 'web' as const, userId: probeUser(i), text };
        const expected = turnAnswer(await onNode.assistant.handle(message));
        expect(turnAnswer(await onWorker.assistant.handle(message)), text).toEqual(expected);
      }
    } finally {
      onNode.close();
      onWorker.close();
    }
  });

  it('has the same working-day calendar', () => {
    for (const date of ['2025-09-30', '2026-01-30', '2026-09-30', '2027-02-05']) {
      expect(worker.calendar.addWorkdays(date, 7)).toEqual(node.calendar.addWorkdays(date, 7));
    }
  });
});
