import { describe, expect, it } from 'vitest';
import { readCustomerClass } from './customer-class.js';
import { createNormalizer } from './normalize.js';

const normalize = createNormalizer();
const read = (text: string) => readCustomerClass(normalize(text));

describe('the customer’s own class beside what they heard of others', () => {
  it('reads the premises described, not the classes of a comparison they heard of', () => {
    const { reading, compared } = read(
      '我们食品厂买了台自己的变压器，从10kV线路接一路电，听说高压和低压答复时间不一样，我们这种情况要等几个工作日？',
    );
    expect(reading?.customerClass).toBe('high_voltage_single');
    expect(compared).toEqual([]);
  });

  it('reads the supply described after a comparison the customer does not follow', () => {
    const { reading, compared } = read(
      '高压单电源跟双电源有啥区别我也不懂 我们就一个厂 就一条高压线进来 方案多久能给',
    );
    expect(reading).toMatchObject({ customerClass: 'high_voltage_single', named: false });
    expect(compared).toEqual([]);
  });

  it('reads 400 V as low voltage and an organisation that says 本院 as non-residential', () => {
    expect(read('方案多久来着 我们是400V接入的').reading?.customerClass).toBe('low_voltage');
    expect(read('本院新建大樓的受電工程已驗收合格').reading?.customerClass).toBe('non_resident');
  });

  it('reads a house built for the family as a home', () => {
    expect(read('我喺鄉下起咗間屋 自己一家住嘅 幾耐會答覆個供電方案').reading?.customerClass).toBe(
      'resident',
    );
  });

  it('still compares where the customer asks for the comparison itself', () => {
    expect(read('高压和低压答复时间差几天').compared).toEqual(['high_voltage', 'low_voltage']);
  });

  it('reads the class asked about, not the class of a limit stated as known', () => {
    expect(read('居民的是3个工作日，那低压的商业用户是多少天？').reading?.customerClass).toBe('low_voltage');
    // A limit asked about is no limit known.
    expect(read('居民是3个工作日吗').reading?.customerClass).toBe('resident');
  });

  it('reads 非住宅 as the non-residential class, not as a home', () => {
    expect(read('非住宅客户几天送电').reading?.customerClass).toBe('non_resident');
  });
});

describe('a low-voltage supply read from what it hangs on', () => {
  it('reads a farm on the village’s public transformer at 380 as low voltage', () => {
    const { reading } = read(
      '我承包了个养鸡场，就几台风机和保温灯，接的是村里公用变压器的380，现在要扩大规模申请加容量，方案要几个工作日？',
    );
    expect(reading?.customerClass).toBe('low_voltage');
    expect(reading?.evidence).toContain('公用变压器');
  });

  it('reads "the village’s transformer" as the public one', () => {
    expect(
      read('我在村里承包了个养殖场,用的是村里那台变压器的电,供电方案多久回复').reading?.customerClass,
    ).toBe('low_voltage');
    // A transformer of one's own is high voltage.
    expect(read('养殖场自己买了台变压器,供电方案多久回复').reading?.customerClass).toBe('high_voltage');
  });

  it('reads a shop beside a home as the low-voltage side, not as a business of unknown supply', () => {
    expect(read('我家里和楼下我自己的商铺同时申请用电，两个方案分别几天能答复？').compared).toEqual([
      'resident',
      'low_voltage',
    ]);
    // A factory is the side whose supply the words do not tell.
    expect(read('工厂和商铺哪个快').compared).toEqual(['non_resident', 'low_voltage']);
  });

  it('reads "commercial" as a side of an English comparison', () => {
    expect(read('Residential vs. commercial customers: how quickly do you energize?').compared).toEqual([
      'resident',
      'non_resident',
    ]);
  });
});

