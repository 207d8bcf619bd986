import { afterEach, describe, expect, it } from 'vitest';
import {
  CalendarOverridesError,
  chineseDaysCoversYear,
  chineseDaysYears,
  createDefaultWorkdayCalendar,
  createWorkdayCalendar,
  DEFAULT_CALENDAR_OVERRIDES_PATH,
  loadCalendarOverrides,
  nextDay,
  parseCalendarOverrides,
} from './calendar.js';
import { computeDeadlines, DeadlineInputError, endOfShanghaiDay, shanghaiDate } from './deadlines.js';
import { CUSTOMER_CLASSES, TIME_LIMIT_KINDS, TIME_LIMITS } from './time-limits.js';

const calendar = createWorkdayCalendar();

/** Every date from `from` to `to`, both included. */
function datesFrom(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) {
    dates.push(new Date(at).toISOString().slice(0, 10));
  }
  return dates;
}

/** A moment given in Beijing time, e.g. beijing('2025-09-30 10:00'). */
function beijing(dateTime: string): Date {
  return new Date(`${dateTime.replace(' ', 'T')}:00+08:00`);
}

/** The instant that ends (24:00 Beijing time) the given day, written out by hand in UTC. */
function endOf(date: string): string {
  return new Date(Date.parse(`${date}T16:00:00.000Z`)).toISOString();
}

function isoDeadlines(result: { deadlines: Record<string, Date> }): Record<string, string> {
  return Object.fromEntries(Object.entries(result.deadlines).map(([name, at]) => [name, at.toISOString()]));
}

// Official notices: 国务院办公厅关于2025年部分节假日安排的通知 (国办发明电〔2024〕12号) and
// 国务院办公厅关于2026年部分节假日安排的通知.
const OFFICIAL_DAYS_OFF: [string, string, string][] = [
  ['2025 Spring Festival', '2025-01-28', '2025-02-04'],
  ['2025 Labour Day', '2025-05-01', '2025-05-05'],
  ['2025 National Day and Mid-Autumn', '2025-10-01', '2025-10-08'],
  ['2026 Spring Festival', '2026-02-15', '2026-02-23'],
  ['2026 Labour Day', '2026-05-01', '2026-05-05'],
  ['2026 National Day', '2026-10-01', '2026-10-07'],
];

const OFFICIAL_MAKE_UP_DAYS: [string, string][] = [
  ['2025 Spring Festival', '2025-01-26'], // Sunday
  ['2025 Spring Festival', '2025-02-08'], // Saturday
  ['2025 Labour Day', '2025-04-27'], // Sunday
  ['2025 National Day and Mid-Autumn', '2025-09-28'], // Sunday
  ['2025 National Day and Mid-Autumn', '2025-10-11'], // Saturday
  ['2026 Spring Festival', '2026-02-14'], // Saturday
  ['2026 Spring Festival', '2026-02-28'], // Saturday
  ['2026 Labour Day', '2026-05-09'], // Saturday
  ['2026 National Day', '2026-09-20'], // Sunday
  ['2026 National Day', '2026-10-10'], // Saturday
];

