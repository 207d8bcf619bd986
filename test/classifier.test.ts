import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadActionQuestions } from '../api/assistant/action-questions.js';
import { createIntentClassifier, loadIntentExamples } from '../api/assistant/intent-classifier.js';
import { createFeaturizer, type LabelledText, trainClassifier } from '../knowledge/classifier.js';
import { type Knowledge, UNKNOWN_LABEL } from '../knowledge/index.js';
import { readQuestions } from './support/eval.js';
import { lexicalKnowledge } from './support/services.js';

const EVAL_DIR = fileURLToPath(new URL('./eval/', import.meta.url));

const EXAMPLES: LabelledText[] = [
  ...['电费怎么交', '在哪里缴电费', '交电费有什么方式', 'how can I pay my bill', '可以用微信交电费吗'].map(
    (text) => ({ label: 'pay', text }),
  ),
  ...[
    '电表校验要几天',
    '电表不准多久出结果',
    '验表要多长时间',
    'how long is a meter test',
    '校表结果几天出',
  ].map((text) => ({ label: 'meter', text })),
  ...[
    '投诉多久回复',
    '投诉以后几天联系我',
    '投诉的处理时限',
    'complaint reply time',
    '投诉了什么时候答复',
  ].map((text) => ({ label: 'complaint', text })),
];
/** Characters and words only: no segmenter needed for the small cases. */
const featurize = createFeaturizer((text) => text.split(/\s+/).filter(Boolean));

describe('the learned text classifier', () => {
  const model = trainClassifier(EXAMPLES, featurize);

  it('learns the labels of its examples, in first-seen order', () => {
    expect(model.labels).toEqual(['pay', 'meter', 'complaint']);
    for (const { label, text } of EXAMPLES) expect(model.predict(text, 1)[0]?.label, text).toBe(label);
  });

  it('generalises to a wording it has not seen', () => {
    expect(model.predict('电表校验结果多久能出来', 1)[0]?.label).toBe('meter');
    expect(model.predict('交电费的渠道', 1)[0]?.label).toBe('pay');
  });

  it('gives probabilities that sum to 1, falling in predict order', () => {
    const p = model.probabilities('投诉以后多久回复');
    expect(p.reduce((sum, x) => sum + x, 0)).toBeCloseTo(1, 10);
    const ranked = model.predict('投诉以后多久回复');
    expect(ranked.map((r) => r.probability)).toEqual(
      [...ranked.map((r) => r.probability)].sort((a, b) => b - a),
    );
  });

  it('is deterministic: the same examples give the same model', () => {
    const again = trainClassifier(EXAMPLES, featurize);
    for (const text of ['电费怎么交', '随便说点什么', 'meter test']) {
      expect([...again.probabilities(text)]).toEqual([...model.probabilities(text)]);
    }
  });

  it('is unsure about text unlike anything it learned', () => {
    for (const text of ['股票', 'xyz qwerty', '🙂']) {
      expect(Math.max(...model.probabilities(text)), text).toBeLessThan(0.5);
    }
  });
});

