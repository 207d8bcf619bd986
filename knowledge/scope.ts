import { clausesOf } from './clauses.js';

/**
 * Topics this assistant must not answer even when a question shares words with the knowledge
 * base ("燃气费在哪交" shares 缴费 with the electricity entries). Such a question is `unknown`: the
 * customer is told so and offered a person, instead of getting the nearest entry. Two kinds:
 * - foreign topics, never ours whatever else the message says: other utilities and services,
 *   finance, the weather, paperwork, jobs, and power topics whose facts the service standard does not give
 *   (solar, subsidies, compensation, charging piles, invoices, late fees, moving the meter);
 * - everyday things (appliances, street lights, food, transport, films…), foreign only when the
 *   message has no real subject of the customer's own supply: "冰箱压缩机坏了找谁修" is not ours,
 *   "停了一整天电，冰箱里的东西都坏了" is an outage report.
 */
// biome-ignore format: one topic per line
const FOREIGN_TOPIC_CHINESE: readonly string[] = [
  '(燃气|煤气|天然气|液化气|瓦斯|自来水)(?!(厂|站|公司)[^,，。?？]{0,16}(报装|用电|供电|电源|高压|低压|千伏|变压器|接电|送电))|水费|水表|水务|暖气费|供暖费|物业费|物业(管理)?费|物管费|话费|手机流量|流量套餐|宽带|网费|有线电视|手机卡|手机(欠费|充值|停机|套餐|话费)|充话费|(手机|网络|无线|wifi).{0,4}(信号|讯号)|(信号|讯号)(不好|很差|太差|弱)',
  '股票|股价|股市|港股|美股|大盘|涨停|跌停|基金|理财|炒股|汇率|比特币|彩票|贷款|房贷|车贷|按揭|(?<!(电费|缴|交|付|用|刷|绑).{0,4})信用卡(?!.{0,6}(电费|缴|交|付))|(?<!(更|比较|很|最|图个|求个|为了|电源|双电源|进线|供电|稳妥|卖|推销))保险(?!丝|盒|管|起见|一些|点|些)|利率',
  '(?<![作个几每数两三五七十])日出(?!来|结果|报告|方案|答复)|日落|天气预报|天气怎么样|天气如何|明天天气|今天天气|气温多少|(明天|今天|后天|周末)[^,，。电]{0,6}天气(咋样|怎么样|如何|好不好|预报)|要不要带伞',
  '写.{0,4}(诗|作文|文章|小说)|写作业|家庭作业|作业答案|安全教育平台|数学题|方程|等于几|翻译',
  '居住证|护照|签证|驾照|驾驶证|驾校(?![^,，。?？]{0,12}(报装|用电|供电|电表|动力表|低压|高压|千伏|变压器|接电|送电))|学车|社保|公积金|医保|新农合|农合|合作医疗|个税|所得税|抵扣.{0,4}税|退税|年检|工商(注册|登记|局)|营业执照(年检|年报|注册|变更|怎么(办|申请|弄)|(在|去)?哪(里|儿)?办)|排污|环评',
  '低保|养老金|退休金|救助金|残疾证|报名|考试|成绩|快递|包裹|物流(单号|信息|到哪|查询|公司电话)|(办|申请)(一)?(张|个)?(银行卡|储蓄卡|存折)|(附近|哪里有|哪儿有|最近的).{0,6}(加油站|医院|药店|厕所|停车场)',
  '年终奖|工资|薪水|薪资|招聘|招人|校招|奖金|面试|应聘|应征|求职|(请|招)(不|唔)(请|招)人|(请|招)人(吗|不|唔|冇)',
  '光伏|太阳能|补贴|(?<!无功)补偿|赔偿|索赔|理赔|发票|滞纳金|违约金|(?<!自备|备用|除了|除咗|自己的|自家)发电机',
  '峰谷.{0,6}(申请|开通|办理|变更)|(申请|开通|办理|变更).{0,6}(峰谷|分时)',
  '(挪|移|迁|搬)(动|走|个)?.{0,3}(电表|电能表|表箱)|(电表|电能表|表箱).{0,6}(挪|移位|移到|迁移|搬|改位置|换位置|换个位置)',
  '(变压器|电缆|电线|开关柜|箱变|配电柜).{0,10}(多少钱|价格|报价|价钱|怎么卖)',
];

