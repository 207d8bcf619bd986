/**
 * Messages read the way customers write them: every question in a message answered with its
 * clause, the customer's class read from how they describe their supply, a question about a
 * process answered with an offer instead of a form, and a request acted on after the answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type ChatResponse,
  replyText,
  startTestServices,
  type TestServices,
  webUser,
} from './support/services.js';

let service: TestServices;
beforeAll(async () => {
  service = await startTestServices();
});
afterAll(() => service.dispose());

const ask = (text: string, user = webUser()) => service.say(text, user);
const ids = (turn: ChatResponse) => turn.sources.map((s) => s.id);
/** Answered from the knowledge base, with no identity check asked for. */
function expectAnsweredWithoutIdentityCheck(turn: ChatResponse) {
  expect(turn.intent).toBe('faq');
  expect(replyText(turn)).not.toContain('户号');
}

describe('a message with several questions', () => {
  it('answers both questions of a pair, in the customer’s order, each with its clause', async () => {
    const turn = await ask('装表接电要几天？还有交电费能用微信吗');
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toEqual(['connection-time', 'payment-methods']);
    expect(turn.replies).toHaveLength(2);
    expect(turn.replies[0]?.text).toContain('3个工作日');
    expect(turn.replies[0]?.text).toContain('依据：服务标准三、2');
    expect(turn.replies[1]?.text).toContain('依据：服务标准三、6');
    expect(turn.sources[0]).toEqual({
      id: 'connection-time',
      title: '装表接电（送电）期限',
      clause: '三、2',
    });
  });

  it('answers a triple, written without punctuation as a voice message is', async () => {
    const turn = await ask(
      '嗯 我想问几个事 投诉以后多久联系我 还有电表校验多久出结果 另外抄表数字不对多久给答复',
    );
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toEqual(['complaint-time-limits', 'meter-test', 'reading-dispute']);
    const text = replyText(turn);
    for (const fact of ['1个工作日', '5个工作日', '7个工作日']) expect(text).toContain(fact);
  });

  it('answers both sides of a comparison', async () => {
    const text = replyText(await ask('居民和非居民装表接电差几天'));
    // Each side's own line, in the order the customer named them.
    expect(text).toMatch(/^居民客户.*3个工作日.*非居民客户.*5个工作日/);
    const plan = replyText(await ask('高压单电源和双电源，供电方案答复差多少天'));
    expect(plan).toContain('15个工作日');
    expect(plan).toContain('30个工作日');
  });

  it('answers numbered questions (1. 2. 3.) one by one', async () => {
    const turn = await ask('三个问题：1.居民报装方案几天答复 2.电表校验几天出结果 3.投诉多久联系我');
    expect(ids(turn)).toEqual(['supply-plan-reply', 'meter-test', 'complaint-time-limits']);
    const text = replyText(turn);
    for (const fact of ['3个工作日', '5个工作日', '1个工作日']) expect(text).toContain(fact);
  });

  it('answers both sides where the classes are set side by side before the question', async () => {
    const text = replyText(await ask('高压双电源是不是跟单电源一样,方案也是15天?'));
    expect(text).toContain('30个工作日');
    expect(text).toContain('15个工作日');
    expect(text).not.toContain('7个工作日');
  });

  it('reads a later question with the class the message gave earlier', async () => {
    const turn = await ask('我在路边开了个奶茶店，供电方案要几天？验收以后送电又要几天？');
    const text = replyText(turn);
    expect(text).toContain('7个工作日');
    expect(text).toContain('5个工作日');
    expect(text).not.toContain('30个工作日');
  });
});

describe('a message that sets two rules side by side', () => {
  it('answers both where it names one side each ("一个…一个…，各自多久")', async () => {
    const turn = await ask(
      '我是开小超市的 怀疑一是表不准二是抄表抄错了 如果两个都申请 一个校验一个核实读数 各自多久能有结果',
    );
    expect(ids(turn)).toEqual(['meter-test', 'reading-dispute']);
    expect(replyText(turn)).toMatch(/5个工作日[\s\S]*7个工作日/);
  });
});

describe('a remark about one’s own bill beside a question', () => {
  it('answers the question and asks for no identity: nothing was asked to be looked up', async () => {
    const turn = await ask(
      '上个月电费比平时高了一倍 家里也没多用什么电器 我去营业厅申请了电表校验 请问规定几个工作日内要出检测结果',
    );
    expectAnsweredWithoutIdentityCheck(turn);
    expect(ids(turn)).toEqual(['meter-test']);
  });

  it('reads a request the customer told of making to a clerk ("我叫营业员帮我…") as the story', async () => {
    expectAnsweredWithoutIdentityCheck(
      await ask('我叫营业员帮我把这个月电费打个对折,她说不行,然后我们俩就吵起来了,她能跟我吵吗?'),
    );
  });

  it('still looks the bill up where the customer asks for it', async () => {
    const turn = await ask('上个月电费比平时高了一倍，帮我查一下 另外校验几天出结果');
    expect(turn.intent).toBe('bill');
    expect(replyText(turn)).toContain('5个工作日');
    expect(replyText(turn)).toContain('户号');
  });
});

describe('one message that asks the same question of two premises', () => {
  it('answers "那如果是…呢" inside the message about what it names', async () => {
    const turn = await ask('我自己家装电，供电方案多久能答复？那如果是我楼下那间用380伏的铺面呢？');
    expect(turn.replies.map((r) => r.text)).toEqual([
      expect.stringContaining('居民客户的供电方案答复期限不超过3个工作日'),
      expect.stringContaining('低压电力客户的供电方案答复期限不超过7个工作日'),
    ]);
    // One entry answered twice, for two classes: listed once.
    expect(ids(turn)).toEqual(['supply-plan-reply']);
  });

  it('answers "那…的铺面呢" after a question about one’s home, for the shop front', async () => {
    const text = replyText(await ask('我家装电方案要几天？那楼下的铺面呢？'));
    expect(text).toContain('居民客户的供电方案答复期限不超过3个工作日');
    expect(text).toContain('低压电力客户的供电方案答复期限不超过7个工作日');
    expect(text).not.toContain('30个工作日');
  });

  it('answers a later question that names its own matter by that matter, for the class given', async () => {
    const turn = await ask('我是那个冷库 用的是10千伏两路供电 防止停电坏了货 嗯 方案答复要多久 送电又要多久');
    expect(ids(turn)).toEqual(['supply-plan-reply', 'connection-time']);
    expect(replyText(turn)).toMatch(/30个工作日[\s\S]*5个工作日/);
  });

  it('answers a question once where a remark after it asks nothing more ("等着开业呢")', async () => {
    const turn = await ask('我的奶茶店装修好了 电路你们检查也合格了 啥时候能把表装上来电 等着开业呢');
    expect(turn.replies).toHaveLength(1);
    expect(replyText(turn)).toContain('5个工作日');
    expect(replyText(turn)).not.toContain('居民客户3个工作日');
  });

  it('answers a run of classes, "…又是几天…还有居民的", each in turn', async () => {
    const text = replyText(
      await ask('你好我问一下啊高压单电源的方案几天然后那个双电源的又是几天呃还有居民的'),
    );
    expect(text).toMatch(/15个工作日[\s\S]*30个工作日[\s\S]*3个工作日/);
  });

  it('reads 齐活 (all done) as it is, not as 起火 (a fire) heard alike', async () => {
    const turn = await ask('俺家新房子验收整完了，手续也都齐活了，你们多咱能给送上电？最晚几天？');
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('3个工作日');
    expect(replyText(turn)).not.toContain('安全第一');
  });

  it('keeps "…又要几天" a question of its own when it names no class', async () => {
    const text = replyText(await ask('奶茶店的供电方案要几天？验收以后送电又要几天？'));
    expect(text).toContain('7个工作日');
    expect(text).toContain('5个工作日');
  });

  it('answers each point of a message that counts them (第一…第二…第三), but not a second supply', async () => {
    const turn = await ask(
      '你好我是开小卖部的用的是三百八的电我想问三个事第一报装方案要多久第二验收完多久通电第三要是你们的人给我拖着不办我打什么电话投诉',
    );
    expect(ids(turn)).toEqual(['supply-plan-reply', 'connection-time', 'how-to-complain']);
    const text = replyText(turn);
    for (const fact of ['7个工作日', '5个工作日', '95598']) expect(text).toContain(fact);
    const hospital = await ask('医院第一路电源停了第二路还有电 方案多久');
    expect(hospital.replies).toHaveLength(1);
    expect(replyText(hospital)).toContain('30个工作日');
  });

  it('reads a voice message’s questions at each pause after a question, 好久 and “会…不” included', async () => {
    const triple = await ask(
      '我屋头的电表怕是不准 校验要好久 还有抄表的数也不对 核实要好久 再就是投诉的话好久有人联系',
    );
    expect(ids(triple)).toEqual(['meter-test', 'reading-dispute', 'complaint-time-limits']);
    const pair = await ask('嗯我老头子腿脚不方便 去营业厅交个电费 你们窗口会照顾一下不 交一次要几分钟');
    expect(ids(pair)).toEqual(['assistance-for-limited-mobility', 'counter-service-time']);
  });

  it('reads "…又是多久" that names a matter of its own as a question of its own', async () => {
    const turn = await ask('居民和非居民，验收以后送电差几天？双电源高压方案又是多久？');
    expect(ids(turn)).toEqual(['connection-time', 'supply-plan-reply']);
    expect(replyText(turn)).toContain('30个工作日');
  });

  it('reads a later question without the class where the class only blurs it', async () => {
    const turn = await ask('我们医院两路电源 方案多久？另外你们员工要是收了我们的礼品怎么处理？');
    expect(ids(turn)).toEqual(['supply-plan-reply', 'no-gifts']);
    expect(replyText(turn)).toContain('30个工作日');
  });

  it('says how far apart the two sides of a comparison are', async () => {
    const turn = await ask('低压电力客户跟居民客户比，供电方案答复的时限分别是多少？前者比后者多等几天？');
    // "前者比后者…" asks more of the comparison: no second, unrelated answer.
    expect(turn.replies).toHaveLength(1);
    expect(replyText(turn)).toContain('两者相差4个工作日');
    const plants = replyText(
      await ask(
        '我们镇上那个米厂是一路10千伏供电的，隔壁那家酒店是两路电源，他们两家报装方案答复差好多天嘛？',
      ),
    );
    expect(plants).toContain('15个工作日');
    expect(plants).toContain('30个工作日');
    expect(plants).toContain('两者相差15个工作日');
  });
});

