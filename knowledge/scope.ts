/**
 * Topics this assistant must not answer even when a question shares words with the knowledge
 * base ("燃气费在哪交" shares 缴费 with the electricity entries): other utilities and services,
 * everyday topics, and power topics whose facts the service standard does not give (solar
 * subsidies, charging piles, invoices, late fees, appliance repair). Such a question is `unknown`:
 * the customer is told so and offered a person, instead of getting the nearest entry.
 */
// biome-ignore format: one topic per line
const FOREIGN_CHINESE: readonly string[] = [
  '燃气|煤气|天然气|液化气|瓦斯|自来水|水费|水表|水务|暖气费|供暖费|物业费|话费|手机流量|流量套餐|宽带|网费|有线电视|手机卡|手机(欠费|充值|停机|套餐|话费)|充话费|路灯(不亮|坏|灭|没亮|亮不了|不着)|你是谁|你叫什么|谁开发|谁做的你|(手机|网络|无线|wifi).{0,4}(信号|讯号)|(信号|讯号)(不好|很差|太差|弱)',
  '股票|股价|股市|港股|美股|大盘|涨停|跌停|基金|理财|炒股|汇率|比特币|彩票|贷款|房贷|车贷|按揭|(?<!(电费|缴|交|付|用|刷|绑).{0,4})信用卡(?!.{0,6}(电费|缴|交|付))|保险(?!丝|盒|管)|利率',
  '(?<![作个几每数两三五七十])日出(?!来|结果|报告|方案|答复)|日落|天气预报|天气怎么样|天气如何|明天天气|今天天气|气温多少',
  '菜谱|做菜|怎么做.{0,4}好吃|红烧|火锅|外卖|好吃|好嘢食|美食|吃什么|食乜|推荐.{0,4}(餐厅|饭店|馆子)|(餐厅|饭店|馆子)推荐',
  '地铁|公交|火车|高铁|航班|机票|捷运|末班车|打车',
  '电影|电视剧|综艺|明星|足球|篮球|赛马|选举|总统|政治',
  '写.{0,4}(诗|作文|文章|小说)|写作业|家庭作业|数学题|方程|等于几|翻译',
  '居住证|护照|签证|驾照|驾驶证|驾校|学车|社保|公积金|医保|新农合|农合|合作医疗|个税|退税|年检|工商(注册|登记|局)|营业执照(年检|年报|注册|变更|怎么(办|申请|弄)|(在|去)?哪(里|儿)?办)|排污|环评',
  '低保|养老金|退休金|救助金|残疾证|报名|考试|成绩|快递|包裹|物流|(办|申请)(一)?(张|个)?(银行卡|储蓄卡|存折)|(附近|哪里有|哪儿有|最近的).{0,6}(加油站|医院|药店|厕所|停车场)',
  '发烧|感冒|咳嗽|看病|挂号看|头疼|头痛|肚子疼|血压|医生',
  '年终奖|工资|薪水|薪资|招聘|招人|校招|奖金|面试|应聘',
  '光伏|太阳能|补贴|补偿|赔偿|索赔|理赔|充电桩|充电站|新能源车|电动车充电|发票|滞纳金|违约金|发电机',
  '峰谷.{0,6}(申请|开通|办理|变更)|(申请|开通|办理|变更).{0,6}(峰谷|分时)',
  '(挪|移|迁|搬)(动|走|个)?.{0,3}(电表|电能表|表箱)|(电表|电能表|表箱).{0,6}(挪|移位|移到|迁移|搬|改位置|换位置|换个位置)',
  '(变压器|电缆|电线|开关柜|箱变|配电柜).{0,10}(多少钱|价格|报价|价钱|怎么卖)',
  '(冰箱|洗衣机|电视机|电饭煲|热水器|微波炉)(?!.{0,10}(冒烟|着火|起火|冒火|火花|打火|漏电|触电|电到|电人|烧焦|焦味|短路|跳闸))|电瓶|电动(三轮|自行)?车|(装|买|安装|换)(个|台)?空调|空调.{0,6}(多少钱|价格|安装|漏水|遥控)|(?<!(营业厅|大厅|营业场所|窗口|等候区).{0,8})空调.{0,4}(坏|不制冷|维修)|手机.{0,4}(坏了|维修)|电脑.{0,4}(坏了|维修)',
];

// biome-ignore format: one topic per line
const FOREIGN_ENGLISH: readonly string[] = [
  'gas|water (bill|company|supply|meter|pipes?|main)|natural gas|broadband|phone plan|mobile plan|data plan|internet plan|wi-?fi|router|internet (is |was )?(down|out|not working|slow)|no internet|visas?( \\w+)? (extension|application|renewal)|work permit',
  'stocks?|stock price|share price|shares|exchange rate|bitcoin|lottery|loans?|insurance|interest rate',
  'weather|forecast|what time is it|time zone',
  'best \\w+( \\w+)? to buy',
  'are you a (bot|robot|human|real person)|who (made|built|created|developed) you|street ?lights?',
  '\\d+\\s*(times|plus|minus|multiplied by|divided by|[x×*+÷])\\s*\\d+',
  'recipes?|cook|cooking',
  'subway|metro|train|flights?|bus schedule|taxi',
  'movies?|football|soccer|basketball|elections?|president|politics',
  'poem|essay|homework|equation|translate',
  'passport|driving (licen[cs]e|school|lessons?)',
  'salary|salaries|bonus|job openings?|are you hiring|now hiring|vacanc(y|ies)|careers?',
  'compensation|compensate|generators?',
  '(move|relocate|relocating|moving) (the |my |our )?(electricity )?meter',
  'solar|photovoltaic|subsid\\w*|charging (pile|station|point)s?|ev charg\\w*|invoices?|late fees?|penalty fees?',
  'fridge|refrigerator|washing machine|microwave|rice cooker|laptop',
];

const FOREIGN = new RegExp(`${FOREIGN_CHINESE.join('|')}|\\b(${FOREIGN_ENGLISH.join('|')})\\b`);

export function isForeignTopic(normalizedText: string): boolean {
  return FOREIGN.test(normalizedText);
}