describe('the classifiers trained from the knowledge base and the intent examples', () => {
  let knowledge: Knowledge;
  beforeAll(async () => {
    knowledge = await lexicalKnowledge();
  });
  const top = (text: string) => knowledge.classifier.predict(knowledge.normalize(text), 1)[0];

  it('names the entry of a question worded unlike its examples', () => {
    expect(top('装修队必须用供电所介绍的吗')?.label).toBe('free-choice-of-contractor');
    expect(top('驗錶要等幾多日先有報告')?.label).toBe('meter-test');
    expect(top('where do I send a complaint letter')?.label).toBe('how-to-complain');
  });

  it('moves few other questions when one example is added: its order does not reshuffle the rest', () => {
    const questions = readdirSync(EVAL_DIR)
      .filter((name) => name.endsWith('.jsonl'))
      .flatMap((name) => readQuestions(join(EVAL_DIR, name)))
      .filter((question) => question.kind === 'faq')
      .map((question) => knowledge.normalize(question.q));
    // The same examples with and without one more (the search's own classifier also learns the
    // labelled customer questions).
    const without = knowledge.classifierWith([]);
    const added = knowledge.classifierWith([
      { label: 'payment-methods', text: knowledge.normalize('交电费是不是只能去营业厅') },
    ]);
    const moved = questions.filter(
      (text) => added.predict(text, 1)[0]?.label !== without.predict(text, 1)[0]?.label,
    );
    // A shuffle of the examples' positions moved about 35 of these 4,900 questions.
    expect(moved.length).toBeLessThanOrEqual(questions.length / 500);
  });

  it('gives out-of-scope messages to `unknown`, not to an entry', () => {
    for (const text of ['今晚英超谁会赢', '帮我订个酒店', 'what is the best pizza in town']) {
      expect(top(text)?.label, text).toBe(UNKNOWN_LABEL);
    }
  });

  it('adds its probability to the ranking and the confidence of the search', async () => {
    const [hit] = await knowledge.search.search('電費可以用支付寶付嗎');
    expect(hit?.entry.id).toBe('payment-methods');
    expect(hit?.probability).toBeGreaterThan(0.5);
    expect(hit?.confidence).toBeGreaterThan(0.5);
  });

  it('tells action requests from questions and from messages that are not ours', () => {
    const model = createIntentClassifier(loadIntentExamples(), knowledge.normalize).forKnowledge(knowledge);
    const label = (text: string) => model.classify(knowledge.normalize(text)).label;
    expect(label('麻烦看看我上个月用了几度电')).toBe('bill');
    expect(label('家里一点电都没有了，快派人')).toBe('repair');
    expect(label('装表以后几天能通电')).toBe('faq');
    expect(label('帮我订一张电影票')).toBe('unknown');
  });

  it('weighs an action against the knowledge base as a whole, not against each entry', () => {
    const model = createIntentClassifier(loadIntentExamples(), knowledge.normalize).forKnowledge(knowledge);
    const text = knowledge.normalize('电线掉在马路上冒火花，我应该离多远');
    const guess = model.classify(text);
    // The faq mass is the sum over the entries and the faq hard negatives: with the actions and
    // `unknown` it makes at most the whole.
    if (guess.label === 'faq') expect(guess.faqProbability).toBeGreaterThanOrEqual(guess.probability);
    expect(guess.faqProbability + guess.actionProbability + guess.unknownProbability).toBeLessThanOrEqual(
      1 + 1e-9,
    );
    // A safety question: however likely "repair" is as one label, the knowledge base outweighs it.
    expect(guess.faqProbability).toBeGreaterThan(guess.actionProbability);
    // A report is still an action.
    const report = model.classify(knowledge.normalize('家里一点电都没有了，快派人'));
    expect(report.actionProbability).toBeGreaterThan(report.faqProbability);
  });

  it('tells a question about an action from a request for it, where the rules read the action', () => {
    const model = createIntentClassifier(
      loadIntentExamples(),
      knowledge.normalize,
      knowledge.segmenter,
      loadActionQuestions(),
    ).forKnowledge(knowledge);
    const about = (text: string) => model.asksAbout(knowledge.normalize(text));
    // Wordings of no set: whether it is allowed, whether someone answers at night; and requests.
    expect(about('欠费停电后钱马上交了 可过了两天还是没电 你们允许这样拖吗')).toBeGreaterThan(0.9);
    expect(about('晚上十一点家里突然没电了 这种时候打给谁 有人接吗')).toBeGreaterThan(0.5);
    expect(about('屋里黑了 赶紧派个师傅过来修一下')).toBeLessThan(0.1);
    expect(about('我要投诉你们营业厅的员工 给我登记')).toBeLessThan(0.1);
    // Without examples it reads nothing.
    expect(
      createIntentClassifier(loadIntentExamples(), knowledge.normalize)
        .forKnowledge(knowledge)
        .asksAbout('x'),
    ).toBe(0);
  });

  it('trains the intent model once per knowledge', () => {
    const classifier = createIntentClassifier(loadIntentExamples(), knowledge.normalize);
    expect(classifier.forKnowledge(knowledge)).toBe(classifier.forKnowledge(knowledge));
    const other = createIntentClassifier(loadIntentExamples(), knowledge.normalize);
    // Same examples, same knowledge: the trained weights are shared, not learned again.
    expect(knowledge.classifierWith(other.examples)).toBe(knowledge.classifierWith(classifier.examples));
  });
});
