import type { CaseCounts, TicketStore } from '../../db/ticket-store.js';
import { CASE_KIND_NAMES, CASE_KINDS, CASE_STATUSES, followsUp } from '../../vocabulary/case-kinds.js';

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
    followUpCoverage: closedCases ? counts.followUps / closedCases : 1,
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

/** The counts and the few unanswered follow-ups: a few dozen rows at any history size. */
export async function readStats(tickets: TicketStore, now: Date) {
  const [counts, unanswered] = await Promise.all([
    tickets.counts(now),
    tickets.unansweredFollowUps(UNANSWERED_SHOWN),
  ]);
  return {
    stats: serviceStats(
      counts,
      unanswered.map((t) => t.number),
    ),
    kinds: casesByKind(counts),
  };
}
