import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { replyText, startTestServices, type TestServices, webUser } from './support/services.js';

let service: TestServices;
beforeEach(async () => {
  service = await startTestServices();
});
afterEach(() => service.dispose());

function ratings() {
  return service.database.sqlite.prepare('select score, comment from ratings order by id').all();
}

describe('a flow that asks follow-up questions', () => {
  it('takes the next message as the answer to its question', async () => {
    const user = webUser();
    const ask = await service.say('我要评价', user);
    expect(ask.intent).toBe('rating');
    expect(replyText(ask)).toContain('1-5');
    const score = await service.say('4', user);
    expect(score.intent).toBe('rating');
    expect(replyText(score)).toContain('意见或建议');
    const comment = await service.say('抄表员很耐心，点赞', user);
    expect(comment.intent).toBe('rating');
    expect(ratings()).toEqual([{ score: 4, comment: '抄表员很耐心，点赞' }]);
  });

  it('keeps the score even when the customer never answers the comment question', async () => {
    const user = webUser();
    await service.say('给你们打个分', user);
    await service.say('五分', user);
    expect(ratings()).toEqual([{ score: 5, comment: null }]);
  });

  it('leaves the flow on 取消 or cancel and answers normally afterwards', async () => {
    const user = webUser();
    await service.say('我要评价', user);
    const cancelled = await service.say('取消', user);
    expect(replyText(cancelled)).toContain('已取消');
    expect(cancelled.intent).toBe('rating');
    expect(ratings()).toEqual([]);
    const direct = await service.say('3', user);
    expect(direct.intent).toBe('rating');
    await service.say('cancel', user);
    const question = await service.say('投诉后多久联系我', user);
    expect(question.intent).toBe('faq');
    expect(ratings()).toEqual([{ score: 3, comment: null }]);
  });

  it('says so politely when there is nothing to cancel', async () => {
    const turn = await service.say('取消', webUser());
    expect(replyText(turn)).toContain('没有正在办理');
  });

  it('asks again once for an answer that does not fit, then lets the customer go', async () => {
    const user = webUser();
    await service.say('我要评价', user);
    const again = await service.say('嗯……让我想想', user);
    expect(replyText(again)).toContain('1到5');
    const moved = await service.say('居民供电方案多久答复', user);
    expect(moved.intent).toBe('faq');
    expect(replyText(moved)).toContain('3个工作日');
  });

  it('keeps the open flow across a restart of the service', async () => {
    const user = webUser();
    await service.say('我要评价', user);
    const dir = service.dir;
    service.close();
    const restarted = await startTestServices({}, { dir });
    try {
      const score = await restarted.say('2', user);
      expect(score.intent).toBe('rating');
      expect(replyText(score)).toContain('意见或建议');
    } finally {
      restarted.close();
    }
  });

  it('serialises two messages of one customer sent at the same moment', async () => {
    const user = webUser();
    await service.say('我要评价', user);
    const [first, second] = await Promise.all([service.say('5', user), service.say('服务很好', user)]);
    expect(replyText(first)).toContain('意见或建议');
    expect(replyText(second)).toContain('已记录');
    expect(ratings()).toEqual([{ score: 5, comment: '服务很好' }]);
  });
});

describe('answers that depend on the customer class', () => {
  it.each([
    ['居民供电方案多久答复', '3个工作日', ['7个工作日', '15个工作日', '30个工作日']],
    ['我们是低压商户，供电方案几天给', '7个工作日', ['3个工作日', '15个工作日', '30个工作日']],
    ['高压单电源供电方案答复时限', '15个工作日', ['3个工作日', '7个工作日', '30个工作日']],
    ['工厂要上双电源，方案多久答复', '30个工作日', ['3个工作日', '7个工作日', '15个工作日']],
    ['企业验收合格后多久送电', '5个工作日', ['3个工作日']],
  ])('gives only the named class its limit: %s', async (text, expected, others) => {
    const turn = await service.say(text, webUser());
    const answer = replyText(turn);
    expect(answer).toContain(expected);
    for (const other of others) expect(answer).not.toContain(other);
  });

  it('gives the short table when no class is named', async () => {
    const answer = replyText(await service.say('供电方案多久答复', webUser()));
    for (const limit of ['3个工作日', '7个工作日', '15个工作日', '30个工作日'])
      expect(answer).toContain(limit);
  });
});