describe('classes read from how rural and small customers describe their supply', () => {
  it('reads a customer who says they are no home as a business, but not one who asks it back', () => {
    expect(read('我们幼儿园新装修 验收合格 不是居民吧 几天能通电').reading?.customerClass).toBe(
      'non_resident',
    );
    expect(read('我们不是居民 装表几天').reading).toMatchObject({
      customerClass: 'non_resident',
      evidence: '不是居民',
    });
    expect(read('我家不是居民用电吗').reading?.customerClass).toBe('resident');
    expect(read('我不是居民吗 装表几天').reading).toBeUndefined();
  });

  it('reads a stall, a greenhouse and a workshop on the village transformer at 380 as low voltage', () => {
    for (const text of [
      '我是卖菜的 在菜市场有个摊位 要装个单独的电表 380的 方案几天',
      '大棚种菜用电380方案几天',
      '磨面的小作坊 用的是三相电380的 没得自己的变压器 就是接的村里公用那台 方案啥时候能出来',
      '我開了一家小餐廳 要改成商業用電 三相380V 不用自己裝變壓器 供電方案多久回覆',
    ])
      expect(read(text).reading?.customerClass, text).toBe('low_voltage');
  });

  it('reads "10千伏一路" as one supply, and "一条线停了另一条还能供上" as two', () => {
    expect(read('砖厂有自己的专变 10千伏一路 方案几天').reading).toMatchObject({
      customerClass: 'high_voltage_single',
      evidence: '10千伏、一路',
    });
    const { reading, compared } = read(
      '卫生院要搞两路电源 就是一条线停了另一条还能供上 10千伏的 方案几天给答复',
    );
    expect(reading?.customerClass).toBe('high_voltage_dual');
    expect(compared).toEqual([]);
    expect(read('只有一条线路进来 方案几天').reading?.customerClass).toBe('high_voltage_single');
  });

  it('reads a home named in a clause of its own as a side, and a factory said to be high voltage as one side', () => {
    expect(read('方案答复 就是说住家的 做小生意低压的 还有大工厂高压的 分别是好多天').compared).toEqual([
      'resident',
      'low_voltage',
      'high_voltage',
    ]);
  });
});

describe('classes read from a supply counted, a farm and a building named in passing', () => {
  it('reads one line at high voltage as a single supply, and one more line at low voltage as no supply count', () => {
    expect(read('工厂有自己的变压器 单路10kV 方案几天').reading?.customerClass).toBe('high_voltage_single');
    expect(read('厂子自己带变压器一路高压 最长几天').reading?.customerClass).toBe('high_voltage_single');
    expect(read('种了两百亩地 用的是低压三相 要新拉一路电 方案几天').reading?.customerClass).toBe(
      'low_voltage',
    );
  });

  it('reads pumps and a pig farm on three-phase 380 as low voltage', () => {
    expect(read('养了两千头猪 全靠三相380 新建猪舍要装电 几天答复').reading).toMatchObject({
      customerClass: 'low_voltage',
    });
    expect(read('地里装了几台抽水的泵 要通电 方案多久').reading?.customerClass).toBe('low_voltage');
  });

  it('reads a class the customer fears being taken for as no evidence, and a residents’ building as premises', () => {
    expect(
      read('自建的小楼装了三相电的热泵 一家人自己住 你们会不会把我当成工业的 方案多久').reading
        ?.customerClass,
    ).toBe('resident');
    expect(
      read('楼下药店的老板说，他们的电是跟我们居民楼一起的，按住户算，真的吗？他那是单独一块商业电表').reading
        ?.customerClass,
    ).toBe('low_voltage');
  });

  it('reads four kinds of premises listed with 、 as four sides', () => {
    expect(
      read('方案答复分别要几天：自己住的、低压的小店、高压只接一条线的厂、高压接两条线的医院').compared,
    ).toEqual(['resident', 'low_voltage', 'high_voltage_single', 'high_voltage_dual']);
  });
});

describe('classes read from premises listed with spaces, English shops and a home asking for a line', () => {
  it('reads four premises listed with spaces as four sides, the transformer one beside two feeds as single', () => {
    expect(
      read('住家的 开小店的 有专用变压器的厂 两路高压的医院 申请用电方案各多久出来 做个对比给我').compared,
    ).toEqual(['resident', 'low_voltage', 'high_voltage_single', 'high_voltage_dual']);
  });

  it('reads one premises told in several clauses as no list', () => {
    expect(
      read(
        '我家是农村的，旁边是我开的一个小厂，用的是自己的200千伏安变压器、单回路10千伏。两边的供电方案答复分别要几天？',
      ).compared,
    ).toEqual(['resident', 'high_voltage_single']);
  });

  it('reads a transformer of its own as the other side of a comparison, and one said to be absent as none', () => {
    expect(
      read('我们小厂就380V，没变压器，跟隔壁有箱变的厂比，出方案时间是不是短一些？各是多少').compared,
    ).toEqual(['low_voltage', 'high_voltage']);
    expect(
      read('我在村里搞咯个养猪场 要装三相电 冇得自己的变压器 报上去以后你们好久给我回话').reading
        ?.customerClass,
    ).toBe('low_voltage');
  });

  it('reads a supermarket, a mall with mutual backup lines and a townhouse', () => {
    expect(read('supermarket meter install days after inspection?').reading?.customerClass).toBe(
      'non_resident',
    );
    expect(read('我们是个大商场要两条高压线进来互相备用的那种你们方案要多久啊').reading?.customerClass).toBe(
      'high_voltage_dual',
    );
    expect(read('we are moving into a townhouse, how long for the supply plan').reading?.customerClass).toBe(
      'resident',
    );
  });

  it('reads a home that wants one line as a home, and the company addressed as no premises', () => {
    expect(
      read('我刚在城郊买了套小平房，想申请新拉一路电进来，就是一家人平常过日子用，答复最长要等几天？').reading
        ?.customerClass,
    ).toBe('resident');
    expect(
      read('我們家是一般住宅，剛買的二手公寓要重新申請用電，貴公司大概多久會回覆供電的方案？').reading
        ?.customerClass,
    ).toBe('resident');
    expect(read('刚搬新家，装电申请后几天给方案？').reading?.customerClass).toBe('resident');
  });
});

