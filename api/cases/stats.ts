import type { CaseCounts, TicketStore } from '../../db/ticket-store.js';
import { CASE_KIND_NAMES, CASE_KINDS, CASE_STATUSES, followsUp } from '../../vocabulary/case-kinds.js';
import { shanghaiDate } from '../standard/beijing-time.js';

/** How many of the follow-ups still waiting for a rating the statistics name. */
export const UNANSWERED_SHOWN = 20;

/** Follow-up coverage and satisfaction (standard 四、2), from the counts. */
export function serviceStats(counts: CaseCounts, unanswered: string[]) {
  const closedCases = CASE_KINDS.filter(followsUp).reduce((n, kind) => n + counts.byKind[kind].closed, 0);
  return {
    /** Closed cases of the kinds that follow up (complaint, report, repair). */
    closedCases,
    followedUp: counts.followUps,
    answered: counts.followUpsAnswered,
    /** The numbers of the latest follow-ups still waiting for a rating (at most UNANSWERED_SHOWN)… */
    unanswered,
    /** …and how many wait in all. */
    unansweredCount: counts.followUps - counts.followUpsAnswered,
    /** null over no closed case (shown "—"): a rate over nothing is not 100 %. */
    followUpCoverage: closedCases ? counts.followUps / closedCases : null,
    ratings: counts.ratings,
    satisfactionRate: counts.ratings ? counts.ratingsSatisfied / counts.ratings : null,
  };
}

export type ServiceStats = ReturnType<typeof serviceStats>;

/** Each kind of case: how many, how many on time, how many overdue (the dashboard's chart). */
export function casesByKind(counts: CaseCounts) {
  return CASE_KINDS.map((kind) => {
    const total = CASE_STATUSES.reduce((n, status) => n + counts.byKind[kind][status], 0);
    const overdue = counts.overdueByKind[kind];
    return { kind, name: CASE_KIND_NAMES[kind], total, onTime: total - overdue, overdue };
  });
}

/** Cases accepted today, in the last 7 and the last 30 days (Beijing calendar days, today included). */
export interface AcceptedCounts {
  today: number;
  days7: number;
  days30: number;
}

const DAY_MS = 86_400_000;

/**
 * The dashboard's periods as [from, until): today is the Asia/Shanghai calendar day of `now` (its
 * midnight to the next; China keeps no daylight saving time, so a day is 24 hours); 7 and 30 days
 * are that many calendar days ending with today.
 */
export function acceptedWindows(now: Date): Record<keyof AcceptedCounts, { from: Date; until: Date }> {
  const startOfToday = Date.parse(`${shanghaiDate(now)}T00:00:00+08:00`);
  const until = new Date(startOfToday + DAY_MS);
  const days = (n: number) => ({ from: new Date(startOfToday - (n - 1) * DAY_MS), until });
  return { today: days(1), days7: days(7), days30: days(30) };
}

/** The counts and the few unanswered follow-ups: a few dozen rows at any history size. */
export async function readStats(tickets: TicketStore, now: Date) {
  const windows = acceptedWindows(now);
  const accepted = (period: keyof AcceptedCounts) =>
    tickets.countAccepted(windows[period].from, windows[period].until);
  const [counts, unanswered, today, days7, days30] = await Promise.all([
    tickets.counts(now),
    tickets.unansweredFollowUps(UNANSWERED_SHOWN),
    accepted('today'),
    accepted('days7'),
    accepted('days30'),
  ]);
  return {
    accepted: { today, days7, days30 } satisfies AcceptedCounts,
    stats: serviceStats(
      counts,
      unanswered.map((t) => t.number),
    ),
    kinds: casesByKind(counts),
  };
}
