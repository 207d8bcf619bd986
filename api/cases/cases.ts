import { CASE_KIND_TABLE, type CaseKind, type CaseStatus, deadlineMet } from '../../vocabulary/case-kinds.js';
import { chineseDate, dueDay, shanghaiDate, shanghaiTime } from '../standard/beijing-time.js';
import type { WorkdayCalendar } from '../standard/calendar.js';
import { computeDeadlines } from '../standard/deadlines.js';

/** TS20261126-0001: kind, Beijing day of acceptance, the day's sequence. */
export function caseNumber(kind: CaseKind, beijingDay: string, sequence: number): string {
  return `${CASE_KIND_TABLE[kind].prefix}${beijingDay.replaceAll('-', '')}-${String(sequence).padStart(4, '0')}`;
}

/**
 * The deadlines of a case of this kind accepted now, on the time limits its vocabulary row names
 * (a report, 举报, runs on the complaint's).
 */
export function caseDeadlines(kind: CaseKind, acceptedAt: Date, calendar: WorkdayCalendar) {
  const limits = CASE_KIND_TABLE[kind].timeLimits;
  if (limits === null) throw new Error(`a ${kind} case has no time limits of the standard`);
  return computeDeadlines({ kind: limits, acceptedAt }, calendar);
}

/** Unmet deadlines already past: what makes a case overdue. */
export function overdueDeadlines(
  ticket: { status: CaseStatus; deadlines: Record<string, number> },
  now: Date,
): string[] {
  return Object.entries(ticket.deadlines)
    .filter(([name, ms]) => ms <= now.getTime() && !deadlineMet(name, ticket.status))
    .map(([name]) => name);
}

/** '2026年11月27日24:00前' for a day's end, '2026年11月26日10:45前' for a time of day (Beijing time). */
export function beijingDue(dueAt: Date): string {
  const time = shanghaiTime(dueAt);
  return time === '00:00'
    ? `${chineseDate(dueDay(dueAt))}24:00前`
    : `${chineseDate(shanghaiDate(dueAt))}${time}前`;
}