describe('questions that only sound like requests', () => {
  it.each([
    // Supposing a wrong reading asks what happens then; it reports none.
    '如果发现账单上的抄表读数跟电表上显示的不一样，反映上去以后你们一般几天核实答复？',
    // Wanting to complain, and asking whether a letter will do, asks about the way.
    '我要投诉可以写信吗？投诉后几天答复？营业厅有没有意见簿？',
    '半夜两点家里突然没电了，这个点打电话报修有人接吗？该打哪个号？',
    '想問下電費帳單可唔可以喺你哋度查？仲有報修係唔係24個鐘都得？',
    // "approved" of a fee by the government, not of the customer's application.
    'Can the power company charge fees that have not been approved by the government?',
    // A billing meter to be tested is no bill to look up.
    'If I asked you to check the accuracy of my billing meter, how long until the result?',
    // Whether the company calls back after a complaint asks about the follow-up, not the case.
    '我上回投诉完以后，你们会不会再打电话来问我满不满意？',
    // Where the rating device is, or where to leave a bad review, asks about the way.
    'Is there a rating device or a suggestion book in your service hall?',
    '差评要去哪里打？',
    // Staff telling a neighbour about the account is a privacy question.
    '你们抄表的师傅把我家的用电量讲给邻居听了，这合规吗？',
    // An outage over and done with is the story; the question asks what the standard requires.
    '上个月小区突然停电，修了一下午才来电。事情过去了，就想问问服务标准里对这种突发情况怎么要求？',
    // Keeping the company's data secret is a privacy question, not a bill look-up.
    '我们厂的用电量数据算商业机密，你们能保密吗？',
    // "没人给个说法" is part of the story; the question asks what the rule requires.
    '检修完说好下午来电，拖到第二天才来，也没人给个说法。你们规定里对拖着不送电有没有要求？',
    // Reactive-power compensation is a technical question, not a claim.
    '我们厂要上新设备，无功补偿怎么配不太懂，你们提供技术咨询吗？',
    // A fee our staff ask for, even for a charging pile, is the standard's.
    '小区车库装充电桩，你们的人说要另外交一笔加急费，这个收费有依据吗',
    // Which number to call for the bill asks about the hotline, not for the bill.
    '查电费可以打什么电话',
  ])('%s is answered, and opens nothing', async (question) => {
    const turn = await ask(question);
    expect(turn.intent).toBe('faq');
  });
});

describe('the part of an answer a question asks', () => {
  it('gives the payment line of the counter times to a question about paying', async () => {
    const text = replyText(await ask('一个普通住户去窗口交电费，正常几分钟应该搞定？'));
    expect(text).toContain('5分钟');
    expect(text).not.toContain('20分钟');
  });

  it('gives the payment line however the payment is said, and the other line for other business', async () => {
    const paying = replyText(await ask('我就去柜台交一下家里的电费，你们规定一笔最多办多久'));
    expect(paying).toContain('5分钟');
    expect(paying).not.toContain('20分钟');
    const renaming = replyText(
      await ask('How long at the counter to change the name of the account holder?'),
    );
    expect(renaming).toContain('20分钟');
    expect(renaming).not.toContain('5分钟');
  });

  it('reads "是不是" as a yes-no question, not as the 不是 that asks for the rest', async () => {
    const text = replyText(await ask('我去交个电费 柜台磨磨蹭蹭的 按规定是不是几分钟就得办完'));
    expect(text).toContain('5分钟');
    expect(text).not.toContain('20分钟');
  });

  it('gives both lines where the question asks about other business too', async () => {
    const text = replyText(await ask('窗口交电费和办其他业务各要多久'));
    expect(text).toContain('5分钟');
    expect(text).toContain('20分钟');
  });

  it('compares two classes of one rule as one rule, not as two rules', async () => {
    const turn = await ask(
      '同样是报装，自己住的房子和楼下做小生意的铺子（低压），供电方案答复期限分别是多久？',
    );
    expect(ids(turn)).toEqual(['supply-plan-reply']);
    expect(replyText(turn)).toMatch(/居民客户.*3个工作日.*低压电力客户.*7个工作日/);
  });
});

describe('a story told before the question', () => {
  it('does not take "the operator said it was logged" for a request for a person', async () => {
    const turn = await ask(
      '我一气之下打电话投诉，接线员说登记了。到现在快两周都没人理我，按规定多少个工作日内应该答复处理意见？',
    );
    expect(turn.intent).toBe('faq');
  });

  it('answers the question at the end when the story drowns it', async () => {
    const turn = await ask(
      '我在外地打工，家里老房子的电费一直是我妈去营业厅排队交现金。她今年七十多了，腿脚不太方便，来回要坐半小时公交。交电费是不是只能去营业厅？',
    );
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toEqual(['payment-methods']);
  });

  it.each([
    // Whether the hotline can be called during an outage: no repair form.
    ['yyds的服务热线是哪个号？半夜emo停电了能打不', '95598'],
    // Our rules on data, whatever the story mentions (a solar salesman).
    [
      '我老公上个月在营业厅办了业务，结果这周就接到好几个推销光伏的电话，对方连我们家户号都说得出来。供电公司对客户的个人信息到底有没有保密的要求？',
      '不准对外泄露客户个人信息',
    ],
    // The hotline spoken as digits (九五五九八) is the number.
    ['你好那个我想问下就是你们那个九五五九八是不是二十四小时的然后能报休吗', '24小时'],
    // The comment book, asked after a score given at the counter: a question, not a score.
    [
      '我在营业厅按了满意度评价，但只能按满意不满意。我记得以前厅里有个本子可以写意见，现在还有吗？',
      '意见簿',
    ],
    // A foreign word in the story (compensation) does not make its own question foreign.
    [
      '停电后我打电话问赔偿，接电话的人说不归他管，叫我自己去找别的部门就挂了。第一个接待我的人不是应该负责到底吗？',
      '首问负责',
    ],
    // What another counter told the customer to do is the story, not a request for a person.
    ['营业厅一号窗口让我找客服，客服又让我回营业厅。你们不是规定第一个接待的人要负责到底吗？', '首问负责'],
    // "可以投诉到哪里" asks where to complain, not how far a complaint has got.
    ['电费收得不明不白的话，可以投诉到哪里？', '95598'],
    // "有几种方式" is a question, answered beside the one after it.
    ['我想问两个事一个是交电费有几种方式还有一个就是投诉以后几天联系我', '1个工作日'],
    // A voice message asks in its last spoken clause; the story is of queueing at the counter.
    [
      '我系住喺荔湾嘅 屋企得我同老公两个 冇乜时间出街 以前都系去营业厅排队交电费 而家真系好难抽身 你哋有咩方法可以交电费啊',
      '多种可供选择的缴纳电费方式',
    ],
    // A meter the customer only wonders about, and the rule asked: the rule, with the offer.
    [
      '这月电费一百八 往常也就五六十 那电表转得跟电风扇似的 俺寻思是不是坏了 申请校验的话多少天能出结果 规定是几个工作日',
      '回复“校验电表”',
    ],
  ])('answers %s with %s', async (question, fact) => {
    const turn = await ask(question);
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain(fact);
  });
});

describe('questions about a process asked beside a problem', () => {
  it('answers the way to complain formally, whatever happened', async () => {
    const turn = await ask('我们医院对你们停电通知不及时很不满 要正式投诉 可以发传真或者寄信吗');
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('95598');
  });

  it('tells a customer whose connection is late how to complain, in place of the offer', async () => {
    const text = replyText(
      await ask('我这个美甲店验收合格手续也办完了 已经六个工作日了还没送电 是不是超期了 找谁投诉'),
    );
    expect(text).toContain('5个工作日');
    expect(text).toContain('95598');
    expect(text).not.toContain('需要现在为您登记投诉吗');
  });

  it('answers whether the bills can be looked up here, and offers it', async () => {
    const turn = await ask(
      '我们连锁店有十几个户号 每个月一个个交太麻烦了 有没有别的交费渠道 还有能不能查每个店的账单',
    );
    expect(ids(turn)).toEqual(['payment-methods', 'information-services']);
    expect(replyText(turn)).toContain('回复“查电费”');
  });

  it('tells a customer who asks what to do if a rule is broken how to complain', async () => {
    const leaked = replyText(await ask('要是营业员把我家地址电话泄露给别人了 我可以怎么办'));
    expect(leaked).toContain('不准对外泄露客户个人信息');
    expect(leaked).toContain('95598');
    const late = replyText(
      await ask('都第5个工作日了 我家住房报装的供电方案还没影 这算不算超期了 超了怎么办'),
    );
    expect(late).toContain('3个工作日');
    expect(late).toContain('95598');
  });

  it('answers both sides named one each', async () => {
    const sides = await ask('小区门口开的便利店要新装电表 一个是方案答复一个是送电 两个时间各是多少');
    expect(ids(sides)).toEqual(['supply-plan-reply', 'connection-time']);
  });

  it('reads what a member of staff offered as the story, not a request to look up the bill', async () => {
    const turn = await ask('我朋友在供电所上班,他说可以帮我少算点电费,只要请他吃顿饭,这种事允许吗?');
    expect(turn.intent).toBe('faq');
    // A meal asked for (二、9, 吃请) in return for a lower bill (二、10, gain from the post): either
    // conduct rule answers it; what matters is that no account is looked up.
    expect(ids(turn)).toHaveLength(1);
    expect(['no-gifts', 'no-abuse-of-position']).toContain(ids(turn)[0]);
    expect(replyText(turn)).toContain('不准');
  });

  it('reads a fault told as a habit as the story of a question about follow-up, not a report', async () => {
    const turn = await ask('我们小区老是停电嘛 每次报完修你们都会打电话回访 回访是规定吗');
    expectAnsweredWithoutIdentityCheck(turn);
    expect(replyText(turn)).toContain('回访');
    expect(replyText(turn)).not.toContain('详细地址');
    // Told as happening now, or asked to be repaired, the same fault is reported.
    expect((await ask('我们小区老是停电 帮我报修')).intent).toBe('repair');
  });

  it('answers whether a delay is allowed, in words no rule lists, with the offer and no form', async () => {
    const turn = await ask('欠费停电后钱马上交了 可过了两天还是没电 你们允许这样拖吗');
    expectAnsweredWithoutIdentityCheck(turn);
    expect(ids(turn)).toEqual(['no-unlawful-outage']);
    expect(replyText(turn)).toContain('回复“报修”');
    expect(replyText(turn)).not.toContain('详细地址');
    // Asked for outright, the same story is a repair.
    const asked = await ask('欠费停电后钱马上交了 可过了两天还是没电 赶紧派人来');
    expect(asked.intent).toBe('repair');
  });

  it('answers whether the company must tell an application’s progress, with the offer to look it up', async () => {
    const turn = await ask('我家报装快一个月了 也不知道办到哪了 你们有没有责任主动告诉我进度 还是只能干等');
    expectAnsweredWithoutIdentityCheck(turn);
    expect(replyText(turn)).toContain('回复“报装进度”');
    // Asked for, the look-up starts with the identity check.
    expect((await ask('我家报装快一个月了 也不知道办到哪了 帮我查查')).intent).toBe('application');
  });

  it('reads paying for one’s mother as the story of a question about the counter’s time limit', async () => {
    const turn = await ask('替我妈交电费 柜员让等了二十分钟 你们对交费有时间规定吗');
    expectAnsweredWithoutIdentityCheck(turn);
    expect(replyText(turn)).toContain('5分钟');
  });

  it('answers a customer who wants to complain and asks whether the hotline answers at night', async () => {
    const turn = await ask('我想投诉 可我白天上班 晚上打你们热线有人接吗');
    expectAnsweredWithoutIdentityCheck(turn);
    expect(replyText(turn)).toContain('24小时');
    expect(replyText(turn)).toContain('回复“投诉”');
  });

  it('answers the ways to pay asked beside a reading dispute', async () => {
    const turn = await ask('上个月抄表抄错了，我反映了，多久核实？另外我想换个交电费的方式，有哪些可以选？');
    expect(ids(turn)).toEqual(['reading-dispute', 'payment-methods']);
  });

  it('answers an English follow-up that names another matter', async () => {
    const turn = await ask(
      'meter reading looks wrong this month. how long do you take to verify it? and if I ask for the meter to be tested?',
    );
    expect(ids(turn)).toEqual(['reading-dispute', 'meter-test']);
  });
});

