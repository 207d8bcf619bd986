import { describe, expect, it } from 'vitest';
import { createNormalizer } from '../../knowledge/normalize.js';
import {
  asksAboutProcess,
  asksAhead,
  asksHowToComplain,
  asksOutright,
  asksWhetherOffered,
  detectActionIntent,
  isGreeting,
  mentionsDanger,
  toldAsHabit,
  toldByOthers,
} from './intents.js';

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
    ['验表', 'meter'],
    ['收到催缴短信', 'bill'],
    ['电表坏咗', 'meter'],
    ['我要跟客服人员说话', 'handoff'],
    ['我要找你们领导', 'handoff'],
    ['找负责人', 'handoff'],
    ['我要找你们领导投诉抄表员', 'complaint'],
    // The power is out now and they ask when it comes back: a report, whatever rule they wonder about.
    ['喂喂我们这边停电了冰箱里东西都要坏了你们啥时候能修好啊是不是计划停电啊', 'repair'],
    ['楼里停电了，几点能来电', 'repair'],
    ['帮我看看我的用电申请批下来没有', 'application'],
    // A score given first is a rating, whatever the customer adds about us.
    ['1分，一点用都没有', 'rating'],
    ['我们店 tripped 了, 总闸推不上去, 报个修', 'repair'],
    ['麻烦看看我们家现在有没有欠费 怕被停电', 'bill'],
    ['家里总闸跳了合不上去 一合就跳 怎么办 来个人看看', 'repair'],
    ['我上周申请的新装用电办到哪一步了?帮我查查', 'application'],
    // A threat is no question: the complaint.
    ['如果你们再不处理我就投诉', 'complaint'],
    ['我妈让我帮她看看家里的电费有没有欠费', 'bill'],
    // Asking for a member of staff is asking for a person.
    ['你说的我听不懂，能不能给我找个工作人员', 'handoff'],
    // Asked in so many words, the look-up is still asked for.
    ['可以帮我查电费吗', 'bill'],
    // 用电 of a new connection is the application's, not the bill's.
    ['我上个月在供电所申请的新装用电 现在办到哪一步了 帮我查查进度 急得很', 'application'],
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
    // A story about one's own late bill that asks what the rules say is a question about the rules.
    '我家电费晚交了两天，一点通知都没有直接就停了，交完钱又拖了两天还不来送电。你们的服务规定里对这种情况是怎么说的？',
    // Asking whether the comment book and the rating buttons exist is not giving a score.
    '营业厅里面那个给你们提意见的本子啊还有那个按键打分的东西有没有',
    'can i complain by letter',
    // Two ways to complain set side by side; a worry asked before complaining.
    '投诉和举报有什么区别 都是打同一个电话吗',
    '我想投诉营业厅 但又怕以后去办事被穿小鞋 我的信息你们会保密吗',
    // Whether a refusal without a word keeps to the rules.
    '我让他们把我这个月电费免了 窗口的人直接说不行 连句解释都没有 这符合你们自己的规定吗',
    // Whether the bill can be paid online, or printed at a machine; power not yet back after paying.
    '你们现在有没有网上预约、网上查询、网上交电费这些？',
    '营业厅有没有那种自助机啊 我就打个电费清单 不想排队',
    '我交了欠费两天了还没给我恢复供电 打电话说在排队 这不是拖吗',
    // Praise for a member of staff at the counter is no score for this chat.
    '今天帮我办事的小姑娘特别耐心，我想给她点个好评',
    // A fear of outages and the rule for them: no report.
    '我们厂最怕突然停电 生产线一停损失几万 你们对停电故障这种突发情况有啥应对 响应快不快',
    // Whether someone answers late at night.
    '我们餐厅晚上十一点才打烊 那个点想查电费或者咨询点问题 还有人回吗',
    // Whether a way is accepted, asked as 收不收: a question, not a complaint.
    '发传真投诉你们收不收',
    // Wanting to report, and asking which ways besides the phone: the ways.
    '我想举报他 但是电话里说不清楚 你们除了打电话还能咋样 能不能写信 发传真行不行 寄到哪里',
    // 一分没少 is money paid, not a score.
    '该签的合同都签完了 该交的钱一分没少 你们啥时候给装表送电 规定几个工作日',
    // Whether there is a rule, asked after an outage for an unpaid bill.
    '我家欠费被停了 第二天一大早就把钱交了 结果等到晚上还没来电 我就问你们有没有规定交了钱不能拖着不送电的',
    // The follow-up rule, told with a finished connection.
    '我们厂高压报装完成了 后来你们有人打电话回访 想问问高压报装是不是都要回访',
    // Whether the bill can be paid online, in Cantonese.
    '可唔可以喺网上预约 或者喺手机度查电费交电费啊 你哋个服务标准有冇讲到呢啲',
    '抄表数据有问题可以点反映',
    '除了交费报修,你们还能帮我查些什么',
    '工作人员说能帮我少算电费,但要给他一点好处',
    'our new house has no electricity supply yet, what steps do i follow',
    '客服人员说话好凶,这样对吗',
    '接线员态度很差',
    'some company called me about my usage, did you share my personal details with them',
    'can i write a letter to complain about your engineer',
    'the lights went off but the neighbours have power, is it my fuse box',
    '电线断咗,细路要点避开',
    'meter test result in 5 days, is that calendar days?',
    '投诉一日之内会唔会有人联络我',
    // Asking whether an app exists (Shanghainese 有呒没) is no look-up.
    '阿拉想问问侬,侬拉电力公司有呒没手机app好查询用电、缴电费个?',
    // Whether one can pay online (Cantonese word order), whether staff may quarrel, whether a delay
    // after paying is allowed, and a supposed case ("如果…还是…"): questions.
    '我唔想去營業廳排隊,網上可唔可以查嘢同埋交電費㗎?',
    '我叫营业员帮我把这个月电费打个对折,她说不行,然后我们俩就吵起来了,她能跟我吵吗?',
    '我交咗欠費成日都未有電,你哋係咪無故拖住唔送電?有冇規矩㗎',
    '想问下,如果是你们的人工作出了错,是应该主动跟我道歉,还是得我自己去讨说法',
    // Staff telling others about the account is a privacy question, not a look-up.
    '就是那个 嗯 工作人员能不能 就是说 在外面乱讲我家用电多少交了多少钱啊 隔壁都知道了',
    // Who rates the service is a question, not a score; an apology asked for is a conduct question.
    '有没有外面的人来评估你们的服务 还是自己给自己打分',
    '你们把我的电费算错了,多收了我两百,改了就完了?不用道个歉吗',
    // A past outage told before a question about the emergency rules, and one supposed.
    '上回我们那一片遭停电 等了老半天都没得人来 你们到底有没有应急的说法哦',
    '我老头子不会弄手机 有啥事情比如说停电了 可以打哪个电话 是不是随时都能打',
    // Being told which supplier to buy from is a conduct question, not a repair.
    '师傅来修电表 顺便推销他们家的空开 说必须买他的 不然不给装',
    'passed inspection three weeks ago and still no power, what is the actual deadline?',
  ])('leaves a question about the rules to the knowledge base: %s', (text) => {
    expect(['handoff', 'complaint', 'meter', 'repair', 'rating', 'bill']).not.toContain(
      detectActionIntent(text)?.intent,
    );
  });

  it('reads how long after any complaint as the rule, and where one complaint stands as a look-up', () => {
    expect(detectActionIntent('投诉以后多久给处理结果？')).toBeUndefined();
    expect(detectActionIntent('另外上次投诉的事,投诉后多久联系?')).toBeUndefined();
    expect(detectActionIntent('我上次投诉了以后什么时候有结果')).toMatchObject({ lookup: true });
    // The wait told, and what the rule says asked.
    expect(
      detectActionIntent('上次投诉了半个月都没人理!!!你们自己规定的到底几天之内要联系客户??'),
    ).toBeUndefined();
    expect(detectActionIntent('我的投诉处理得怎么样了')).toMatchObject({ lookup: true });
  });

  it('leaves whom to call mid-outage, and whether someone answers at night, to the knowledge base', () => {
    for (const text of ['半夜停电了找谁?有24小时的电话吗', '涯想投诉,系唔系24个钟都有人接电话?'])
      expect(detectActionIntent(text)).toBeUndefined();
  });

  it.each([
    ['去边度投诉你哋', 'application'],
    ['网上能查电费吗', 'bill'],
    ['家里没电是不是欠费了还是跳闸', 'bill'],
    ['who can see my account details', 'bill'],
    ['what steps do i go through to get power connected to a new house', 'application'],
  ])('does not take a question about where or how for an account request: %s', (text, intent) => {
    expect(detectActionIntent(text)?.intent).not.toBe(intent);
  });

  it('reads a danger report as a repair that needs safety advice first', () => {
    expect(detectActionIntent('电线掉地上了还冒火花')).toMatchObject({ intent: 'repair', danger: true });
  });

  it.each([
    ['停了一整天电，冰箱里的东西都坏了', 'repair'],
    ['停咗电成三个钟，雪柜啲嘢都溶晒', 'repair'],
    ['no power since this morning and all the food in my fridge is going off', 'repair'],
    ['we have no electricity but the street lights outside are on', 'repair'],
    ['the cable behind my fridge is smoking', 'repair'],
    ['my meter keeps running fast even with the fridge unplugged', 'meter'],
    ['i want to complain, your engineer broke my washing machine', 'complaint'],
  ])(
    'an outage (or other) report that mentions an appliance or the street lights is still that report: %s',
    (text, intent) => {
      expect(detectActionIntent(text)?.intent).toBe(intent);
    },
  );

  it.each([
    '停电把我冰箱里的东西弄坏了，你们赔不赔',
    '电压不稳把我的电视烧坏了，能索赔吗',
    'the outage ruined my food, can i claim compensation',
  ])('leaves a compensation claim to the out-of-scope answer, not a repair: %s', (text) => {
    expect(detectActionIntent(text)).toBeUndefined();
  });

  it('still gives a danger report its safety advice when it also asks for compensation', () => {
    expect(detectActionIntent('电线冒烟了，你们要赔偿我的损失')).toMatchObject({
      intent: 'repair',
      danger: true,
    });
  });

  it.each(['用电热水器的时候总跳闸，是不是我家线路的问题', '修电的师傅要我请他吃饭才肯干活'])(
    'leaves a question (a cause, a conduct report) to the knowledge base: %s',
    (text) => {
      expect(detectActionIntent(text)?.intent).not.toBe('repair');
    },
  );

  it('knows a gas water heater that will not light is no fire', () => {
    expect(mentionsDanger('热水器打不着火')).toBe(false);
    expect(mentionsDanger('电线着火了')).toBe(true);
    expect(mentionsDanger('电线掉在马路上冒火花，我应该离多远')).toBe(true);
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

describe('what others said, and what is over', () => {
  it('reads what someone else said in quotation marks as the story, not as a request', () => {
    expect(detectActionIntent('客服跟我说“投诉处理要15个工作日” 我看网上说7天 到底哪个对')).toBeUndefined();
    expect(detectActionIntent('物业跟我们说“供电局晚上不受理报修 得等白天” 真的假的')).toBeUndefined();
    // The customer's own words are theirs.
    expect(detectActionIntent('我跟客服说“我要投诉”')?.intent).toBe('complaint');
  });

  it('reads how long a complaint takes as the rule, and how long it has been as a look-up', () => {
    expect(detectActionIntent('投诉多久有结果')).toBeUndefined();
    expect(detectActionIntent('我的投诉多久了还没结果')).toMatchObject({ lookup: true });
  });

  it('reads a danger over and mended long ago as the story, and a danger now as one', () => {
    expect(mentionsDanger('上个月我家房后头电线被风刮断了 我报修了 修好以后有人打电话回访')).toBe(false);
    expect(mentionsDanger('电线被风刮断了')).toBe(true);
  });

  it('reads what a clerk did to the customer ("柜员给我办错") as no request', () => {
    expect(asksAboutProcess('柜员给我办错业务了，这种能投诉吗？')).toBe(true);
    expect(asksAboutProcess('你们给我查一下电费')).toBe(false);
  });

  it('reads asking ahead ("现在没事 我先问清楚") as a question, even beside a fault', () => {
    expect(asksAhead('经常半夜跳闸 晚上有没有人接电话 现在没事 我先问清楚存起来')).toBe(true);
    expect(asksAboutProcess('经常跳闸 现在没事 我先问清楚 晚上报修有人接吗')).toBe(true);
    expect(asksAhead('这种半夜三更的 能不能打电话报修 下回我好知道')).toBe(true);
    expect(asksAhead('半夜家里没电能打电话叫人来修吗,还是得等到天亮?我就问问,现在家里好好的')).toBe(true);
    expect(asksAhead('跳闸了快来人')).toBe(false);
  });

  it('reads "申请进度咋查" as asking whether a look-up is offered, and "帮我查" as asking for it', () => {
    expect(asksWhetherOffered('申请进度咋查')).toBe(true);
    expect(asksWhetherOffered('帮我查下申请进度')).toBe(false);
    expect(asksWhetherOffered('我的申请进度咋查')).toBe(false);
    expect(asksWhetherOffered('供电公司是不是应该提供电费账单、用电申请进度这些信息的查询？')).toBe(true);
  });

  it('reads "叫你们工作人员来跟我说" as asking for a person', () => {
    expect(detectActionIntent('叫你们工作人员来跟我说')?.intent).toBe('handoff');
  });
});

describe('the way to complain, and words that only look like a request', () => {
  it('reads where to complain or to press a late case as asking the way', () => {
    expect(asksHowToComplain('投诉之后要是7个工作日没给处理意见，我还能向谁反映？')).toBe(true);
    expect(asksHowToComplain('家里装表申请了，方案答复超过3个工作日没动静，我去哪里催？')).toBe(true);
    expect(asksHowToComplain('你们员工要是泄露了我的信息，我怎么投诉？')).toBe(true);
    expect(asksHowToComplain('投诉以后多久会有人联系我')).toBe(false);
  });

  it('reads a complaint rate as no complaint, and an outage last year as the story', () => {
    expect(detectActionIntent('你们天天说服务好了能降低投诉率 我看你们投诉率高得很')?.intent).not.toBe(
      'complaint',
    );
    expect(
      detectActionIntent(
        '去年8月台风那次，我们小区停电停了快20个小时，打电话一直占线。标准里对停电承诺了什么？',
      ),
    ).toBeUndefined();
    expect(detectActionIntent('上次停电一直没来电 现在还是没电')?.intent).toBe('repair');
  });

  it('reads a new charge on the bill asked about as a question about fees, not a look-up', () => {
    expect(
      detectActionIntent(
        '我收到的电费通知上多了一项“线路维护费”，营业厅拿不出文件。你们可以自己加收费项目吗？',
      ),
    ).toBeUndefined();
  });

  it('reads the standard’s section 服务评价 as no score, and a wish to rate as one', () => {
    expect(
      detectActionIntent('标准里的服务态度、服务作风、服务效能、服务评价这四块，分别最核心的要求是什么？'),
    ).toBeUndefined();
    expect(detectActionIntent('我要评价一下服务')?.intent).toBe('rating');
  });

  it('reads "不用现在帮我查" as asking ahead', () => {
    expect(asksAhead('我就先问问有没有这个服务，不用现在帮我查')).toBe(true);
  });
});

describe('questions about data and advice that name an account', () => {
  it('reads a request for residents’ names and phones as a question about privacy, not a look-up', () => {
    expect(
      detectActionIntent(
        '我是物业，想让供电所把整栋楼每户的户名和电话给我们，他们不给，说是规定。真有这规定？',
      )?.intent,
    ).not.toBe('bill');
  });

  it('reads advice on saving power as a question, and a high bill of one’s own as a look-up', () => {
    expect(
      detectActionIntent('你们能不能给我们讲讲怎么科学用电？我们厂电费太高了，想看看有没有省电的办法'),
    ).toBeUndefined();
    expect(detectActionIntent('我家电费怎么这么高')?.intent).toBe('bill');
  });
});

describe('questions about a process worded as customers suppose it', () => {
  it.each([
    // "我要是…" and "要是我去告…" suppose a complaint; "多久才给我个说法", "打给我" ask when, not for.
    '我就想问问啊 我要是去告你们那个抄表的 你们要多久才给我个说法',
    '要是我去告你们的人一状，多少天内会有人打给我？',
    // A plan told ("我要先…再…") beside how long it takes, asked.
    '我要先交电费，再顺便改个户名，窗口两样各要多久？',
    // Whether a number answers at all hours, and the other numbers to report on.
    '晚上家里突然没电了，有没有什么时候打都有人接的号码？',
    '我要举报有人偷电，除了去营业厅还有啥号码能打？',
    // The way to complain, asked as "反映给谁".
    '窗口那个人一直在手机上网购，这种情况我能反映给谁',
    // Whether something is allowed, and whether to complain, asked.
    '有电工说给他两千块就能帮我们插队先通电，这种事你们允许吗，我要不要举报',
    // An outage plan and how fast they respond, asked.
    '停电了你们多快能响应？有没有应急方案',
    // Whether something can be done on the phone, and why ratings are done.
    '我懒得出门，交电费这种能不能在手机上搞定？',
    '为什么要做服务评价，你们真的会根据评价改进吗',
    '营业厅的服务打分排名，这个分数是谁来打的？',
  ])('answers %s instead of opening a flow', (text) => {
    expect(detectActionIntent(text)).toBeUndefined();
  });

  it('reads "两个分别多久" as no score', () => {
    expect(detectActionIntent('我想先申请校表 另外抄表数字也不对 这两个分别多久给我结果')?.intent).not.toBe(
      'rating',
    );
  });

  it('reads staff who give no word of apology, or take money privately, as conduct asked about', () => {
    expect(
      detectActionIntent('你们工作人员把我的电费多算了，改过来后连句不好意思都没有，这算正常吗'),
    ).toBeUndefined();
    expect(
      detectActionIntent(
        'A clerk said he could lower my bill if I transfer money to him privately. Is this allowed?',
      ),
    ).toBeUndefined();
  });

  it('reads "就是问问你们提不提供这类查询" as asking whether a look-up is offered', () => {
    expect(asksWhetherOffered('你们能查新装办到哪一步吗？就是问问你们提不提供这类查询')).toBe(true);
    expect(asksAhead('就是问问你们提不提供这类查询')).toBe(true);
    expect(asksAhead('我就想问问什么时候来修')).toBe(false);
  });

  it('still reads a complaint made in so many words, and a power cut happening now', () => {
    expect(detectActionIntent('我要举报有人偷电')?.intent).toBe('complaint');
    expect(detectActionIntent('我家停电了，快派人来修')?.intent).toBe('repair');
  });
});

describe('what others said or asked, and whether a look-up is offered at all hours', () => {
  it('reads what someone else said as the story', () => {
    expect(toldByOthers('他说交电费、查电费都得亲自跑营业厅')).toBe(true);
    expect(toldByOthers('我妈跟我说电表走得快')).toBe(true);
    expect(toldByOthers('我说电表走得快')).toBe(false);
  });

  it('reads a neighbour who asked about one’s bill as a question about privacy, not a look-up', () => {
    expect(detectActionIntent('邻居跑去营业厅打听我家交了多少电费')?.intent).not.toBe('bill');
    expect(detectActionIntent('帮我查查我家交了多少电费')?.intent).toBe('bill');
  });

  it('reads "能不能随时问你们办到哪一步" as whether the look-up is offered', () => {
    expect(asksWhetherOffered('我们厂申请接电以后能不能随时问你们办到哪一步了？')).toBe(true);
  });

  it('reads "欠不欠电钱 帮我查查" as a look-up, and an application named beside 用电量 as one', () => {
    expect(detectActionIntent('我家现在欠不欠电钱啊 帮我查查')?.intent).toBe('bill');
    expect(detectActionIntent('厂里上个月申请加大用电量的事有消息了没有 帮我看一下进度')?.intent).toBe(
      'application',
    );
    expect(
      detectActionIntent("where's my account transfer application at? submitted it last week")?.intent,
    ).toBe('application');
  });
});

describe('an application with no news, and a staff member who did not apologise', () => {
  it('reads an application with no news as a look-up, and no word of apology as conduct', () => {
    expect(detectActionIntent('我的报装申请一个月了连个消息都没有，帮我查查')?.intent).toBe('application');
    expect(detectActionIntent('改过来以后连句对不起都没有，这正常吗')).toBeUndefined();
  });
});

/** The rules read the normalised text (simplified characters, lower case), as the assistant does. */
const normalize = createNormalizer();
const detect = (text: string) => detectActionIntent(normalize(text));
/** Each message read as asking nothing to be done: no flow is opened for it. */
function expectNoAction(texts: readonly string[]) {
  for (const text of texts) expect(detect(text), text).toBeUndefined();
}

describe('conduct told in the customer’s own words, and what they ask of it', () => {
  it('reads being passed around, fobbed off, staff chatting or on a private call, as conduct asked about', () => {
    expectNoAction([
      '我打电话问那个电费的事情客服说让我去找营业厅营业厅又说找供电所你们这样推来推去的到底谁负责啊',
      '两个营业员一直在聊昨晚的电视剧 把我晾在一边 这种是不是你们不准的',
      '窗口就一个人 给我办到一半说去一下 结果二十分钟没回来 她能这么说走就走吗',
      '我表哥在供电所上班 他说可以帮我把欠费的事压一压 保证不断我的电 他这么做有问题吗',
    ]);
  });

  it('reads a gift to the crew who repaired at night as a question about gifts, not a repair', () => {
    expect(
      detect('俺家自己种的苹果 想给你们所里的师傅送两箱表示感谢 他们帮俺村抢修到半夜 这样中不中'),
    ).toBeUndefined();
    expect(detect('师傅帮我家抢修到半夜，我想塞两包烟给他他死活不要')).toBeUndefined();
  });

  it('reads a ten-minute private call as no score', () => {
    expect(detect('去营业厅办事 站着听员工打了十分钟私人电话 这种你们管不管')?.intent).toBeUndefined();
  });

  it('reads whether staff would show one’s bill to someone else as a question about privacy', () => {
    expectNoAction([
      '我前妻跑去营业厅 想查我新房子的电费和地址 你们员工会告诉她吗',
      '电费单上的度数 营业员能不能拿给我邻居看',
      'Can your staff tell other people my address? My landlord’s friend somehow knew my bill amount.',
      '营业员在大厅里大声念我的身份证号和欠了多少钱，后面排队的人全听见了，这样做合适吗？',
    ]);
  });

  it('reads whether something was allowed as no look-up of the bill', () => {
    expectNoAction([
      'They cut my power this morning without any notice, and my bill was already paid. Is that allowed?',
      '我間舖頭交齊晒電費三日都未駁返電，你哋係咪可以咁樣拖？',
      '我上次喺你哋櫃位 個職員幫我交電費搞咗成十分鐘 咁樣係咪超過咗你哋嘅標準呀',
      '你们能不能给我讲讲电费单子上那些项目都是啥意思',
    ]);
  });
});

describe('the hotline’s hours, the follow-up after a repair, and a past danger', () => {
  it('reads the hours someone answers as a question about the hotline, not a look-up', () => {
    expect(detect('半夜能不能打电话查电费 还是只有白天才有人接')).toBeUndefined();
    expect(detect('恁那95598是不是黑天白天都有人 俺想半夜打过去问问俺家电费的事中不中')).toBeUndefined();
  });

  it('reads whether repairs are followed up as a question about them, and a fault now as a report', () => {
    expect(
      asksAboutProcess(normalize('老公話打電話報修之後 你哋會一直跟到修好 仲會打返嚟問 係咪每一單都係咁')),
    ).toBe(true);
    expect(detect('家里停电了 快派人来修 修好以后会回访吗')?.intent).toBe('repair');
  });

  it('reads a wire blown down last year as the story, and sparks now as a danger', () => {
    expect(
      detect('去年台风把我们村的电线吹断了，等了好久才来人。你们碰到这种情况按规矩应该怎么应对？'),
    ).toBeUndefined();
    expect(detect('电线被风吹断了掉在路上')).toMatchObject({ intent: 'repair', danger: true });
  });

  it('reads figures that disagree with the bill, and a reading estimated, as a meter case', () => {
    expect(detect('表上数字和账单对不上 要查')?.intent).toBe('meter');
    expect(detect('抄表员根本没来抄 估的数 我不认这个读数')?.intent).toBe('meter');
  });
});

describe('services listed and asked of in general', () => {
  it('reads services listed as kinds, with a question, as whether they are offered', () => {
    expect(asksWhetherOffered('晚上十一二点打你们客服电话有人接吗能不能查电费或者报修投诉什么的')).toBe(true);
    expect(asksWhetherOffered('有啥是不用跑就能办的 查电费交电费这种行不')).toBe(true);
    expect(asksWhetherOffered('就想问一下现在是不是很多事在手机上就能弄了比如查电费交电费约时间这些')).toBe(
      true,
    );
    expect(asksWhetherOffered('除了交钱，你们还能帮我查点啥？')).toBe(true);
    expect(asksWhetherOffered('帮我查下电费 还有交费记录这些')).toBe(false);
  });

  it('reads wanting to report and asking which number, or whether a letter will do, as asking the way', () => {
    expect(asksHowToComplain('员工收了别人的红包后给他插队办，我要揭发，打几号电话？')).toBe(true);
    expect(asksHowToComplain('投诉热线多少 几天回复')).toBe(true);
    expect(asksHowToComplain('我想举报你们一个员工收好处能不能直接写封信寄过去')).toBe(true);
  });
});

describe('asking outright, and a fault told as a habit', () => {
  it('reads 帮我, 我要投诉 and 派个人来 as asking outright, and what only tells or asks to be told as not', () => {
    for (const text of [
      '帮我报修',
      '我要投诉你们营业厅的员工',
      '赶紧派个师傅过来',
      '请尽快安排人核实',
      'please send someone',
      '我要求你们派人来校表',
      '我就在这里报修了 地址是幸福路18号',
    ])
      expect(asksOutright(text), text).toBe(true);
    for (const text of [
      '投诉都快两个礼拜了还没给我处理意见',
      '你给我唠唠',
      '欠费停电后钱马上交了',
      '我想投诉 晚上打你们热线有人接吗',
      '你们几天给我答复',
      '给我妈代交电费 柜员让等着',
      '替我妈交电费 等了二十分钟',
    ])
      expect(asksOutright(text), text).toBe(false);
  });

  it('reads the hours of the people on the hotline, asked, as no request for a person', () => {
    expect(detectActionIntent('我想问问,你们人工客服热线是几点到几点的?')).toBeUndefined();
    expect(detectActionIntent('人工客服晚上有人吗')).toBeUndefined();
    expect(detectActionIntent('帮我转人工客服 晚上有人吗')?.intent).toBe('handoff');
    expect(detectActionIntent('我要人工客服')?.intent).toBe('handoff');
  });

  it('reads "老是停电" as a habit, and "今天又停了" as happening now', () => {
    expect(toldAsHabit('我们小区老是停电嘛')).toBe(true);
    expect(toldAsHabit('家里三天两头跳闸')).toBe(true);
    expect(toldAsHabit('老是停电 今天又停了')).toBe(false);
    expect(toldAsHabit('家里停电了')).toBe(false);
  });

  it('reads a complaint made now and a check demanded as requests', () => {
    expect(
      detectActionIntent('听说投诉一个工作日内联系 那我现在就投诉 你们指定的施工队质量太差')?.intent,
    ).toBe('complaint');
    expect(detectActionIntent('我投诉了一般多久有人联系我')?.lookup).not.toBe(true);
    expect(detectActionIntent('没怎么用电 表上却多走了两百多度 要求查表')?.intent).toBe('meter');
    expect(detectActionIntent('帮我申请一下电表检测 户号1100235871')?.intent).toBe('meter');
    expect(asksOutright('要求查表')).toBe(true);
    expect(asksOutright('没要求查表')).toBe(false);
    // "没怎么用电" asks nothing.
    expect(asksAboutProcess('没怎么用电 表上却多走了两百多度 要求查表')).toBe(false);
  });

  it('reads "让工作人员接一下" as asking for a person', () => {
    expect(detectActionIntent('能让工作人员接一下吗 我说不清楚')?.intent).toBe('handoff');
  });

  it('reads what a neighbour said, put to be checked, as no fault report', () => {
    expect(detectActionIntent('邻居说周末晚上停电了没地方报修 要等周一 对吗')).toBeUndefined();
    expect(detectActionIntent('周末晚上停电了 快来修')?.intent).toBe('repair');
  });

  it('reads a danger of a kind ("那种情况") asked about as no report', () => {
    expect(detectActionIntent('电线被风刮断那种情况 报修走什么渠道')).toBeUndefined();
    expect(detectActionIntent('电线被风刮断了 快来人')?.intent).toBe('repair');
  });

  it('reads 登记个投诉, a bare 报修 at the end and 有没有人工 as requests', () => {
    expect(detectActionIntent('修电的师傅约好上午来 等到下午五点都没见人 帮我登记个投诉')?.intent).toBe(
      'complaint',
    );
    expect(asksOutright('学校教学楼一半没电 可能是进线出问题了 报修')).toBe(true);
    expect(asksOutright('报修有哪些渠道')).toBe(false);
    expect(detectActionIntent('有没有人工 能直接跟工作人员说吗')?.intent).toBe('handoff');
  });
});
