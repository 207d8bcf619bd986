import { describe, expect, it } from 'vitest';
import { detectActionIntent, isGreeting } from './intents.js';

describe('action intents', () => {
  it.each([
    ['你这个回答没用', 'handoff'],
    ['一点用都没有', 'handoff'],
    ['you are useless', 'handoff'],
    ['我要投诉', 'complaint'],
    ['停电了', 'repair'],
    ['电表走得太快了', 'meter'],
    ['查电费', 'bill'],
    ['报装进度', 'application'],
    ['停电了怎么办，赶紧派人来修', 'repair'],
    ['电表走得快是怎么回事，帮我安排校验', 'meter'],
    ['我的申请去到边度', 'application'],
  ])('reads %s as %s', (text, intent) => {
    expect(detectActionIntent(text)?.intent).toBe(intent);
  });

  it.each([
    '平时也没用啥大功率电器',
    '投诉后多久联系客户',
    '申请电能表校验多久出检测结果',
    '停电了应该先检查什么',
    '停电了咋整',
    '电表转得飞快是什么原因',
    '账单上的度数和表上对不上怎么处理',
    '停电前也不提前通知，这样可以吗',
    '屋企冇电,系咪跳掣',
    '停电了是我家的问题还是线路的问题',
    '突然停电也没个通知',
    '投诉回复时间',
    'can i complain by letter',
    '抄表数据有问题可以点反映',
    '除了交费报修,你们还能帮我查些什么',
    '工作人员说能帮我少算电费,但要给他一点好处',
  ])('leaves a question about the rules to the knowledge base: %s', (text) => {
    expect(['handoff', 'complaint', 'meter', 'repair']).not.toContain(detectActionIntent(text)?.intent);
  });

  it.each([
    ['去边度投诉你哋', 'application'],
    ['网上能查电费吗', 'bill'],
    ['家里没电是不是欠费了还是跳闸', 'bill'],
    ['who can see my account details', 'bill'],
  ])('does not take a question about where or how for an account request: %s', (text, intent) => {
    expect(detectActionIntent(text)?.intent).not.toBe(intent);
  });

  it('reads a danger report as a repair that needs safety advice first', () => {
    expect(detectActionIntent('电线掉地上了还冒火花')).toMatchObject({ intent: 'repair', danger: true });
  });
});

describe('greetings', () => {
  it.each(['您好', '在吗在吗', '好的 谢谢啦', 'hi there'])('recognises %s', (text) => {
    expect(isGreeting(text)).toBe(true);
  });
  it('does not take a question that starts with a greeting', () => {
    expect(isGreeting('你好，电费怎么交')).toBe(false);
  });
});