describe('two parts that would get the same answer', () => {
  it('reads a part by its own question where its story shares the other part’s words', async () => {
    const turn = await ask(
      '你们那个师傅来装表 先说要我请他吃饭 吃饭还要喝酒 喝完下午还要上班 我想问你们员工可不可以让客户请吃饭 上班前能不能喝酒',
    );
    expect(ids(turn)).toEqual(['no-gifts', 'no-drinking-on-duty']);
  });

  it('reads a part with the class the message gives without making it a look-up', async () => {
    const turn = await ask(
      '我屋头奶奶八十几了 两个事 一是你们对老年人 腿脚不方便的有没得照顾 二是交一笔电费规定好久办完',
    );
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toEqual(['assistance-for-limited-mobility', 'counter-service-time']);
    expect(replyText(turn)).not.toContain('查电费');
  });
});

describe('a foreign topic', () => {
  it('answers the electricity question beside it and says the rest is not ours', async () => {
    const turn = await ask('燃气费在哪交 还有电费怎么交');
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toEqual(['payment-methods']);
    expect(replyText(turn)).toContain('不在供电服务标准的范围内');
  });

  it('reads a sick animal as not ours, and an outage on the farm as ours', async () => {
    expect((await ask('俺家的猪得病了咋整')).intent).toBe('unknown');
    expect((await ask('俺家停电了 猪圈也没电')).intent).toBe('repair');
  });

  it('leaves a part that names nothing to the foreign topic it follows', async () => {
    const turn = await ask('燃气费怎么交 在哪里交');
    expect(turn.intent).toBe('unknown');
  });

  it('answers the last question of a voice message that mentioned it on the way', async () => {
    const turn = await ask(
      '我刚办完业务就接到卖光伏板的推销电话 是不是你们把我信息漏出去了 你们允许把客户资料给别人吗',
    );
    expect(ids(turn)).toEqual(['privacy']);
  });

  it('answers a question about our rules beside a claim we do not handle (compensation)', async () => {
    const turn = await ask(
      '【家族群转发】二姑:大家注意,供电局规定投诉后必须三天内上门,不然可以索赔!——这是真的吗?投诉后到底多久联系?',
    );
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toEqual(['complaint-time-limits']);
    expect(replyText(turn)).toContain('1个工作日');
    expect(replyText(turn)).toContain('不在供电服务标准的范围内');
  });

  it('answers a question about our rules in a foreign topic’s words (a fee, staff selling, the power laws)', async () => {
    expect(ids(await ask("你们收的这个'电表移位费'是政府批的还是你们自己定的?"))).toEqual(['approved-fees']);
    expect(ids(await ask('我是做光伏安装的小老板 想咨询电力法规和供用电政策 你们提供这类咨询吗'))).toEqual([
      'information-services',
    ]);
    // The topic itself stays foreign.
    expect((await ask('光伏补贴是政府批的吗')).intent).toBe('unknown');
  });

  it('answers whether we may cut the power at the property manager’s request (物业 is not ours, the cut is)', async () => {
    const turn = await ask('物业跟我闹矛盾,就找供电所把我家电给拉了,供电所能这么干??');
    expect(ids(turn)).toEqual(['no-unlawful-outage']);
  });

  it('keeps a short question after it the foreign topic’s', async () => {
    expect((await ask('我想问燃气费的事。怎么交？')).intent).toBe('unknown');
  });
});

