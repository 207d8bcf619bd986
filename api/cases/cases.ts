import { chineseDate, dueDay, shanghaiDate, shanghaiTime } from '../standard/beijing-time.js';
import type { WorkdayCalendar } from '../standard/calendar.js';
import { computeDeadlines } from '../standard/deadlines.js';

/** The kinds of the contract (and of the web form). */
export const FORM_CASE_KINDS = ['complaint', 'repair', 'meter_test', 'reading_dispute', 'report'] as const;
/** Plus `callback`: a customer who asked for a person outside staffed hours is called back. */
export const CASE_KINDS = [...FORM_CASE_KINDS, 'callback'] as const;
export type CaseKind = (typeof CASE_KINDS)[number];
export const CASE_STATUSES = ['accepted', 'contacted', 'replied', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Number prefixes: TS 投诉, BX 报修, JY 校验, CB 抄表, JB 举报. */
const PREFIX: Record<CaseKind, string> = {
  complaint: 'TS',
  repair: 'BX',
  meter_test: 'JY',
  reading_dispute: 'CB',
  report: 'JB',
  callback: 'HD',
};

export const CASE_KIND_NAMES: Record<CaseKind, string> = {
  complaint: '投诉',
  repair: '故障报修',
  meter_test: '电能表校验',
  reading_dispute: '抄表数据异常核实',
  report: '举报',
  callback: '人工回电',
};

export const DEADLINE_NAMES: Record<string, string> = {
  contactDueAt: '联系您',
  replyDueAt: '答复处理意见',
  resultDueAt: '出具检测结果',
  arriveDueAt: '安排抢修人员到达现场',
  callbackDueAt: '人工客服与您联系',
};

/** Status a case must have reached for each deadline to be met. */
export const DEADLINE_MET_BY: Record<string, readonly CaseStatus[]> = {
  contactDueAt: ['contacted', 'replied', 'closed'],
  arriveDueAt: ['contacted', 'replied', 'closed'],
  callbackDueAt: ['contacted', 'replied', 'closed'],
  replyDueAt: ['replied', 'closed'],
  resultDueAt: ['replied', 'closed'],
};

/** TS20261126-0001: kind, Beijing day of acceptance, the day's sequence. */
export function caseNumber(kind: CaseKind, beijingDay: string, sequence: number): string {
  return `${PREFIX[kind]}${beijingDay.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

/** The deadlines of a case of this kind accepted now (a report, 举报, runs on the complaint clock). */
export function caseDeadlines(kind: CaseKind, acceptedAt: Date, calendar: WorkdayCalendar) {
  return computeDeadlines({ kind, acceptedAt }, calendar);
}

/** '2026年11月27日24:00前' for a day's end, '2026年11月26日10:45前' for a time of day (Beijing time). */
export function beijingDue(dueAt: Date): string {
  const time = shanghaiTime(dueAt);
  return time === '00:00'
    ? `${chineseDate(dueDay(dueAt))}24:00前`
    : `${chineseDate(shanghaiDate(dueAt))}${time}前`;
}