// biome-ignore format: one topic per line
const FOREIGN_TOPIC_ENGLISH: readonly string[] = [
  'gas|water (bill|company|supply|meter|pipes?|main)|natural gas|broadband|(phone|mobile) (credit|top-?up|balance)|top ?up my (phone|mobile)|airtime|phone plan|mobile plan|data plan|internet plan|wi-?fi|router|internet (is |was )?(down|out|not working|slow)|no internet|visas?( \\w+)? (extension|application|renewal)|work permit',
  'stocks?|stock price|share price|shares|exchange rate|bitcoin|lottery|loans?|insurance|interest rate',
  'weather|forecast|what time is it|time zone',
  '\\d+\\s*(times|plus|minus|multiplied by|divided by|[x×*+÷])\\s*\\d+',
  'poem|essay|homework|equation|translate',
  'passport|driving (licen[cs]e|school|lessons?)',
  'salary|salaries|bonus|job openings?|are you hiring|now hiring|vacanc(y|ies)|careers?',
  'compensation|compensate|reimburse\\w*|generators?',
  '(move|relocate|relocating|moving) (the |my |our )?(electricity )?meter',
  'solar|photovoltaic|subsid\\w*|(vat|tax|official|fapiao|company|business|formal|paper|e-?|electronic) invoices?|invoices? (for|to) (my |our |the )?(company|business|tax|reimburse\\w*|claim\\w*|expenses?|accounts?|bookkeeping)|(get|issue|issued|request|need|want|print|obtain|apply for|ask for) (a |an |the )?(\\w+ )?invoices?|late fees?|penalty fees?',
];

/**
 * Everyday things a customer may well mention beside their own electricity ("停了一整天电，冰箱里的
 * 东西都坏了", "lost power but the street lights are on", "开了个火锅店要接电"): asked about on their
 * own they are not ours (appliance repair, street lights, which belong to the municipality, food,
 * films…), but next to a real power subject they are only context and the message is ours.
 */
// biome-ignore format: one topic per line
const EVERYDAY_CHINESE: readonly string[] = [
  '路灯|你是谁|你叫什么|谁开发|谁做的你',
  '自助(洗车|收银|收款|结账|售票|取票|挂号|取款|售货|点餐|打印)|取款机|提款机|柜员机|取钱|存钱|收银机|售货机|洗车机',
  '菜谱|做菜|怎么做.{0,4}好吃|红烧|火锅|外卖(?!店|铺|档)|好吃|好嘢食|美食|吃什么|食乜|推荐.{0,4}(餐厅|饭店|馆子)|(餐厅|饭店|馆子)推荐',
  '地铁|公交|火车|高铁|航班|机票|捷运|末班车|打车',
  '电影|电视剧|综艺|明星|足球|篮球|赛马|选举|总统|政治',
  '发烧|感冒|咳嗽|看病|挂号看|头疼|头痛|肚子疼|血压|医生|兽医|(猪|牛|羊|鸡|鸭|鹅|狗|猫)(崽)?.{0,4}(得病|生病|病了|不吃食|死了)',
  '冰箱|雪柜|洗衣机|电视机|电饭煲|热水器|微波炉|电瓶|电动(三轮|自行)?车|(装|买|安装|换)(个|台)?空调|空调.{0,6}(多少钱|价格|安装|漏水|遥控)|(?<!(营业厅|大厅|营业场所|窗口|等候区).{0,8})空调.{0,4}(坏|不制冷|维修)|手机.{0,4}(坏了|维修)|电脑.{0,4}(坏了|维修)',
];

// biome-ignore format: one topic per line
const EVERYDAY_ENGLISH: readonly string[] = [
  'are you a (bot|robot|human|real person)|who (made|built|created|developed) you|street ?lights?',
  'best \\w+( \\w+)? to buy',
  'atms?|cash machines?|self[- ]checkouts?|vending machines?|car wash',
  'recipes?|cook|cooking',
  'subway|metro|train|flights?|bus schedule|taxi',
  'movies?|football|soccer|basketball|elections?|president|politics',
  'fridge|refrigerator|freezer|washing machine|microwave|rice cooker|laptop',
];