describe('one supply said in passing, a transformer not needed, and a shop front', () => {
  it('reads "就一个电源" and "一路就够了" at high voltage as a single supply', () => {
    expect(read('工业园区的厂房 10千伏专变 就一个电源 方案几天').reading?.customerClass).toBe(
      'high_voltage_single',
    );
    expect(read('工地要接临时用电 十千伏的 一路就够了 方案几天能出').reading?.customerClass).toBe(
      'high_voltage_single',
    );
    // Two supplies said, "一路就够了吗" asks whether one would do: still two.
    expect(read('我们医院有两路电源 一路就够了吗').reading?.customerClass).toBe('high_voltage_dual');
  });

  it('reads a transformer the customer does not need as no high-voltage evidence', () => {
    expect(read('連鎖便利商店新開一間門市 380V低壓 不用自備變壓器 方案幾天').reading?.customerClass).toBe(
      'low_voltage',
    );
  });

  it('reads 铺面 and 门市 as small premises', () => {
    expect(read('楼下的铺面装电方案几天').reading?.customerClass).toBe('low_voltage');
    expect(read('新开一间门市 方案几天').reading?.customerClass).toBe('low_voltage');
  });
});

describe('a class read from short English clauses', () => {
  it('reads one incoming supply at 10 kV as high-voltage single supply, whatever limit the customer states', () => {
    for (const text of [
      'Factory, 10 kV, one incoming supply. I read the supply plan reply limit is 10 working days. Correct?',
      'We have a single incoming feeder at 10 kV. How long for the supply plan?',
    ])
      expect(readCustomerClass(normalize(text)).reading?.customerClass, text).toBe('high_voltage_single');
  });
});

describe('sites described one by one, and a business owner’s own home', () => {
  const read = (text: string) => readCustomerClass(normalize(text));

  it('reads each site by its supply, not the business they belong to', () => {
    expect(read('连锁酒店 A店10kV单路 B店双路供电 方案期限分别是多少').compared).toEqual([
      'high_voltage_single',
      'high_voltage_dual',
    ]);
    expect(read('工厂A两回10kV进线 工厂B 0.4千伏低压接入没变压器 方案答复各要几个工作日').compared).toEqual([
      'high_voltage_dual',
      'low_voltage',
    ]);
    expect(
      read(
        '我们公司两个点 一个门市部380低压 公变供电 一个工厂10千伏一路进线自己有变压器 两边报装方案分别多久答复',
      ).compared,
    ).toEqual(['low_voltage', 'high_voltage_single']);
    expect(read('城东门店是380的 城西厂房是10千伏有自己变压器 验收完以后送电时间一样吗').compared).toEqual([
      'low_voltage',
      'high_voltage',
    ]);
  });

  it('reads "都是几天" of two premises as a comparison', () => {
    expect(read('诊所是低压动力电 我家是居民 方案都是3天吗').compared).toEqual(['low_voltage', 'resident']);
  });

  it('reads one line each from two substations as two supplies, and 进线一条 as one', () => {
    expect(
      read('酒店扩建，想从两个不同的变电所各拉一条10千伏线过来，方案要多长时间？').reading?.customerClass,
    ).toBe('high_voltage_dual');
    expect(
      read('工厂35千伏进线一条，自己建了个小变电站，申请供电方案的话答复时限多少？').reading?.customerClass,
    ).toBe('high_voltage_single');
  });

  it('reads the home a business owner turns to as theirs', () => {
    for (const text of [
      '我是开饭店的 问下我自己家里 普通住宅 220伏单相 新装一块电表 供电方案几天答复',
      '开诊所的 问个私事 老家自建房要装居民电表 方案和送电各多久',
    ]) {
      expect(read(text).reading?.customerClass, text).toBe('resident');
      expect(read(text).compared, text).toEqual([]);
    }
  });
});
