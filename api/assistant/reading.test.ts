import { describe, expect, it } from 'vitest';
import { readFollowUp, splitParts } from './reading.js';

describe('a message read into its parts', () => {
  it('reads numbered questions as one part each', () => {
    expect(
      splitParts(
        'quick ones: (1) how long to pay a bill at the counter? (2) other counter business? (3) which number to call any time of day?',
      ),
    ).toEqual([
      'quick ones，how long to pay a bill at the counter？',
      'other counter business？',
      'which number to call any time of day？',
    ]);
    expect(splitParts('1、交电费有哪些方式 2、投诉多久联系我')).toEqual([
      '交电费有哪些方式',
      '投诉多久联系我',
    ]);
  });

  it('keeps a question mark on the part it ended, and a remark with the question after it', () => {
    expect(splitParts('抄表读数不对应该找谁？你们几天内核实？')).toEqual([
      '抄表读数不对应该找谁？',
      '你们几天内核实？',
    ]);
    expect(splitParts('我家刚装修好。装表接电要几天？')).toEqual(['我家刚装修好，装表接电要几天？']);
  });

  it('does not take "没怎么开" or "我要是…" for a question or a request', () => {
    expect(splitParts('空调也没怎么开，我要是申请给电表做个检测，多长时间能出结果')).toHaveLength(1);
  });

  it('keeps 第二 inside a phrase ("没有第二路电源") in its sentence', () => {
    expect(splitParts('只从一条10千伏线路接电,没有第二路电源,供电方案多久')).toHaveLength(1);
  });

  it('makes a class named after the last question ("还有居民的") a question of its own', () => {
    expect(splitParts('高压单电源的方案几天然后那个双电源的又是几天呃还有居民的')).toEqual([
      '高压单电源的方案几天',
      '那个双电源的又是几天呃',
      '居民的呢',
    ]);
  });
});

describe('a follow-up read for what it asks about', () => {
  it.each([
    ['那非居民呢', '非居民'],
    ['那如果是我楼下那间用380伏的铺面呢', '我楼下那间用380伏的铺面'],
    ['那个双电源的又是几天呃', '双电源的'],
    ['what about a shop?', 'a shop'],
  ])('%s asks about %s', (text, about) => {
    expect(readFollowUp(text)).toBe(about);
  });

  it('leaves a question of its own ("验收以后送电又要几天") alone', () => {
    expect(readFollowUp('验收以后送电又要几天')).toBeUndefined();
    expect(readFollowUp('装表接电要几天')).toBeUndefined();
  });
});