/**
 * A real subject of the customer's own supply: an outage, tripping, voltage, a danger (sparks,
 * smoke, a fallen wire), the meter, the bill, a connection, the company and its staff. With one of
 * these an everyday word is context, not the topic.
 */
// biome-ignore format: one kind of subject per line
const POWER_SUBJECT_CHINESE: readonly string[] = [
  '(家里|家中|屋里|屋头)(出|有)(了)?(个|点)?故障|电路故障|停电|没电|没有电|冇电|无电|断电|掉电|来电|送电|复电|通电|接电|供电|停(了|咗).{0,6}电|电.{0,2}停了|跳闸|跳电|跳掣|掉闸|电闸|空开|漏保|电压|缺相|断相|(灯|电器).{0,6}(都|全)(不亮|灭|黑|停)|都黑了|全黑了|灯.{0,4}(闪|忽明忽暗)|一闪一闪',
  '冒烟|冒火|火花|打火|(?<!(打|点)(不|唔))着火|起火|烧焦|焦味|糊味|触电|漏电|短路|耷拉|(电线|电缆).{0,6}(断|掉|落|垂)',
  '三相|380|千伏|变压器|窗口|报修|抢修|线路|(拉|接|装|申请)(个|条|一路)?电|用电|供电方案|方案.{0,8}(答复|回复|多久|几天|好久)|电表|电能表|表计|抄表|电费|电价|账单|欠费|报装|新装|增容|扩容|(加|扩|提|升|加大|扩大|提高)(一下|点)?(用电)?容量|容量(不够|太小|不足)|装表|95598|营业厅|供电局|供电所|电力公司|电网|电工|修电|抄表员',
  '营业员|柜员|员工|工作人员|(?<!银行)柜台|(窗口|柜台|营业厅)(那个|的|嘅)?(人|工作人员|小哥|小姐姐|小姑娘|姑娘|妹子|小妹|大姐|阿姨|小伙子?|年轻人)|(反映|寄信|写信|寄封信|写封信|表扬信)[^,，。?？]{0,8}(给|寄给)?(你们|你哋)|(你们|你哋|供电|电力)(的|嘅)?(工作人员|员工|师傅|营业员|人)|(你们|你哋)(是不是|系咪|有没有|有冇)?(有)?(的|嘅|个)?(规定|服务标准|规矩)|(投诉|举报).{0,12}(你们|你哋|供电|电力|电工|师傅|工作人员|员工)',
];

// biome-ignore format: one kind of subject per line
const POWER_SUBJECT_ENGLISH: readonly string[] = [
  'outages?|blackouts?|power cuts?|no (power|electricity)|(lost|losing|without|has no|have no) (power|electricity)|(power|electricity)(\'s| is| has| was)? (been )?(out|off|gone|down|cut)|(power|electricity) (keeps|kept|went|goes|going|cuts|cut)|(?<!street )lights? (went|go|goes|have gone|are|is) (out|off)|tripped|tripping|(breaker|switch|fuse|rcd|power)s? (keeps? |kept )?trip(s|ping)?|breakers?|fuses?|voltage',
  'sparks?|sparking|smok(e|es|ing)|on fire|burning smell|electric shock|electrocut\\w*|live wires?|(wire|cable|line)s? (is |are )?(down|sparking|smoking)|fallen (power )?(lines?|wires?|cables?)|power lines?|transformers?',
  'meters?|(electricity|power|my|the) bills?|tariff|95598|(your|the power company\'s|the electricity company\'s) (engineer|technician|electrician|staff|worker|meter reader|repairman|installer|company)s?',
];

/**
 * Charging piles and stations: their prices, apps and installation are not the standard's, but a
 * charging station applying for its own supply ("充电站10千伏接入，供电方案多久") is a customer like
 * any other.
 */
const CHARGING =
  /充电桩|充电站|充电点|新能源车|电动车充电|快充|\b(charging (piles?|stations?|points?)|ev charg\w*)\b/;
const ASKS_FOR_A_CONNECTION =
  /供电方案|报装|用电申请|申请用电|申请.{0,4}用电|方案.{0,6}(答复|多久|几天)|装表接电|千伏(?!安)|\d+\s*kv\b|专变|箱变|\b(supply plan|new (supply|connection)|apply for (a |an )?(power |electricity )?(supply|connection))\b/;