describe('actions', () => {
  it.each([
    ['查电费', 'bill', '户号'],
    ['我的报装到哪一步了', 'application', '户号'],
    ['我要投诉', 'complaint', '描述'],
    ['停电了', 'repair', '95598'],
    ['电表走得太快了', 'meter', '5个工作日'],
    ['转人工', 'handoff', '95598'],
  ])('starts the flow, or gives an honest way forward, for %s', async (text, intent, fact) => {
    const turn = await service.say(text, webUser());
    expect(turn.intent).toBe(intent);
    expect(replyText(turn)).toContain(fact);
  });

  it('puts safety advice first when a customer reports a danger', async () => {
    const turn = await service.say('我家门口电线掉地上了还冒火花', webUser());
    expect(turn.intent).toBe('repair');
    expect(turn.replies[0]?.text).toMatch(/远离/);
  });

  it('gives the safety advice first to every message that mentions a danger, however it is routed', async () => {
    for (const text of [
      '电线掉在马路上冒火花，我应该离多远', // a safety question: the knowledge base answers
      'the cable behind my fridge is smoking', // a report that mentions an appliance
      '电线着火把我家冰箱烧了，能赔吗', // compensation is out of scope, the advice still comes first
      '转人工，电线断了掉在地上', // a handoff
      'sparks from the wire, who should I call',
    ]) {
      const turn = await service.say(text, webUser());
      expect(turn.replies[0]?.text, text).toMatch(/^安全第一/);
    }
  });

  it('gives the safety advice even to a customer waiting for a person', async () => {
    const user = webUser();
    await service.say('转人工', user);
    const turn = await service.say('电线掉在马路上冒火花，我应该离多远', user);
    expect(turn.replies[0]?.text).toMatch(/^安全第一/);
  });

  it('offers a person more firmly after two unanswered questions in a row', async () => {
    const user = webUser();
    const first = await service.say('股票明天会涨吗', user);
    const second = await service.say('那明天天气怎么样', user);
    expect(first.intent).toBe('unknown');
    expect(second.intent).toBe('unknown');
    expect(replyText(second)).toContain('人工');
    expect(replyText(second)).not.toBe(replyText(first));
  });
});

describe('messages that mix the customer’s electricity with everyday things', () => {
  it('takes an outage report that mentions the fridge as an outage report', async () => {
    for (const text of ['停了一整天电，冰箱里的东西都坏了', 'lost power but the street lights are on']) {
      const turn = await service.say(text, webUser());
      expect(turn.intent, text).toBe('repair');
      expect(replyText(turn), text).toContain('跳闸');
    }
  });

  it('answers a what-to-do question next to an outage from the outage entry', async () => {
    const turn = await service.say('家里突然没电了，冰箱也不响了，我该先检查什么', webUser());
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('邻居');
  });

  it('answers a safety question the knowledge base covers instead of opening a repair', async () => {
    const turn = await service.say('电线掉在马路上冒火花，我应该离多远', webUser());
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('8米');
  });

  it('says honestly that an appliance is not ours, and offers a person', async () => {
    const turn = await service.say('冰箱压缩机坏了找谁修', webUser());
    expect(turn.intent).toBe('unknown');
    expect(replyText(turn)).toContain('转人工');
  });

  it('tells a customer asking about a street light that it is the municipality’s, and offers a person', async () => {
    for (const text of ['小区的路灯归谁管', 'the street light outside is broken']) {
      const turn = await service.say(text, webUser());
      expect(turn.intent, text).toBe('unknown');
      expect(replyText(turn), text).toContain('市政');
      expect(replyText(turn), text).toContain('转人工');
    }
  });

  it('does not promise compensation: a claim for spoiled food gets the offer of a person', async () => {
    const turn = await service.say('停电把我冰箱里的东西弄坏了，你们赔不赔', webUser());
    expect(turn.intent).toBe('unknown');
    expect(replyText(turn)).toContain('转人工');
  });
});
