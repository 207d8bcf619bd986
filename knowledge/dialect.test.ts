import { describe, expect, it } from 'vitest';
import { inMandarin } from './dialect.js';

describe('regional words read in Mandarin', () => {
  it.each([
    ['阿拉投诉了 啥辰光有人来联系', '我们投诉了 什么时候有人来联系'],
    ['伊想投诉 写信可以伐', '伊想投诉 写信可以吗'],
    ['搿个好随便讲伐？', '这个好随便讲吗？'],
    ['咋个可以说停电就停电 啥子规定', '怎么可以说停电就停电 什么规定'],
    ['俺家表走无准 几工出结果', '我家表走不准 几天出结果'],
    ['我晓得了', '我知道了'],
  ])('%s', (regional, mandarin) => {
    expect(inMandarin(regional)).toBe(mandarin);
  });

  it('leaves words that only look alike: 讨伐, 几个工作日, 几工作日', () => {
    expect(inMandarin('口诛笔伐 讨伐')).toBe('口诛笔伐 讨伐');
    expect(inMandarin('方案几工作日答复')).toBe('方案几工作日答复');
  });
});
