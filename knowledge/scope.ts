/**
 * Topics this assistant must not answer even when a question shares words with the knowledge
 * base ("燃气费在哪交" shares 缴费 with the electricity entries): other utilities and services,
 * everyday topics, and power topics whose facts the service standard does not give (solar
 * subsidies, charging piles, invoices, late fees, appliance repair). Such a question is `unknown`:
 * the customer is told so and offered a person, instead of getting the nearest entry.
 */
// biome-ignore format: one topic per line
const FOREIGN_CHINESE: readonly string[] = [
  '燃气|煤气|天然气|液化气|自来水|水费|水表|水务|暖气费|供暖费|物业费|话费|手机流量|流量套餐|宽带|网费|有线电视|手机卡',
  '股票|基金|理财|炒股|汇率|比特币|彩票|贷款|信用卡|保险(?!丝|盒|管)|利率',
  '天气预报|天气怎么样|天气如何|明天天气|今天天气|气温多少',
  '菜谱|做菜|怎么做.{0,4}好吃|红烧|火锅|外卖',
  '地铁|公交|火车|高铁|航班|机票|捷运|末班车|打车',
  '电影|电视剧|综艺|明星|足球|篮球|赛马|选举|总统|政治',
  '写.{0,4}(诗|作文|文章|小说)|写作业|家庭作业|数学题|方程|等于几|翻译一下',
  '光伏|太阳能|补贴|充电桩|充电站|新能源车|电动车充电|发票|滞纳金|违约金',
  '冰箱|洗衣机|电视机|电饭煲|热水器|微波炉|空调.{0,4}(坏|不制冷|维修)|手机.{0,4}(坏了|维修)|电脑.{0,4}(坏了|维修)',
];

// biome-ignore format: one topic per line
const FOREIGN_ENGLISH: readonly string[] = [
  'gas bill|water bill|natural gas|broadband|phone plan|mobile plan|data plan|internet plan',
  'stocks?|shares|exchange rate|bitcoin|lottery|loans?|insurance|interest rate',
  'weather|forecast',
  'recipes?|cook|cooking',
  'subway|metro|train|flights?|bus schedule|taxi',
  'movies?|football|soccer|basketball|elections?|president|politics',
  'poem|essay|homework|equation|translate',
  'solar|photovoltaic|subsid\\w*|charging (pile|station|point)s?|ev charg\\w*|invoices?|late fees?|penalty fees?',
  'fridge|refrigerator|washing machine|microwave|rice cooker|laptop',
];

const FOREIGN = new RegExp(`${FOREIGN_CHINESE.join('|')}|\\b(${FOREIGN_ENGLISH.join('|')})\\b`);

export function isForeignTopic(normalizedText: string): boolean {
  return FOREIGN.test(normalizedText);
}