describe('the customer’s class read from how they describe it', () => {
  it.each([
    ['医院要求两路电源供电，供电方案多久能答复', '30个工作日', ['15个工作日', '7个工作日'], '两路电源'],
    ['35千伏一路进线的钢厂，供电方案几天答复', '15个工作日', ['30个工作日', '7个工作日'], '35千伏'],
    ['路边开了个奶茶店，供电方案要等多久', '7个工作日', ['15个工作日', '30个工作日'], '奶茶店'],
    ['写字楼是380伏供电的，方案答复期限多久', '7个工作日', ['15个工作日', '30个工作日'], '380伏'],
    // One line and a word that there is no other: single supply, however it is said.
    [
      '冷库自己买了630千伏安的变压器，只从一条10千伏线路接电，没有第二路电源，供电方案多久',
      '15个工作日',
      ['30个工作日'],
      '只从一条',
    ],
    [
      '我哋間廠自己有部變壓器，淨係接咗一條10千伏線，冇後備電源，供電方案要等幾耐',
      '15个工作日',
      ['30个工作日'],
      '10千伏',
    ],
    // A second supply from another substation, a main and a standby: two supplies.
    [
      '酒店除了这路主供电源，还要从另外一个变电站再引一路10千伏做备用，方案答复多久',
      '30个工作日',
      ['15个工作日'],
      '另外一个变电站',
    ],
    // "手术室和ICU" joins two rooms, not two classes: no comparison.
    [
      '医院住院楼有手术室和ICU，要接两路高压电源，一路常用一路备用，供电方案几天',
      '30个工作日',
      ['15个工作日', '3个工作日'],
      '两路高压电源',
    ],
    // A canteen on 380 V from the public transformer: low voltage, though it is a school's.
    [
      '学校食堂新添商用电磁灶和蒸饭柜，从旁边的公用变压器引380伏低压电，方案答复最长几天',
      '7个工作日',
      ['15个工作日', '30个工作日'],
      '380伏',
    ],
    // A farm on the village's public transformer at "380" (no unit): low voltage.
    [
      '我承包了个养鸡场，就几台风机和保温灯，接的是村里公用变压器的380，现在要扩大规模申请加容量，你们回复方案要几个工作日？',
      '7个工作日',
      ['15个工作日', '30个工作日'],
      '公用变压器',
    ],
    // "只有一个电源", after a lead-in that asks whether there is such a rule.
    [
      '你们是不是有规定，高压客户只有一个电源的话，供电方案半个多月内就要答复？',
      '15个工作日',
      ['30个工作日', '7个工作日'],
      '',
    ],
    // A home said in Hokkien, "not a business".
    ['阮厝内要装电，是家己住的，毋是做生意，方案着等几日', '3个工作日', ['7个工作日', '15个工作日'], ''],
    // A flat, an old village house: homes, though neither says 居民.
    [
      '我们在小区里买了套两居室，交房后要自己去申请用电，供电方案多久能答复',
      '3个工作日',
      ['7个工作日', '15个工作日'],
      '',
    ],
    [
      '乡下的老屋翻新后要重新接电，检验合格了手续也办完了，最晚几个工作日送电',
      '3个工作日',
      ['5个工作日'],
      '',
    ],
    // Two substations, one line each: two supplies; "one single 10 kV line": one.
    [
      '我们写字楼从两个不同的变电站各引一路10千伏电源，供电方案要多少天',
      '30个工作日',
      ['15个工作日'],
      '两个不同的变电站',
    ],
    [
      'Our factory is fed by one single 10 kV line. How many working days for the supply plan?',
      '15个工作日',
      ['30个工作日'],
      '10 kv',
    ],
    // 高压水枪 is a pressure washer, not a high-voltage supply; a car wash is a shop.
    [
      '俺家整了个洗车行，高压水枪那些设备都是380伏的，方案得多少天给回话啊',
      '7个工作日',
      ['15个工作日', '30个工作日'],
      '洗车行',
    ],
    // 非居民 inside the name 低压非居民用户 is no second class.
    [
      '請問低壓非居民用戶申請用電，供電方案答覆期限是幾個工作日',
      '7个工作日',
      ['3个工作日', '15个工作日'],
      '',
    ],
    // A transformer said not to be theirs is no evidence of high voltage.
    [
      '我开了个小印刷厂，用的是380伏三相电，不是专变那种，出供电方案要几天',
      '7个工作日',
      ['15个工作日', '30个工作日'],
      '380伏',
    ],
    [
      '我在古镇上开了家茶馆，普通低压进线，没有专用变压器，最晚几个工作日答复供电方案',
      '7个工作日',
      ['15个工作日'],
      '茶馆',
    ],
    [
      '我在城中村租了一间单间，想自己单独装一块表，供电方案多久能答复',
      '3个工作日',
      ['7个工作日', '15个工作日'],
      '',
    ],
    [
      'My small café passed your wiring inspection and the paperwork is done. Within how many working days will you connect us?',
      '5个工作日',
      ['3个工作日'],
      'café',
    ],
    // A charging station applying for its own supply is a customer like any other.
    [
      '我们要建一个公交充电站，10千伏单回路接入，没有备用线路，供电方案答复多久',
      '15个工作日',
      ['30个工作日'],
      '单回路',
    ],
    // Two supplies however they are qualified ("相互独立的", "10kV"), and one said as "only this one".
    [
      '新建的数据中心设计上要两路相互独立的10kV电源，方案多久能答复',
      '30个工作日',
      ['15个工作日', '7个工作日'],
      '两路相互独立',
    ],
    [
      '医院新院区要有两个互相独立的电源进线，供电方案几天答复',
      '30个工作日',
      ['15个工作日'],
      '两个互相独立的电源进线',
    ],
    [
      '搅拌站从10千伏线上接临时电，只有这一个电源点，供电方案要多久',
      '15个工作日',
      ['30个工作日'],
      '只有这一个电源',
    ],
    [
      'Our hospital runs on two independent power sources, how long for the supply plan?',
      '30个工作日',
      ['15个工作日'],
      'two independent power sources',
    ],
    [
      'Our plant needs two redundant 10kV feeds, how long will the supply plan take?',
      '30个工作日',
      ['15个工作日'],
      'two redundant 10kv feeds',
    ],
    [
      'Our office passed the inspection, how many working days until you connect us?',
      '5个工作日',
      ['3个工作日'],
      'our office',
    ],
    // One line "coming in" is one supply; a workshop or a farm is no household.
    ['厂里就一路10千伏进来，供电方案多久答复', '15个工作日', ['30个工作日', '3个工作日'], '一路'],
    ['开了个汽修厂，要装个表，方案多久答复', '7个工作日', ['3个工作日'], '汽修厂'],
    ['村里养鸡场要接电，方案几天答复', '7个工作日', ['3个工作日'], '养鸡场'],
    // A restaurant is a customer, however foreign its food; an old house is a home; a well is a farm's.
    [
      '我在街上开了个火锅店 要拉三相电 380那种 你们方案好久给我答复嘛',
      '7个工作日',
      ['3个工作日', '15个工作日'],
      '火锅店',
    ],
    ['老宅子翻修完要重新申请用电，你们几天给方案啊', '3个工作日', ['7个工作日', '15个工作日'], '居民'],
    ['灌溉机井的电验收完了，几天能通上电，地里等不了', '5个工作日', ['3个工作日'], '灌溉'],
    [
      '老板儿,我那个小作坊要拉动力电,低压380的,方案好久给我回嘛?',
      '7个工作日',
      ['3个工作日', '15个工作日'],
      '小作坊',
    ],
    // "各拉一回" from two substations is two supplies; "单独拉一路10kV" is one.
    [
      '污水处理厂要从两个不同的变电站各拉一回10千伏线路过来，防止一路断了全厂停摆，供电方案多久',
      '30个工作日',
      ['15个工作日', '7个工作日'],
      '变电站',
    ],
    [
      '公司新租个写字楼，要单独拉一路10kV，自家配一台变压器，方案几日好答复',
      '15个工作日',
      ['30个工作日'],
      '一路10kv',
    ],
  ])('%s', async (question, right, wrong, evidence) => {
    const text = replyText(await ask(question));
    expect(text).toContain(right);
    for (const other of wrong) expect(text).not.toContain(other);
    // The words the class was read from are said, so a wrong reading is plain to see.
    expect(text).toContain(evidence);
  });

  it('answers every class a question lists by name', async () => {
    const text = replyText(
      await ask('居民、低压电力、高压单电源、高压双电源这四类客户，方案答复期限各是多少'),
    );
    for (const days of ['3个工作日', '7个工作日', '15个工作日', '30个工作日']) expect(text).toContain(days);
  });

  it('reads both rules of a "分别" question with the class it names', async () => {
    const text = replyText(await ask('高压双电源客户的方案答复和装表接电期限分别是多少'));
    expect(text).toContain('30个工作日');
    expect(text).toContain('5个工作日');
    expect(text).not.toContain('3个工作日');
  });

  it('reads a class name typed by pinyin as a word the dictionary knows (地压 for 低压)', async () => {
    const text = replyText(await ask('供电方案搭复 地压电力客户 几天'));
    expect(text).toContain('7个工作日');
    expect(text).not.toContain('15个工作日');
  });

  it('reads pinyin around syllables of words it does not know', async () => {
    const turn = await ask('dian biao jiao yan duo jiu chu jie guo');
    expect(ids(turn)).toEqual(['meter-test']);
  });

  it.each([
    ['咱就是个住家户 不开店不办厂 报装用电以后你们给方案最慢几天', '3个工作日', '7个工作日'],
    ['打印店想加一路380电 低压的 方案回复是几天啊', '7个工作日', '30个工作日'],
    ['俺们村卫生室 验收通过手续也齐了 装表接电几天 俺可不是住家户啊', '5个工作日', '3个工作日'],
  ])('reads the class from premises said or denied: %s', async (question, fact, wrong) => {
    const text = replyText(await ask(question));
    expect(text).toContain(fact);
    expect(text).not.toContain(wrong);
  });

  it('reads a broad class in one question as the precise class the message names in another', async () => {
    const text = replyText(
      await ask('點解我哋廠嘅供電方案等咗成個月都未有？我哋係高壓單電源，規定幾耐答覆？'),
    );
    expect(text).toContain('15个工作日');
    expect(text).not.toContain('30个工作日');
  });

  it.each([
    ['我们厂的配电房验收合格了相关手续也都办好了请问多久能给装表送电', '5个工作日', '3个工作日'],
    ['阿拉屋里厢验收过了，手续也弄好了，装表接电啥辰光好来？', '3个工作日', '5个工作日'],
  ])('reads "我们厂" and a Shanghainese home: %s', async (question, fact, wrong) => {
    const text = replyText(await ask(question));
    expect(text).toContain(fact);
    expect(text).not.toContain(wrong);
  });

  it('compares a home with a business at 380 V, and a low-voltage non-resident with a home', async () => {
    const mixed = replyText(await ask('我家里要装电 我厂里380也要新开一户 这俩供电方案答复分别要多久'));
    expect(mixed).toContain('3个工作日');
    expect(mixed).toContain('7个工作日');
    expect(mixed).not.toContain('15个工作日');
    const named = replyText(await ask('居民和低压非居民的供电方案答复，时间差多少？各自是几个工作日？'));
    expect(named).toContain('3个工作日');
    expect(named).toContain('7个工作日');
    expect(named).not.toContain('30个工作日');
  });

  it('gives the process with the limits of the class it reads, not every class’s', async () => {
    const home = replyText(await ask('儿子帮我在手机上申请了家里装电 就想问问你们给回话要几天'));
    expect(home).toContain('3个工作日');
    for (const other of ['7个', '15个', '30个']) expect(home).not.toContain(other);
    const shop = replyText(await ask('开奶茶店怎么申请用电'));
    expect(shop).toContain('7个工作日');
    expect(shop).not.toContain('30个');
  });

  it('keeps the whole table where nothing tells the class', async () => {
    const text = replyText(await ask('供电方案多久能答复'));
    for (const days of ['3个工作日', '7个工作日', '15个工作日', '30个工作日']) expect(text).toContain(days);
  });
});

