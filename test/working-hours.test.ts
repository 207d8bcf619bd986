import { describe, expect, it } from 'vitest';
import { createDefaultWorkdayCalendar } from '../api/standard/calendar.js';
import { createDueSoonRule, parseOfficeHours, workingMsBetween } from '../api/standard/working-hours.js';

const calendar = createDefaultWorkdayCalendar();
const office = parseOfficeHours('08:30-17:30');
/** A Beijing wall-clock time as an instant. */
const beijing = (text: string) => new Date(`${text}+08:00`);
const hours = (ms: number) => ms / 3600_000;

describe('working time between two instants', () => {
  it('counts only office hours of working days', () => {
    // Friday 13:00 to Friday 24:00: 13:00-17:30.
    expect(
      hours(workingMsBetween(beijing('2026-12-04T13:00'), beijing('2026-12-05T00:00'), calendar, office)),
    ).toBe(4.5);
    // Friday 16:30 to Monday 24:00: one hour on Friday, the weekend not at all, nine on Monday.
    expect(
      hours(workingMsBetween(beijing('2026-12-04T16:30'), beijing('2026-12-08T00:00'), calendar, office)),
    ).toBe(10);
  });

  it('counts nothing on a public holiday', () => {
    expect(workingMsBetween(beijing('2026-10-01T00:00'), beijing('2026-10-02T00:00'), calendar, office)).toBe(
      0,
    );
  });

  it('takes `always` as whole working days', () => {
    const allDay = parseOfficeHours('always');
    expect(
      hours(workingMsBetween(beijing('2026-12-04T00:00'), beijing('2026-12-07T00:00'), calendar, allDay)),
    ).toBe(24);
  });
});

describe('due soon in working hours', () => {
  const isDueSoon = createDueSoonRule(4, calendar, office);
  const fridayMidnight = beijing('2026-12-05T00:00');

  it('is due soon from four office hours before the deadline', () => {
    expect(isDueSoon(fridayMidnight, beijing('2026-12-04T13:00'))).toBe(false);
    expect(isDueSoon(fridayMidnight, beijing('2026-12-04T13:30'))).toBe(true);
  });

  it('does not count a weekend towards the warning', () => {
    const mondayMidnight = beijing('2026-12-08T00:00');
    expect(isDueSoon(mondayMidnight, beijing('2026-12-04T17:00'))).toBe(false);
    expect(isDueSoon(mondayMidnight, beijing('2026-12-07T13:30'))).toBe(true);
  });

  it('leaves a passed deadline to the overdue rule', () => {
    expect(isDueSoon(fridayMidnight, beijing('2026-12-05T01:00'))).toBe(false);
  });
});

describe('the end of the due-soon window, where the scanner stops reading', () => {
  const isDueSoon = createDueSoonRule(4, calendar, office);

  it('is four office hours ahead, or the next opening when they end at a closing time', () => {
    expect(isDueSoon.horizon(beijing('2026-12-04T09:00'))).toEqual(beijing('2026-12-04T13:00'));
    // Friday 13:30 + 4 h ends at 17:30: everything up to Monday's opening is as near.
    expect(isDueSoon.horizon(beijing('2026-12-04T13:30'))).toEqual(beijing('2026-12-07T08:30'));
    expect(isDueSoon.horizon(beijing('2026-12-04T16:30'))).toEqual(beijing('2026-12-07T11:30'));
    // Over the National Day holidays (October 1–7, 2026): 2.5 hours on the 30th, 1.5 on the 8th.
    expect(isDueSoon.horizon(beijing('2026-09-30T15:00'))).toEqual(beijing('2026-10-08T10:00'));
  });

  it('agrees with the rule: a deadline ahead is due soon exactly when it is due by the horizon', () => {
    for (const start of ['2026-12-04T09:00', '2026-12-04T13:30', '2026-12-05T10:00', '2026-09-30T15:00']) {
      const now = beijing(start);
      const horizon = isDueSoon.horizon(now).getTime();
      for (let minutes = 1; minutes <= 14 * 24 * 60; minutes += 7) {
        const dueAt = new Date(now.getTime() + minutes * 60_000);
        expect(isDueSoon(dueAt, now)).toBe(dueAt.getTime() <= horizon);
      }
      expect(isDueSoon(new Date(horizon), now)).toBe(true);
      expect(isDueSoon(new Date(horizon + 1), now)).toBe(false);
    }
  });
});
