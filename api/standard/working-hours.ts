import { parseStaffedHours } from '../staff/hours.js';
import { shanghaiDate } from './beijing-time.js';
import { nextDay, type WorkdayCalendar } from './calendar.js';

/** Office hours on working days, in minutes after Beijing midnight. */
export interface OfficeHours {
  openMinute: number;
  closeMinute: number;
}

const BEIJING_OFFSET_MS = 8 * 3600_000;

/** '08:30-17:30' (Beijing time), or 'always' for the whole of every working day. */
export function parseOfficeHours(text: string): OfficeHours {
  const hours = parseStaffedHours(text);
  return hours.always ? { openMinute: 0, closeMinute: 24 * 60 } : hours;
}

/** The office window of a Beijing date, as UTC instants. */
function windowOf(date: string, office: OfficeHours): [number, number] {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const midnight = Date.UTC(y, m - 1, d) - BEIJING_OFFSET_MS;
  return [midnight + office.openMinute * 60_000, midnight + office.closeMinute * 60_000];
}

/**
 * Working time between two instants: office hours of working days (holidays and 调休 as the
 * calendar says). Stops counting once `cap` is passed, so far-off deadlines cost little.
 */
export function workingMsBetween(
  from: Date,
  to: Date,
  calendar: WorkdayCalendar,
  office: OfficeHours,
  cap = Number.POSITIVE_INFINITY,
): number {
  let total = 0;
  let date = shanghaiDate(from);
  const last = shanghaiDate(to);
  for (let day = 0; day < 3660 && date <= last && total <= cap; day += 1, date = nextDay(date)) {
    if (!calendar.isWorkday(date).workday) continue;
    const [open, close] = windowOf(date, office);
    total += Math.max(0, Math.min(close, to.getTime()) - Math.max(open, from.getTime()));
  }
  return total;
}

/** Whether a deadline still ahead is due soon: within `hours` working hours of now. */
export type DueSoonRule = (dueAt: Date, now: Date) => boolean;

/**
 * "Due soon" in working hours, as staff experience it: a deadline at 24:00 on Friday is due soon
 * from Friday 13:30 with 4 working hours and office hours 08:30-17:30, not from Friday 20:00.
 */
export function createDueSoonRule(
  hours: number,
  calendar: WorkdayCalendar,
  office: OfficeHours,
): DueSoonRule {
  const limit = hours * 3600_000;
  return (dueAt, now) =>
    dueAt.getTime() > now.getTime() && workingMsBetween(now, dueAt, calendar, office, limit) <= limit;
}