describe('a question about a process', () => {
  it.each([
    ['投诉了一般多久有人联系我', ['complaint-time-limits'], '回复“投诉”'],
    ['可以写信举报吗', ['how-to-complain'], '回复“投诉”'],
    ['半夜出故障也能报修吗', ['hotline-95598'], '回复“报修”'],
    // The standard promises no arrival time: how repairs are taken and handled answers it (the
    // hotline's entry, or the action's own rule where no entry is sure), still with no form.
    ['报修一般多久到', ['hotline-95598', 'emergency-response'], '回复“报修”'],
    ['校验电表一般多久出结果', ['meter-test'], '回复“校验电表”'],
    ['Is there a hotline I can call to report a power fault?', ['hotline-95598'], '回复“报修”'],
  ])('%s is answered with an offer, and opens no form', async (question, entries, offer) => {
    const user = webUser();
    const turn = await ask(question, user);
    expect(turn.intent).toBe('faq');
    expect(ids(turn).some((id) => entries.includes(id))).toBe(true);
    expect(replyText(turn)).toContain(offer);
    // Nothing was opened: a number next is not taken as an answer to a form's question.
    const next = await ask('13912345678', user);
    expect(next.intent).not.toBe('complaint');
    expect(next.intent).not.toBe('repair');
  });

  it.each([
    ['我要投诉的话有哪些渠道?', 'how-to-complain'],
    ['我家电费账单上的读数不对,核实要几天?如果我要投诉,多久联系我?', 'complaint-time-limits'],
  ])('is answered when the request is only supposed: %s', async (question, entry) => {
    const turn = await ask(question);
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toContain(entry);
  });

  it('answers the matter asked, not the one the customer says they are not asking about', async () => {
    const turn = await ask('我们是高压单电源客户,受电工程验收合格以后送电时限多少?不是方案答复那个');
    expect(ids(turn)).toEqual(['connection-time']);
    expect(replyText(turn)).toContain('5个工作日');
    expect(replyText(turn)).not.toContain('15个工作日');
  });

  it.each([
    ['抄表员怕是估抄的吧 读数跟表上对不上 你们好久答复', 'reading-dispute'],
    ['抄表员是不是抄错了 读数对不上 你们几个工作日给我答复', 'reading-dispute'],
    ['想先问问 投诉一般几天能有处理结果 还没决定投不投', 'complaint-time-limits'],
    ['我想举报你们一个工作人员 有哪些方式', 'how-to-complain'],
    ['办完业务能在哪给员工打个分评价一下', 'customer-opinions'],
    ['怎么给窗口打分评价', 'customer-opinions'],
    ['服务评价这块你们怎么做的', 'customer-opinions'],
    ['俺们村里老停电,你们那应急处理是咋规定的', 'emergency-response'],
    ['我要投诉但不想打电话,能寄信吗?传真呢?', 'how-to-complain'],
    ['那个 停电了是不是打那个95598就能报修啊 几点打都行吗', 'hotline-95598'],
    ['嗯 我报修了以后 后来有人打电话问我满意不满意 这是干啥的啊', 'follow-up-visits'],
    ['我们这旮旯交电非不方便，有啥别的交法不？手机能交不？', 'payment-methods'],
  ])('is answered, not started: %s', async (question, entry) => {
    const turn = await ask(question);
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toContain(entry);
  });

  it.each([
    ['我就交个电费在柜台磨蹭了快半小时这正常吗你们不是有时间规定吗', 'counter-service-time'],
    ['营业厅员工能不能收客户的礼？要投诉他们打什么电话', 'no-gifts'],
  ])('answers which number or which rule, not a form or a look-up: %s', async (question, entry) => {
    const turn = await ask(question);
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toContain(entry);
  });

  it('answers both rules set side by side by 有啥区别, and a second question asked after a pause', async () => {
    const compared = replyText(await ask('校验电表和抄表数据不对这两个 你们处理时限有啥区别'));
    expect(compared).toContain('5个工作日');
    expect(compared).toContain('7个工作日');
    const cared = replyText(await ask('老头子腿脚不好 要去营业厅交电费 办一件要多久啊 能不能照顾一下'));
    expect(cared).toContain('5分钟');
    expect(cared).toContain('照顾和帮助');
  });

  it('still asks a complaint of a customer who demands one with 管不管', async () => {
    expect((await ask('我要投诉你们管不管')).intent).toBe('complaint');
  });

  it.each([
    '你们这能查我申请用电办到哪一步了吗',
    // The customer's own progress, asked whether it can be looked up and where.
    '我报装的进度能不能查 一般在哪查',
  ])('answers whether a look-up is offered, and offers it: %s', async (question) => {
    const turn = await ask(question);
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('回复“报装进度”');
  });

  it('tells a customer whose limit has passed how to complain, after the limit', async () => {
    const turn = await ask('验收合格都8个工作日了还没送电!!我们是饭店!!你们规定到底几天?');
    expect(turn.intent).toBe('faq');
    const text = replyText(turn);
    expect(text).toContain('5个工作日');
    expect(text.indexOf('回复“投诉”')).toBeGreaterThan(text.indexOf('5个工作日'));
    const connection = replyText(
      await ask('我屋头新房子验收都过了手续也办完了,一个礼拜了还没来接电,是不是在拖起哦'),
    );
    expect(connection).toContain('3个工作日');
    expect(connection).toContain('不准无故拖延送电');
    // A delay asked about ("能拖一个月") is the same wait.
    expect(replyText(await ask('听说验收完了送电能拖一个月都没人管 有没有规定'))).toContain(
      '不准无故拖延送电',
    );
    // Asked without a wait, the limit alone.
    expect(replyText(await ask('验收合格后几天送电'))).not.toContain('投诉');
  });

  it('reads a request to dispute a reading as the request, whatever the reading is compared with', async () => {
    const turn = await ask(
      "I dispute the meter reading on my last bill, it's way higher than what the meter shows",
    );
    expect(turn.intent).toBe('meter');
    const asked = await ask(
      "The meter reading on my bill doesn't match what my meter shows. After I report it, how soon will you check?",
    );
    expect(asked.intent).toBe('faq');
    expect(replyText(asked)).toContain('7个工作日');
  });

  it('answers whether a service exists, asked of two look-ups at once, without an identity check', async () => {
    const turn = await ask('我能在你们这里查自己用电申请办到哪一步、还有电费账单吗？你们有这个服务没有？');
    expectAnsweredWithoutIdentityCheck(turn);
    expect(ids(turn)).toEqual(['information-services']);
  });

  it('answers how long after a complaint, asked in general, instead of looking a complaint up', async () => {
    const turn = await ask('投诉以后多久给处理结果？');
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('7个工作日');
    expect(replyText(turn)).toContain('回复“投诉”');
  });

  it('answers whom to call at night during an outage, and offers the repair instead of starting it', async () => {
    const turn = await ask('半夜停电了找谁?有24小时的电话吗');
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('95598');
    expect(replyText(turn)).toContain('回复“报修”');
  });

  it('is acted on when the customer asks for it to be registered, after any story', async () => {
    const complaint = await ask('上周没通知就停了一天电，打电话也没人说清楚原因。我现在正式投诉，请登记。');
    expect(complaint.intent).toBe('complaint');
    const meter = await ask('我家电表读数不对，我要反映一下，帮我登记核实');
    expect(meter.intent).toBe('meter');
  });

  it('is a repair when a fault at home comes with someone asked to come', async () => {
    const turn = await ask('家里空开跳了合不上，好像是外面线路的毛病，你们派个师傅过来看看吧');
    expect(turn.intent).toBe('repair');
  });

  it('is acted on when it is a request or a problem happening now', async () => {
    expect((await ask('我要投诉营业员态度太差')).intent).toBe('complaint');
    expect((await ask('家里停电三个小时了什么时候能来电')).intent).toBe('repair');
    expect((await ask('个电表好似唔准，可唔可以帮我check下')).intent).toBe('meter');
  });

  it('lets a complaint demand win over the problem it reports, keeping the problem as its description', async () => {
    const user = webUser();
    const turn = await ask('报修三天了都没人来，我要投诉！！', user);
    expect(turn.intent).toBe('complaint');
    const confirm = replyText(await ask('13912345678', user));
    expect(confirm).toContain('报修三天了都没人来');
  });
});

describe('questions and a request in one message', () => {
  it('answers first, then opens the request’s flow', async () => {
    const turn = await ask('投诉后多久有人联系我？另外我要投诉营业员态度太差');
    expect(turn.intent).toBe('complaint');
    expect(turn.replies[0]?.text).toContain('1个工作日');
    expect(turn.sources[0]?.id).toBe('complaint-time-limits');
    expect(replyText(turn)).toMatch(/联系电话/);
  });
});

describe('a correction in the middle of a flow', () => {
  it('leaves the repair for the complaint the customer meant, carrying what they said', async () => {
    const user = webUser();
    expect((await ask('家里停电了', user)).intent).toBe('repair');
    const turn = await ask('我不是要报修，我要投诉你们抢修太慢', user);
    expect(turn.intent).toBe('complaint');
    // Nothing of the correction was taken as the repair's address; the complaint asks for a phone.
    expect(replyText(turn)).toContain('联系电话');
    const summary = replyText(await ask('13912345678', user));
    expect(summary).toContain('家里停电了');
    expect(summary).toContain('我要投诉你们抢修太慢');
    expect(summary).not.toContain('地址');
  });

  it('keeps an answer that only starts with 不对 inside the flow', async () => {
    const user = webUser();
    await ask('家里停电了', user);
    await ask('幸福路12号3栋201', user);
    await ask('13912345678', user);
    const turn = await ask('不对，改一下电话', user);
    expect(turn.intent).toBe('repair');
    expect(replyText(turn)).toContain('重新输入联系电话');
  });
});

describe('questions about the bill just shown', () => {
  async function verifiedBill() {
    const user = webUser();
    await ask('查电费', user);
    await ask('1000000001', user);
    await ask('1234', user);
    return user;
  }

  it('compares this bill with the one before when asked why it is higher', async () => {
    const user = await verifiedBill();
    const text = replyText(await ask('为什么10月比9月贵', user));
    expect(text).toContain('203.15元');
    expect(text).toContain('186.40元');
    expect(text).toContain('多16.75元');
    expect(text).toContain('多了26度');
  });

  it('reads "past the due date" and "how do I pay fastest" against that bill', async () => {
    const user = await verifiedBill();
    const due = replyText(await ask('过了截止日期会停电吗', user));
    expect(due).toContain('2026年11月25日');
    expect(due).toContain('不准违规停电');
    const pay = await ask('那我怎么交最快', user);
    expect(pay.intent).toBe('bill');
    expect(pay.sources.map((s) => s.id)).toEqual(['payment-methods']);
  });
});

describe('a message written in English', () => {
  it('is answered in Chinese with one English line saying so and offering a person', async () => {
    const turn = await ask('How long does the supply plan reply take for a home?');
    expect(replyText(turn)).toContain('3个工作日');
    expect(turn.replies.at(-1)?.text).toMatch(/We answer in Chinese.*talk to a person/);
    const chinese = await ask('居民供电方案多久答复');
    expect(replyText(chinese)).not.toContain('We answer in Chinese');
  });

  it('reads the supply from short English clauses before a sentence that states a limit', async () => {
    const turn = await ask(
      'Factory, 10 kV, one incoming supply. I read the supply plan reply limit is 10 working days. Correct?',
    );
    expect(replyText(turn)).toContain('高压单电源客户');
    expect(replyText(turn)).toContain('15个工作日');
    expect(replyText(turn)).not.toContain('30个工作日');
  });
});

describe('a class named in other words, or misspelt', () => {
  it.each([
    ['我开了个小超市，低压非居民用电，装表接电要几天', '5个工作日', '3个工作日'],
    ['我们家不需要备用电源，就一般居民，装表几天', '3个工作日', '5个工作日'],
    ['局民装表接电几天', '3个工作日', '5个工作日'],
    [
      'A high-voltage user with just one supply line: how long for the supply plan?',
      '15个工作日',
      '30个工作日',
    ],
    ['非住宅客戶受電工程驗收合格後，幾個工作日內送電？', '5个工作日', '3个工作日'],
    ['我们是高压双电原的，方按交上去很久了，规定几天答复', '30个工作日', '15个工作日'],
    // The class of a limit the customer already knows is not the one asked about.
    ['居民的方案答复是3个工作日我知道，那开小超市的低压用户呢，多少天？', '7个工作日', '15个工作日'],
    // Premises said not to be theirs are not theirs; the clause about their own case tells the class.
    ['验收早过了还不送电，我家是普通住户，又不是什么大工厂，几天内该送电？', '3个工作日', '5个工作日'],
    [
      '以前房东用的是居民电，现在改成开奶茶店，听说商用跟居民不一样，像我这种小店方案几天答复？',
      '7个工作日',
      '3个工作日',
    ],
    // A part naming only the class asks the question of the part before it.
    ['供电方案答复期限，居民客户最多几天？', '3个工作日', '7个工作日'],
    ['双电原的方案几天', '30个工作日', '15个工作日'],
    ['gaoya shuang dianyuan fang an ji tian', '30个工作日', '15个工作日'],
  ])('%s', async (question, right, wrong) => {
    const text = replyText(await ask(question));
    expect(text).toContain(right);
    expect(text).not.toContain(wrong);
  });
});

