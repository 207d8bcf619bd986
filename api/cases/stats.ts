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

/** Cases accepted today (Beijing day), in the last 7 and the last 30 days. */
export interface AcceptedCounts {
  today: number;
  days7: number;
  days30: number;
}

/** The counts and the few unanswered follow-ups: a few dozen rows at any history size. */
export async function readStats(tickets: TicketStore, now: Date) {
  const startOfToday = new Date(Date.parse(`${shanghaiDate(now)}T00:00:00+08:00`));
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
  const [counts, unanswered, today, days7, days30] = await Promise.all([
    tickets.counts(now),
    tickets.unansweredFollowUps(UNANSWERED_SHOWN),
    tickets.countAcceptedSince(startOfToday),
    tickets.countAcceptedSince(daysAgo(7)),
    tickets.countAcceptedSince(daysAgo(30)),
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
