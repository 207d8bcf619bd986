/**
 * Every time limit of the service standard (供电营业窗口群众满意服务标准, section 三、服务效能), as
 * data, plus the repair arrival limits the standard does not set (flagged `fromStandard: false`).
 * Descriptions and notes are shown to people and are in Chinese; `startsAt` is a note for developers.
 */
import { CASE_KIND_TABLE, CASE_KINDS } from '../../vocabulary/case-kinds.js';

export const CUSTOMER_CLASSES = [
  'resident',
  'low_voltage',
  'high_voltage_single',
  'high_voltage_dual',
] as const;
export type CustomerClass = (typeof CUSTOMER_CLASSES)[number];

export const REPAIR_AREAS = ['city', 'rural', 'remote'] as const;
export type RepairArea = (typeof REPAIR_AREAS)[number];

export const TIME_LIMIT_KINDS = [
  'supply_plan_reply',
  'connection',
  'counter_payment',
  'counter_business',
  'meter_test',
  'reading_dispute',
  'complaint',
  'repair',
] as const;
export type TimeLimitKind = (typeof TIME_LIMIT_KINDS)[number];

/**
 * Kinds of case that follow another kind's limits (vocabulary/case-kinds.ts `timeLimits`). The
 * standard sets no separate limit for a report (举报); it is handled like a complaint (投诉), which
 * the standard names alongside it.
 */
export const KIND_ALIASES: Readonly<Record<string, TimeLimitKind>> = Object.fromEntries(
  CASE_KINDS.flatMap((kind) => {
    const limits = CASE_KIND_TABLE[kind].timeLimits;
    return limits !== null && limits !== kind && isTimeLimitKind(limits) ? [[kind, limits]] : [];
  }),
);

function isTimeLimitKind(kind: string): kind is TimeLimitKind {
  return (TIME_LIMIT_KINDS as readonly string[]).includes(kind);
}

export type TimeLimitUnit = 'working_days' | 'minutes';

export interface TimeLimit {
  kind: TimeLimitKind;
  /** Present when the limit depends on the customer's class. */
  customerClass?: CustomerClass;
  /** Present when the limit depends on the area (repair only). */
  area?: RepairArea;
  /** Name of the deadline this limit yields, e.g. 'replyDueAt'. */
  deadline: string;
  limit: number;
  unit: TimeLimitUnit;
  /** The clause of the standard, e.g. '三、1'; absent when the standard does not set this limit. */
  clause?: string;
  fromStandard: boolean;
  /** 供展示的说明，如“供电方案答复（居民）”。 */
  description: string;
  /** What the clock starts from (developer note, English). */
  startsAt: string;
  /** 补充说明（展示用）。 */
  note?: string;
}

/** Repair arrival minutes by area: widely published defaults, for the operator to confirm. */
export const DEFAULT_REPAIR_ARRIVAL_MINUTES: Readonly<Record<RepairArea, number>> = {
  city: 45,
  rural: 90,
  remote: 120,
};

export interface TimeLimitOptions {
  /** Replaces some or all of DEFAULT_REPAIR_ARRIVAL_MINUTES. */
  repairArrivalMinutes?: Partial<Record<RepairArea, number>>;
}

const CLASS_LABELS: Record<CustomerClass, string> = {
  resident: '居民',
  low_voltage: '低压电力',
  high_voltage_single: '高压单电源',
  high_voltage_dual: '高压双电源',
};

const AREA_LABELS: Record<RepairArea, string> = { city: '城区', rural: '农村', remote: '边远地区' };

const SUPPLY_PLAN_DAYS: Record<CustomerClass, number> = {
  resident: 3,
  low_voltage: 7,
  high_voltage_single: 15,
  high_voltage_dual: 30,
};

const CONNECTION_DAYS: Record<CustomerClass, number> = {
  resident: 3,
  low_voltage: 5,
  high_voltage_single: 5,
  high_voltage_dual: 5,
};

const REPAIR_NOTE =
  '服务标准未规定抢修到达现场时限；此处为社会公开承诺中常见的默认值（城区45分钟、农村90分钟、边远地区120分钟），须由运营方确认或修改后使用。';