describe('the standard’s preamble: its aspects and the company’s plans', () => {
  it.each([
    ['群众满意服务标准一共包括哪几个方面', '应急处理'],
    ['遇到大范围突发停电，你们有没有应急的快速响应？', '快速响应'],
    ['窗口那个小伙子啥都不会，你们平时不培训员工的吗', '培训'],
    ['營業廳有冇自助終端可以自己交費？', '自助服务终端'],
    ['你们能不能到村里宣传一下安全用电知识', '用电安全意识'],
    ['我提的意见到底有没有人处理，服务质量谁来考核', '考核'],
    ['供电公司为什么这么看重服务？', '降低投诉率'],
    ['营业窗口对你们来说有多重要？', '桥梁'],
    ['你们这个满意服务标准最后想达到什么？', '共赢'],
    ['为了把服务做好，你们具体采取了哪些措施？', '公众教育'],
  ])('%s', async (question, fact) => {
    const turn = await ask(question);
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain(fact);
    expect(replyText(turn)).toMatch(/依据：服务标准(“(包括哪些方面|方案|重要性)”|引言)/);
  });
});

describe('two matters asked of at once', () => {
  it('answers each where the message asks for each ("分别")', async () => {
    const text = replyText(await ask('我觉得抄表读数不对，又想验一下表，分别要几天？'));
    expect(text).toContain('7个工作日');
    expect(text).toContain('5个工作日');
  });
});

describe('a follow-up to the question just answered', () => {
  it('asks the question before it again of another matter in the same message', async () => {
    const turn = await ask('抄表数据不对 核实要几天？验表呢？');
    expect(turn.replies[0]?.text).toContain('7个工作日');
    expect(turn.replies[1]?.text).toContain('5个工作日');
    expect(turn.replies[1]?.text).toContain('校验');
  });

  it('asks the same question about the class the follow-up names', async () => {
    const user = webUser();
    expect(replyText(await ask('居民装表接电要几天', user))).toContain('3个工作日');
    const other = await ask('那非居民呢', user);
    expect(other.intent).toBe('faq');
    expect(replyText(other)).toContain('5个工作日');
    expect(replyText(other)).not.toContain('3个工作日');
  });

  it('is an ordinary message when the last turn was no knowledge answer', async () => {
    const user = webUser();
    await ask('你好', user);
    const turn = await ask('那非居民呢', user);
    // What the message alone gets, as a new customer's first message.
    const alone = await ask('那非居民呢');
    expect({ replies: turn.replies, sources: turn.sources }).toEqual({
      replies: alone.replies,
      sources: alone.sources,
    });
  });
});

describe('messages written as rural and elderly customers write them', () => {
  it('answers a question the ranking cannot tell from another with both answers, the second said to be one', async () => {
    // Measured: the two entries' confidences are 0.36 and 0.31.
    const turn = await ask('营业厅的服务标准是怎么定义的');
    expect(turn.intent).toBe('faq');
    expect(turn.replies).toHaveLength(2);
    expect(turn.replies[1]?.text).toMatch(/^如果您问的是“.+”：/);
    expect(new Set(ids(turn)).size).toBe(2);
    expect(turn.replies.every((reply) => reply.text.includes('依据：服务标准'))).toBe(true);
  });

  it('reads Wu and Southwestern words ("阿拉…啥辰光", "写信可以伐") as questions', async () => {
    const turn = await ask('阿拉投诉了 啥辰光有人来联系 处理意见几天出');
    expectAnsweredWithoutIdentityCheck(turn);
    expect(replyText(turn)).toContain('1个工作日');
    expect(replyText(turn)).toContain('7个工作日');
    const letter = await ask('阿拉爷叔勿会上网 伊想投诉 写信可以伐');
    expect(letter.intent).toBe('faq');
    expect(replyText(letter)).toContain('信函');
  });

  it('answers the question beside a remark on one’s own bill, and asks for no identity', async () => {
    const turn = await ask('电表校验 搞好久出结果咯 我屋里电费贵得吓人');
    expectAnsweredWithoutIdentityCheck(turn);
    expect(replyText(turn)).toContain('5个工作日');
    // Asked outright, the bill is looked up.
    expect((await ask('我家这个月电费出来没有？多少钱？')).intent).toBe('bill');
  });

  it('reads what the property manager said, quoted, as the story and answers whether it is true', async () => {
    const turn = await ask('物业跟我们说“供电局晚上不受理报修 得等白天” 真的假的');
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('24小时');
  });

  it('answers both questions of a formal letter: whether letters are taken, and how soon they call', async () => {
    const turn = await ask(
      'XX供电公司:我院近期多次遭遇非计划停电,影响诊疗。我院拟正式反映意见,请问贵司是否接受函件形式的投诉?受理后多久与我院联系?XX县人民医院院办',
    );
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toEqual(['how-to-complain', 'complaint-time-limits']);
    expect(replyText(turn)).toContain('信函');
    expect(replyText(turn)).not.toContain('地址');
  });

  it('answers a home and a shop numbered in one message with their own limits', async () => {
    const text = replyText(await ask('问两个 1我家住宅方案几天 2我老公那个小卖部 低压的 要几天'));
    expect(text).toMatch(/居民客户.*3个工作日[\s\S]*低压电力客户.*7个工作日/);
  });

  it('gives a kindergarten that says it is no home the non-residential limit only', async () => {
    const text = replyText(
      await ask('我们幼儿园新装修 验收合格 手续全了 不是居民吧 几天能通电 孩子下周就开学了'),
    );
    expect(text).toContain('5个工作日');
    expect(text).not.toContain('3个工作日');
  });

  it('answers a hospital’s two short questions with the two-supply customer’s limits', async () => {
    const turn = await ask('医院两路电 方案几天 送电几天');
    expect(ids(turn)).toEqual(['supply-plan-reply', 'connection-time']);
    expect(replyText(turn)).toContain('30个工作日');
    expect(replyText(turn)).toContain('5个工作日');
  });

  it('answers three yes-no questions of a voice message, each from its rule', async () => {
    const turn = await ask('我是老党员了 想问你们供电所 能随便停电不 能乱收费不 能收礼不 三个问题');
    expect(ids(turn)).toEqual(['no-unlawful-outage', 'approved-fees', 'no-gifts']);
  });

  it('answers a customer who asks ahead of a fault, and starts no repair', async () => {
    const turn = await ask(
      '我家老房子电线老化 经常半夜跳闸 半夜三更的我能找哪个报修 你们晚上有没有人接电话的 现在没事 我先问清楚存起来',
    );
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('95598');
    expect(replyText(turn)).not.toContain('地址');
  });

  it('answers how a progress is looked up with the ways, and offers it here', async () => {
    const turn = await ask('申请进度咋查');
    expectAnsweredWithoutIdentityCheck(turn);
    expect(replyText(turn)).toContain('回复“报装进度”');
  });

  it('reads a wire cut and mended last month as the story of a question about follow-up calls', async () => {
    const turn = await ask(
      '上个月我家房后头电线被风刮断了 我报修了 师傅来得挺快 修好以后过了两天 有个姑娘打电话问我满意不满意 我就想问这个是你们的规定吗 是不是每个报修的都要打电话回访',
    );
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toEqual(['follow-up-visits']);
  });

  it('answers the question a voice message asks before its last words ("…方案要几天 莫拖哈 …")', async () => {
    const turn = await ask(
      '我屋头是那种老式的房子 拆了重新修的 就是住人的 想新装个电表 你们给方案要几天 莫拖哈 我们老两口天天点蜡烛',
    );
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('3个工作日');
  });
});

describe('messages of customers who have dealt with us before', () => {
  it('adds the way to complain where the customer asks it and the answers do not say it', async () => {
    const turn = await ask('投诉之后要是7个工作日没给处理意见，我还能向谁反映？');
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toContain('how-to-complain');
    const text = replyText(turn);
    expect(text).toContain('7个工作日');
    expect(text).toContain('95598');
    // One offer, at the end.
    expect(text.split('回复“投诉”即可').length - 1).toBe(1);
    expect(text.trim().endsWith('回复“投诉”即可。')).toBe(true);
  });

  it('answers three yes-no questions listed with 、, each from its rule', async () => {
    const turn = await ask(
      '我已经被你们折腾怕了，问清楚：你们员工能不能收礼、能不能给我指定施工队、能不能乱收费？',
    );
    expect(ids(turn)).toEqual(['no-gifts', 'free-choice-of-contractor', 'approved-fees']);
  });

  it('answers whether progress can be looked up, where the customer says not to look it up now', async () => {
    const turn = await ask('我们厂的报装进度，你们能提供查询吗？我就先问问有没有这个服务，不用现在帮我查');
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).not.toContain('户号');
  });
});

describe('messages that tell a situation in their own words', () => {
  it('reads what was said at the counter as the story of the question the customer marks', async () => {
    const turn = await ask(
      '我跟柜台说我家用了十几年电了，这个月电费能不能少收点，她说不行，我当场就拍了桌子。我就是想问你们员工碰到这种要求该怎么处理',
    );
    expectAnsweredWithoutIdentityCheck(turn);
    expect(ids(turn)[0]).toBe('apology-and-disputes');
  });

  it('answers a supposed complaint with its time limits and an offer, never a form', async () => {
    const turn = await ask('要是我去告你们那个抄表的一状，多少天内会有人打给我？');
    expectAnsweredWithoutIdentityCheck(turn);
    expect(replyText(turn)).toContain('1个工作日');
    expect(replyText(turn)).toContain('回复“投诉”即可');
  });

  it('gives a pig farm on three-phase 380 the low-voltage limit only', async () => {
    const text = replyText(await ask('养了两千多头猪，风机全靠三相380，新盖的猪舍要通电，方案几天给答复'));
    expect(text).toContain('7个工作日');
    expect(text).not.toContain('15个工作日');
    expect(text).not.toContain('3个工作日');
  });

  it('answers whether the hall is being improved with the measure that says so', async () => {
    const text = replyText(await ask('镇上那个营业厅又小又破，取号机还老坏，你们打不打算弄好一点'));
    expect(text).toContain('硬件设施');
  });
});

