import { describe, expect, it } from 'vitest';
import { createNormalizer } from './normalize.js';
import { asksForCompensation, isForeignTopic } from './scope.js';

const normalize = createNormalizer();
const foreign = (text: string) => isForeignTopic(normalize(text));

describe('the topic filter', () => {
  it.each([
    '停了一整天电，冰箱里的东西都坏了',
    '停咗電成三個鐘，雪櫃啲嘢都溶晒',
    'lost power but the street lights are on',
    'no power since this morning and the food in my freezer is going off',
    '成條街啲路燈都著，淨係我屋企冇電',
    '一开微波炉就跳闸，怎么回事',
    'the cable behind my fridge is smoking',
    'my meter keeps running fast even with the fridge unplugged',
    'I want to complain, your engineer broke my washing machine',
    '开了个火锅店要接电，多久能给供电方案',
    // A foreign thing mentioned on the way, in a clause that asks nothing, beside our own subject.
    '电工来给我家换电表，收了我200块说是工本费，也没给发票。你们能这样收钱吗',
    '电力公司搞优质服务，跟履行社会责任有啥关系？孩子写作业要用',
    // A charging pile's own supply, and counter staff watching a series.
    '我们小区物业要给地下车库充电桩申请低压用电，方案多久答复？',
    '看到营业员上班的时候在窗口后面吃零食看电视剧，这种算不算违反规定',
    // The customer's own standby generator is their supply, not a question about generators.
    '医院凌晨出现电压异常 除了自备发电机 还能找谁 是24小时的吗',
    // Our staff's punishment, and our rules asked by a customer in a hurry for a train.
    '我投诉了抄表的 说那个人扣了奖金 我投诉完你们还会回访我吗',
    '俺就想让他们给俺插个队先办 俺赶火车 你们是不是有规定 客户提了不合理的要求就得好好解释',
    // Moving the meter is not ours, but how the clerk who refused it spoke is, asked with 吧.
    '我要求你们把电表搬到客厅里，柜台说不行，但那个人讲话很冲。就算我要求不合理，也不能这样回吧？',
    '营业厅的空调坏了，热得要命',
    'how do I pay my electricity invoice',
  ])('keeps a message about the customer’s own supply that mentions an everyday thing: %s', (text) => {
    expect(foreign(text)).toBe(false);
  });

  it.each([
    '冰箱压缩机坏了找谁修',
    '雪櫃壞咗搵邊個整',
    '洗衣机漏水怎么办',
    '小区的路灯归谁管',
    '路灯白天也亮着是谁负责的',
    'the street light outside my house has been broken for a week',
    'my fridge is making a loud buzzing noise',
    '明天天气怎么样，会不会停电',
    '帮我查一下明天成都天气咋样 要不要带伞',
  ])(
    'filters out an everyday question with no power subject (street lights are the municipality’s): %s',
    (text) => {
      expect(foreign(text)).toBe(true);
    },
  );

  it.each([
    '停电把我冰箱里的东西弄坏了，你们赔不赔',
    '电压不稳把我的电视烧坏了，能索赔吗',
    'the outage ruined the food in my fridge, can I claim compensation',
    '燃气费和电费在哪交',
    'I need a VAT invoice for our electricity payments',
    '你们公司招不招人',
    // The foreign thing is what the question is about, though the question names none of ours.
    '燃气费太贵了，怎么交',
    '宽带老是断网，你们能帮我报修一下吗',
  ])('keeps a foreign topic foreign even next to a power subject: %s', (text) => {
    expect(foreign(text)).toBe(true);
  });

  it('reads a request for compensation, not an apology, as compensation', () => {
    expect(asksForCompensation(normalize('你们赔不赔'))).toBe(true);
    expect(asksForCompensation(normalize('你们应该赔礼道歉'))).toBe(false);
    expect(foreign('你们的员工应该向我赔礼道歉')).toBe(false);
  });

  it('answers a question about the company leaking data, whoever the caller is', () => {
    expect(foreign('你们会不会把我的电话号码卖给卖保险的')).toBe(false);
    expect(foreign('I keep getting calls from insurance salesmen, did you leak my details')).toBe(false);
    expect(foreign('买什么保险好')).toBe(true);
  });
});

describe('a contractor named by our staff, whatever it is for', () => {
  it('reads a designated contractor for a charging pile as ours', () => {
    expect(isForeignTopic(normalize('小区装充电桩接电 物业说要找供电公司定的施工队 是真的吗'))).toBe(false);
    expect(isForeignTopic(normalize('小区装充电桩物业不让'))).toBe(true);
  });
});

describe('compensation disclaimed, a driving school’s supply, a fault at home', () => {
  it('reads compensation the customer says they do not want as no question about it', () => {
    const text = normalize('我也不是非要赔钱 想问问投诉以后一般多长时间会有人联系我');
    expect(asksForCompensation(text)).toBe(false);
    expect(isForeignTopic(text)).toBe(false);
    expect(asksForCompensation(normalize('停电把冰箱里的东西弄坏了，你们赔不赔'))).toBe(true);
  });

  it('reads a driving school asking for its supply as ours, and its enrolment as not', () => {
    expect(isForeignTopic(normalize('驾校训练场要装几个低压动力表 方案几个工作日答复'))).toBe(false);
    expect(isForeignTopic(normalize('驾校报名要多久'))).toBe(true);
  });

  it('reads a question about reporting a fault at home beside a phone bill as ours', () => {
    expect(
      isForeignTopic(
        normalize('我手机欠费了打不了电话 话费还得等发工资再充 万一家里出了故障 除了热线还有别的办法报修吗'),
      ),
    ).toBe(false);
  });
});
