/**
 * Customer classes as the standard names them, found in what a customer wrote (normalised text).
 * `high_voltage` (高压 without single or dual supply) and `non_resident` are the broader classes a
 * customer often names; an answer falls back along `CLASS_FALLBACK` to the most specific one it has.
 */
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
  ['high_voltage', /高压|专变|专线|high[- ]?voltage/],
  [
    'non_resident',
    /非居民|非居|企业|工厂|厂房|厂子|厂里|车间|(?<!供电|电力|电网)公司|商铺|商户|店铺|门面|门店|小店|店面|便利店|超市|饭店|餐馆|饭馆|餐厅|商店|商场|写字楼|办公楼|商业|工业|发廊|理发店|美容院|美发|奶茶店|小卖部|档口|铺头|作坊|诊所|酒店|宾馆|旅馆|民宿|网吧|药店|药房|养殖场|加工厂|学校|医院|工地|仓库|加油站|农家乐|酒楼|茶楼|酒家|食肆|茶餐厅|士多|车行|工作室|单位用电|non[- ]?residential|\bbusiness(?! days?| hours?)|\b(commercial|factory|factories|shops?|stores?|restaurants?|salons?|cafes?|hotels?|workshops?|warehouses?|clinics?)\b|(?<!power |electricity |electric |utility |supply )company|office building|\b(our|my) (offices?|premises|plant|mill|workshop|site|firm|hospital|school|hotel)\b|manufactur|\bplants?\b(?<!power plants?)/,
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