describe('a request beside a question about it', () => {
  it('answers the question, then opens the form without saying the rule twice', async () => {
    const turn = await ask('电表走得飞快，帮我校验一下。校验要几天？');
    expect(turn.intent).toBe('meter');
    expect(replyText(turn).split('5个工作日').length - 1).toBe(1);
  });

  it('reads a meter problem told beside a question about the rule as its background', async () => {
    const turn = await ask('上个月抄表的数明显不对，跟营业员说了她不给查。标准是不是规定要核实？几天之内？');
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('7个工作日');
    expect(replyText(turn)).toContain('回复“校验电表”即可');
  });
});

describe('a question asked for someone else, about what others said', () => {
  it('answers whether paying and looking up online is possible, and asks for no identity', async () => {
    const turn = await ask('我帮我爸问一下，他说交电费、查电费都得亲自跑营业厅，网上弄不了，是真的吗？');
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toContain('online-services');
    expect(replyText(turn)).not.toContain('验证身份');
  });
});

describe('two matters asked of together, and the part an entry is sure of', () => {
  it('answers both rules when two matters are joined and asked of together', async () => {
    const turn = await ask('我就问问啊 电表测完了要是不准 还有抄表抄错的 你们都是几天给说法');
    expect(ids(turn)).toEqual(['meter-test', 'reading-dispute']);
    const both = replyText(
      await ask(
        '我家电表不准想让你们测一下 另外电费单上的读数也不对 跟表上的对不上 这两个事你们各要多少天给我说法',
      ),
    );
    expect(both).toContain('5个工作日');
    expect(both).toContain('7个工作日');
  });

  it('splits a Cantonese pair at 同埋 and keeps the supply the factory told of for the second', async () => {
    const turn = await ask('我哋係開廠嘅 10kV 一路電 想問報裝之後會唔會有人跟進同回訪 同埋方案要等幾耐');
    expect(ids(turn)).toEqual(['follow-up-visits', 'supply-plan-reply']);
    expect(replyText(turn)).toContain('高压单电源客户的供电方案答复期限不超过15个工作日');
    expect(replyText(turn)).not.toContain('30个工作日');
  });

  it('answers the part an entry is sure of, with the number to call, after a story that asks nothing of ours', async () => {
    const turn = await ask(
      '我是村里的电工 老百姓经常问我偷电算啥子 电线从别人家地头过能不能收钱这些事 我也说不清楚 就是说我想了解下电力方面的法律法规 还有供用电业务上的政策 你们那边给咨询不 能不能打电话问',
    );
    expect(turn.intent).toBe('faq');
    // Round 39's labels read the whole message as the part does: one answer, which names the hotline.
    expect(ids(turn)[0]).toBe('information-services');
    expect(replyText(turn)).toContain('95598');
  });

  it('gives the premises listed one by one each their own line', async () => {
    const text = replyText(
      await ask('住家的 开小店的 有专用变压器的厂 两路高压的医院 申请用电方案各多久出来'),
    );
    expect(text).toMatch(
      /居民客户.*3个工作日.*低压电力客户.*7个工作日.*高压单电源客户.*15个工作日.*高压双电源客户.*30个工作日/,
    );
  });

  it('answers other counter business asked beside paying with its own limit', async () => {
    const text = replyText(await ask('我想問兩樣嘢：屋企交電費一般要幾耐？轉名嗰啲手續又要幾耐？'));
    expect(text).toContain('5分钟');
    expect(text).toContain('20分钟');
  });

  it('says a complaint is followed up after it is handled', async () => {
    const turn = await ask('我想知道就是投诉以后你们是不是会回访啊多久回一个电话');
    expect(replyText(turn)).toContain('回访');
    expect(replyText(turn)).toContain('1个工作日');
  });
});

describe('two matters asked of in one question, and claims put to be checked', () => {
  it('answers both limits for a class when the supply plan and the connection are joined', async () => {
    const turn = await ask('小吃店 低压 方案和送电期限是多少 同事说方案3天送电3天');
    expect(ids(turn)).toEqual(['supply-plan-reply', 'connection-time']);
    expect(replyText(turn)).toMatch(/低压电力客户.*7个工作日[\s\S]*5个工作日/);
    const dual = replyText(await ask('医院双电源 方案答复和送电分别多久'));
    expect(dual).toMatch(/30个工作日[\s\S]*5个工作日/);
  });

  it('answers every matter of what a customer heard and asks to be checked', async () => {
    const turn = await ask('我家刚报装 听说供电方案3个工作日答复 验收合格后再5个工作日送电 是这样吗');
    expect(ids(turn)).toEqual(['supply-plan-reply', 'connection-time']);
    // The home's connection limit is 3 working days, not the 5 the customer heard.
    expect(turn.replies[1]?.text).toContain('居民客户');
    expect(turn.replies[1]?.text).toContain('3个工作日');
  });

  it('answers two things listed and asked of together, and looks up no complaint', async () => {
    const turn = await ask('电表校验 投诉 这两个多久出结果 我记得都是7天');
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toEqual(['meter-test', 'complaint-time-limits']);
  });

  it('asks what was heard, then "also" a question, both', async () => {
    const turn = await ask('我听别人讲 工作人员可以收客户的礼品 但不能收现金 还有 喝了酒能上岗吗');
    expect(ids(turn)).toEqual(['no-gifts', 'no-drinking-on-duty']);
  });

  it('reads what a neighbour said about reporting at night as a question, not a fault report', async () => {
    const turn = await ask('邻居说周末晚上停电了没地方报修 要等周一 对吗');
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('95598');
    expect(replyText(turn)).not.toContain('地址');
  });

  it('keeps the class out of a part about the hotline ("有人接电话吗" is no connection)', async () => {
    const turn = await ask('半夜两点家里突然没电了 这个时候能找谁 有人接电话吗');
    expect(ids(turn)).not.toContain('connection-time');
    expect(ids(turn)).toContain('hotline-95598');
  });
});

describe('a demand beside a question', () => {
  it('opens the meter form when the customer demands the test after asking about the meter', async () => {
    const turn = await ask('电表是不是坏了 我要求检测');
    expect(turn.intent).toBe('meter');
    expect(turn.sources.filter((s) => s.id === 'meter-test')).toHaveLength(1);
  });

  it('opens the meter form for a reading that jumped and a check demanded', async () => {
    expect((await ask('没怎么用电 表上却多走了两百多度 要求查表')).intent).toBe('meter');
    expect((await ask('帮我申请一下电表检测 户号1100235871')).intent).toBe('meter');
  });

  it('logs a complaint made now, whatever the message asked first', async () => {
    const turn = await ask('听说投诉一个工作日内联系 那我现在就投诉 你们指定的施工队质量太差');
    expect(turn.intent).toBe('complaint');
  });

  it('answers where to leave an opinion for a customer who says they do not want to complain', async () => {
    const turn = await ask('我对服务有看法 但不想闹到投诉那么大 能写在哪里');
    expect(ids(turn)).toEqual(['customer-opinions']);
    expect(replyText(turn)).not.toContain('登记投诉吗');
  });
});

describe('a story that asks nothing before a request, and classes asked again', () => {
  it('looks up the bill a customer asks for after a story about the counter', async () => {
    const turn = await ask(
      '刚从营业厅回来 排了半天队 结果说系统维护交不了 柜员小姑娘一直跟我道歉 我也不好说什么 你帮我查查我家现在到底欠了多少电费吧',
    );
    expect(turn.intent).toBe('bill');
  });

  it('answers the question before again for the class a later part names ("要是改成两路电源…久多少")', async () => {
    const text = replyText(
      await ask(
        '我们学校新建了实验楼 走的是一路10千伏高压 基建处让我问一下方案的答复期限 顺便问下要是改成两路电源是不是更久 久多少',
      ),
    );
    expect(text).toMatch(/高压单电源客户.*15个工作日[\s\S]*高压双电源客户.*30个工作日/);
  });

  it('answers both sides a customer asks the difference of, whatever they heard', async () => {
    const text = replyText(
      await ask(
        '厂里电工说我们是一路高压进来的 隔壁园区那个厂是两路高压 老板听说人家方案出得慢 想知道这两种供电方案答复到底差多少天',
      ),
    );
    expect(text).toContain('15个工作日');
    expect(text).toContain('30个工作日');
  });

  it('answers both limits for a terse "方案和接电" and a driving school’s low-voltage supply', async () => {
    expect(ids(await ask('设计工作室 低压三相 方案和接电'))).toEqual([
      'supply-plan-reply',
      'connection-time',
    ]);
    const school = replyText(await ask('驾校训练场要装几个低压动力表 不涉及变压器 方案几个工作日答复'));
    expect(school).toContain('7个工作日');
    expect(school).not.toContain('30个工作日');
  });
});

describe('words that decide the action', () => {
  it('logs a complaint asked for after a repair that never came', async () => {
    const turn = await ask('修电的师傅约好上午来 我请了假在家等到下午五点都没见人 电话也不接 帮我登记个投诉');
    expect(turn.intent).toBe('complaint');
  });

  it('opens a repair for a fault ending in the bare word 报修', async () => {
    expect((await ask('学校教学楼一半没电 可能是进线出问题了 报修')).intent).toBe('repair');
  });

  it('hands over to a person when asked "有没有人工"', async () => {
    expect((await ask('我家情况比较复杂 一两句说不清 有没有人工 能直接跟工作人员说吗')).intent).toBe(
      'handoff',
    );
  });

  it('answers a complaint question where the customer says they do not want compensation', async () => {
    const turn = await ask(
      '上周投诉了一个装表的师傅 态度特别差 可到现在一个电话都没有 我也不是非要赔钱 想问问投诉以后一般多长时间会有人联系我',
    );
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('1个工作日');
  });

  it('answers the ways to report a fault, beside a phone bill told on the way', async () => {
    const turn = await ask(
      '我手机欠费了打不了电话 话费还得等发工资再充 万一家里出了故障 除了热线还有别的办法报修吗 比如网上',
    );
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('95598');
  });
});