describe('the working-day calendar', () => {
  it.each(OFFICIAL_DAYS_OFF)(
    'gives every day of the %s break (%s to %s) off, as confirmed',
    (_, from, to) => {
      for (const date of datesFrom(from, to)) {
        expect({ date, ...calendar.isWorkday(date) }).toEqual({ date, workday: false, confirmed: true });
      }
    },
  );

  it.each(OFFICIAL_DAYS_OFF)('works again on the weekday after the %s break (%s to %s)', (_, _from, to) => {
    expect(calendar.isWorkday(nextDay(to))).toEqual({ workday: true, confirmed: true });
  });

  it.each(OFFICIAL_MAKE_UP_DAYS)(
    'makes the weekend day of the %s arrangement, %s, a working day',
    (_, date) => {
      const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
      expect([0, 6]).toContain(weekday);
      expect(calendar.isWorkday(date)).toEqual({ workday: true, confirmed: true });
    },
  );

  it.each([
    ['an ordinary Saturday', '2025-10-18', false],
    ['an ordinary Sunday', '2026-03-08', false],
    ['an ordinary Monday', '2025-10-13', true],
    ['New Year’s Day 2026 (Thursday)', '2026-01-01', false],
    ['the New Year make-up Sunday 2026-01-04', '2026-01-04', true],
  ])('knows %s (%s)', (_, date, workday) => {
    expect(calendar.isWorkday(date)).toEqual({ workday, confirmed: true });
  });

  it('knows the chinese-days data covers 2004 to 2026 and nothing after', () => {
    const years = chineseDaysYears();
    expect(years[0]).toBe(2004);
    expect(years.at(-1)).toBe(2026);
    expect(chineseDaysCoversYear(2027)).toBe(false);
    expect(calendar.yearSource(2026)).toBe('chinese-days');
    expect(calendar.yearSource(2027)).toBe('weekday_rule');
  });

  it.each([
    ['a Monday', '2027-01-04', true],
    ['a Friday that is New Year’s Day', '2027-01-01', true],
    ['a Saturday', '2027-01-02', false],
    ['a day before 2004', '2003-10-01', true],
  ])('applies the weekday rule, unconfirmed, to %s of a year nobody knows (%s)', (_, date, workday) => {
    expect(calendar.isWorkday(date)).toEqual({ workday, confirmed: false });
  });

  it('counts the n-th working day after a date, skipping the holiday and counting the make-up Saturday', () => {
    expect(calendar.addWorkdays('2025-09-30', 1)).toEqual({ date: '2025-10-09', confirmed: true });
    expect(calendar.addWorkdays('2025-09-30', 3)).toEqual({ date: '2025-10-11', confirmed: true });
    expect(calendar.addWorkdays('2025-09-30', 7)).toEqual({ date: '2025-10-16', confirmed: true });
    expect(calendar.addWorkdays('2025-09-30', 0)).toEqual({ date: '2025-09-30', confirmed: true });
  });

  it('reports a count that runs into an unknown year as unconfirmed', () => {
    expect(calendar.addWorkdays('2026-12-30', 1)).toEqual({ date: '2026-12-31', confirmed: true });
    expect(calendar.addWorkdays('2026-12-30', 2)).toEqual({ date: '2027-01-01', confirmed: false });
  });

  it.each([['2025-02-29'], ['2025-13-01'], ['2025-9-30'], ['not a date']])('refuses the date %j', (date) => {
    expect(() => calendar.isWorkday(date)).toThrow(RangeError);
    expect(() => calendar.addWorkdays(date, 1)).toThrow(RangeError);
  });

  it.each([[-1], [1.5], [Number.NaN]])('refuses %s as a number of working days', (n) => {
    expect(() => calendar.addWorkdays('2025-09-30', n)).toThrow(RangeError);
  });

  it('refuses to trust chinese-days for a year it has no data for', () => {
    expect(() => createWorkdayCalendar({ knownYears: [2026, 2027] })).toThrow(/2027/);
  });

  it('uses the weekday rule, unconfirmed, for a year left out of knownYears', () => {
    const only2025 = createWorkdayCalendar({ knownYears: [2025] });
    expect(only2025.isWorkday('2025-10-11')).toEqual({ workday: true, confirmed: true });
    expect(only2025.isWorkday('2026-10-10')).toEqual({ workday: false, confirmed: false });
  });

  describe('whatever the server’s time zone', () => {
    const originalTz = process.env.TZ;
    afterEach(() => {
      if (originalTz === undefined) delete process.env.TZ;
      else process.env.TZ = originalTz;
    });

    it.each([['America/Los_Angeles'], ['UTC'], ['Asia/Shanghai'], ['Pacific/Kiritimati']])(
      'gives the same answers in %s',
      (tz) => {
        process.env.TZ = tz;
        const local = createWorkdayCalendar();
        expect(local.isWorkday('2025-09-27')).toEqual({ workday: false, confirmed: true });
        expect(local.isWorkday('2025-09-28')).toEqual({ workday: true, confirmed: true });
        expect(local.isWorkday('2027-01-04')).toEqual({ workday: true, confirmed: false });
        const result = computeDeadlines(
          { kind: 'complaint', acceptedAt: beijing('2025-09-30 07:30') },
          local,
        );
        expect(isoDeadlines(result)).toEqual({
          contactDueAt: endOf('2025-10-09'),
          replyDueAt: endOf('2025-10-16'),
        });
      },
    );
  });
});

