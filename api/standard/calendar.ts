/**
 * Working-day calendar for mainland China (weekends and statutory holidays off, make-up working
 * days, 调休, on).
 *
 * Where the answer comes from, per year:
 * 1. a year listed in the operator's overrides file (calendar-overrides.yaml) is taken from that
 *    file alone: its `holidays` are off, its `workdays` are on, every other day follows the weekday
 *    rule. The year is confirmed.
 * 2. else a year for which chinese-days ships holiday data (2004–2026 in 1.5.7) is taken from that
 *    data and is confirmed.
 * 3. else the weekday rule (Monday–Friday on) is applied and the answer is NOT confirmed.
 *
 * chinese-days' functions silently apply the weekday rule outside its data, so coverage is decided
 * here, per year: a year is covered when the data lists at least one statutory holiday in it.
 *
 * The data is read from the JSON file chinese-days publishes (dist/chinese-days.json, documented in
 * its README), not through its functions: chinese-days 1.5.7 builds its tables at import time, and
 * reads dates, in the process's local time zone. In a zone west of UTC (e.g. America/Los_Angeles)
 * both are a day off: cd.isWorkday('2025-09-27') (a Saturday) answers true, and a Date at local noon
 * of 2025-09-28 (a make-up working day) answers false. The JSON file is generated once at publish
 * time and does not depend on the server's time zone. It is imported as a JSON module, so a Workers
 * bundle carries it (built in) and Node reads it with the code.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import chineseDaysJson from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';

/** A civil date, 'YYYY-MM-DD'. */
export type IsoDate = string;

export interface DayStatus {
  workday: boolean;
  /** False when the year is known neither to chinese-days nor to the overrides (weekday rule used). */
  confirmed: boolean;
}

export interface WorkdayCalendar {
  isWorkday(date: IsoDate): DayStatus;
  /**
   * The n-th working day AFTER date (the date itself is not counted; n = 0 returns date).
   * `confirmed` is false when any day looked at (date+1 … result) lies in an unconfirmed year.
   */
  addWorkdays(date: IsoDate, n: number): { date: IsoDate; confirmed: boolean };
}

/** Where the calendar takes a year from. */
export type YearSource = 'overrides' | 'chinese-days' | 'weekday_rule';

export interface ConfiguredWorkdayCalendar extends WorkdayCalendar {
  yearSource(year: number): YearSource;
}

export interface CalendarYearOverride {
  /** Days off (statutory holidays); weekend dates may be listed too and change nothing. */
  readonly holidays: readonly IsoDate[];
  /** Make-up working days (调休), each a Saturday or Sunday. */
  readonly workdays: readonly IsoDate[];
}

export interface CalendarOverrides {
  /** Keyed by the four-digit year, e.g. '2027'. */
  readonly years: Readonly<Record<string, CalendarYearOverride>>;
}

export interface WorkdayCalendarOptions {
  overrides?: CalendarOverrides;
  /**
   * The years whose chinese-days data is used (and counted as confirmed). Default: every year the
   * installed chinese-days has holiday data for. A listed year without such data is refused.
   */
  knownYears?: readonly number[];
}

/**
 * The overrides file shipped next to this module (Node). A Workers bundle has no `import.meta.url`
 * and reads no files: it is given the parsed overrides instead (`calendarOverridesFrom`).
 */
export const DEFAULT_CALENDAR_OVERRIDES_PATH = import.meta.url
  ? fileURLToPath(new URL('./calendar-overrides.yaml', import.meta.url))
  : 'calendar-overrides.yaml';

const DAY_MS = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

interface CivilDate {
  year: number;
  month: number;
  day: number;
}

function parseCivilDate(date: string): CivilDate | undefined {
  const match = ISO_DATE.exec(date);
  if (!match) return undefined;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  const probe = new Date(Date.UTC(year, month - 1, day));
  probe.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) {
    return undefined;
  }
  return { year, month, day };
}

/** True for a real calendar date written as 'YYYY-MM-DD'. */
export function isIsoDate(value: string): boolean {
  return parseCivilDate(value) !== undefined;
}

function requireCivilDate(date: string): CivilDate {
  const parsed = parseCivilDate(date);
  if (!parsed) throw new RangeError(`not a calendar date in the form YYYY-MM-DD: ${JSON.stringify(date)}`);
  return parsed;
}

function utcMs({ year, month, day }: CivilDate): number {
  const at = new Date(Date.UTC(year, month - 1, day));
  at.setUTCFullYear(year);
  return at.getTime();
}