/**
 * What our own staff charge for a charging pile ("电力公司的人说要另外收一笔加急费") is the standard's
 * (二、2), whatever the pile is for; the pile's own prices ("充电桩收费标准") are not.
 */
const ABOUT_OUR_CHARGES =
  /(供电|电力|电网|你们|你哋)(公司|局|所)?(的)?(人|工作人员|员工|师傅|电工)?.{0,16}(乱收费|加收|多收|(另外|额外|私下)(收|要|交|付|给)|(收|要)(了)?(一笔|一些|点|额外).{0,8}费)|\b(you|your (staff|company|engineers?|people))\b.{0,30}\b(extra|unofficial|unapproved|hidden) (fees?|charges?)\b/;

/** Asking whether the company leaked the customer's details is ours, whoever is calling them. */
const ABOUT_OUR_HANDLING_OF_DATA =
  /(你们|你哋)[^,，。?？]{0,8}(会不会|能不能|可以|会)?(给|告诉|卖给|交给)(别人|外人|他人|第三方|人家)|(个人信息|客户信息|用户信息|户号|资料|隐私).{0,12}(保密|泄露|泄漏|外泄|安全|保护)|保密(的)?(要求|规定|义务)|(你们|你哋|供电|电力|电网).{0,12}(泄露|泄漏|外泄|透露|卖|漏出|传出|流出)|(泄露|泄漏|外泄|透露|漏出|传出|流出).{0,8}(我|客户)?(的)?(电话|号码|信息|资料|户号|个人)|\b(you|your (company|staff))\b.{0,20}\b(leak\w*|sold|sell\w*|gave|give|pass\w*|shar\w*)\b.{0,20}\b(my|our) (details|data|number|phone number|information|info|address)\b/;

/**
 * A foreign topic's words in a question about our own rules: whether a fee (电表移位费) is one the
 * government approved, staff selling insurance at the counter, whether we advise on the power laws.
 */
const ABOUT_OUR_RULES =
  /费.{0,12}(政府|物价局?|发改委?)(部门)?(批|定|核)|(指定|定的|推荐|介绍|安排)(的)?(施工队|施工单位|设计单位|设计院|供货商|供货单位|厂家|电工队|安装队)|(施工队|施工单位|设计单位|供货商).{0,8}(指定|必须用|只能用|只能找|定的)|费.{0,12}(自己定|乱收|收费依据|收费标准|合法|合理)|(员工|工作人员|营业员|窗口|柜台|师傅|电工|抄表员|你们的人).{0,12}(卖|推销|兜售)|电力法规|供用电(政策|业务)|(政策|技术)咨询|技术(上的?|方面的?)?(问题|解答|咨询|指导)|(有啥|有什么|哪些)(规定|政策)(和|跟|及)?(技术)?(要求)?[^。?？]{0,10}(能|可以)(给)?(讲讲|讲一下|说说|介绍|解答)|(法律|法规|政策)(规定)?(和|跟|及|以及)?(接线的?)?技术(上的?)?(要求|规定|问题)|(窗口|你们|营业厅|柜台)[^,，。?？]{0,6}(解答|咨询|回答|提供)(这类|这种|这些|这方面)(的)?(问题|咨询)|(供电所|供电局|供电公司)[^,，。?？]{0,6}(能|可以|有权|凭什么)(这么|这样)?(干|做|搞|停)|(扣|罚)(了|咗)?[^,，。]{0,4}(奖金|工资|绩效)|\b(speed up|hurry|fast-?track|jump the queue)\b.{0,60}\b(if|unless)\b/;

const either = (chinese: readonly string[], english: readonly string[]) =>
  new RegExp(`${chinese.join('|')}|\\b(${english.join('|')})\\b`);
const FOREIGN_TOPIC = either(FOREIGN_TOPIC_CHINESE, FOREIGN_TOPIC_ENGLISH);
const EVERYDAY = either(EVERYDAY_CHINESE, EVERYDAY_ENGLISH);
const POWER_SUBJECT = either(POWER_SUBJECT_CHINESE, POWER_SUBJECT_ENGLISH);

