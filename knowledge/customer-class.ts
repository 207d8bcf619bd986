/**
 * Customer classes as the standard names them, found in what a customer wrote (normalised text).
 * `high_voltage` (高压 without single or dual supply) and `non_resident` are the broader classes a
 * customer often names; an answer falls back along `CLASS_FALLBACK` to the most specific one it has.
 */

import { clausesOf, SPOKEN_PAUSE } from './clauses.js';

export const CUSTOMER_CLASSES = [
  'resident',
  'low_voltage',
  'high_voltage_single',
  'high_voltage_dual',
  'high_voltage',
  'non_resident',
] as const;
export type CustomerClass = (typeof CUSTOMER_CLASSES)[number];

export const CLASS_FALLBACK: Readonly<Record<CustomerClass, readonly CustomerClass[]>> = {
  resident: ['resident'],
  low_voltage: ['low_voltage', 'non_resident'],
  high_voltage_single: ['high_voltage_single', 'high_voltage', 'non_resident'],
  high_voltage_dual: ['high_voltage_dual', 'high_voltage', 'non_resident'],
  high_voltage: ['high_voltage', 'non_resident'],
  non_resident: ['non_resident'],
};

/** 高压 of a supply, not of a pressure washer, a pressure cooker or a pump (高压水枪, 高压锅). */
const HIGH_VOLTAGE_WORD = '高压(?!水枪|锅|清洗|水|喷|泵|氧舱|电(?:线|塔)下)';

// Checked in order: the more specific pattern wins (双电源 before 高压, 低压 before 商户, 非居民 before 居民).
const PATTERNS: readonly [CustomerClass, RegExp][] = [
  [
    'high_voltage_dual',
    /双电源|双回路|两路电源|两回路|两路供电|dual[- ]?(power|supply|source|feed|circuit)|\bdual\b.{0,24}\b(suppl|source|feed|circuit)|two (power )?(suppl|sources|feeds|circuits)|double[- ](power|supply|source|circuit)/,
  ],
  [
    'high_voltage_single',
    /单电源|单回路|一路电源|single[- ]?(power|supply|source|feed|circuit)|\bsingle\b.{0,24}\b(suppl|source|feed|circuit)|one (power )?(supply|source|feed) only/,
  ],
  ['low_voltage', /低压|low[- ]?voltage/],
  ['high_voltage', new RegExp(`${HIGH_VOLTAGE_WORD}|专变|专线|high[- ]?voltage`)],
  [
    'non_resident',
    /非居民|非居|企业|工厂|本院|我院|敝院|本校|我校|我司|本公司|敝司|本厂|厂房|厂子|厂里|车间|(?<!供电|电力|电网|贵|你们|你们的|您们|你哋|你哋嘅|你地)公司|商铺|商户|店铺|门面|门店|小店|店面|便利店|超市|饭店|餐馆|饭馆|餐厅|商店|商场|写字楼|办公楼|商业|工业|发廊|理发店|美容院|美发|奶茶店|小卖部|档口|铺头|作坊|诊所|酒店|宾馆|旅馆|民宿|网吧|药店|药房|养殖场|加工厂|学校|医院|(?<![在去回])工地|仓库|加油站|农家乐|酒楼|茶楼|酒家|食肆|茶餐厅|士多|车行|工作室|单位用电|non[- ]?residential|\bbusiness(?! days?| hours?)|\b(commercial|factory|factories|shops?|stores?|restaurants?|salons?|cafes?|hotels?|workshops?|warehouses?|clinics?|supermarkets?|grocer(y|ies)|malls?)\b|(?<!power |electricity |electric |utility |supply )company|office building|\b(our|my) (offices?|premises|plant|mill|workshop|site|firm|hospital|school|hotel)\b|manufactur|\bplants?\b(?<!power plants?)/,
  ],
  [
    'resident',
    /居民|家里|家庭|住户|住宅|我家|自家|俺家|俺们家|房子|住房|俺屋|咱家|咱们家|阮兜|屋企|住家|透天厝|民用|个人用电|私人|新房|自建房|农村|村里|农房|老家|出租屋|民房|residential|resident|新屋|村屋|屋苑|公屋|居屋|household|(my|our) (home|house|flat)|\b(a|the|this) (house|home|flat)\b|\bhomeowners?\b|apartment/,
  ],
];

export function detectCustomerClass(normalizedText: string): CustomerClass | undefined {
  for (const [customerClass, pattern] of PATTERNS) if (pattern.test(normalizedText)) return customerClass;
  return undefined;
}

/** A customer class read from what a customer wrote, with the words it was read from. */
export interface ClassReading {
  customerClass: CustomerClass;
  /** The customer's own words that gave it away ("两路电源", "35千伏", "奶茶店"). */
  evidence: string;
  /** True when the customer named the class itself ("居民客户", "高压双电源"): nothing to explain. */
  named: boolean;
}

