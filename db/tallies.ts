import { and, eq, exists, isNotNull, isNull, sql } from 'drizzle-orm';
import type { CaseKind, CaseStatus } from '../vocabulary/case-kinds.js';
import type { Db } from './handle.js';
import { tallies, tickets } from './schema.js';

/**
 * Counts kept in the same write as what they count, so that the statistics read a few rows at any
 * history size. The fixed names exist from the migration on (with the counts of the data then);
 * the per-kind-and-status ones are made by their first case.
 */
export const TALLY = {
  /** Cases of a kind now in a status. */
  cases: (kind: CaseKind, status: CaseStatus) => `cases:${kind}:${status}`,
  /** Closed cases followed up (a rating asked for in chat, or marked for a phone call). */
  followUps: 'follow_ups',
  /** …of which the customer answered with a rating. */
  followUpsAnswered: 'follow_ups_answered',
  ratings: 'ratings',
  /** Ratings of SATISFIED_FROM or more. */
  ratingsSatisfied: 'ratings_satisfied',
  /**
   * Overdue escalations the scanner recorded: not shown as a count, but the live updates' signal
   * that a case became overdue (an open case list or dashboard compares it with what it showed).
   */
  overdueEscalations: 'overdue_escalations',
} as const;

/** A score from which a rating counts as satisfied (满意: 4 or 5 of 5). */
export const SATISFIED_FROM = 4;

/** Adds `by` to a tally, making it when it does not exist yet (a statement for `atomic`). */
export function addToTally(on: Db, name: string, by = 1) {
  return on
    .insert(tallies)
    .values({ name, n: by })
    .onConflictDoUpdate({ target: tallies.name, set: { n: sql`${tallies.n} + ${by}` } });
}

/** The name of a case's tally in SQL, from its row: moves with the case inside one write. */
const caseTallyOf = (ticketId: string) =>
  sql`(select 'cases:' || ${tickets.kind} || ':' || ${tickets.status} from ${tickets} where ${tickets.id} = ${ticketId})`;

/** Before a case's status changes: one fewer in its kind and current status. */
export function leaveCaseTally(on: Db, ticketId: string) {
  return on
    .update(tallies)
    .set({ n: sql`${tallies.n} - 1` })
    .where(eq(tallies.name, caseTallyOf(ticketId)));
}

/** After a case's status changed: one more in its kind and new status. */
export function joinCaseTally(on: Db, ticketId: string) {
  return on
    .insert(tallies)
    .select(
      on
        .select({
          name: sql<string>`'cases:' || ${tickets.kind} || ':' || ${tickets.status}`.as('name'),
          n: sql<number>`1`.as('n'),
        })
        .from(tickets)
        .where(eq(tickets.id, ticketId)),
    )
    .onConflictDoUpdate({ target: tallies.name, set: { n: sql`${tallies.n} + 1` } });
}

/**
 * One more in a fixed tally when the case is in the given state (read before the write that
 * changes it, in the same unit): a follow-up or an answer counts once per case.
 */
export function addToTallyIf(
  on: Db,
  name: string,
  ticketId: string,
  state: 'not_followed_up' | 'unanswered',
) {
  const condition =
    state === 'not_followed_up'
      ? isNull(tickets.followedUpAt)
      : and(isNotNull(tickets.followedUpAt), isNull(tickets.ratedAt));
  return on
    .update(tallies)
    .set({ n: sql`${tallies.n} + 1` })
    .where(
      and(
        eq(tallies.name, name),
        exists(
          on
            .select({ one: sql`1` })
            .from(tickets)
            .where(and(eq(tickets.id, ticketId), condition)),
        ),
      ),
    );
}

/** Every tally by name (a few dozen rows whatever the history). */
export async function readTallies(db: Db): Promise<Map<string, number>> {
  const rows = await db.select().from(tallies).all();
  return new Map(rows.map((row) => [row.name, row.n]));
}
