import { describe, expect, it } from 'vitest';
import { createLiveVersion } from '../api/kb/live.js';
import { maskDigits, questionKey, reviewReason } from '../api/kb/unanswered.js';
import { createFeaturizer, trainClassifier, trainClassifierInSlices } from '../knowledge/classifier.js';
import { runInSlices, runNow } from '../knowledge/slices.js';

describe('work in slices', () => {
  it('pauses between slices and gives what running at once gives', async () => {
    function* count(): Generator<void, number> {
      let n = 0;
      for (let i = 0; i < 2000; i++) {
        const until = performance.now() + 0.01;
        while (performance.now() < until) n++;
        yield;
      }
      return n > 0 ? 2000 : 0;
    }
    let pauses = 0;
    const sliced = await runInSlices(
      count(),
      async () => {
        pauses++;
      },
      1,
    );
    expect(sliced).toBe(runNow(count()));
    expect(pauses).toBeGreaterThan(5);
  });

  it('trains the same classifier in slices as at once', async () => {
    const examples = [
      { label: 'a', text: '电费怎么交' },
      { label: 'a', text: '在哪里交电费' },
      { label: 'b', text: '投诉多久回复' },
      { label: 'b', text: '投诉以后多久联系我' },
    ];
    const featurize = createFeaturizer((text) => [...text]);
    const sliced = await trainClassifierInSlices(examples, featurize, {}, () => Promise.resolve());
    const once = trainClassifier(examples, featurize);
    expect([...sliced.probabilities('交电费')]).toEqual([...once.probabilities('交电费')]);
  });
});

describe('the live version', () => {
  const source = (latest: { number: number; hash: string }, builds: number[]) => ({
    latest: async () => latest,
    build: async (number: number) => {
      builds.push(number);
      return `v${number}`;
    },
  });

  it('uses the shipped parts for the shipped hash, builds others once, and never goes back to an older version', async () => {
    const builds: number[] = [];
    const live = createLiveVersion({
      shipped: async () => 'shipped',
      shippedHash: async () => 'h1',
      checkEachUse: false,
    });
    expect((await live.current(source({ number: 1, hash: 'h1' }, builds))).value).toBe('shipped');
    // Node: no database read after the first use until a refresh.
    expect((await live.current(source({ number: 2, hash: 'h2' }, builds))).value).toBe('shipped');
    const [a, b] = await Promise.all([
      live.refresh(source({ number: 2, hash: 'h2' }, builds)),
      live.refresh(source({ number: 2, hash: 'h2' }, builds)),
    ]);
    expect([a.value, b.value]).toEqual(['v2', 'v2']);
    expect(builds).toEqual([2]);
    // A rollback to version 1's content is version 3 with the shipped hash: no build.
    expect((await live.refresh(source({ number: 3, hash: 'h1' }, builds))).value).toBe('shipped');
    expect(builds).toEqual([2]);
    // An older version read late never replaces the newer one.
    expect((await live.refresh(source({ number: 2, hash: 'h2' }, builds))).number).toBe(3);
  });

  it('reads the version on every use where another isolate may publish', async () => {
    const builds: number[] = [];
    const live = createLiveVersion({
      shipped: async () => 'shipped',
      shippedHash: async () => 'h1',
      checkEachUse: true,
    });
    expect((await live.current(source({ number: 1, hash: 'h1' }, builds))).value).toBe('shipped');
    expect((await live.current(source({ number: 2, hash: 'h2' }, builds))).value).toBe('v2');
  });
});

describe('the review queue, pure parts', () => {
  it('masks runs of five or more digits, spaces and dashes inside, full-width too', () => {
    expect(maskDigits('户号1000000001，电话138-1234-5678')).toBe('户号**********，电话***-****-****');
    expect(maskDigits('手机１３８１２３４５６７８')).toBe('手机***********');
    expect(maskDigits('3个工作日，10千伏，2026年')).toBe('3个工作日，10千伏，2026年');
  });

  it('groups near-duplicates by the text without digits, spaces and punctuation', () => {
    expect(questionKey('燃气费在哪交？13812345678')).toBe(questionKey('燃气费 在哪交!!'));
    expect(questionKey('燃气费在哪交')).not.toBe(questionKey('水费在哪交'));
  });

  it('keeps unknown turns, low-confidence answers, the question before a request for a person or a low rating', () => {
    const reason = (turn: Parameters<typeof reviewReason>[0]) => reviewReason(turn)?.reason;
    expect(reason({ intent: 'unknown', askedForPerson: false })).toBe('unknown');
    expect(reason({ intent: 'faq', confidence: 0.25, askedForPerson: false })).toBe('low_confidence');
    expect(reason({ intent: 'faq', confidence: 0.8, askedForPerson: false })).toBeUndefined();
    expect(reviewReason({ intent: 'handoff', askedForPerson: true })).toEqual({
      reason: 'handoff_after_answer',
      question: 'previous',
    });
    expect(reviewReason({ intent: 'rating', askedForPerson: false, rating: 2 })).toEqual({
      reason: 'low_rating',
      question: 'last_answered',
    });
    expect(reason({ intent: 'rating', askedForPerson: false, rating: 4 })).toBeUndefined();
    expect(reason({ intent: 'bill', askedForPerson: false })).toBeUndefined();
  });
});