/**
 * "你们赔不赔", "can I claim compensation": compensation for damage is deliberately out of scope
 * (the standard gives no facts, and a person has to look at each claim).
 */
const COMPENSATION =
  /(?<!无功)补偿|赔偿|索赔|理赔|包赔|(?<!陪)赔(钱|付|款|不赔|吗|么|嘛|唔赔|我|给我)|(能|会|要|肯|该|可以|可不可以|会不会|能不能)(不)?赔(?!礼|不是|罪|笑)|\b(compensat\w*|reimburs\w*|(make|file|put in) a claim|claim (for|back|damages|compensation)|pay for (the )?damage)\b/;

export function isForeignTopic(written: string): boolean {
  // "我也不是非要赔钱 想问问投诉以后…": compensation disclaimed is no question about it.
  const normalizedText = written.replace(DISCLAIMED_COMPENSATION, ' ');
  if (ABOUT_OUR_HANDLING_OF_DATA.test(normalizedText)) return false;
  if (COMPENSATION.test(normalizedText)) return true;
  if (ABOUT_OUR_RULES.test(normalizedText)) return false;
  if (FOREIGN_TOPIC.test(normalizedText)) return !onlyMentionsOnTheWay(normalizedText);
  if (
    CHARGING.test(normalizedText) &&
    !ASKS_FOR_A_CONNECTION.test(normalizedText) &&
    !ABOUT_OUR_CHARGES.test(normalizedText)
  )
    return true;
  return EVERYDAY.test(normalizedText) && !POWER_SUBJECT.test(normalizedText);
}

/** "不是非要赔钱", "不要你们赔": compensation the customer says they do not ask for. */
const DISCLAIMED_COMPENSATION =
  /(也|并|倒)?(不是|不)(非要|一定要|想要|要|图|为了|求|在乎)(你们|你哋)?(的)?(赔钱|赔偿|补偿|赔)|不用(你们)?赔|\b(not|don't|do not) (want|need|asking for|looking for) (any )?compensation\b/g;

/** Actions that are ours only when done to something of ours. */
const ACTION_WORDS = /报修|抢修|维修|线路/g;
/** Words that make a clause ask something. */
const CLAUSE_ASKS =
  /[?？]|吗|呢|么|嘛|吧$|多少|多久|几|怎么|怎样|如何|咋|哪|什么|啥|谁|能否|是否|可否|有冇|系咪|点样|几时|(?<asked>\p{Script=Han})(不|唔|没)\k<asked>|\b(how|what|when|where|which|who|why|can|could|is|are|do|does)\b/u;

/**
 * "电工来换电表，收了我200块说是工本费，也没给发票，你们能这样收钱吗", "…跟履行社会责任有啥关系？孩子写作业
 * 要用": a foreign thing mentioned on the way, in clauses that ask nothing, beside a question about
 * a subject of our own. A clause that asks about the foreign thing ("燃气费在哪交"), or a message
 * whose own clauses name no subject of ours ("燃气费太贵了，怎么交"), stays foreign.
 */
function onlyMentionsOnTheWay(text: string): boolean {
  const clauses = clausesOf(text);
  const foreign = clauses.filter((clause) => FOREIGN_TOPIC.test(clause));
  if (foreign.length === 0 || foreign.some((clause) => CLAUSE_ASKS.test(clause))) return false;
  const rest = clauses.filter((clause) => !FOREIGN_TOPIC.test(clause)).join('，');
  // "宽带老是断网，你们能帮我报修一下吗": a repair asked of nothing of ours is the foreign thing's.
  const ours = rest.replace(ACTION_WORDS, '');
  return CLAUSE_ASKS.test(rest) && POWER_SUBJECT.test(ours) && !isForeignTopic(rest);
}

/** The customer asks to be compensated for damage (spoiled food, a burnt appliance). */
export function asksForCompensation(normalizedText: string): boolean {
  return COMPENSATION.test(normalizedText.replace(DISCLAIMED_COMPENSATION, ' '));
}

/** A message about street lights, which are the municipality's (or the property manager's), not ours. */
export function isAboutStreetLights(normalizedText: string): boolean {
  return /路灯|\bstreet ?lights?\b/.test(normalizedText);
}
