import { beforeAll, describe, expect, it } from 'vitest';
import { createBm25Index } from './bm25.js';
import { detectCustomerClass } from './customer-class.js';
import { createKnowledge, type Knowledge } from './index.js';
import { EXAMPLE_NOTE, parseKnowledgeBase } from './knowledge-base.js';
import { loadKnowledgeBase, readKnowledgeSource } from './load.js';
import { createNormalizer } from './normalize.js';
import { reciprocalRankFusion } from './search.js';

describe('normalisation', () => {
  const normalize = createNormalizer();
  it.each([
    ['traditional (Taiwan) to simplified', '供電方案答覆期限', '供电方案答复期限'],
    ['traditional (Hong Kong) variants', '裏面綫路', '里面线路'],
    ['full-width letters, digits and punctuation', 'ＡＢＣ１２３？', 'abc123?'],
    ['upper case', 'Pay My BILL', 'pay my bill'],
    ['runs of spacing and ideographic spaces', '  电费\u3000\t 多少 ', '电费 多少'],
    ['control and zero-width characters', '电\u0000费\u200b\u202e多少', '电费多少'],
  ])('folds %s', (_, input, expected) => {
    expect(normalize(input)).toBe(expected);
  });
});

describe('segmentation', () => {
  let knowledge: Knowledge;
  beforeAll(async () => {
    knowledge = await createKnowledge(loadKnowledgeBase());
  });
  const terms = (text: string) => knowledge.segmenter.terms(knowledge.normalize(text));

  it('keeps the domain dictionary words whole', () => {
    expect(terms('装表接电')).toContain('装表接电');
    expect(terms('高压双电源客户')).toContain('高压双电源');
    expect(terms('我的户号是多少')).toContain('户号');
    expect(terms('电能表校验')).toContain('电能表校验');
  });

  it('folds synonyms onto one term, whatever the wording or script', () => {
    expect(terms('多长时间')).toContain('时限');
    expect(terms('幾天')).toContain('时限');
    expect(terms('电表')).toEqual(terms('電錶'));
    expect(terms('交电费')).toContain('缴费');
  });

  it('drops particles and maps English words onto Chinese terms', () => {
    expect(terms('请问一下吗')).toEqual([]);
    expect(terms('How can I pay the bill')).toEqual(expect.arrayContaining(['缴费', '电费']));
  });
});

describe('concept words of a version', () => {
  it('folds a new wording onto its concept in the version that adds it, and only there', async () => {
    const shipped = await createKnowledge(loadKnowledgeBase());
    const concepts = shipped.concepts.map((concept) =>
      concept.term === '时限' ? { ...concept, variants: [...concept.variants, '猴年马月'] } : concept,
    );
    const next = await createKnowledge(loadKnowledgeBase(), { shared: shipped, concepts });
    const termsIn = (k: Knowledge, text: string) => k.segmenter.terms(k.normalize(text));
    expect(termsIn(next, '供电方案猴年马月才出')).toContain('时限');
    expect(termsIn(shipped, '供电方案猴年马月才出')).not.toContain('时限');
  });

  it('shares the normaliser and segmenter of a version whose concepts did not change', async () => {
    const shipped = await createKnowledge(loadKnowledgeBase());
    const next = await createKnowledge(loadKnowledgeBase(), { shared: shipped });
    expect(next.segmenter).toBe(shipped.segmenter);
    expect(next.normalize).toBe(shipped.normalize);
  });
});

describe('BM25', () => {
  it('ranks the document with the rarer matching term first', () => {
    const index = createBm25Index([
      ['电费', '缴费'],
      ['电费', '校验'],
      ['电费', '投诉'],
    ]);
    const scores = index.score(['电费', '校验']);
    expect(scores[1]).toBeGreaterThan(scores[0] ?? 0);
    expect(scores[0]).toBeCloseTo(scores[2] ?? 0);
    expect(index.idf('校验')).toBeGreaterThan(index.idf('电费'));
    expect(index.idf('unseen')).toBe(index.maxIdf);
  });

  it('fuses rankings by reciprocal rank', () => {
    const fused = reciprocalRankFusion([Float64Array.from([3, 2, 0]), Float64Array.from([0, 5, 1])]);
    expect(fused[1]).toBeGreaterThan(fused[0] ?? 0);
    expect(fused[0]).toBeGreaterThan(fused[2] ?? 0);
  });
});

describe('customer class in a question', () => {
  it.each([
    ['居民客户', 'resident'],
    ['我家', 'resident'],
    ['非居民', 'non_resident'],
    ['小商铺', 'non_resident'],
    ['低压商户', 'low_voltage'],
    ['高压单电源', 'high_voltage_single'],
    ['工厂双电源', 'high_voltage_dual'],
    ['高压客户', 'high_voltage'],
    ['for my home', 'resident'],
    ['供电方案多久', undefined],
  ])('finds %s → %s', (text, expected) => {
    expect(detectCustomerClass(text)).toBe(expected);
  });
});