function formatUtcDay(ms: number): IsoDate {
  const at = new Date(ms);
  const year = String(at.getUTCFullYear()).padStart(4, '0');
  const month = String(at.getUTCMonth() + 1).padStart(2, '0');
  const day = String(at.getUTCDate()).padStart(2, '0');
  return `${year}-${month}-${day}`;
}

/** The day after, as 'YYYY-MM-DD'. */
export function nextDay(date: IsoDate): IsoDate {
  return formatUtcDay(utcMs(requireCivilDate(date)) + DAY_MS);
}

function isWeekend(date: CivilDate): boolean {
  const weekday = new Date(utcMs(date)).getUTCDay();
  return weekday === 0 || weekday === 6;
}

/** Monday to Friday; false for anything that is not a valid date (reported elsewhere). */
function isValidWeekday(date: string): boolean {
  const civil = parseCivilDate(date);
  return civil !== undefined && !isWeekend(civil);
}

const libraryDataSchema = z.object({
  holidays: z.record(z.string(), z.string()),
  workdays: z.record(z.string(), z.string()),
});

interface LibraryData {
  holidays: ReadonlySet<IsoDate>;
  workdays: ReadonlySet<IsoDate>;
  years: ReadonlySet<number>;
}

let libraryData: LibraryData | undefined;

/** chinese-days' published holiday data, read once. */
function chineseDaysData(): LibraryData {
  if (!libraryData) {
    const raw = libraryDataSchema.parse(chineseDaysJson as unknown);
    const holidays = Object.keys(raw.holidays).filter(isIsoDate);
    libraryData = {
      holidays: new Set(holidays),
      workdays: new Set(Object.keys(raw.workdays).filter(isIsoDate)),
      years: new Set(holidays.map((date) => Number(date.slice(0, 4)))),
    };
  }
  return libraryData;
}

/** Whether the installed chinese-days has statutory-holiday data for that year. */
export function chineseDaysCoversYear(year: number): boolean {
  return chineseDaysData().years.has(year);
}

/** The years the installed chinese-days has statutory-holiday data for, ascending. */
export function chineseDaysYears(): number[] {
  return [...chineseDaysData().years].sort((a, b) => a - b);
}

interface YearRule {
  holidays: ReadonlySet<IsoDate>;
  workdays: ReadonlySet<IsoDate>;
}

export function createWorkdayCalendar(options: WorkdayCalendarOptions = {}): ConfiguredWorkdayCalendar {
  const overrideYears = new Map<number, YearRule>();
  for (const [key, entry] of Object.entries(options.overrides?.years ?? {})) {
    overrideYears.set(Number(key), { holidays: new Set(entry.holidays), workdays: new Set(entry.workdays) });
  }

  const knownYears = options.knownYears ? new Set(options.knownYears) : undefined;
  for (const year of knownYears ?? []) {
    if (!chineseDaysCoversYear(year)) {
      throw new RangeError(`chinese-days has no holiday data for ${year}; list that year in the overrides`);
    }
  }

  function yearSource(year: number): YearSource {
    if (overrideYears.has(year)) return 'overrides';
    if (knownYears ? knownYears.has(year) : chineseDaysCoversYear(year)) return 'chinese-days';
    return 'weekday_rule';
  }

  function statusOf(date: IsoDate, civil: CivilDate): DayStatus {
    const source = yearSource(civil.year);
    const rule = source === 'chinese-days' ? chineseDaysData() : overrideYears.get(civil.year);
    if (rule?.workdays.has(date)) return { workday: true, confirmed: true };
    if (rule?.holidays.has(date)) return { workday: false, confirmed: true };
    return { workday: !isWeekend(civil), confirmed: source !== 'weekday_rule' };
  }

  return {
    yearSource,
    isWorkday(date) {
      return statusOf(date, requireCivilDate(date));
    },
    addWorkdays(date, n) {
      if (!Number.isSafeInteger(n) || n < 0) {
        throw new RangeError(`the number of working days must be a whole number ≥ 0, got ${n}`);
      }
      let ms = utcMs(requireCivilDate(date));
      let current = date;
      let confirmed = true;
      for (let remaining = n; remaining > 0; ) {
        ms += DAY_MS;
        current = formatUtcDay(ms);
        const status = statusOf(current, requireCivilDate(current));
        if (!status.confirmed) confirmed = false;
        if (status.workday) remaining -= 1;
      }
      return { date: current, confirmed };
    },
  };
}