/** Class names as the standard writes them; two different ones in a message make a comparison. */
const NAMED: readonly [CustomerClass, RegExp][] = [
  ['high_voltage_dual', /高压双电源|双电源客户|dual[- ]supply customers?/],
  ['high_voltage_single', /高压单电源|单电源客户|single[- ]supply customers?/],
  ['low_voltage', /低压(电力|非居民)?(客户|用户)|低压电力|低压非居民|low[- ]voltage (customers?|users?)/],
  ['high_voltage', /高压(客户|用户)|high[- ]voltage (customers?|users?)/],
  ['non_resident', /非居民|非住宅|非民用|non[- ]?residential|non[- ]?residents?/],
  ['resident', /(?<!非)居民(?!楼|区|小区|点)|(?<!non[- ]?)residential|(?<!non[- ]?)\bresidents?\b/],
];

/** The classes' short names, for the second side of a comparison. */
const SHORT_NAMES: readonly [CustomerClass, RegExp][] = [
  ['high_voltage_dual', /双电源|双回路|dual/],
  ['high_voltage_single', /单电源|单回路|single/],
  ['low_voltage', /低压|low[- ]?voltage/],
  ['high_voltage', new RegExp(`${HIGH_VOLTAGE_WORD}|high[- ]?voltage`)],
  // A shop (商铺, 商户) is a side of its own as small premises: the low-voltage one.
  ['non_resident', /非居民|企业|工厂|businesses?|\bcommercial\b/],
  ['resident', /(?<!非)居民|住宅|家庭|household|homes?/],
];

const DUAL_SUPPLY =
  /双电源|双回路|主供.{0,6}(备用|备供)|备供|互(相|为)备用|(两|二|2)条高压(线|进线|线路|电缆)|(另|另外|再|还要|加|多)(引|拉|接|上|加|从.{0,10}(引|拉|接|加))?(一|1)(路|条|回)(?!.{0,3}(不|没))|另(外)?一(个|座)变电(站|所)|(两|二|2)(个|座)[^,，。;；]{0,4}变电(站|所)|各(引|接|拉|来|进)?(一|1)(路|条|回)|第二路|一主一备|一用一备|一常用一备用|一路常用.{0,2}一路备用|(做|作|当)备用|后备电源|备用(线路|进线|回路)|redundan|\bsecond (feed|supply|source|line|circuit)\b|两路电源|两路独立电源|两个电源|两路(独立)?(市电|电)|两回路|两路供电|两路进线|双路进线|双路供电|两路(10|35|110)?(千伏|kv)|两条(进线|线路)|(接|拉|进|来|引)(了)?(两|二|2)条线(?!索)|双(进线|路)|备用电源|保安电源|two ((independent|separate|different|redundant|high[- ]voltage|power|utility|grid|incoming|\d+ ?kv) )*(sources|supplies|feeds|feeders|lines|circuits|incomers|connections)\b|two (different |separate )?substations|two (independent )?(\d+ ?kv )?(incoming )?(lines|feeds|circuits)|两路.{0,6}(高压|进线|进来|电源|供电)|互为备用|(两|二|2)(个|路|条|回|套)[^,，。;；?？!！月天年次时]{0,10}(电源|进线|供电线路|回路)|dual[- ]?(power|supply|source|feed|circuit)|\bdual\b.{0,24}\b(suppl|source|feed|circuit)|two (power )?(suppl|sources|feeds|circuits|incoming)|double[- ](power|supply|source|circuit)|backup (power )?supply/;