const COUNTER_NOTE = '标准原文为“一般每件不超过”，属一般性要求。';

/** The table, with the repair minutes optionally replaced. */
export function buildTimeLimits(options: TimeLimitOptions = {}): readonly TimeLimit[] {
  const repairMinutes = { ...DEFAULT_REPAIR_ARRIVAL_MINUTES, ...options.repairArrivalMinutes };
  for (const area of REPAIR_AREAS) {
    const minutes = repairMinutes[area];
    if (!Number.isSafeInteger(minutes) || minutes <= 0) {
      throw new RangeError(`repair arrival minutes for ${area} must be a whole number > 0, got ${minutes}`);
    }
  }

  const rows: TimeLimit[] = [
    ...CUSTOMER_CLASSES.map(
      (customerClass): TimeLimit => ({
        kind: 'supply_plan_reply',
        customerClass,
        deadline: 'replyDueAt',
        limit: SUPPLY_PLAN_DAYS[customerClass],
        unit: 'working_days',
        clause: '三、1',
        fromStandard: true,
        description: `供电方案答复（${CLASS_LABELS[customerClass]}）`,
        startsAt: 'application accepted',
      }),
    ),
    ...CUSTOMER_CLASSES.map(
      (customerClass): TimeLimit => ({
        kind: 'connection',
        customerClass,
        deadline: 'connectDueAt',
        limit: CONNECTION_DAYS[customerClass],
        unit: 'working_days',
        clause: '三、2',
        fromStandard: true,
        description: `装表接电送电（${customerClass === 'resident' ? '居民' : `非居民·${CLASS_LABELS[customerClass]}`}）`,
        startsAt: "customer's installation passed inspection and the formalities were completed",
      }),
    ),
    {
      kind: 'counter_payment',
      deadline: 'completeDueAt',
      limit: 5,
      unit: 'minutes',
      clause: '三、3',
      fromStandard: true,
      description: '居民客户收费业务办理（每件）',
      startsAt: 'customer starts being served at the counter',
      note: COUNTER_NOTE,
    },
    {
      kind: 'counter_business',
      deadline: 'completeDueAt',
      limit: 20,
      unit: 'minutes',
      clause: '三、3',
      fromStandard: true,
      description: '营业窗口业务办理（每件）',
      startsAt: 'customer starts being served at the counter',
      note: COUNTER_NOTE,
    },
    {
      kind: 'meter_test',
      deadline: 'resultDueAt',
      limit: 5,
      unit: 'working_days',
      clause: '三、4',
      fromStandard: true,
      description: '计费电能表校验，出具检测结果',
      startsAt: 'meter test request accepted',
    },
    {
      kind: 'reading_dispute',
      deadline: 'replyDueAt',
      limit: 7,
      unit: 'working_days',
      clause: '三、4',
      fromStandard: true,
      description: '抄表数据异常，核实并答复',
      startsAt: 'customer reported the abnormal reading',
    },
    {
      kind: 'complaint',
      deadline: 'contactDueAt',
      limit: 1,
      unit: 'working_days',
      clause: '三、5',
      fromStandard: true,
      description: '受理投诉后联系客户',
      startsAt: 'complaint accepted',
    },
    {
      kind: 'complaint',
      deadline: 'replyDueAt',
      limit: 7,
      unit: 'working_days',
      clause: '三、5',
      fromStandard: true,
      description: '受理投诉后答复处理意见',
      startsAt: 'complaint accepted',
    },
    ...REPAIR_AREAS.map(
      (area): TimeLimit => ({
        kind: 'repair',
        area,
        deadline: 'arriveDueAt',
        limit: repairMinutes[area],
        unit: 'minutes',
        fromStandard: false,
        description: `故障抢修到达现场（${AREA_LABELS[area]}）`,
        startsAt: 'repair request accepted',
        note: REPAIR_NOTE,
      }),
    ),
  ];
  return Object.freeze(rows.map((row) => Object.freeze(row)));
}

/** The table with the default repair minutes. */
export const TIME_LIMITS: readonly TimeLimit[] = buildTimeLimits();