describe('whose help and whose request', () => {
  it('answers the ways to pay when a son wants to pay for his mother', async () => {
    const turn = await ask('我女儿在外地 想帮我在手机上交电费 你们是不是有网上缴费');
    expectAnsweredWithoutIdentityCheck(turn);
    expect(ids(turn)).toContain('payment-methods');
  });

  it('answers whether repairs are taken all day, after a story of a repairman sent late', async () => {
    const turn = await ask('上次打95598报修等了半天才派人来 想问问你们报修是不是晚上也受理');
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('24小时');
  });

  it('looks up the bill a customer asks for after suspecting a scam message', async () => {
    expect((await ask('收到一条催费短信 怕是诈骗 帮我查查我家到底有没有欠电费')).intent).toBe('bill');
  });

  it('looks up no bill for a customer whose clerk was asked to help and argued', async () => {
    const turn = await ask('我叫营业员帮我把电费减一点，她说不行，我们就吵起来了，她能跟我吵吗？');
    expectAnsweredWithoutIdentityCheck(turn);
  });
});

describe('requests made politely, bluntly or after a question', () => {
  it('opens a repair when a technician is asked to be arranged', async () => {
    expect((await ask('家里空开一推上去就跳 试了几次都不行 能不能安排个师傅上门看看')).intent).toBe('repair');
  });

  it('answers how long a meter test takes, then opens it when the customer decides to apply now', async () => {
    const turn = await ask('电表校验要几天出结果？算了 我现在就要申请校验 这个表肯定不准');
    expect(turn.intent).toBe('meter');
    expect(replyText(turn)).toContain('5个工作日');
  });

  it('opens a meter test asked for as sending the meter off to be checked', async () => {
    expect((await ask('能不能帮我把电表送检一下 总觉得一直在多算')).intent).toBe('meter');
  });

  it('logs a complaint that starts with the bare word 投诉', async () => {
    expect((await ask('投诉 营业厅的人把我的电话给了别人 天天有推销的打来')).intent).toBe('complaint');
  });

  it('hands over to a person when told to stop the automatic replies, or asked to chat with "your people"', async () => {
    expect((await ask('别再自动回复了 给我接个客服')).intent).toBe('handoff');
    expect((await ask('我家情况复杂 一句两句说不清楚 想直接和你们的人聊 可以吗')).intent).toBe('handoff');
  });

  it('answers the hotline number rather than handing over', async () => {
    const turn = await ask('人工客服电话是多少 我记一下');
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('95598');
  });

  it('answers whether complaints are taken late at night; "明天我要上班" is no request', async () => {
    const turn = await ask('都晚上十一点了 这时候还能投诉吗 明天我要上班');
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('回复“投诉”');
  });

  it('looks up an application asked after in "批下来了吗", a few days after applying', async () => {
    expect((await ask('我前几天申请的临时用电 批下来了吗')).intent).toBe('application');
  });

  it('answers a price rumour from the tariff, not the account', async () => {
    const turn = await ask('听说明年电费要涨价了 真的假的');
    expectAnsweredWithoutIdentityCheck(turn);
    expect(ids(turn)).toEqual(['electricity-price']);
  });
});

describe('premises described, compared or set apart', () => {
  it('reads a 380 V farm without a transformer of its own as low voltage', async () => {
    const text = replyText(await ask('养猪场风机水帘 380的 不上专变 供电方案要几个工作日'));
    expect(text).toContain('7个工作日');
    expect(text).not.toContain('15个工作日');
  });

  it('reads a main supply with a backup as two supplies', async () => {
    const text = replyText(await ask('我们数据中心 主供加备用都是10千伏 方案答复最长几天'));
    expect(text).toContain('30个工作日');
    expect(text).not.toContain('15个工作日');
  });

  it('answers a shop whose meter is kept apart from the home upstairs as low voltage', async () => {
    const text = replyText(
      await ask('楼下门面开小超市 单独报一户 低压的 跟楼上住家不是一个表 这户的供电方案多久答复'),
    );
    expect(text).toContain('7个工作日');
    expect(text).not.toContain('3个工作日');
  });

  it('answers a shop beside a factory with one high-voltage line: both non-residents, 5 days', async () => {
    const text = replyText(await ask('便利店跟一路高压进线的工厂 验收合格后送电期限一样吗'));
    expect(text).toContain('5个工作日');
    expect(text).not.toContain('3个工作日');
  });

  it('answers both supplies when one is changed into the other', async () => {
    const text = replyText(await ask('机房原来单路10千伏 现在改成两路双电源 方案答复期限会变吗'));
    expect(text).toContain('15个工作日');
    expect(text).toContain('30个工作日');
  });

  it('answers each class of a claim put to be checked, and no other', async () => {
    const text = replyText(await ask('朋友说供电方案答复 居民3天 低压5天 对不对'));
    expect(text).toContain('3个工作日');
    expect(text).toContain('7个工作日');
    expect(text).not.toContain('30个工作日');
  });

  it('answers a waterworks on two high-voltage supplies as ours', async () => {
    const turn = await ask('自来水厂两路高压供电 方案答复期限多久');
    expect(turn.intent).toBe('faq');
    expect(replyText(turn)).toContain('30个工作日');
  });

  it('answers both limits of a building site joined as 方案答复和装表接电', async () => {
    const turn = await ask('工地临时用电 低压接入 方案答复和装表接电期限');
    expect(ids(turn)).toEqual(['supply-plan-reply', 'connection-time']);
    expect(replyText(turn)).toContain('7个工作日');
    expect(replyText(turn)).toContain('5个工作日');
  });

  it('reads a plant that wants two supplies "to be safe" as no insurance question', async () => {
    const text = replyText(
      await ask('厂里纠结 要么一路10kV省钱 要么两路双电源保险 这两种情况方案答复分别多久'),
    );
    expect(text).toContain('15个工作日');
    expect(text).toContain('30个工作日');
  });
});

describe('acts told one after another and asked of together', () => {
  it('answers each act a customer tells and asks "这两条有规定吗" of', async () => {
    const turn = await ask('营业厅的人冲我嚷嚷 还把我的信息给别人看 你们这两条有规定吗');
    expect(ids(turn)).toEqual(['apology-and-disputes', 'privacy']);
  });

  it('answers a contractor named and a meal asked for, "这都行吗"', async () => {
    const turn = await ask('上门的电工让我去他指定的店买材料 还说完事要请他吃饭 这都行吗');
    expect(ids(turn)).toEqual(['free-choice-of-contractor', 'no-gifts']);
  });
});

describe('a phone run flat and an outage over', () => {
  it('answers the emergency rule for an outage told as last month, whatever the phone did', async () => {
    const turn = await ask(
      '上个月刮台风 我们那片停电停了一整天 手机也没电了 都不知道啥时候来电。这种突发情况你们有应急办法吗',
    );
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toContain('emergency-response');
  });

  it('still reports an outage happening now, told beside a phone about to die', async () => {
    expect((await ask('家里停电了 手机也快没电了 赶紧派人来修')).intent).toBe('repair');
  });
});

describe('requests made in the words customers use for them', () => {
  it('hands over when asked to find someone to talk it through, or to arrange an agent', async () => {
    expect((await ask('跟你说不明白 有旧账又要改户名 还是找个工作人员跟我谈吧')).intent).toBe('handoff');
    expect((await ask('麻烦安排一位客服和我沟通一下')).intent).toBe('handoff');
  });

  it('opens a meter check asked for as "你们来校一哈"', async () => {
    expect((await ask('店里的电表跑得贼快 你们来校一哈嘛')).intent).toBe('meter');
  });

  it('opens a meter check demanded after a question about the meter', async () => {
    const turn = await ask('换表以后电费涨了一倍 这个新表靠不靠谱 我要求检测');
    expect(turn.intent).toBe('meter');
    expect(replyText(turn)).toContain('5个工作日');
  });

  it('reports an outage told as the house gone dark, or the lights all out', async () => {
    expect((await ask('屋里又黑了 一个月第二回了')).intent).toBe('repair');
    expect(
      (await ask('我爸打电话说家里灯全灭了 他也不知道是不是保险丝的问题 麻烦你们派个电工去看一下')).intent,
    ).toBe('repair');
  });

  it('answers what to do first when the house goes dark, with no form', async () => {
    const turn = await ask('家里一下子黑了 是先去看电闸还是先给你们打电话');
    expect(turn.intent).toBe('faq');
    expect(ids(turn)).toEqual(['outage-what-to-do']);
  });

  it('reports a cable brought down as a danger, and a mended cable told as past as none', async () => {
    const down = await ask('村口的电缆让货车挂断了 就搭在路边');
    expect(down.intent).toBe('repair');
    expect(replyText(down)).toContain('远离');
    const told = await ask('你们上回检修把我们店门口的电缆碰断了的事 说好给个处理意见 规定多少天内给');
    expect(told.intent).toBe('faq');
  });

  it('looks up an application asked after as "方案出来了没有", or stuck "在哪一步" after 走流程', async () => {
    expect((await ask('养鸡场申请的增容 方案出来了没有 帮忙瞧瞧')).intent).toBe('application');
    expect(
      (await ask('上礼拜在供电所申请了增容 他们说要走流程 到现在没动静 不知道卡在哪一步了 帮我看看')).intent,
    ).toBe('application');
  });

  it('looks up an application made online, asked after "到什么环节"', async () => {
    expect((await ask('我在网上给新房子申请了用电 能帮我查一下到什么环节了吗')).intent).toBe('application');
  });

  it('looks up the bill of the last months at home, asked for a relative', async () => {
    expect((await ask('我女儿让我问一下 家里最近三个月电费一共多少')).intent).toBe('bill');
  });

  it('looks up nothing when the customer says not to ("不用帮我查")', async () => {
    const turn = await ask('你们这边能查电费账单吗 我只是问问 不用现在帮我查');
    expectAnsweredWithoutIdentityCheck(turn);
  });
});
