import type { Account, Application, ApplicationEvent, Bill } from '../../db/account-store.js';
import { yuan } from '../../knowledge/tariff.js';
import { chineseDate, dueDay, shanghaiDate } from '../standard/beijing-time.js';
import type { WorkdayCalendar } from '../standard/calendar.js';
import { computeDeadlines } from '../standard/deadlines.js';
import { TIME_LIMITS } from '../standard/time-limits.js';
import { maskName } from './identity.js';

/** Customer-facing descriptions of an account's bills and applications (Simplified Chinese, Beijing dates). */

export function accountLabel(account: Account): string {
  return `户号${account.accountNumber}（${maskName(account.name)}）`;
}

function periodLabel(period: string): string {
  const [year, month] = period.split('-');
  return `${year}年${Number(month)}月`;
}

export function describeBill(bill: Bill): string {
  const usage = bill.usageKwh !== null ? `，用电${bill.usageKwh}度` : '';
  const due = bill.dueDate ? `，缴费截止日期${chineseDate(bill.dueDate)}` : '';
  const status = bill.status === 'paid' ? '已缴清' : '未缴';
  return `${periodLabel(bill.period)}电费${yuan(bill.amountFen)}元${usage}${due}，状态：${status}。`;
}

/**
 * "为什么这个月这么贵": the latest bill beside the one before it, usage and amount; undefined when
 * there is only one.
 */
export function compareBills(bills: Bill[]): string | undefined {
  const [latest, previous] = bills;
  if (!latest || !previous) return undefined;
  const amount = latest.amountFen - previous.amountFen;
  const usage =
    latest.usageKwh !== null && previous.usageKwh !== null ? latest.usageKwh - previous.usageKwh : undefined;
  const now = `${periodLabel(latest.period)}电费${yuan(latest.amountFen)}元${latest.usageKwh !== null ? `（用电${latest.usageKwh}度）` : ''}`;
  const before = `${periodLabel(previous.period)}的${yuan(previous.amountFen)}元${previous.usageKwh !== null ? `（用电${previous.usageKwh}度）` : ''}`;
  const change = amount >= 0 ? `多${yuan(amount)}元` : `少${yuan(-amount)}元`;
  const why =
    usage === undefined
      ? ''
      : usage > 0
        ? `，主要是用电量多了${usage}度：电费按用电量和政府批准的电价计算，居民阶梯电价下用得越多，超出部分单价越高`
        : usage < 0
          ? `，用电量少了${-usage}度`
          : '，用电量相同';
  return `${now}，比${before}${change}${why}。如果您认为抄表读数有误，可以申请核实（回复“抄表数据不对”）。`;
}

/** "过了截止日期会停电吗": the unpaid bills' due dates; undefined when everything is paid. */
export function dueDates(bills: Bill[]): string | undefined {
  const unpaid = bills.filter((b) => b.status === 'unpaid');
  if (unpaid.length === 0) return undefined;
  return unpaid
    .map(
      (b) =>
        `${periodLabel(b.period)}电费${yuan(b.amountFen)}元${b.dueDate ? `，缴费截止日期${chineseDate(b.dueDate)}` : ''}`,
    )
    .join('；');
}

export interface BillQuery {
  /** YYYY-MM when the customer named a month. */
  period?: string;
  /** "我欠费了吗", "还欠多少": the unpaid balance. */
  unpaid: boolean;
}

const MONTHS_EN = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];
const CHINESE_NUMBERS: Record<string, number> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
  十: 10,
  十一: 11,
  十二: 12,
};

/** Which bill a message asks about, read against today's Beijing date. */
export function parseBillQuery(text: string, now: Date): BillQuery {
  const unpaid = /欠|没交|没缴|未交|未缴|交了没|缴了没|交清|owe|unpaid|outstanding|overdue/.test(text);
  const today = shanghaiDate(now);
  const thisYear = Number(today.slice(0, 4));
  const thisMonth = Number(today.slice(5, 7));
  const monthsAgo = (n: number) => {
    const index = thisYear * 12 + (thisMonth - 1) - n;
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  };
  if (/上上个?月/.test(text)) return { period: monthsAgo(2), unpaid };
  if (/上个?月|last month/.test(text)) return { period: monthsAgo(1), unpaid };
  if (/这个月|本月|当月|this month/.test(text)) return { period: monthsAgo(0), unpaid };
  const full = /(\d{4})\s*[年\-/.]\s*(\d{1,2})\s*月?/.exec(text);
  if (full) return { period: `${full[1]}-${String(Number(full[2])).padStart(2, '0')}`, unpaid };
  const monthOnly = /(?<!\d)(\d{1,2})\s*月|([一二三四五六七八九十]{1,3})月/.exec(text);
  const englishMonth = MONTHS_EN.findIndex((m) => new RegExp(`\\b${m}\\b`).test(text));
  const month = monthOnly
    ? Number(monthOnly[1] ?? CHINESE_NUMBERS[monthOnly[2] ?? ''] ?? 0)
    : englishMonth + 1;
  if (month >= 1 && month <= 12) {
    // A month later than this one means last year's.
    const year = month > thisMonth ? thisYear - 1 : thisYear;
    return { period: `${year}-${String(month).padStart(2, '0')}`, unpaid };
  }
  return { unpaid };
}