describe('the knowledge base', () => {
  const base = loadKnowledgeBase();

  it('cites a clause and has varied example questions for every entry', () => {
    for (const entry of base.entries) {
      expect(entry.clause, entry.id).toMatch(
        /[一二三四五六七八九十]、|包括哪些方面|方案 \d|重要性|引言|结语/,
      );
      expect(entry.questions.length, entry.id).toBeGreaterThanOrEqual(5);
      expect(
        entry.questions.some((q) => /[a-z]/i.test(q)),
        `${entry.id} has an English example`,
      ).toBe(true);
    }
  });

  it('joins the lines YAML folds, so no answer has a space between Chinese characters', () => {
    for (const entry of base.entries) {
      for (const text of [base.answer(entry), ...Object.values(entry.byClass ?? {})]) {
        expect(text, entry.id).not.toMatch(/[\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]\s+[\u4e00-\u9fff]/);
      }
    }
  });

  it('covers every time limit of 三、服务效能', () => {
    const text = base.entries.map((e) => base.answer(e)).join('\n');
    for (const limit of [
      '3个工作日',
      '7个工作日',
      '15个工作日',
      '30个工作日',
      '5个工作日',
      '5分钟',
      '20分钟',
      '1个工作日',
    ]) {
      expect(text).toContain(limit);
    }
  });

  it('marks answers built on example local facts as examples', () => {
    const payment = base.byId('payment-methods');
    expect(payment && base.answer(payment)).toContain(EXAMPLE_NOTE);
    const source = readKnowledgeSource();
    const confirmed = parseKnowledgeBase({
      ...source,
      localFactsText: source.localFactsText.replaceAll('example: true', 'example: false'),
    });
    const entry = confirmed.byId('payment-methods');
    expect(entry && confirmed.answer(entry)).not.toContain(EXAMPLE_NOTE);
  });

  it('refuses an entry that uses a local fact nobody defined', () => {
    const source = readKnowledgeSource();
    const broken = {
      ...source,
      entryFiles: [
        {
          name: 'broken.yaml',
          text: '- {id: x, title: t, category: c, clause: 一、1, answer: "{{nowhere}}", questions: [a, b, c]}',
        },
      ],
    };
    expect(() => parseKnowledgeBase(broken)).toThrow(/nowhere/);
  });
});

describe('retrieval', () => {
  let knowledge: Knowledge;
  beforeAll(async () => {
    knowledge = await createKnowledge(loadKnowledgeBase());
  });

  it.each([
    ['新房验收通过几天能通上电', 'connection-time'],
    ['電費可以用手機繳嗎', 'payment-methods'],
    ['我觉得表计不准想校一下', 'meter-test'],
    ['Is 95598 open at night?', 'hotline-95598'],
    ['装修队必须用供电所介绍的吗', 'free-choice-of-contractor'],
  ])('ranks the right entry first for a wording it has not seen: %s', async (question, id) => {
    const [top] = await knowledge.retriever.invoke(question);
    expect(top?.metadata.id).toBe(id);
    expect(top?.metadata.confidence).toBeGreaterThanOrEqual(0.5);
  });

  it.each(['股票明天会涨吗', '今天天气怎么样', '帮我写一首诗', 'what is the capital of France'])(
    'has low confidence for an out-of-scope question: %s',
    async (question) => {
      const [top] = await knowledge.retriever.invoke(question);
      expect(top?.metadata.confidence ?? 0).toBeLessThan(0.5);
    },
  );

  it('is a LangChain retriever whose documents carry the answer and its clause', async () => {
    const docs = await knowledge.retriever.invoke('投诉以后多久回复');
    expect(docs[0]?.pageContent).toContain('7个工作日');
    expect(docs[0]?.metadata).toMatchObject({ id: 'complaint-time-limits', clause: '三、5 / 四、3' });
  });
});

describe('the homophone mender', () => {
  let mend: (text: string) => string;
  beforeAll(async () => {
    const knowledge = await createKnowledge(loadKnowledgeBase());
    mend = (text) => knowledge.segmenter.mend(knowledge.normalize(text));
  });

  it('mends typos but never a word of the dictionary', () => {
    expect(mend('我要投塑')).toContain('投诉');
    // 互为 (hù wéi) sounds like 糊味, a burning smell; it is an everyday word, not a typo.
    expect(mend('两路电源互为备用')).toContain('互为');
  });

  it('mends a final typed with or without its -ng, and a typo cut across two words', () => {
    expect(mend('我是居明用户')).toBe('我是居民用户');
    expect(mend('供点方按答复期限是多少')).toBe('供电方案答复期限是多少');
    // Initials stay apart: 说会 (shuō huì) is not 索贿 (suǒ huì).
    expect(mend('接线员说会有人跟进')).toBe('接线员说会有人跟进');
  });

  it('never mends a pair that starts with the copula: 是先 is not 时限', () => {
    expect(mend('是先看电闸还是先打电话')).toBe('是先看电闸还是先打电话');
    expect(mend('投诉的时限是多少')).toContain('时限');
  });
});
