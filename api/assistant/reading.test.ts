import { describe, expect, it } from 'vitest';
import { askedMatters, readFollowUp, splitParts, withoutDisownedTopic } from './reading.js';

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
    expect(splitParts('三个问题:1.居民报装方案几天答复 2.电表校验几天出结果 3.投诉多久联系我')).toEqual([
      '三个问题，居民报装方案几天答复',
      '电表校验几天出结果',
      '投诉多久联系我',
    ]);
    expect(splitParts('三个问题:1)投诉了多久联系我 2)95598是不是全天有人 3)电表校验几天出结果')).toHaveLength(
      3,
    );
    // Points numbered with a bare digit before the words; a digit counting things is no point.
    expect(
      splitParts('三个问题:1 工作人员能不能收礼 2 能不能要求我用指定施工队 3 会不会泄露我的信息'),
    ).toEqual(['三个问题:工作人员能不能收礼', '能不能要求我用指定施工队', '会不会泄露我的信息']);
    expect(splitParts('家里1台空调2台冰箱用电多少')).toHaveLength(1);
    // A decimal is no numbered point.
    expect(splitParts('一台1.5匹的空调，开一个月要用多少电')).toHaveLength(1);
  });

  it('reads a lead-in that only asks whether there is a rule with the question it introduces', () => {
    expect(splitParts('你们是不是有规定,高压客户只有一个电源的话,供电方案半个多月内就要答复?')).toEqual([
      '你们是不是有规定，高压客户只有一个电源的话，供电方案半个多月内就要答复？',
    ]);
  });

  it('reads classes set side by side, naming no matter, as the sides of the question after them', () => {
    expect(splitParts('高压双电源是不是跟单电源一样,方案也是15天?')).toEqual([
      '高压双电源是不是跟单电源一样，方案也是15天？',
    ]);
  });

  it('reads a question that names no matter ("要等多少天才有结果") with the part before it', () => {
    expect(
      splitParts('儿子说可能是电表不准,让我问问你们能不能帮忙检查一下电表,要等多少天才有结果?谢谢您。'),
    ).toHaveLength(1);
    // One that names its own matter stays a part of its own.
    expect(splitParts('投诉可以打哪个电话?几天给答复?')).toHaveLength(2);
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

  it('ends a question at a spoken pause after it, and nowhere else', () => {
    expect(splitParts('电表校验几天出结果 上门的师傅收不收红包')).toEqual([
      '电表校验几天出结果',
      '上门的师傅收不收红包',
    ]);
    // A pause mid-clause, or a yes-no tail that names nothing, is no new question.
    expect(splitParts('我想申请那个 电表效验 嗯 效验的话 要多久')).toHaveLength(1);
    expect(splitParts('我上个月申请的新装现在进度怎么样了 有没有批下来')).toHaveLength(1);
    // Points counted 一是 / 二是 (一系 / 二系), asked with 有没得 or Cantonese question words.
    expect(splitParts('两个事 一是你们对老年人有没得照顾 二是交一笔电费规定好久办完')).toEqual([
      '两个事 一是你们对老年人有没得照顾',
      '交一笔电费规定好久办完',
    ]);
    expect(splitParts('一系交电费有咩方法 二系柜台交一单要几耐 三系如果半夜冇电 打咩电话揾人')).toHaveLength(
      3,
    );
    // An English yes-no question after a colon asks; "can I also…" is one question.
    expect(
      splitParts('two quick questions: is your hotline open 24 hours, and can i also complain by fax?'),
    ).toEqual(['two quick questions: is your hotline open 24 hours', 'can i also complain by fax？']);
    // "找谁" asks, even in two characters; not knowing whom to ask does not.
    expect(splitParts('验收后送电多久。要是报装过程中有人刁难，找谁？')).toEqual([
      '验收后送电多久',
      '要是报装过程中有人刁难，找谁？',
    ]);
    expect(splitParts('昨晚停电了，我当时都不知道该找谁，以后半夜停电能打什么电话？')).toHaveLength(1);
    // "还有人回吗" asks whether someone still answers; it starts no second question.
    expect(splitParts('那个点想查电费或者咨询点问题 还有人回吗')).toHaveLength(1);
    // A yes-no tail that names a new thing (照顾) asks it.
    expect(splitParts('办一件要多久啊 能不能照顾一下')).toEqual(['办一件要多久啊', '能不能照顾一下']);
  });

  it('reads a supposition ("如果我要投诉") with the question after it, and dismay with what follows', () => {
    expect(splitParts('读数不对，核实要几天？如果我要投诉，多久联系我？')).toEqual([
      '读数不对，核实要几天？',
      '如果我要投诉，多久联系我？',
    ]);
    expect(splitParts('咋回事，电费单上的表底数对不上，反映了以后啥时候回话')).toHaveLength(1);
  });

  it('keeps "分别要几天" with the question it asks more of', () => {
    expect(splitParts('电表校验和抄表数据核实 这两个哪个快 分别要几天')).toHaveLength(1);
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

  it('takes a long remark ending in 呢 for no follow-up unless 那 / 如果 leads it or it names a class', () => {
    expect(readFollowUp('一家老小点蜡烛呢')).toBeUndefined();
    expect(readFollowUp('验表呢')).toBe('验表');
    expect(readFollowUp('楼下开奶茶店的那家呢')).toBe('楼下开奶茶店的那家');
  });

  it('leaves a question of its own ("验收以后送电又要几天") alone', () => {
    expect(readFollowUp('验收以后送电又要几天')).toBeUndefined();
    expect(readFollowUp('装表接电要几天')).toBeUndefined();
  });
});

describe('a last clause that says what the question is not about', () => {
  it('is left out of the question', () => {
    expect(withoutDisownedTopic('高压单电源客户验收合格以后送电时限多少?不是方案答复那个')).toBe(
      '高压单电源客户验收合格以后送电时限多少?',
    );
    expect(withoutDisownedTopic('投诉以后多久联系我，我问的不是举报')).toBe('投诉以后多久联系我');
    // What the customer does not want told, a class among them.
    expect(withoutDisownedTopic('我家装的居民电，方案和送电分别多少个工作日？别给我说工厂的')).toBe(
      '我家装的居民电，方案和送电分别多少个工作日？',
    );
  });

  it('stays where it disowns a class, or only doubts ("不是乱收费吧")', () => {
    expect(withoutDisownedTopic('方案几天答复，不是居民的那种')).toBe('方案几天答复，不是居民的那种');
    expect(withoutDisownedTopic('电费怎么这么贵，不是乱收费吧')).toBe('电费怎么这么贵，不是乱收费吧');
  });
});

describe('short questions inside a voice message', () => {
  it('reads points numbered before a number ("1 95598是…") one by one', () => {
    expect(splitParts('三连问 1 95598是24小时的吗 2 投诉多久有人联系 3 能写信投诉吗')).toEqual([
      '三连问 95598是24小时的吗',
      '投诉多久有人联系',
      '能写信投诉吗',
    ]);
  });

  it('reads a point that names only another class as the question before it asked of that class', () => {
    expect(splitParts('问两个 1我家住宅方案几天 2我老公那个小卖部 低压的 要几天')).toEqual([
      '问两个 我家住宅方案几天',
      '小卖部、低压呢',
    ]);
  });

  it('reads four characters that name a matter and ask of it as a question of their own', () => {
    expect(splitParts('医院两路电 方案几天 送电几天')).toEqual(['医院两路电 方案几天', '送电几天']);
    expect(splitParts('我是老党员了 想问你们供电所 能随便停电不 能乱收费不 能收礼不 三个问题')).toEqual([
      '我是老党员了 想问你们供电所 能随便停电不',
      '能乱收费不',
      '能收礼不',
    ]);
    // A fragment that names no matter still asks more of the question before it.
    expect(splitParts('投诉后多久联系，多久回复')).toHaveLength(1);
  });
});

describe('questions listed with the enumeration comma', () => {
  it('reads questions listed with 、 one by one, and a list of things as one question', () => {
    expect(splitParts('你们员工能不能收礼、能不能给我指定施工队、能不能乱收费？')).toEqual([
      '你们员工能不能收礼',
      '能不能给我指定施工队',
      '能不能乱收费？',
    ]);
    expect(splitParts('想问营业厅能不能说普通话、办增容要跑几趟、方案几天出来？')).toHaveLength(3);
    expect(splitParts('可以通过电话、传真、信函投诉吗')).toHaveLength(1);
    // Things listed and then asked of together are one question.
    expect(splitParts('像报装办到哪了、电费账单这种能咨询不？')).toHaveLength(1);
  });

  it('reads "除了…还有什么" as one question', () => {
    expect(splitParts('标准里面说做好服务除了降低投诉还有什么好处')).toHaveLength(1);
  });
});

describe('the matters one question asks of each', () => {
  it('reads two matters joined in one question', () => {
    expect(askedMatters('小吃店 低压 方案和送电期限是多少')).toEqual(['方案', '送电']);
    expect(askedMatters('家里装表 从方案答复到送电 各要多久')).toEqual(['方案', '送电']);
    expect(askedMatters('电表校验和抄表异常核实 各要几天')).toEqual(['校验', '抄表']);
  });

  it('reads every matter of claims put to be checked, or of things asked of together', () => {
    expect(askedMatters('听说供电方案3个工作日答复 验收合格后再5个工作日送电 是这样吗')).toEqual([
      '方案',
      '送电',
    ]);
    expect(askedMatters('电表校验 投诉 这两个多久出结果')).toEqual(['校验', '投诉']);
  });

  it('reads one matter, or two not asked of, as none', () => {
    expect(askedMatters('投诉了多久联系我')).toBeUndefined();
    expect(askedMatters('方案答复要几天')).toBeUndefined();
    expect(askedMatters('投诉以后电表校验的事还管吗')).toBeUndefined();
    // 接电话 is a phone call, not 接电.
    expect(askedMatters('有人接电话吗 投诉和方案是这样吗')).toEqual(['投诉', '方案']);
  });
});

describe('what the customer heard, and what they do not want', () => {
  it('reads a claim heard, then "also" a question, as two questions', () => {
    expect(splitParts('我听别人讲 工作人员可以收客户的礼品 但不能收现金 还有 喝了酒能上岗吗')).toHaveLength(
      2,
    );
    // A remark that tells nothing heard stays the next question's context.
    expect(splitParts('我家刚装修好。装表接电要几天？')).toHaveLength(1);
  });

  it('keeps a short voltage as the class’s evidence', () => {
    expect(splitParts('factory, 10 kv, one incoming supply. correct?')[0]).toContain('10 kv');
  });

  it('leaves out an action the customer says they do not want', () => {
    expect(withoutDisownedTopic('我对服务有看法 但不想闹到投诉那么大 能写在哪里')).not.toContain('投诉');
    expect(withoutDisownedTopic('我不想投诉 就想提个意见 在哪提')).not.toContain('投诉');
    expect(withoutDisownedTopic('我想投诉 在哪投诉')).toContain('投诉');
  });
});
