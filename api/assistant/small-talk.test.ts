import { describe, expect, it } from 'vitest';
import { withoutSmallTalk } from './small-talk.js';

describe('the small talk around a spoken question', () => {
  it('leaves out calling the line, excuses and closing words', () => {
    expect(withoutSmallTalk('喂喂听得见不我这信号不好 营业厅排队要等多久 你慢点说我年纪大了 就问这个')).toBe(
      '营业厅排队要等多久',
    );
    expect(withoutSmallTalk('那个小同志啊我问你个事你别笑话我没文化 抄表的能不能收烟 麻烦你了闺女')).toBe(
      '抄表的能不能收烟',
    );
  });

  it('leaves out who set up the phone, which only looks like a request', () => {
    expect(withoutSmallTalk('是孙女帮我按的这个说话的键啊 你们电工能不能喝了酒干活')).toBe(
      '你们电工能不能喝了酒干活',
    );
  });

  it('keeps what says who the customer is, and a message that is only small talk', () => {
    expect(withoutSmallTalk('我们家就老两口 就点个灯 新房接电要几天 谢谢啊')).toBe(
      '我们家就老两口 就点个灯 新房接电要几天',
    );
    expect(withoutSmallTalk('谢谢啊 麻烦你了')).toBe('谢谢啊 麻烦你了');
    expect(withoutSmallTalk('师傅今天能到吗')).toBe('师傅今天能到吗');
  });
});

describe('a question asked for someone else', () => {
  it('leaves out who it is asked for, in Chinese and in English', () => {
    expect(withoutSmallTalk('我帮我婆婆问一下，营业员上岗前有没有人教')).toBe('营业员上岗前有没有人教');
    expect(withoutSmallTalk('我们老板让我问问，厂里申请接电以后能随时查进度吗')).toBe(
      '厂里申请接电以后能随时查进度吗',
    );
    expect(withoutSmallTalk('my boss asked me to check: is your standard about reliability')).toBe(
      'is your standard about reliability',
    );
  });

  it('keeps a request to ask, and a look-up for one’s family', () => {
    expect(withoutSmallTalk('帮我问一下电费多少')).toBe('帮我问一下电费多少');
    expect(withoutSmallTalk('我帮我家查一下电费欠不欠')).toBe('我帮我家查一下电费欠不欠');
  });
});

describe('words that only look like asking for someone', () => {
  it('keeps "for my meter" in a request', () => {
    expect(withoutSmallTalk("i want to apply for my meter to be tested, i think it's running fast")).toBe(
      "i want to apply for my meter to be tested, i think it's running fast",
    );
  });
});

describe('words that are no small talk', () => {
  it('keeps what staff said wrong, and age or poor sight, which may be why help is asked for', () => {
    expect(withoutSmallTalk('柜台的人说得不对，你们管不管')).toBe('柜台的人说得不对，你们管不管');
    expect(withoutSmallTalk('我年纪大了眼睛不好，去营业厅有人帮忙填单吗')).toBe(
      '我年纪大了眼睛不好，去营业厅有人帮忙填单吗',
    );
  });
});
