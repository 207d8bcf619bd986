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

/**
 * Whether a deadline still ahead is due soon at `now`; and the latest due instant that is, so that
 * the scanner reads only the deadlines up to it.
 */
export interface DueSoonRule {
  (dueAt: Date, now: Date): boolean;
  /** The latest instant a deadline may be due and be due soon at `now` (all before it are too). */
  horizon(now: Date): Date;
}

/** Due soon within `ms` of clock time. */
export function clockDueSoonRule(ms: number): DueSoonRule {
  return Object.assign((dueAt: Date, now: Date) => dueAt > now && dueAt.getTime() - now.getTime() <= ms, {
    horizon: (now: Date) => new Date(now.getTime() + ms),
  });
}

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
  const isDueSoon = (dueAt: Date, now: Date) =>
    dueAt.getTime() > now.getTime() && workingMsBetween(now, dueAt, calendar, office, limit) <= limit;
  return Object.assign(isDueSoon, { horizon: (now: Date) => workingHorizon(now, limit, calendar, office) });
}

/**
 * The last instant up to which at most `limit` of working time passes after `from`: where the
 * limit is reached inside office hours, that instant; where it is reached at a closing time, the
 * next opening (nothing more is counted until then, so everything before it is as near).
 */
export function workingHorizon(
  from: Date,
  limit: number,
  calendar: WorkdayCalendar,
  office: OfficeHours,
): Date {
  let remaining = limit;
  let date = shanghaiDate(from);
  for (let day = 0; day < 3660; day += 1, date = nextDay(date)) {
    if (!calendar.isWorkday(date).workday) continue;
    const [open, close] = windowOf(date, office);
    const start = Math.max(open, from.getTime());
    if (start >= close) continue;
    if (remaining < close - start) return new Date(start + remaining);
    remaining -= close - start;
  }
  return new Date(8_640_000_000_000_000);
}
