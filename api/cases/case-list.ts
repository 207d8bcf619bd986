import { z } from 'zod';
import type { CaseFilter, Ticket, TicketStore } from '../../db/ticket-store.js';
import { CASE_KINDS, CASE_STATUSES } from '../../vocabulary/case-kinds.js';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, pageQuery } from '../routes/paging.js';
import { parseOrThrow } from '../routes/validation.js';

/**
 * The staff list of cases as `GET /v1/tickets` and the console's case pages read it: filters,
 * search, a page size and the cursor of the page before.
 */
export const caseListQuery = z.object({
  status: z.enum(CASE_STATUSES).optional(),
  kind: z.enum(CASE_KINDS).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  q: z.string().max(64).optional(),
  ...pageQuery,
});
export type CaseListQuery = z.infer<typeof caseListQuery>;
const ENUM_CODES = { status: 'unknown_status', kind: 'unknown_kind' };

/**
 * A cursor: where the page before ended, and the instant the walk through the pages began (which
 * cases count as overdue stays as it was then, so none moves between the two parts of the list).
 */
const caseCursor = z.object({
  asOf: z.number().int(),
  after: z.discriminatedUnion('part', [
    z.object({ part: z.literal('overdue'), dueAt: z.number().int(), id: z.string().max(200) }),
    z.object({ part: z.literal('newest'), acceptedAt: z.number().int(), id: z.string().max(200) }),
  ]),
});

/**
 * The list's query from a request's parameters; 400 on anything else. An empty parameter is no
 * filter (the console's form sends `status=` for "all").
 */
export function parseCaseListQuery(query: Record<string, string>): CaseListQuery {
  const given = Object.fromEntries(Object.entries(query).filter(([, value]) => value !== ''));
  return parseOrThrow(caseListQuery, given, ENUM_CODES);
}

export function caseFilterOf(query: CaseListQuery): CaseFilter {
  return {
    ...(query.status ? { status: query.status } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(query.overdue ? { overdue: query.overdue === 'true' } : {}),
    ...(query.q?.trim() ? { q: query.q.trim() } : {}),
  };
}

/** One page of cases: overdue first, then newest, by keyset on the store's indexes. */
export async function readCaseList(
  tickets: TicketStore,
  query: CaseListQuery,
  now: Date,
): Promise<{ items: Ticket[]; nextCursor?: string }> {
  const cursor = query.cursor ? decodeCursor(query.cursor, caseCursor) : undefined;
  const asOf = cursor ? new Date(cursor.asOf) : now;
  const page = await tickets.page({
    filter: caseFilterOf(query),
    asOf,
    limit: query.limit ?? DEFAULT_PAGE_SIZE,
    ...(cursor ? { after: cursor.after } : {}),
  });
  return page.next
    ? { items: page.items, nextCursor: encodeCursor({ asOf: asOf.getTime(), after: page.next }) }
    : { items: page.items };
}