export function answerBills(account: Account, bills: Bill[], query: BillQuery): string {
  const label = accountLabel(account);
  if (bills.length === 0) return `${label}暂无电费账单记录。`;
  if (query.period) {
    const bill = bills.find((b) => b.period === query.period);
    return bill
      ? `${label}${describeBill(bill)}`
      : `${label}没有${periodLabel(query.period)}的账单记录。最近一期：${describeBill(bills[0] as Bill)}`;
  }
  const unpaid = bills.filter((b) => b.status === 'unpaid');
  const totalFen = unpaid.reduce((sum, b) => sum + b.amountFen, 0);
  const balance = unpaid.length
    ? `目前有${unpaid.length}期未缴，合计${yuan(totalFen)}元：${unpaid.map((b) => `${periodLabel(b.period)}${yuan(b.amountFen)}元`).join('，')}。`
    : '目前没有欠费，所有账单均已缴清。';
  if (query.unpaid) return `${label}${balance}`;
  return `${label}最近一期：${describeBill(bills[0] as Bill)}${balance}`;
}

const STAGE_NAMES: Record<string, string> = {
  accepted: '受理',
  supply_plan_reply: '供电方案答复',
  design_review: '设计审查',
  midway_inspection: '中间检查',
  completion_inspection: '竣工检验',
  connection: '装表接电',
  done: '已送电',
};

export function stageName(stage: string): string {
  return STAGE_NAMES[stage] ?? stage;
}

export interface StageDue {
  dueAt: Date;
  limitDays: number;
  calendarConfirmed: boolean;
}

/** Stages the standard puts a clock on: which limit, and the day the clock starts. */
const STAGE_CLOCKS: Record<
  string,
  {
    kind: 'supply_plan_reply' | 'connection';
    startsOn(a: Application, e: ApplicationEvent[]): string | undefined;
  }
> = {
  supply_plan_reply: { kind: 'supply_plan_reply', startsOn: (application) => application.acceptedOn },
  // The connection clock starts when the installation passed inspection: the connection stage's start.
  connection: {
    kind: 'connection',
    startsOn: (_, events) => events.findLast((e) => e.stage === 'connection')?.startedOn,
  },
};

/** The standard's due instant for an application's current stage, where the standard sets one. */
export function currentStageDue(
  application: Application,
  events: ApplicationEvent[],
  account: Account,
  calendar: WorkdayCalendar,
): StageDue | undefined {
  const clock = STAGE_CLOCKS[application.currentStage];
  const startsOn = clock?.startsOn(application, events);
  if (!clock || !startsOn) return undefined;
  const customerClass = account.customerClass;
  const limit = TIME_LIMITS.find((l) => l.kind === clock.kind && l.customerClass === customerClass);
  const { deadlines, calendarConfirmed } = computeDeadlines(
    { kind: clock.kind, customerClass, acceptedAt: new Date(`${startsOn}T00:00:00+08:00`) },
    calendar,
  );
  const dueAt = limit && deadlines[limit.deadline];
  return dueAt && limit ? { dueAt, limitDays: limit.limit, calendarConfirmed } : undefined;
}

export function describeApplication(
  application: Application,
  events: ApplicationEvent[],
  account: Account,
  calendar: WorkdayCalendar,
  now: Date,
): string {
  const head = `申请编号${application.number}（${application.kind}，${chineseDate(application.acceptedOn)}受理）当前环节：${stageName(application.currentStage)}`;
  const started = events.findLast((e) => e.stage === application.currentStage)?.startedOn;
  const since = started && started !== application.acceptedOn ? `（${chineseDate(started)}进入该环节）` : '';
  if (application.currentStage === 'done') return `${head}，已完成送电。`;
  const due = currentStageDue(application, events, account, calendar);
  if (!due) return `${head}${since}。服务标准对该环节没有规定时限，我们会尽快办理。`;
  const deadline = chineseDate(dueDay(due.dueAt));
  const classLabel = account.classLabel;
  const rule =
    application.currentStage === 'supply_plan_reply'
      ? `按服务标准，${classLabel}客户供电方案应在受理后${due.limitDays}个工作日内答复`
      : `按服务标准，${classLabel}客户受电工程检验合格后应在${due.limitDays}个工作日内装表接电`;
  const unconfirmed = due.calendarConfirmed ? '' : '（该日期所在年份的法定节假日尚未公布，按工作日推算）';
  if (now.getTime() >= due.dueAt.getTime()) {
    return `${head}${since}。${rule}，即${deadline}前完成，目前已超期。非常抱歉！我们会督促尽快办理；您也可以回复“投诉”登记，或拨打95598。${unconfirmed}`;
  }
  return `${head}${since}。${rule}，即最迟${deadline}完成。${unconfirmed}`;
}