/** "没有双电源", "不是两路供电": two supplies said to rule them out. */
const NO_DUAL_SUPPLY =
  /(没有|没|无|不是|并非|冇|毋|唔系|唔係|不用|不需要|不要|用不着|不必|无需|不带|no|not|without|not have|(do|does|did)n't need|no need for) ?(a |any )?(双电源|两路|双回路|第二路|第二条|备用|后备|dual|two|second|backup|standby)/;
const SINGLE_SUPPLY =
  /单电源|单回路|(?<![另再加多各]|各(引|接|拉|来|进))(一|1)条.{0,10}(?<!生产|流水|装配|产|热)线(?![^,，。]{0,12}另(外)?(一|1)(条|路|回))|进线(只有|就|仅|就是)?(一|1)(条|路|回)(?![^,，。]{0,12}另)|(只|就|净系|淨係|仅)(有|接|从|靠)?(了|咗)?(一|1)(路|条|回)|单回(进线|供电)|(?<![另再加多各]|各(引|接|拉|来|进))一回(路)?(进线|供电)|(?<![另再加多各]|各(引|接|拉|来|进))一回.{0,6}(线路|进线)|单一(回路|电源|线路)|(?<![另再加多各]|各(引|接|拉|来|进))一条.{0,8}(线路|进线|进来)(?![^,，。]{0,12}另(外)?(一|1)(条|路|回))|只有一(条|路|回)|就(这)?(一|1)(个|路|条|回)[^,，。;；?？!！]{0,4}(电源|进线|线路)|(一|1)(路|条|回)(电)?(就|便)(够|行|可以)|(只有|仅有|就有|只接了?)(这)?(一|1)(个|路|条|回)[^,，。;；?？!！]{0,6}(电源|进线|线路)|一路电源|(?<![另再加多各]|各(引|接|拉|来|进))一路.{0,6}进线|单路进线|单路供电|单独(拉|接|引|走)(了)?(一|1)(路|条|回)(?!\s*(10|20|35|66|110|220)\s*(千伏|kv))|单路(?!口|灯)|(?<![另再加多各外])(一|1)(路|回)高压|(?<![另再加多各]|各(引|接|拉|来|进))一路供电|(?<![另再加多各]|各(引|接|拉|来|进))(一|1)(路|回)[^,，。;；?？!！]{0,8}(供电|进线|线路|接入|的线|线(?!索)|进来|引入|引进)|(?<![另再加多各外]|各(引|接|拉|来|进))(一|1)(路|回) ?(10|20|35|66|110|220) ?(千伏|kv)|(?<=(千伏|kv) ?(的)?)(一|1)(路|回)(?!上|走|过来)|(?<![另再加多各外要])(接|拉|引)(了)?(一|1)(路|条|回)电(?!源)|一条进线|one (incoming )?(line|feed|circuit)\b(?! (of|for))|single[- ]?(power|supply|source|feed|circuit)|\bsingle\b.{0,24}\b(suppl|source|feed|circuit|line)|one (power )?(supply|source|feed|incoming line) only|\b(only|just) (one|a single) (power |supply |incoming |\d+ ?kv )*(supply|source|feed|line|circuit)s?\b|\b(one|a single|single) (\d+ ?kv )?incoming (supply|line|feed|feeder|circuit|cable|connection)\b|\bone (single )?(\d+ ?kv )?(incoming )?line\b/;
/** 10千伏, 35kV, 110 kv: a supply voltage of a thousand volts or more. */
const KILOVOLTS = /(\d+(\.\d+)?)\s*(千伏(?!安)|kv(?!a)|万伏)/;
/** 十千伏, 三十五千伏: a supply voltage in Chinese numerals, always high. */
const KILOVOLTS_IN_WORDS = /[一二三四五六七八九十百两]+千伏(?!安)/;
const HIGH_VOLTAGE = new RegExp(
  `${HIGH_VOLTAGE_WORD}|千伏安|专变|专用变压器|自己的变压器|自有变压器|自备变压器|自己(买|装|建|配)了?(一)?(台|个)?(的)?变压器|箱变|(\\d+)\\s*(kva|千伏安)|high[- ]?voltage|own transformer|dedicated transformer|\\bsubstation\\b`,
);
/** A supply from the public transformer (公变) is a low-voltage one. */
const PUBLIC_TRANSFORMER =
  /公用变压器|公用变|公变|公共变压器|(村里|村上|村头|队里|小区|公家|大家)(的|那台|那个|那)?(公用)?变压器/;
const LOW_VOLTAGE_WORDS =
  /低压|单相|(380|220|400|三百八|三八零|二百二|四百)\s*(v|伏|的电|电压)|0\.4\s*(kv|千伏)|三相(四线|电|动力电)|三相\s*380|380\s*(三相|动力)|动力电|low[- ]?voltage|\b(380|220) ?volts?\b|three[- ]phase/;
const LOW_VOLTAGE = new RegExp(`${LOW_VOLTAGE_WORDS.source}|${PUBLIC_TRANSFORMER.source}`);
const HOME =
  /(?<!非)(?:居民|家里|家庭|住户|住宅|我家|我们家|我哋屋企|我们这户|自家|俺家|咱家|咱们家|屋企|住家|民用|自建房|农房|出租屋|民房|新屋|间屋|村屋|公屋|居屋|老家|平房|老房子|老房|老宅|宅子|祖屋|老屋|生活用电|屋里厢|阿拉屋里|新房|新家|新居|别墅|搬(了)?(个)?(新)?家|商品房|二手房|房子|住房|透天厝|公寓|自住|层楼|我屋|屋头|(我|咱)们?屋里|自己家|自个家|单间|城中村|小楼|自己盖|自建|盖的房|[一二两三四]居室|套房|交房|老屋|祖屋|屋子|自个儿家|家己住|厝|租房|租的房|租了.{0,4}房|(自己|我|一家人)住|一家(人|子|几口|大小)?住|起(咗|了)?(间|栋|座)?(屋|房)|住的房|不是做生意|毋是做生意|唔系做生意|不做生意|非商用|不是商用|household|\b(flat|apartment|house|home|townhouse|condo|condominium|villa|bungalow|cottage|duplex)\b|(my|our) (home|house|flat|apartment)|homeowners?|(?<!non[- ]?)\bresidential\b)/;
/** Small premises on a low-voltage supply: shops, stalls, small restaurants. */
const SMALL_PREMISES =
  /铺面|铺位|门市|[^\P{Script=Han}这那种个家间的]{1}[^\P{Script=Han}接送停用供充来断通上交缴酒大]店(?!里的|员)|[^\P{Script=Han}的那这个间家]((?<!图书|体育|博物|展览|宾|场|会|展|使|旅|殡仪)馆|铺|坊|摊|档)(?!子里)|烘焙|面包|(洗车|车|商|琴|五金|电器|米|布|粮|花|茶)行|店里|铺子|摊位|摊子|菜摊|摊档|档位|小厂|小型|小作坊|个体|商铺|商户|店铺|门面|门店|小店|店面|便利店|小超市|饭店|餐馆|饭馆|餐厅|商店|发廊|理发店|发型屋|美甲店|美容院|美发|奶茶店|外卖店|小卖部|档口|铺头|作坊|诊所|卫生室|卫生所|卫生站|网吧|泵房|机井|灌溉|抽水的?(水)?泵|药店|药房|农家乐|茶餐厅|士多|工作室|奶茶|小吃店|早餐店|水果店|花店|\b(shop|store|stall|salon|cafe|restaurant|kiosk|bakery|bakeries|diner|noodle bar|laundr(y|ies)|grocer(y|ies)|convenience store|corner shop)s?\b|\bcafé/u;

/** Larger premises whose supply the words alone do not tell. */
const LARGE_PREMISES =
  /非居民|(我|我们|咱|咱们|俺|俺们|我哋|阿拉)(的)?厂(?!家|商|长)|本院|我院|敝院|本校|我校|我司|本公司|敝司|本厂|企业|工厂|厂房|厂子|厂里|[^\P{Script=Han}电水发个的那这们家]{1,2}厂(?!长)|(养\p{Script=Han}{1,2}|农|牧|林|果|茶|渔|采石|搅拌|屠宰|修理|停车|洗车)场|车间|(?<!供电|电力|电网|贵|你们|你们的|您们|你哋|你哋嘅|你地)公司|灌溉|抽水站|超市|商场|写字楼|办公楼|办公室|写字间|商业|工业|酒店|宾馆|医院|学校|(?<![在去回])工地|仓库|加油站|养殖场|加工厂|卫生院|大棚|温室|果园|猪舍|鸡舍|鸭舍|牛棚|羊圈|猪圈|猪场|鸡场|牛场|养(了)?[^,，。]{0,6}(头|只)(猪|牛|羊|鸡|鸭)|鱼塘|苗圃|种植|幼儿园|托儿所|托管班|养老院|敬老院|福利院|村委会|寺庙|酒楼|数据中心|机房|冷库|食堂|物流|\b(factory|factories|plant|mill|hospital|school|hotel|warehouse|office building|data cent(er|re)|manufactur\w*|supermarkets?|(shopping )?malls?)\b|\b(our|my|an|the|a new) offices?\b/u;

/** Words that ask for two things side by side. */
const COMPARE_ASKS =
  /还是|会(不会)?变|(变|改)(成|为)多少|哪个|哪家|都(是|要|得|需要)(\d+\s*(个|天|日)|几|多少|多久|一样|相同)|谁(家)?先|谁(的|家)?.{0,8}(快|慢|先|早|晚|久)|两边|两家|两者|各自|区别|差(多少|几|别|好多|多远)|相差|一样|不同|分别|各(是|要|需要|多久|几天|多少天)|对比|比较|相比|比.{1,12}(快|慢|多|少|久|长|短|早|晚)|\bvs\b|\bversus\b|\bcompared?\b|\bdifference\b|\bboth\b|\beach\b|\brespectively\b/;
/** Words that join two things, a comparison where each side names a class. */
const JOINS = /和|跟|与|同|或|及|\band\b|\bor\b/;
/** "居民3天", "低压5个工作日": a number of days said. */
const SAYS_DAYS = /\d+\s*个?(工作日|工作天|天|日)|\b\d+ (working |business )?days?\b/;
/** Where a clause ends. */
const CLAUSES = /[,，。;；?？!！\n]|\.(?=\s|$)/;

/**
 * Whether the message sets classes side by side: it asks for a comparison, or one of its clauses
 * joins two things that each show a class ("住宅和便利店", "一路进线的和两路电源的").
 */
function comparesClasses(text: string): boolean {
  if (COMPARE_ASKS.test(text)) return true;
  // "…低压的 跟楼上住家不是一个表 这户的…": a spoken pause ends a clause too.
  const clauses = text.split(CLAUSES).flatMap((clause) => clause.split(SPOKEN_PAUSE));
  if (clauses.some((clause) => JOINS.test(clause) && sidesOf(clause).length >= 2)) return true;
  // "同事说 居民3天 低压5天 高压单电源10天 对不对": a limit stated for each of several classes.
  const stated = clauses.filter((clause) => SAYS_DAYS.test(clause) && sidesOf(clause).length > 0);
  return stated.length >= 2;
}

/**
 * The kinds of premises a text shows, each a possible side of a comparison: a dual or a single
 * high-voltage supply (or high voltage alone), a home, a business. A factory with its own transformer
 * is one side, not two.
 */
function sidesOf(described: string): string[] {
  const text = described.replace(NEGATED_HIGH_VOLTAGE, ' ');
  const dual = dualSupply(text) !== undefined;
  const single = SINGLE_SUPPLY.test(text);
  const high =
    KILOVOLTS_IN_WORDS.test(text) || HIGH_VOLTAGE.test(text) || highByKilovolts(text) !== undefined;
  const sides: string[] = [];
  if (dual) sides.push('dual');
  if (single) sides.push('single');
  if (!dual && !single && high) sides.push('high');
  if (HOME.test(text)) sides.push('home');
  // A shop or a 380 V supply is low voltage beside any high-voltage side; a factory is the high side.
  if (SMALL_PREMISES.test(text) || LOW_VOLTAGE.test(text)) sides.push('low');
  else if (!dual && !single && !high && LARGE_PREMISES.test(text)) sides.push('business');
  return sides;
}

/** "10千伏", "35kV": the words of a supply voltage of a thousand volts or more. */
function highByKilovolts(text: string): string | undefined {
  const kilovolts = KILOVOLTS.exec(text);
  return kilovolts && Number(kilovolts[1]) * (kilovolts[3] === '万伏' ? 10 : 1) >= 1
    ? kilovolts[0]
    : undefined;
}

/**
 * The customer's class as what they wrote shows it: a class they name, else the evidence of their
 * supply (two supplies, 10 kV and above or a transformer of their own, 380 V / 220 V) and of their
 * premises (a home, a small shop, a factory). Undefined where nothing tells, and where the message
 * names two classes (a comparison: every side is answered).
 */
export function inferCustomerClass(normalizedText: string): ClassReading | undefined {
  return readCustomerClass(normalizedText).reading;
}

/**
 * The class of `inferCustomerClass` and the sides a comparison sets side by side ("居民和非居民差几天",
 * "我家和我开的小厂分别要几天"), each its own side, the comparison read once:
 * a message comparing classes has no one class.
 */
export function readCustomerClass(normalizedText: string): {
  reading: ClassReading | undefined;
  compared: CustomerClass[];
} {
  // "居民的是3个工作日，那低压的商业用户是多少天": the class of a limit the customer already knows
  // is not the one they ask about.
  const clauses = normalizedText.split(CLAUSES).filter(Boolean);
  const asked = clauses.filter((clause) => !STATES_A_LIMIT.test(clause) || ASKS_IN_CLAUSE.test(clause));
  // "听说居民是3个工作日，那高压双电源是不是也差不多": the known one is a side of a comparison.
  const likens = ALIKE.test(normalizedText) || COMPARE_ASKS.test(normalizedText);
  if (!likens && asked.length > 0 && asked.length < clauses.length) {
    const reading = readCustomerClass(asked.join('，'));
    if (reading.reading || reading.compared.length > 0) return reading;
  }
  // "我是开饭店的 问下我自己家里 普通住宅 220伏": what follows the turn to their own home is the case.
  const turn = TURNS_TO_OWN_HOME.exec(normalizedText);
  const turnedTo = turn ? classOf(normalizedText.slice(turn.index), false) : undefined;
  if (turnedTo) return { reading: turnedTo, compared: [] };
  // "…朋友说商用和居民不一样，像我这种小店要几天": the clause about their own case says the class.
  const ownClause = clausesOf(normalizedText).find((clause) => OWN_CASE.test(clause));
  const ownReading = ownClause === undefined ? undefined : classOf(ownClause, false);
  if (ownReading) return { reading: ownReading, compared: [] };
  const comparing = comparesClasses(normalizedText);
  const compared = comparing ? sidesCompared(normalizedText) : [];
  // "…想知道这两种供电方案答复到底差多少天": both asked of, whatever was heard.
  const asksOfBoth = ASKS_OF_BOTH.test(normalizedText);
  if (
    compared.length >= 2 &&
    !asksOfBoth &&
    (OWN_CASE.test(normalizedText) || (HEARSAY.test(normalizedText) && !PUTS_THE_CLAIM.test(normalizedText)))
  ) {
    // "听说高压和低压不一样，我们这种情况要几天": what they heard of is not their question; nor is
    // "我们医院要接两路电源…他听说跟普通居民一样几天就行…正常是多少个工作日".
    const own = clausesOf(normalizedText)
      .filter((clause) => !comparesClasses(clause))
      .join('，');
    const reading = classOf(own, false);
    if (reading) return { reading, compared: [] };
  }
  return { reading: compared.length >= 2 ? undefined : classOf(normalizedText, comparing), compared };
}

/** "听说…", "朋友说…": a comparison the customer heard of, beside their own case. */
const HEARSAY = /听说|据说|听人(说|讲)|(他|她|别人|人家|朋友|邻居|同事|亲戚)(们)?(说|讲)/;

/** "同事说 居民3天 低压5天 对不对啊": what was heard is put to be checked, and so is the question. */
const PUTS_THE_CLAIM =
  /对不对|对吗|对嘛|是不是真的|真的吗|真的假的|是这样吗|有这回事|靠谱吗|准不准|对唔对|啱唔啱|係咪真|系咪真|\b(is (that|this|it) (right|true|correct))\b/;

/** "这两种…差多少天", "两者区别": a question put to both sides. */
const ASKS_OF_BOTH = /这两(种|个|类|样|家)|两者|差(多少|几|好多)|相差|各(要|是|多久)|分别/;

/** "也差不多", "也一样吗", "same for…": the class asked about likened to the one stated. */
const ALIKE = /也(差不多|一样|是这样|相同|类似)|\b(the same|similar)\b/;

/** A clause that states a limit ("居民的是3个工作日"), and the words that would make it a question. */
const STATES_A_LIMIT = /\d+\s*个?(工作日|工作天|分钟)|\b\d+ (working|business) days?\b/;
const ASKS_IN_CLAUSE = /吗|么|嘛|呢|多少|几|多久|多长|是否|是不是|\b(how|what|which|is it|are)\b/;

/** "我们这种情况", "像我这样的", "in our case": the customer asks about their own premises. */
const OWN_CASE =
  /(我们|我|咱们|咱|俺们|俺|我哋)(这种|这样|这类|呢种|咁样)|(我们|咱们|俺们|我哋|我家|我们家)(这边|这里|那边)?(就|只|只有|就是)(一|有|是)|像(我们|我|咱们|咱)(这样|这种|咁)|\b(in (our|my) case|for our (site|plant|factory|premises|shop|building))\b/;

/** "问下我自己家里", "问个私事": a business owner turning to their own home. */
const TURNS_TO_OWN_HOME =
  /问(一?下|个)?(我)?(自己|自个儿?)(的)?(家|屋)|问个私事|说(一?下)?我(自己)?家(里)?的事/;

/** "没有专用变压器", "不是专变那种": high-voltage words said not to apply. */
const NEGATED_HIGH_VOLTAGE =
  /(没有|没得|没(装|上|配|设)?|无需|无|不是|并非|冇得|冇|不用|不带|不需要|唔系|不涉及|不含|不包括|用不着|不要|不(上|装|设|配|走))(用)?(自己的|自己|自备|专用的?)?(装|买|配|建)?(的)?(专变|专用变压器|变压器|高压)(那种|的)?/g;

/** "又不是啥大工厂", "不是居民": premises or a class said not to be the customer's. */
const NEGATED_PREMISES =
  /(当成|当作|算成|算作|划成|划为|归为|归成)(了)?(工业|商业|非居民|企业|工厂|商户|经营)(用电|用户|客户)?(的)?|(不是|并非|不算|唔系|唔係)(居民|住户|家庭|住宅|民用|住家户?|家用)(用户|客户|用电)?|(不是|并非|不算|唔系|唔係|毋是)(啥|什么|乜|个|一个|开|做)?(大|小)?(工厂|厂子|企业|公司|商铺|店铺|店|铺面|商户|单位)(的)?|(不|没|冇|唔)(开|办|做|搞)(啥|什么|个)?(大|小)?(工厂|厂子|厂|企业|公司|商铺|店铺|店|铺面|商户)/g;

/** "我们幼儿园…不是居民吧": the customer says their supply is no home's. */
const NOT_A_HOME =
  /(不是|并非|不算|唔系|唔係)(居民|住户|家庭|住宅|民用|住家户?|家用)(用户|客户|用电)?(?![^,，。;；!！]{0,12}(吗|么|嘛|咩|[?？]))/;

/** Two supplies said as such, not only "one more line" (加一路), which a low-voltage shop may add. */
const TWO_SUPPLIES = /双|两|二|2|备用|保安|互为|第二|dual|two|double|second|redundan|backup/;

/**
 * The words that show a second supply, if any: not where the message says there is none, nor
 * "打印店想加一路380电", another line at 380 V, which is no second high-voltage supply.
 */
function dualSupply(text: string): string | undefined {
  if (NO_DUAL_SUPPLY.test(text)) return undefined;
  const dual = DUAL_SUPPLY.exec(text)?.[0];
  if (!dual || TWO_SUPPLIES.test(dual)) return dual;
  const lowOnly = LOW_VOLTAGE.test(text) && !HIGH_VOLTAGE.test(text) && highByKilovolts(text) === undefined;
  return lowOnly ? undefined : dual;
}

/** The text without the words a class was read from ("我老公那个小卖部 低压的" → "我老公那个 的"). */
export function withoutEvidence(text: string, reading: ClassReading): string {
  return reading.evidence.split('、').reduce((rest, words) => rest.replace(words, ''), text);
}

/** The class a message that compares none shows. */
function classOf(normalizedText: string, comparing: boolean): ClassReading | undefined {
  const text = normalizedText.replace(NEGATED_HIGH_VOLTAGE, ' ').replace(NEGATED_PREMISES, ' ');
  const named = new Map<CustomerClass, string>();
  const spans: [number, number][] = [];
  for (const [customerClass, pattern] of NAMED) {
    const match = pattern.exec(text);
    if (!match || named.has(customerClass)) continue;
    const [from, to] = [match.index, match.index + match[0].length];
    // "低压非居民用户" names one class: 非居民 inside the low-voltage name is no second one.
    if (spans.some(([a, b]) => a <= from && to <= b)) continue;
    spans.push([from, to]);
    named.set(customerClass, match[0]);
  }
  // 非居民 also matches nothing of 居民 (look-behind); 高压双电源 names one class, not two.
  // "双电源的高压客户": the supply count makes the named 高压 one class more precise.
  if (named.has('high_voltage') && DUAL_SUPPLY.test(text))
    named.set('high_voltage_dual', named.get('high_voltage') as string);
  else if (named.has('high_voltage') && SINGLE_SUPPLY.test(text))
    named.set('high_voltage_single', named.get('high_voltage') as string);
  if (named.has('high_voltage_dual') || named.has('high_voltage_single')) named.delete('high_voltage');
  if (named.size > 1) return undefined;
  // "高压单电源和双电源差多少天": the second side named in short.
  if (named.size === 1 && comparing) {
    const [only, name] = [...named.entries()][0] as [CustomerClass, string];
    // The named class's own words are no second side ("高压双电源客户的…分别" names one class).
    const rest = text.replace(name, ' ');
    const other = SHORT_NAMES.find(([cls, pattern]) => cls !== only && pattern.test(rest));
    if (other) return undefined;
  }
  const [onlyNamed] = [...named.entries()];
  if (onlyNamed) return { customerClass: onlyNamed[0], evidence: onlyNamed[1], named: true };

  const found = (pattern: RegExp) => pattern.exec(text)?.[0];
  // "不是居民吧": said not to be a home (not asked back, "我家不是居民用电吗"), the premises are another's.
  const large = found(LARGE_PREMISES) ?? NOT_A_HOME.exec(normalizedText)?.[0];
  // "养鸡场…接的是村里公用变压器的380": 380 said without its unit, beside a business, is low voltage.
  const low =
    found(LOW_VOLTAGE_WORDS) ??
    found(PUBLIC_TRANSFORMER) ??
    (large && !HIGH_VOLTAGE.test(text) && highByKilovolts(text) === undefined
      ? found(THREE_EIGHTY)
      : undefined);
  const dual = dualSupply(text);
  // "没有第二路电源" of a high-voltage customer: one supply.
  const single = found(SINGLE_SUPPLY) ?? (dual ? undefined : NO_DUAL_SUPPLY.exec(text)?.[0]);
  const high = highByKilovolts(text) ?? found(KILOVOLTS_IN_WORDS) ?? found(HIGH_VOLTAGE);
  const home = found(HOME);
  const small = found(SMALL_PREMISES);
  const evidence = (...parts: (string | undefined)[]) => parts.filter(Boolean).join('、');
  // "一路进线的和两路电源的差多少", "住宅和便利店一样吗": two kinds of supply or premises compared.
  if (comparing && sidesOf(text).length >= 2) return undefined;

  if (dual) return { customerClass: 'high_voltage_dual', evidence: evidence(high, dual), named: false };
  // "低压三相，要新拉一路电": one line at low voltage is no single high-voltage supply; nor is
  // "小平房…想申请新拉一路电进来，就是一家人平常过日子用", a home and nothing else.
  const onlyAHome = home !== undefined && !small && !large;
  if (single && (high || (!low && !onlyAHome && !NO_DUAL_SUPPLY.test(single))))
    return { customerClass: 'high_voltage_single', evidence: evidence(high, single), named: false };
  if (high) return { customerClass: 'high_voltage', evidence: evidence(large ?? small, high), named: false };
  if (low && home && !small && !large)
    return { customerClass: 'resident', evidence: evidence(home, low), named: false };
  if (low) return { customerClass: 'low_voltage', evidence: evidence(small ?? large, low), named: false };
  if (home && !small && !large) return { customerClass: 'resident', evidence: home, named: false };
  // A shop at a school gate is a shop: the named small premises win over the place around them.
  if (small) return { customerClass: 'low_voltage', evidence: small, named: false };
  if (large) return { customerClass: 'non_resident', evidence: large, named: false };
  return undefined;
}

/** The sides of a message that compares classes, in the order it names them. */
function sidesCompared(message: string): CustomerClass[] {
  // "低压非居民" is the low-voltage class: the 非居民 inside it is no side of its own.
  const text = message.replace(/低压非居民/g, '低压电力');
  /** Each side with where the message first names it, so they are answered in its order. */
  const sides = new Map<CustomerClass, number>();
  const add = (customerClass: CustomerClass, pattern: RegExp) => {
    const at = text.search(pattern);
    if (at >= 0 && !sides.has(customerClass)) sides.set(customerClass, at);
  };
  for (const [customerClass, pattern] of NAMED) add(customerClass, pattern);
  /** Classes the message names as the standard does: each is a side of its own. */
  const named = new Set(sides.keys());
  for (const [customerClass, pattern] of SHORT_NAMES) add(customerClass, pattern);
  // "高压只接一条线的厂、高压接两条线的大单位": 高压 named twice, each side told by its supplies.
  // "工厂A两回10kV进线 工厂B 0.4千伏低压": 工厂 is premises, not a class; the supplies tell the sides.
  if (
    sides.size < 2 ||
    (sides.has('high_voltage') && !named.has('high_voltage')) ||
    (sides.has('non_resident') && !named.has('non_resident'))
  ) {
    if (dualSupply(text) !== undefined) add('high_voltage_dual', DUAL_SUPPLY);
    add('high_voltage_single', SINGLE_SUPPLY);
  }
  // 高压 (or a factory) beside the supplies that make it precise is one side, not two ("店铺跟一路高压
  // 的工厂"): they give way to the precise side below.
  const distinctSides = () => {
    if (!sides.has('high_voltage_single') && !sides.has('high_voltage_dual')) return sides.size;
    const broader = [...sides.keys()].filter(
      (side) => side === 'high_voltage' || (side === 'non_resident' && !named.has(side)),
    );
    return sides.size - broader.length;
  };
  if (distinctSides() < 2) {
    add('resident', HOME);
    if (SMALL_PREMISES.test(text)) add('low_voltage', SMALL_PREMISES);
    else if (LOW_VOLTAGE.test(text)) add('low_voltage', LOW_VOLTAGE);
    else if (!sides.has('high_voltage_single') && !sides.has('high_voltage_dual'))
      add('non_resident', LARGE_PREMISES);
  }
  // "我们小厂就380V，没变压器，跟隔壁有箱变的厂比": a transformer of its own makes the other side.
  if (sides.size < 2 && !sides.has('high_voltage')) {
    const kept = text.replace(NEGATED_HIGH_VOLTAGE, (negated) => ' '.repeat(negated.length));
    // "门店是380的 厂房是10千伏": a supply of 10 kV or more is the high-voltage side too.
    const kilovolts = highByKilovolts(kept);
    const at = kept.search(HIGH_VOLTAGE);
    const first = [at, kilovolts === undefined ? -1 : kept.indexOf(kilovolts)].filter((i) => i >= 0);
    if (first.length > 0) sides.set('high_voltage', Math.min(...first));
  }
  const clauses = clausesOf(text).flatMap((clause) => clause.split('、'));
  // "住家的 做小生意低压的 还有大工厂高压的": a clause that shows a home and nothing else is a side.
  if (sides.size >= 2 && !sides.has('resident')) {
    const others = [...NAMED, ...SHORT_NAMES, ['', SMALL_PREMISES] as const, ['', LARGE_PREMISES] as const];
    const home = clauses.find(
      (clause) =>
        HOME.test(clause) && !others.some(([cls, pattern]) => cls !== 'resident' && pattern.test(clause)),
    );
    if (home) add('resident', new RegExp(escaped(home)));
  }
  // "大工厂高压的": the factory is the high-voltage side, not one of its own.
  const [, high] = SHORT_NAMES.find(([cls]) => cls === 'high_voltage') ?? [];
  if (
    !named.has('non_resident') &&
    high &&
    clauses.some((clause) => LARGE_PREMISES.test(clause) && high.test(clause))
  )
    sides.delete('non_resident');
  if (sides.has('high_voltage_single') || sides.has('high_voltage_dual')) {
    // The broader name gives way to a precise side, and the premises with its own transformer is
    // the high-voltage side, not a third one.
    // A class the message names ("居民、低压电力、高压单电源、高压双电源") stays a side.
    sides.delete('high_voltage');
    // "门店是380低压的，总部大楼是10千伏单电源": a side the message calls 低压 stays one; so does a
    // shop beside the premises with its own transformer ("店铺跟工厂(自有变压器一路高压)").
    const shopBeside = SHOP_JOINED.test(text);
    for (const broader of ['low_voltage', 'non_resident'] as const)
      if (!named.has(broader) && !(broader === 'low_voltage' && (SAYS_LOW_VOLTAGE.test(text) || shopBeside)))
        sides.delete(broader);
  }
  // "我家…我厂里380也要新开一户": the business side at 380 V is a low-voltage one.
  const business = sides.get('non_resident');
  if (
    business !== undefined &&
    !named.has('non_resident') &&
    !sides.has('low_voltage') &&
    (LOW_VOLTAGE.test(text) || THREE_EIGHTY.test(text)) &&
    !HIGH_VOLTAGE.test(text) &&
    highByKilovolts(text) === undefined
  ) {
    sides.delete('non_resident');
    sides.set('low_voltage', business);
  }
  const found = [...sides.entries()].sort((a, b) => a[1] - b[1]).map(([customerClass]) => customerClass);
  const listed = listedSides(text);
  if (listed.length > found.length) return listed;
  return found.length < 2 ? [] : found;
}

/** "店铺跟工厂…", "工厂和小店…": a shop joined to other premises, a side of its own. */
const SHOP_JOINED = new RegExp(
  `(${SMALL_PREMISES.source})(的)?(跟|和|与|同|及)|(跟|和|与|同|及)(的)?(${SMALL_PREMISES.source})`,
  'u',
);

/** A place named by its last character ("有专用变压器的厂", "两路高压的医院"). */
const PLACE = /[厂店铺院馆场房屋]/;

/**
 * "住家的 开小店的 有专用变压器的厂 两路高压的医院 …各多久": premises listed one by one (spaces or 、
 * between them), each the side its own words show, where three or more are told apart. Only premises
 * make a side: "自己的200千伏安变压器、单回路10千伏" tells of one. Beside a side with two supplies, a
 * high-voltage side that says no more is the single-supply one.
 */
function listedSides(text: string): CustomerClass[] {
  const classes: CustomerClass[] = [];
  for (const piece of text.split(/[\s、]+/)) {
    const premises =
      HOME.test(piece) || SMALL_PREMISES.test(piece) || LARGE_PREMISES.test(piece) || PLACE.test(piece);
    const reading = premises ? classOf(piece, false) : undefined;
    if (reading && !classes.includes(reading.customerClass)) classes.push(reading.customerClass);
  }
  // "连锁酒店 A店10kV单路 B店双路供电": the business the sites belong to is no side of its own.
  const precise = classes.filter((c) => c !== 'non_resident');
  const told = precise.length >= 2 ? precise : classes;
  if (told.length < 3) return [];
  const dual = told.includes('high_voltage_dual');
  const sides = told.map((c) => (c === 'high_voltage' && dual ? 'high_voltage_single' : c));
  return [...new Set(sides)];
}

function escaped(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** "厂里380": 380 said without its unit, beside a business, is its three-phase low-voltage supply. */
const THREE_EIGHTY = /(?<![\d.])380(?![\d.])/;
/** The word 低压 itself (not only 380 V): a class the customer names in short. */
const SAYS_LOW_VOLTAGE = /低压|low[- ]?voltage/;

/** How each class is named to a customer. */
export const CLASS_LABELS: Readonly<Record<CustomerClass, string>> = {
  resident: '居民',
  low_voltage: '低压电力',
  high_voltage_single: '高压单电源',
  high_voltage_dual: '高压双电源',
  high_voltage: '高压',
  non_resident: '非居民',
};