describe('the calendar overrides file', () => {
  const HYPOTHETICAL_2027 = `
# test fixture only: NOT the official 2027 arrangement
years:
  2027:
    holidays: [2027-01-01]
    workdays: []
`;

  it('ships without any invented year and loads cleanly', () => {
    expect(DEFAULT_CALENDAR_OVERRIDES_PATH).toMatch(/calendar-overrides\.yaml$/);
    expect(loadCalendarOverrides()).toEqual({ years: {} });
    expect(createDefaultWorkdayCalendar().yearSource(2027)).toBe('weekday_rule');
  });

  it('reads holidays and make-up working days per year, sorted and without repeats', () => {
    const overrides = parseCalendarOverrides(`
years:
  2027:
    holidays: [2027-02-08, 2027-02-05, 2027-02-05]
    workdays:
      - 2027-02-20
`);
    expect(overrides).toEqual({
      years: { '2027': { holidays: ['2027-02-05', '2027-02-08'], workdays: ['2027-02-20'] } },
    });
  });

  it.each([
    ['an empty file', ''],
    ['only comments', '# nothing yet\n'],
    ['an empty table', 'years: {}'],
    ['a year with nothing listed', 'years:\n  2027:\n'],
  ])('accepts %s', (_, text) => {
    expect(() => parseCalendarOverrides(text)).not.toThrow();
  });

  it.each([
    ['an impossible date', 'years:\n  2027:\n    holidays: [2027-02-30]', '2027-02-30'],
    ['a date in the wrong format', 'years:\n  2027:\n    holidays: [2027-2-5]', '2027-2-5'],
    ['a date filed under another year', 'years:\n  2027:\n    holidays: [2028-01-03]', '不属于 2027 年'],
    [
      'a date both off and on',
      'years:\n  2027:\n    holidays: [2027-02-06]\n    workdays: [2027-02-06]',
      '不能同时',
    ],
    ['a make-up working day on a weekday', 'years:\n  2027:\n    workdays: [2027-02-08]', '周六或周日'],
    ['a year that is not four digits', 'years:\n  27:\n    holidays: []', '四位数字'],
    ['an unknown list', 'years:\n  2027:\n    vacations: [2027-01-01]', 'vacations'],
    ['an unknown top-level key', 'year:\n  2027: {}', '未知字段 year'],
    ['a list instead of a table', '- 2027-01-01', 'years'],
    ['broken YAML', 'years: [', 'YAML'],
  ])('refuses %s, naming the problem', (_, text, problem) => {
    let error: unknown;
    try {
      parseCalendarOverrides(text);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(CalendarOverridesError);
    expect((error as Error).message).toContain(problem);
  });

  it('makes a listed year confirmed and skips its holidays', () => {
    const withOverrides = createWorkdayCalendar({ overrides: parseCalendarOverrides(HYPOTHETICAL_2027) });
    expect(withOverrides.yearSource(2027)).toBe('overrides');
    expect(withOverrides.isWorkday('2027-01-01')).toEqual({ workday: false, confirmed: true });
    expect(withOverrides.isWorkday('2027-01-04')).toEqual({ workday: true, confirmed: true });
    expect(withOverrides.isWorkday('2027-01-02')).toEqual({ workday: false, confirmed: true });
    expect(withOverrides.isWorkday('2028-01-03')).toEqual({ workday: true, confirmed: false });
  });

  it('replaces the chinese-days data for a year it lists', () => {
    const overrides = parseCalendarOverrides('years:\n  2026:\n    holidays: [2026-03-02]\n');
    const replaced = createWorkdayCalendar({ overrides });
    expect(replaced.isWorkday('2026-03-02')).toEqual({ workday: false, confirmed: true });
    expect(replaced.isWorkday('2026-10-01')).toEqual({ workday: true, confirmed: true });
  });
});

describe('the time-limit table', () => {
  it('has a row for every kind', () => {
    expect(new Set(TIME_LIMITS.map((row) => row.kind))).toEqual(new Set(TIME_LIMIT_KINDS));
  });

  it.each([
    ['supply_plan_reply', 'resident', 'replyDueAt', 3, '三、1'],
    ['supply_plan_reply', 'low_voltage', 'replyDueAt', 7, '三、1'],
    ['supply_plan_reply', 'high_voltage_single', 'replyDueAt', 15, '三、1'],
    ['supply_plan_reply', 'high_voltage_dual', 'replyDueAt', 30, '三、1'],
    ['connection', 'resident', 'connectDueAt', 3, '三、2'],
    ['connection', 'low_voltage', 'connectDueAt', 5, '三、2'],
    ['connection', 'high_voltage_single', 'connectDueAt', 5, '三、2'],
    ['connection', 'high_voltage_dual', 'connectDueAt', 5, '三、2'],
    ['meter_test', undefined, 'resultDueAt', 5, '三、4'],
    ['reading_dispute', undefined, 'replyDueAt', 7, '三、4'],
    ['complaint', undefined, 'contactDueAt', 1, '三、5'],
    ['complaint', undefined, 'replyDueAt', 7, '三、5'],
  ])('sets %s (%s) %s to %i working days, from clause %s', (kind, customerClass, deadline, limit, clause) => {
    const row = TIME_LIMITS.find(
      (r) => r.kind === kind && r.customerClass === customerClass && r.deadline === deadline,
    );
    expect(row).toMatchObject({ limit, unit: 'working_days', clause, fromStandard: true });
    expect(row?.description).toMatch(/\p{Script=Han}/u);
  });

  it.each([
    ['counter_payment', 5],
    ['counter_business', 20],
  ])('sets the counter service %s to %i minutes per item (三、3)', (kind, limit) => {
    expect(TIME_LIMITS.find((r) => r.kind === kind)).toMatchObject({
      limit,
      unit: 'minutes',
      clause: '三、3',
      fromStandard: true,
    });
  });

  it.each([
    ['city', 45],
    ['rural', 90],
    ['remote', 120],
  ])('flags the %s repair arrival default of %i minutes as not from the standard', (area, limit) => {
    const row = TIME_LIMITS.find((r) => r.kind === 'repair' && r.area === area);
    expect(row).toMatchObject({ deadline: 'arriveDueAt', limit, unit: 'minutes', fromStandard: false });
    expect(row?.clause).toBeUndefined();
    expect(row?.note).toContain('运营方确认');
  });
});

describe('computing deadlines', () => {
  it('answers the CONTRACT example: a complaint accepted 2025-09-30 10:00 Beijing time', () => {
    const result = computeDeadlines({ kind: 'complaint', acceptedAt: beijing('2025-09-30 10:00') }, calendar);
    expect(isoDeadlines(result)).toEqual({
      contactDueAt: '2025-10-09T16:00:00.000Z',
      replyDueAt: '2025-10-16T16:00:00.000Z',
    });
    expect(result.calendarConfirmed).toBe(true);
  });

  it('represents 24:00 Beijing time of a day as 00:00 +08:00 of the next day', () => {
    expect(endOfShanghaiDay('2025-10-09').toISOString()).toBe('2025-10-09T16:00:00.000Z');
    expect(endOfShanghaiDay('2025-12-31').toISOString()).toBe('2025-12-31T16:00:00.000Z');
  });

  it.each([
    ['23:30 Beijing time, still the same UTC day', '2025-10-15T15:30:00Z', '2025-10-15', '2025-10-16'],
    ['07:30 Beijing time, the previous UTC day', '2025-10-14T23:30:00Z', '2025-10-15', '2025-10-16'],
    ['the last millisecond of a Beijing day', '2025-10-15T15:59:59.999Z', '2025-10-15', '2025-10-16'],
    ['midnight Beijing time', '2025-10-15T16:00:00Z', '2025-10-16', '2025-10-17'],
    [
      '07:30 Beijing time on the last day before National Day',
      '2025-09-29T23:30:00Z',
      '2025-09-30',
      '2025-10-09',
    ],
  ])('counts from the Beijing calendar day when accepted at %s', (_, acceptedAt, day, contactDay) => {
    const at = new Date(acceptedAt);
    expect(shanghaiDate(at)).toBe(day);
    const result = computeDeadlines({ kind: 'complaint', acceptedAt: at }, calendar);
    expect(result.deadlines.contactDueAt?.toISOString()).toBe(endOf(contactDay));
  });

  it('counts from the first working day when accepted on a holiday', () => {
    const result = computeDeadlines({ kind: 'complaint', acceptedAt: beijing('2025-10-03 15:00') }, calendar);
    expect(isoDeadlines(result)).toEqual({
      contactDueAt: endOf('2025-10-09'),
      replyDueAt: endOf('2025-10-16'),
    });
  });

  // Accepted Tuesday 2025-09-30; working days after it: 10-09, 10-10, 10-11 (make-up Saturday),
  // 10-13 … 10-17, 10-20 … 10-24, 10-27 …
  it.each([
    ['complaint', undefined, { contactDueAt: '2025-10-09', replyDueAt: '2025-10-16' }],
    ['report', undefined, { contactDueAt: '2025-10-09', replyDueAt: '2025-10-16' }],
    ['meter_test', undefined, { resultDueAt: '2025-10-14' }],
    ['reading_dispute', undefined, { replyDueAt: '2025-10-16' }],
    ['supply_plan_reply', 'resident', { replyDueAt: '2025-10-11' }],
    ['supply_plan_reply', 'low_voltage', { replyDueAt: '2025-10-16' }],
    ['supply_plan_reply', 'high_voltage_single', { replyDueAt: '2025-10-28' }],
    ['supply_plan_reply', 'high_voltage_dual', { replyDueAt: '2025-11-18' }],
    ['connection', 'resident', { connectDueAt: '2025-10-11' }],
    ['connection', 'low_voltage', { connectDueAt: '2025-10-14' }],
    ['connection', 'high_voltage_single', { connectDueAt: '2025-10-14' }],
    ['connection', 'high_voltage_dual', { connectDueAt: '2025-10-14' }],
    ['meter_test', 'resident', { resultDueAt: '2025-10-14' }],
  ])('gives %s (class %s) accepted 2025-09-30 its deadlines', (kind, customerClass, days) => {
    const result = computeDeadlines(
      { kind, customerClass, acceptedAt: beijing('2025-09-30 10:00') },
      calendar,
    );
    const expected = Object.fromEntries(Object.entries(days).map(([name, day]) => [name, endOf(day)]));
    expect(isoDeadlines(result)).toEqual(expected);
    expect(result.calendarConfirmed).toBe(true);
  });

  it.each([
    [undefined, '2025-09-30T02:45:00.000Z'],
    ['city', '2025-09-30T02:45:00.000Z'],
    ['rural', '2025-09-30T03:30:00.000Z'],
    ['remote', '2025-09-30T04:00:00.000Z'],
  ])('gives a repair in area %s an arrival time in minutes, holidays or not', (area, arriveDueAt) => {
    const result = computeDeadlines(
      { kind: 'repair', area, acceptedAt: beijing('2025-09-30 10:00') },
      calendar,
    );
    expect(isoDeadlines(result)).toEqual({ arriveDueAt });
    expect(result.calendarConfirmed).toBe(true);
  });

  it('lets the operator change the repair arrival minutes', () => {
    const result = computeDeadlines(
      { kind: 'repair', area: 'rural', acceptedAt: beijing('2025-10-01 10:00') },
      calendar,
      { repairArrivalMinutes: { rural: 60 } },
    );
    expect(isoDeadlines(result)).toEqual({ arriveDueAt: '2025-10-01T03:00:00.000Z' });
  });

  it.each([
    ['supply_plan_reply', { kind: 'supply_plan_reply' }, 'missing_customer_class'],
    ['connection', { kind: 'connection' }, 'missing_customer_class'],
    ['an unknown kind', { kind: 'outage_notice' }, 'unknown_kind'],
    ['an empty kind', { kind: '' }, 'unknown_kind'],
    ['an unknown class', { kind: 'connection', customerClass: 'industrial' }, 'unknown_customer_class'],
    [
      'an unknown class on a complaint',
      { kind: 'complaint', customerClass: 'vip' },
      'unknown_customer_class',
    ],
    ['an unknown repair area', { kind: 'repair', area: 'island' }, 'unknown_area'],
  ])('refuses %s with a typed error', (_, input, code) => {
    let error: unknown;
    try {
      computeDeadlines({ ...input, acceptedAt: beijing('2025-09-30 10:00') }, calendar);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DeadlineInputError);
    expect(error).toMatchObject({ code });
  });

  it.each([
    ['an invalid Date', new Date('nonsense')],
    ['a date beyond year 9900', new Date('9999-06-01T00:00:00Z')],
  ])('refuses %s as acceptedAt', (_, acceptedAt) => {
    expect(() => computeDeadlines({ kind: 'complaint', acceptedAt }, calendar)).toThrow(
      expect.objectContaining({ code: 'invalid_date' }),
    );
  });

  it('accepts every customer class for supply_plan_reply', () => {
    for (const customerClass of CUSTOMER_CLASSES) {
      const result = computeDeadlines(
        { kind: 'supply_plan_reply', customerClass, acceptedAt: beijing('2026-03-02 09:00') },
        calendar,
      );
      expect(Object.keys(result.deadlines)).toEqual(['replyDueAt']);
    }
  });

  describe('in 2027, whose official arrangement is not known here', () => {
    it('reports a deadline counted into 2027 as unconfirmed, using the weekday rule', () => {
      const result = computeDeadlines(
        { kind: 'complaint', acceptedAt: beijing('2026-12-31 10:00') },
        calendar,
      );
      expect(result.deadlines.contactDueAt?.toISOString()).toBe(endOf('2027-01-01'));
      expect(result.calendarConfirmed).toBe(false);
    });

    it('reports the case as unconfirmed when only its later deadline runs into 2027', () => {
      const result = computeDeadlines(
        { kind: 'complaint', acceptedAt: beijing('2026-12-30 10:00') },
        calendar,
      );
      expect(result.deadlines.contactDueAt?.toISOString()).toBe(endOf('2026-12-31'));
      expect(result.calendarConfirmed).toBe(false); // replyDueAt runs into 2027
    });

    it('is confirmed and skips the holiday once the overrides file lists 2027', () => {
      const overrides = parseCalendarOverrides(
        '# test fixture only, not the official 2027 arrangement\nyears:\n  2027:\n    holidays: [2027-01-01]\n',
      );
      const withOverrides = createWorkdayCalendar({ overrides });
      const result = computeDeadlines(
        { kind: 'complaint', acceptedAt: beijing('2026-12-31 10:00') },
        withOverrides,
      );
      // 2027-01-01 (Friday) is off, 01-02 and 01-03 are the weekend: the first working day is 01-04.
      expect(isoDeadlines(result)).toEqual({
        contactDueAt: endOf('2027-01-04'),
        replyDueAt: endOf('2027-01-12'),
      });
      expect(result.calendarConfirmed).toBe(true);
    });
  });
});
