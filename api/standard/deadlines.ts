/**
 * Due instants of a case, from the time-limit table and a working-day calendar.
 *
 * Rules (CONTRACT, "Service standard"):
 * - The acceptance day is the calendar day of `acceptedAt` in Asia/Shanghai (UTC+8, no daylight
 *   saving time); it is not counted.
 * - A limit of N working days ends at 24:00 Asia/Shanghai of the N-th working day after it.
 *   "24:00 of day D" is represented as the instant D+1 00:00 +08:00, i.e. D 16:00:00.000Z: the first
 *   instant that is late. A case is overdue when `now >= dueAt`.
 * - A limit in minutes (repair arrival, counter service) is `acceptedAt` plus those minutes.
 */
import { shanghaiDate } from './beijing-time.js';
import { nextDay, type WorkdayCalendar } from './calendar.js';

export { shanghaiDate };

import {
  buildTimeLimits,
  CUSTOMER_CLASSES,
  type CustomerClass,
  KIND_ALIASES,
  REPAIR_AREAS,
  type RepairArea,
  TIME_LIMITS,
  type TimeLimit,
  type TimeLimitOptions,
} from './time-limits.js';

export type DeadlineInputErrorCode =
  | 'missing_customer_class'
  | 'unknown_kind'
  | 'unknown_customer_class'
  | 'unknown_area'
  | 'invalid_date';

/** Input the caller got wrong; the API answers 400 with `code`. */
export class DeadlineInputError extends Error {
  override readonly name = 'DeadlineInputError';
  constructor(
    readonly code: DeadlineInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

export interface DeadlineInput {
  kind: string;
  /** Required for kinds whose limits depend on it (supply_plan_reply, connection); checked, else ignored. */
  customerClass?: string;
  /** Used by repair only (default 'city'); checked, else ignored. */
  area?: string;
  /** For `connection`, the moment the installation passed inspection. */
  acceptedAt: Date;
}

export interface DeadlineResult {
  /** Keyed by deadline name (e.g. contactDueAt), each a UTC instant. */
  deadlines: Record<string, Date>;
  /** False when any working day counted lies in a year the calendar could not confirm. */
  calendarConfirmed: boolean;
}

export type DeadlineOptions = TimeLimitOptions;

const MINUTE_MS = 60 * 1000;
// Keeps every day computed within four-digit years, so that it is always 'YYYY-MM-DD'.
const EARLIEST_ACCEPTED_MS = Date.parse('1000-01-01T00:00:00+08:00');
const LATEST_ACCEPTED_MS = Date.parse('9900-01-01T00:00:00+08:00');

/** 24:00 Asia/Shanghai of the given day, i.e. the next day 00:00 +08:00, as a Date. */
export function endOfShanghaiDay(date: string): Date {
  return new Date(`${nextDay(date)}T00:00:00.000+08:00`);
}

function isOneOf<T extends string>(values: readonly T[], value: string): value is T {
  return (values as readonly string[]).includes(value);
}

/** The table rows that apply to the input, or a DeadlineInputError. */
export function selectTimeLimits(
  input: Pick<DeadlineInput, 'kind' | 'customerClass' | 'area'>,
  table: readonly TimeLimit[] = TIME_LIMITS,
): TimeLimit[] {
  const kind = KIND_ALIASES[input.kind] ?? input.kind;
  let rows = table.filter((row) => row.kind === kind);
  if (rows.length === 0) throw new DeadlineInputError('unknown_kind', `unknown kind: ${input.kind}`);

  const customerClass = input.customerClass;
  if (customerClass !== undefined && !isOneOf(CUSTOMER_CLASSES, customerClass)) {
    throw new DeadlineInputError(
      'unknown_customer_class',
      `customerClass must be one of ${CUSTOMER_CLASSES.join(', ')}`,
    );
  }
  if (rows.some((row) => row.customerClass !== undefined)) {
    if (customerClass === undefined) {
      throw new DeadlineInputError(
        'missing_customer_class',
        `kind ${input.kind} needs customerClass (${CUSTOMER_CLASSES.join(', ')})`,
      );
    }
    rows = rows.filter((row) => row.customerClass === (customerClass satisfies CustomerClass));
  }

  const area = input.area ?? 'city';
  if (!isOneOf(REPAIR_AREAS, area)) {
    throw new DeadlineInputError('unknown_area', `area must be one of ${REPAIR_AREAS.join(', ')}`);
  }
  if (rows.some((row) => row.area !== undefined)) {
    rows = rows.filter((row) => row.area === (area satisfies RepairArea));
  }
  return rows;
}

export function computeDeadlines(
  input: DeadlineInput,
  calendar: WorkdayCalendar,
  options: DeadlineOptions = {},
): DeadlineResult {
  const acceptedMs = input.acceptedAt instanceof Date ? input.acceptedAt.getTime() : Number.NaN;
  if (!Number.isFinite(acceptedMs) || acceptedMs < EARLIEST_ACCEPTED_MS || acceptedMs >= LATEST_ACCEPTED_MS) {
    throw new DeadlineInputError('invalid_date', 'acceptedAt must be a valid date and time');
  }
  const table = options.repairArrivalMinutes ? buildTimeLimits(options) : TIME_LIMITS;
  const rows = selectTimeLimits(input, table);

  const acceptanceDay = shanghaiDate(input.acceptedAt);
  const deadlines: Record<string, Date> = {};
  let calendarConfirmed = true;
  for (const row of rows) {
    if (row.unit === 'minutes') {
      deadlines[row.deadline] = new Date(acceptedMs + row.limit * MINUTE_MS);
    } else {
      const due = calendar.addWorkdays(acceptanceDay, row.limit);
      deadlines[row.deadline] = endOfShanghaiDay(due.date);
      if (!due.confirmed) calendarConfirmed = false;
    }
  }
  return { deadlines, calendarConfirmed };
}