// ---------------------------------------------------------------------------------------------
// The overrides file

/** A malformed overrides file; `issues` name each problem (in Chinese, for the operator). */
export class CalendarOverridesError extends Error {
  override readonly name = 'CalendarOverridesError';
  constructor(readonly issues: readonly string[]) {
    super(`节假日覆盖文件有误：${issues.join('；')}`);
  }
}

const dateListSchema = z
  .array(
    z.string({ error: '日期须写成 YYYY-MM-DD 字符串' }).refine(isIsoDate, {
      error: (issue) => `“${String(issue.input)}”不是有效日期（须为 YYYY-MM-DD）`,
    }),
    { error: '须为日期列表，如 [2027-01-01]' },
  )
  .nullish()
  .transform((dates) => [...new Set(dates ?? [])].sort());

const yearSchema = z
  .object(
    { holidays: dateListSchema, workdays: dateListSchema },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `未知字段 ${issue.keys.join('、')}（每个年份只能有 holidays 和 workdays）`
          : issue.code === 'invalid_type'
            ? '每个年份须含 holidays 和/或 workdays 列表'
            : undefined,
    },
  )
  .strict()
  .nullish()
  .transform((entry) => entry ?? { holidays: [], workdays: [] });

const overridesSchema = z
  .object(
    {
      years: z
        .record(z.string().regex(/^\d{4}$/), yearSchema, {
          error: (issue) =>
            issue.code === 'invalid_key'
              ? '年份须为四位数字，如 2027'
              : issue.code === 'invalid_type'
                ? 'years 须为按年份排列的表'
                : undefined,
        })
        .nullish()
        .transform((years) => years ?? {}),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `未知字段 ${issue.keys.join('、')}（顶层只能有 years）`
          : issue.code === 'invalid_type'
            ? '文件内容须为含 years 的表'
            : undefined,
    },
  )
  .strict()
  .superRefine((file, ctx) => {
    for (const [year, entry] of Object.entries(file.years)) {
      const holidays = new Set(entry.holidays);
      for (const [list, dates] of [
        ['holidays', entry.holidays],
        ['workdays', entry.workdays],
      ] as const) {
        dates.forEach((date, index) => {
          if (!date.startsWith(`${year}-`)) {
            ctx.addIssue({
              code: 'custom',
              path: ['years', year, list, index],
              message: `${date} 不属于 ${year} 年`,
            });
          }
        });
      }
      entry.workdays.forEach((date, index) => {
        if (holidays.has(date)) {
          ctx.addIssue({
            code: 'custom',
            path: ['years', year, 'workdays', index],
            message: `${date} 不能同时是放假日和调休上班日`,
          });
        } else if (isValidWeekday(date)) {
          ctx.addIssue({
            code: 'custom',
            path: ['years', year, 'workdays', index],
            message: `${date} 不是周六或周日，调休上班日应为周末`,
          });
        }
      });
    }
  });

/** Parses and checks the YAML text of an overrides file; throws CalendarOverridesError. */
export function parseCalendarOverrides(yamlText: string): CalendarOverrides {
  let document: unknown;
  try {
    document = parseYaml(yamlText);
  } catch (error) {
    throw new CalendarOverridesError([`YAML 格式错误：${(error as Error).message}`]);
  }
  return calendarOverridesFrom(document);
}

/** Checks an already parsed overrides document (both runtimes); throws CalendarOverridesError. */
export function calendarOverridesFrom(document: unknown): CalendarOverrides {
  const parsed = overridesSchema.safeParse(document ?? {});
  if (!parsed.success) {
    throw new CalendarOverridesError(
      parsed.error.issues.map((issue) => {
        const where = issue.path.map(String).join('.');
        return where ? `${where}：${issue.message}` : issue.message;
      }),
    );
  }
  return parsed.data;
}

/** Reads and checks an overrides file (by default the one shipped next to this module). */
export function loadCalendarOverrides(path: string = DEFAULT_CALENDAR_OVERRIDES_PATH): CalendarOverrides {
  return parseCalendarOverrides(readFileSync(path, 'utf8'));
}

/** The calendar the service uses: chinese-days plus the default overrides file. */
export function createDefaultWorkdayCalendar(path?: string): ConfiguredWorkdayCalendar {
  return createWorkdayCalendar({ overrides: loadCalendarOverrides(path) });
}
