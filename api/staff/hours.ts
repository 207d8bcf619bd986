import { shanghaiDate, shanghaiTime } from '../standard/beijing-time.js';

/** When people answer handed-off conversations: a daily window in Beijing time, or always. */
export type StaffedHours = { always: true } | { always: false; openMinute: number; closeMinute: number };

export function parseStaffedHours(text: string): StaffedHours {
  if (text.trim() === 'always') return { always: true };
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text.trim());
  const [open, close] = match
    ? [Number(match[1]) * 60 + Number(match[2]), Number(match[3]) * 60 + Number(match[4])]
    : [];
  if (open === undefined || close === undefined || open >= close || close > 24 * 60) {
    throw new Error(`STAFFED_HOURS must look like 08:00-20:00 (Beijing time) or be "always", not "${text}"`);
  }
  return { always: false, openMinute: open, closeMinute: close };
}

function minuteOfDay(instant: Date): number {
  const [hours, minutes] = shanghaiTime(instant).split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

export function isStaffed(hours: StaffedHours, now: Date): boolean {
  if (hours.always) return true;
  const minute = minuteOfDay(now);
  return minute >= hours.openMinute && minute < hours.closeMinute;
}

/** The next moment the window opens (today's, if it has not opened yet; else tomorrow's). */
export function nextOpening(hours: StaffedHours, now: Date): Date {
  if (hours.always) return now;
  const today = shanghaiDate(now);
  const openToday = new Date(`${today}T00:00:00+08:00`).getTime() + hours.openMinute * 60_000;
  return new Date(minuteOfDay(now) < hours.openMinute ? openToday : openToday + 24 * 3600_000);
}
